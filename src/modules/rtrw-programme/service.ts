// Use cases of the RT/RW support programme: training and attendance, BPJS
// Ketenagakerjaan, the monthly data package with the portal's measured use,
// and the honorarium. Every list starts from the heads in the caller's scope.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, conflict, fieldError, forbidden, notFound } from '../../lib/errors.js';
import { assertCovers } from '../../kernel/scope.js';
import { isWithin } from '../../kernel/regions.js';
import type { AuditRepo } from '../../kernel/audit.js';
import { auditFrom, type Ctx } from '../../kernel/context.js';
import { wallTimeToInstant } from '../../lib/zoned-time.js';
import type { MessageKey } from '../../i18n/index.js';
import type { PiiCipher } from '../../lib/pii.js';
import type { FileStorage } from '../../kernel/files/storage.js';
import { createClaimsService } from './claims-service.js';
import type { ScholarshipConfig } from './claims-rules.js';
import type { Pph21Config } from './honor-rules.js';
import { createHonorService } from './honor-service.js';
import type { MoneyRepo } from './money-repo.js';
import { canManage, programmePolicy } from './policy.js';
import { createProgrammeRepo, type Head, type ProgrammeRepo } from './repo.js';
import {
  addUsage,
  bytesToMb,
  canMoveClaim,
  checkPastDay,
  DATA_PACKAGE,
  dayOf,
  drainUsage,
  enrolmentCounts,
  missingTopics,
  monthOf,
  nextClaimStatuses,
  periodKind,
  rateFor,
  sum,
  type ClaimStatus,
  type Topic,
} from './rules.js';

export interface ProgrammeDeps {
  db: Db;
  clock: Clock;
  programme: ProgrammeRepo;
  audit: AuditRepo;
  timeZone: string;
  /** 0019: payment identities, honor tax and proof, claim files. */
  money: MoneyRepo;
  pii: PiiCipher;
  files: FileStorage;
  pph21: Pph21Config;
  scholarship: ScholarshipConfig;
}

export function createProgrammeService(d: ProgrammeDeps) {
  const { db, clock } = d;
  const usageBuffer = new Map<string, number>();
  const honor = createHonorService(d);
  const claims = createClaimsService(d);

  const assertManager = (ctx: Ctx) => {
    if (!canManage(ctx.scope.role)) throw forbidden();
  };
  /** The region a list covers: the caller's own unless they narrow it (404 outside scope). */
  const underOf = (ctx: Ctx, under?: string) => {
    const u = under || ctx.scope.regionCode;
    assertCovers(ctx.scope, u);
    return u;
  };
  const headOf = async (ctx: Ctx, userId: number) => {
    const h = await d.programme.findHead(db, ctx.scope, userId);
    if (!h) throw notFound();
    return h;
  };
  const heads = (ctx: Ctx, under?: string) => d.programme.heads(db, ctx.scope, underOf(ctx, under));
  const today = () => dayOf(clock.now(), d.timeZone);
  /** A day field: a real date, and (unless `future` is allowed) not after today. */
  const checkDay = (field: string, day: string, future = false) => {
    const r = checkPastDay(day, today());
    if (r === 'bad_date' || (r === 'future' && !future))
      throw fieldError(field, r === 'future' ? 'prog.future_date' : 'prog.bad_date');
  };
  const audit = (
    ctx: Ctx,
    action: string,
    entityId: string | number,
    regionCode: string,
    details?: Record<string, unknown>,
  ) =>
    d.audit.append(
      db,
      auditFrom(ctx, { action, entityType: 'rtrw_programme', entityId, regionCode, ...(details ? { details } : {}) }),
    );

  async function completionOf(list: Head[]) {
    const att = await d.programme.attendedBy(
      db,
      list.map((h) => h.id),
    );
    return list.map((h) => {
      const mine = att.filter((a) => a.user_id === h.id);
      return { head: h, attended: mine, missing: missingTopics(mine.map((a) => a.topic)) };
    });
  }

  /** A session with its invitations (every head in its region) and who attended. */
  async function trainingOf(ctx: Ctx, id: number) {
    const training = await d.programme.findTraining(db, ctx.scope, id);
    if (!training) throw notFound();
    const [invited, attendance] = await Promise.all([
      d.programme.heads(db, ctx.scope, training.region_code),
      d.programme.attendance(db, id),
    ]);
    return { training, invited, attendance };
  }

  return {
    ...honor,
    ...claims,
    currentMonth: () => monthOf(clock.now(), d.timeZone),

    // ── Training ──
    async createTraining(
      ctx: Ctx,
      input: { regionCode: string; topic: Topic; title: string; place: string; startsAt: string },
    ) {
      assertManager(ctx);
      assertCovers(ctx.scope, input.regionCode);
      // A datetime-local field sends no offset: 09:00 typed in the office is 09:00 in the city's zone.
      const startsAt = wallTimeToInstant(input.startsAt, d.timeZone);
      if (!startsAt) throw fieldError('startsAt', 'prog.bad_date');
      const t = await d.programme.insertTraining(db, {
        region_code: input.regionCode,
        topic: input.topic,
        title: input.title,
        place: input.place,
        starts_at: startsAt,
        attendance_token: randomBytes(18).toString('base64url'),
        created_by: ctx.scope.userId,
      });
      await audit(ctx, 'training.created', t.id, t.region_code, { topic: t.topic });
      return t;
    },
    trainings: (ctx: Ctx, under?: string) => d.programme.trainings(db, ctx.scope, underOf(ctx, under)),
    /** The next session a head is invited to (organised for their region, above it or below it), or null. */
    async nextTraining(ctx: Ctx) {
      if (!programmePolicy.own.includes(ctx.scope.role)) throw forbidden();
      return (await d.programme.upcomingTraining(db, ctx.scope.regionCode, clock.now())) ?? null;
    },
    training: trainingOf,
    /** The trainer ticks a head in the list. Idempotent. */
    async tickAttendance(ctx: Ctx, trainingId: number, userId: number) {
      assertManager(ctx);
      const { training, invited } = await trainingOf(ctx, trainingId);
      if (!invited.some((h) => h.id === userId)) throw notFound();
      const added = await d.programme.markAttended(db, training.id, userId, 'manual', clock.now());
      if (added) await audit(ctx, 'training.attended', training.id, training.region_code, { userId, method: 'manual' });
      return { added };
    },
    /** A signed-in head opens the QR link: marked present once, however often they open it. */
    async attendByToken(ctx: Ctx, token: string) {
      if (!programmePolicy.own.includes(ctx.scope.role)) throw forbidden();
      const training = await d.programme.findTrainingByToken(db, token);
      // Only heads invited to this session (their RT/RW lies in its region).
      if (!training || !isWithin(training.region_code, ctx.scope.regionCode)) throw notFound();
      const added = await d.programme.markAttended(db, training.id, ctx.scope.userId, 'qr', clock.now());
      if (added) await audit(ctx, 'training.attended', training.id, ctx.scope.regionCode, { method: 'qr' });
      return { training, added };
    },
    async completion(ctx: Ctx, under?: string) {
      return completionOf(await heads(ctx, under));
    },

    // ── BPJS Ketenagakerjaan ──
    async enrol(
      ctx: Ctx,
      userId: number,
      e: {
        membershipNumber: string;
        startDate: string;
        paidByCity: boolean;
        monthlyContribution: number;
        status: 'aktif' | 'nonaktif';
      },
    ) {
      assertManager(ctx);
      const h = await headOf(ctx, userId);
      checkDay('startDate', e.startDate, true);
      await d.programme.upsertEnrolment(
        db,
        {
          user_id: h.id,
          membership_number: e.membershipNumber,
          start_date: e.startDate,
          paid_by_city: e.paidByCity,
          monthly_contribution: e.monthlyContribution,
          status: e.status,
        },
        clock.now(),
      );
      await audit(ctx, 'bpjs.enrolled', h.id, h.region_code, { status: e.status });
    },
    async reportClaim(
      ctx: Ctx,
      userId: number,
      c: { kind: 'kecelakaan' | 'kematian'; description: string; occurredOn?: string | undefined },
    ) {
      assertManager(ctx);
      const h = await headOf(ctx, userId);
      const description = c.description.trim();
      if (!description) throw fieldError('description', 'prog.description_required');
      if (c.occurredOn) checkDay('occurredOn', c.occurredOn);
      const claim = await d.programme.insertClaim(db, {
        user_id: h.id,
        kind: c.kind,
        description,
        reported_at: clock.now(),
        occurred_on: c.occurredOn || null,
      });
      await audit(ctx, 'bpjs.claim_reported', claim.id, h.region_code, { kind: c.kind });
      return claim;
    },
    /** Moves a claim on (dilaporkan → diproses → dibayar / ditolak); the move, its note and date are kept as history. */
    async updateClaim(
      ctx: Ctx,
      claimId: number,
      u: { status: ClaimStatus; note?: string | undefined; effectiveOn?: string | undefined },
    ) {
      assertManager(ctx);
      const claim = await d.programme.findClaim(db, ctx.scope, claimId);
      if (!claim) throw notFound();
      if (!canMoveClaim(claim.status, u.status)) {
        throw fieldError(
          'status',
          nextClaimStatuses(claim.status).length ? 'prog.claim_bad_move' : 'prog.claim_final',
          { from: claim.status, to: u.status },
        );
      }
      const on = u.effectiveOn || today();
      checkDay('effectiveOn', on);
      const note = (u.note ?? '').trim();
      if (u.status === 'ditolak' && !note) throw fieldError('note', 'prog.claim_reason_required');
      if (u.status === 'diproses') {
        // A claim goes to BPJS only complete: every required document in, and for a death at least one heir.
        const r = await claims.readiness(claim.id, claim.kind);
        if (r.missing.length || r.needsHeir)
          throw new AppError(422, 'money.claim_incomplete', { count: r.missing.length }, [
            ...r.missing.map((item) => ({ field: `document_${item}`, key: `money.doc_missing.${item}` as MessageKey })),
            ...(r.needsHeir ? [{ field: 'heirs', key: 'money.heir_missing' as MessageKey }] : []),
          ]);
      }
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        if (!(await d.programme.moveClaim(trx, claim.id, claim.status, u.status))) throw conflict('prog.claim_changed');
        await d.programme.insertClaimEvent(trx, {
          claim_id: claim.id,
          from_status: claim.status,
          to_status: u.status,
          effective_on: on,
          note,
          recorded_at: now,
          recorded_by: ctx.scope.userId,
        });
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: 'bpjs.claim_status',
            entityType: 'rtrw_programme',
            entityId: claim.id,
            regionCode: claim.region_code,
            details: { from: claim.status, to: u.status, effectiveOn: on },
          }),
        );
      });
      return { id: claim.id, status: u.status };
    },
    /** Claims of the heads in a region, newest first, each with its history and the moves still open; and the heads one may report for. */
    async claimsList(ctx: Ctx, under?: string) {
      const u = underOf(ctx, under);
      const [list, claims] = await Promise.all([
        d.programme.heads(db, ctx.scope, u),
        d.programme.claimsUnder(db, ctx.scope, u),
      ]);
      const events = await d.programme.claimEvents(
        db,
        claims.map((c) => c.id),
      );
      return {
        heads: list,
        rows: claims.map((c) => ({
          claim: c,
          events: events.filter((e) => e.claim_id === c.id),
          next: nextClaimStatuses(c.status),
        })),
      };
    },
    /** One claim with its history (404 outside the scope). */
    async claim(ctx: Ctx, id: number) {
      const claim = await d.programme.findClaim(db, ctx.scope, id);
      if (!claim) throw notFound();
      const [events, file] = await Promise.all([d.programme.claimEvents(db, [id]), claims.claimFile(ctx, id)]);
      return { claim, events, next: nextClaimStatuses(claim.status), file };
    },
    /** Active enrolments the city pays for, with the month's total. */
    async bpjsMonthly(ctx: Ctx, under?: string) {
      const list = await heads(ctx, under);
      const enr = await d.programme.enrolments(
        db,
        list.map((h) => h.id),
      );
      const rows = list.flatMap((h) => {
        const e = enr.find((x) => x.user_id === h.id);
        return e && e.status === 'aktif' && e.paid_by_city ? [{ head: h, enrolment: e }] : [];
      });
      return {
        rows,
        total: sum(rows.map((r) => r.enrolment.monthly_contribution)),
        heads: list,
        enrolments: enr,
        counts: enrolmentCounts(
          list.map((h) => h.id),
          enr,
        ),
      };
    },

    // ── Data package ──
    async distribute(
      ctx: Ctx,
      input: { month: string; userId: number; phone: string; operator: string; receiptNote?: string | undefined },
    ) {
      assertManager(ctx);
      const h = await headOf(ctx, input.userId);
      await d.programme.upsertAllocation(db, {
        month: input.month,
        user_id: h.id,
        phone: input.phone,
        operator: input.operator,
        receipt_note: input.receiptNote || null,
        distributed_by: ctx.scope.userId,
        distributed_at: clock.now(),
      });
      await audit(ctx, 'data_package.distributed', h.id, h.region_code, { month: input.month });
    },
    /** Every head in the region for a month: the package (handed out or not) and the portal's measured use. */
    async dataList(ctx: Ctx, month: string, under?: string) {
      const list = await heads(ctx, under);
      const ids = list.map((h) => h.id);
      const [alloc, usage] = await Promise.all([
        d.programme.allocations(db, month, ids),
        d.programme.usageByUser(db, month, ids),
      ]);
      const rows = list.map((h) => {
        const a = alloc.find((x) => x.user_id === h.id);
        return {
          head: h,
          allocation: a ?? null,
          quotaMb: a?.quota_mb ?? DATA_PACKAGE.quotaMb,
          portalMb: a?.portal_mb ?? DATA_PACKAGE.portalMb,
          usedMb: bytesToMb(usage.get(h.id) ?? 0),
        };
      });
      return {
        rows,
        distributed: rows.filter((r) => r.allocation?.distributed_at).length,
        totalQuotaMb: sum(rows.filter((r) => r.allocation).map((r) => r.quotaMb)),
      };
    },
    /** Counted by the onSend hook (see routes.ts); written every few seconds. */
    countBytes(userId: number, bytes: number) {
      addUsage(usageBuffer, userId, dayOf(clock.now(), d.timeZone), bytes);
    },
    async flushUsage() {
      const rows = drainUsage(usageBuffer);
      try {
        await d.programme.addUsage(db, rows);
      } catch (err) {
        for (const r of rows) addUsage(usageBuffer, r.userId, r.day, r.bytes); // try again next time
        throw err;
      }
    },

    // ── Honorarium ──
    async setRate(
      ctx: Ctx,
      r: {
        regionCode: string;
        role: 'ketua_rt' | 'ketua_rw';
        amount: number;
        period: 'bulanan' | 'triwulan';
        validFrom: string;
      },
    ) {
      if (!programmePolicy.setRates.includes(ctx.scope.role)) throw forbidden();
      assertCovers(ctx.scope, r.regionCode);
      checkDay('validFrom', r.validFrom, true);
      await d.programme.insertRate(db, {
        region_code: r.regionCode,
        role: r.role,
        amount: r.amount,
        period: r.period,
        valid_from: r.validFrom,
      });
      await audit(ctx, 'allowance.rate_set', r.role, r.regionCode, { ...r });
    },
    /** Rates set for the region, above it or below it, latest first. */
    async rates(ctx: Ctx, under?: string) {
      const rates = await d.programme.rates(db, underOf(ctx, under));
      return rates.sort(
        (a, b) =>
          b.valid_from.localeCompare(a.valid_from) ||
          a.region_code.localeCompare(b.region_code) ||
          a.role.localeCompare(b.role),
      );
    },
    /** The payment list for a period: each head's amount from the rate in force, and whether it was paid. */
    async payList(ctx: Ctx, period: string, under?: string) {
      const u = underOf(ctx, under);
      const list = await d.programme.heads(db, ctx.scope, u);
      const [rates, paid] = await Promise.all([
        d.programme.rates(db, u),
        d.programme.payments(
          db,
          period,
          list.map((h) => h.id),
        ),
      ]);
      const rows = list.flatMap((h) => {
        const p = paid.find((x) => x.user_id === h.id);
        const rate = rateFor(rates, h.role, period, h.region_code);
        if (!rate && !p) return [];
        return [
          {
            head: h,
            amount: p?.amount ?? rate!.amount,
            paidAt: p?.paid_at ?? null,
            paymentId: p?.id ?? null,
            tax: p ? p.tax : null,
            net: p ? p.net : null,
            transferredAt: p?.transferred_at ?? null,
          },
        ];
      });
      return {
        rows,
        kind: periodKind(period),
        total: sum(rows.map((r) => r.amount)),
        totalPaid: sum(rows.filter((r) => r.paidAt).map((r) => r.amount)),
        totalTax: sum(rows.map((r) => r.tax ?? 0)),
        totalNet: sum(rows.map((r) => r.net ?? 0)),
      };
    },
    // ── A head's own record ──
    async mine(ctx: Ctx) {
      if (!programmePolicy.own.includes(ctx.scope.role)) throw forbidden();
      const id = [ctx.scope.userId];
      const month = monthOf(clock.now(), d.timeZone);
      const [attended, enrolments, claims, allocations, usage, payments] = await Promise.all([
        d.programme.attendedBy(db, id),
        d.programme.enrolments(db, id),
        d.programme.claims(db, id),
        d.programme.allocations(db, null, id),
        d.programme.usageByUser(db, month, id),
        d.programme.payments(db, null, id),
      ]);
      return {
        month,
        attended,
        missing: missingTopics(attended.map((a) => a.topic)),
        enrolment: enrolments[0] ?? null,
        claims,
        allocations,
        usedMb: bytesToMb(usage.get(ctx.scope.userId) ?? 0),
        portalMb: DATA_PACKAGE.portalMb,
        payments,
      };
    },
  };
}
export type ProgrammeService = ReturnType<typeof createProgrammeService>;

/** Trainings attended by heads by a date, for the kinerja score (only this module writes attendance). */
export function trainingReader(repo: ProgrammeRepo = createProgrammeRepo()) {
  return { trainingsDoneBy: repo.trainingsDoneBy };
}
