// Use cases of acting officials and delegation windows (Plt., Plh., a.n.,
// u.b.; rules and sources in acting-rules.ts). The public functions every
// queue uses: who acts for a post or a person on a day (actingFor), whom the
// caller stands in for (whomDoIActFor), may the caller act for a holder
// (actingAs), and the record of an act done for someone else (recordAct), so
// a trail keeps both names. The city's admin keeps the assignments; the head
// of a unit may name a Plh. for their own absence within their unit.
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, fieldError, forbidden, invalid, notFound, type FieldError } from '../../lib/errors.js';
import type { MessageKey } from '../../i18n/index.js';
import type { AuditRepo } from '../../kernel/audit.js';
import { auditFrom, type Ctx } from '../../kernel/context.js';
import { cityOf } from '../../kernel/regions.js';
import { formatIndonesianDate } from '../../lib/text.js';
import { addDays, localDateOf } from '../work-schedule/index.js';
import { createActingRepo, type ActingRepo } from './acting-repo.js';
import {
  actingFor,
  assignmentProblems,
  DEFAULT_ACTING_RESTRICTED,
  endEarly,
  isRestrictedForActing,
  postTitle,
  QUEUE_KINDS,
  whomDoIActFor,
  windowState,
  type ActingFor,
  type ActingKind,
} from './acting-rules.js';
import type { EmployeesRepo } from './repo.js';
import { isUnitWithin } from './rules.js';

export interface ActingDeps {
  db: Db;
  clock: Clock;
  audit: AuditRepo;
  offsetMinutes: number;
  employees: EmployeesRepo;
  /** Employee lookup by the number people type (NIP, NI PPPK, nomor pegawai), in the caller's scope. */
  findByNumber(ctx: Ctx, raw: string): Promise<{ id: number; unit_path: string; full_name: string } | undefined>;
  /** ACTING_RESTRICTED_ACTIONS: what a Plh./Plt. may not do (default: grant a CLTN). */
  restricted?: readonly string[];
  repo?: ActingRepo;
}

export interface AssignmentInput {
  unitId: number;
  kind: ActingKind;
  delegateNumber: string;
  fromDate: string;
  untilDate: string;
  decree: string;
  reason: string;
}

/** An act for someone else, as a queue hands it to recordAct. */
export interface ActingAs extends ActingFor {
  postTitle: string;
}

const EXCLUSION = '23P01';
/** Where a rule's problem shows on the form. */
const FORM_FIELD = { holderEmployeeId: 'kind', delegateEmployeeId: 'delegateNumber', endDate: 'untilDate' } as const;

export function createActingUseCases(d: ActingDeps) {
  const { db, clock } = d;
  const repo = d.repo ?? createActingRepo();
  const restricted = d.restricted ?? DEFAULT_ACTING_RESTRICTED;
  const today = () => localDateOf(clock.now(), d.offsetMinutes);
  const city = (ctx: Ctx) => cityOf(ctx.scope.regionCode);
  const me = (ctx: Ctx) => d.employees.findEmployeeByUser(db, ctx.scope.userId);
  const titleOf = (r: { unit_name: string; unit_kind: string }) => postTitle({ name: r.unit_name, kind: r.unit_kind });

  type Row = Awaited<ReturnType<ActingRepo['list']>>[number];
  const present = (r: Row, on: string) => ({
    id: r.id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    postTitle: titleOf(r),
    kind: r.kind,
    holder: r.holder_employee_id ? { id: r.holder_employee_id, name: r.holder_name ?? '' } : null,
    delegate: { id: r.delegate_employee_id, name: r.delegate_name, position: r.delegate_position },
    startDate: r.start_date,
    endDate: r.end_date,
    decreeNumber: r.decree_number,
    reason: r.reason,
    state: windowState(repo.window(r), on),
    endedEarly: r.ended_at !== null && r.revoked_at === null,
  });
  const rowsOf = (rows: Row[]) => new Map(rows.map((r) => [r.id, r]));

  /** Who may add to a post: the admin any unit of the city; a head only a Plh. for themself in a unit they head. */
  async function postFor(ctx: Ctx, unitId: number, kind: ActingKind) {
    const unit = await d.employees.findUnit(db, ctx.scope, unitId);
    if (ctx.scope.role === 'admin_kota') {
      if (!unit) throw fieldError('unitId', 'pegawai.err.unit_unknown');
      return { unit, asHead: false };
    }
    if (ctx.scope.role !== 'pegawai') throw forbidden();
    const self = await me(ctx);
    if (!unit || !self || unit.head_employee_id !== self.id) throw notFound();
    if (kind !== 'plh') throw fieldError('kind', 'acting.err.head_plh_only');
    return { unit, asHead: true };
  }

  /**
   * Who acts for a post (`unitId`: its Plt./Plh.) or a person (`employeeId`)
   * on `date` (default today), in the caller's city; null when nobody does.
   */
  async function actingForImpl(
    ctx: Ctx,
    who: { unitId?: number | undefined; employeeId?: number | undefined },
    date = today(),
    kinds?: readonly ActingKind[],
  ) {
    const rows = await repo.inForce(db, city(ctx), date, {
      ...(who.employeeId !== undefined ? { holderId: who.employeeId } : {}),
      ...(who.employeeId === undefined && who.unitId !== undefined ? { unitIds: [who.unitId] } : {}),
    });
    const found = actingFor(rows.map(repo.window), who, date, kinds);
    if (!found) return null;
    const r = rowsOf(rows).get(found.assignmentId)!;
    return {
      ...found,
      postTitle: titleOf(r),
      actor: { id: r.delegate_employee_id, name: r.delegate_name },
      holder: r.holder_employee_id ? { id: r.holder_employee_id, name: r.holder_name ?? '' } : null,
      decreeNumber: r.decree_number,
      endDate: r.end_date,
    };
  }

  return {
    /** Today in the city's zone ('YYYY-MM-DD'). */
    today,
    restricted,
    /** Is `action` (with `subtype`, e.g. a leave type) one a Plh./Plt. may not take (ACTING_RESTRICTED_ACTIONS)? */
    isRestricted: (action: string, subtype?: string) => isRestrictedForActing(restricted, action, subtype),

    actingFor: actingForImpl,

    /**
     * actingFor for the API: only a post or person the caller may see (their
     * units for a head, the city for its admin), else null — nobody learns
     * who stands in elsewhere.
     */
    async actingForVisible(
      ctx: Ctx,
      who: { unitId?: number | undefined; employeeId?: number | undefined },
      date = today(),
    ) {
      const visible =
        who.employeeId !== undefined
          ? !!(await d.employees.findEmployee(db, ctx.scope, who.employeeId))
          : who.unitId !== undefined && !!(await d.employees.findUnit(db, ctx.scope, who.unitId));
      return visible ? actingForImpl(ctx, who, date) : null;
    },

    /** Everyone the caller stands in for on `date` (default today), acting officials first. */
    async whomDoIActFor(ctx: Ctx, date = today(), kinds?: readonly ActingKind[]) {
      const self = await me(ctx);
      if (!self) return [];
      const rows = await repo.inForce(db, city(ctx), date, { delegateId: self.id });
      const byId = rowsOf(rows);
      return whomDoIActFor(rows.map(repo.window), self.id, date, kinds).map((a) => {
        const r = byId.get(a.assignmentId)!;
        return {
          ...a,
          postTitle: titleOf(r),
          unitName: r.unit_name,
          holder: r.holder_employee_id ? { id: r.holder_employee_id, name: r.holder_name ?? '' } : null,
          startDate: r.start_date,
          endDate: r.end_date,
          decreeNumber: r.decree_number,
        };
      });
    },

    /**
     * For a queue: the holders whose items the caller (employee `meId`) takes
     * on `date` as their Plh./Plt. — each with what recordAct needs.
     */
    async queueHolders(ctx: Ctx, meId: number, date = today()): Promise<Map<number, ActingAs>> {
      const rows = await repo.inForce(db, city(ctx), date, { delegateId: meId });
      const byId = rowsOf(rows);
      const out = new Map<number, ActingAs>();
      for (const a of whomDoIActFor(rows.map(repo.window), meId, date, QUEUE_KINDS))
        if (a.holderId !== null && !out.has(a.holderId))
          out.set(a.holderId, { ...a, postTitle: titleOf(byId.get(a.assignmentId)!) });
      return out;
    },

    /**
     * Heads along a path with each vacant post filled by its Plt. in force on
     * `date`: who supervises and who decides, as if the Plt. held the post.
     */
    async headsWithActing<T extends { path: string; head_employee_id: number | null }>(
      dbx: Db,
      heads: readonly T[],
      cityCode: string,
      date = today(),
    ): Promise<T[]> {
      if (!heads.some((h) => h.head_employee_id === null)) return [...heads];
      const units = await d.employees.unitsByPath(
        dbx,
        heads.filter((h) => h.head_employee_id === null).map((h) => h.path),
      );
      const rows = await repo.inForce(dbx, cityCode, date, { unitIds: units.map((u) => u.id) });
      const windows = rows.map(repo.window);
      const pltOf = new Map(
        units.map((u) => [u.path, actingFor(windows, { unitId: u.id }, date, ['plt'])?.actorId ?? null]),
      );
      return heads.map((h) =>
        h.head_employee_id === null ? { ...h, head_employee_id: pltOf.get(h.path) ?? null } : h,
      );
    },

    /** Records, in the decision's transaction, that `act.actorId` decided for `act.holderId` (trail with both names). */
    recordAct: (trx: Db, act: ActingAs, on: { entityType: string; entityId: string | number; step: string }) =>
      repo.insertAct(trx, {
        assignmentId: act.assignmentId,
        entityType: on.entityType,
        entityId: String(on.entityId),
        step: on.step,
        actorId: act.actorId,
        holderId: act.holderId,
        kind: act.kind,
        postTitle: act.postTitle,
        now: clock.now(),
      }),
    /** The acts recorded on these entities: step, kind, post, the actor's and holder's names. */
    actsOn: (entityType: string, entityIds: (string | number)[]) => repo.actsOn(db, entityType, entityIds.map(String)),

    /** Assignments of the posts the caller oversees (the admin: the city; a head: their units), with their state. */
    async list(ctx: Ctx, opts: { unitId?: number | undefined } = {}) {
      const on = today();
      return (await repo.list(db, ctx.scope, { unitId: opts.unitId, limit: 500 })).map((r) => present(r, on));
    },
    /** The caller's own windows from today on, as delegate or holder (their home shows them). */
    async mine(ctx: Ctx) {
      const self = await me(ctx);
      if (!self) return [];
      const on = today();
      return (await repo.ofPerson(db, self.id, on)).map((r) => ({
        ...present(r, on),
        asDelegate: r.delegate_employee_id === self.id,
      }));
    },

    async create(ctx: Ctx, input: AssignmentInput) {
      for (const f of ['fromDate', 'untilDate'] as const)
        if (!isRealDate(input[f])) throw fieldError(f, 'pegawai.err.date');
      const { unit, asHead } = await postFor(ctx, input.unitId, input.kind);
      const delegate = await d.findByNumber(ctx, input.delegateNumber);
      if (!delegate || (asHead && !isUnitWithin(unit.path, delegate.unit_path)))
        throw fieldError('delegateNumber', asHead ? 'acting.err.delegate_outside' : 'acting.err.delegate_unknown');
      // The holder is the post's head: a Plt. only for a vacant post, the others only for a held one.
      const holderId = unit.head_employee_id;
      if (input.kind === 'plt' && holderId !== null) throw fieldError('kind', 'acting.err.plt_post_held');
      if (input.kind !== 'plt' && holderId === null) throw fieldError('kind', 'acting.err.post_vacant');
      const problems = assignmentProblems(
        { kind: input.kind, holderId, delegateId: delegate.id, start: input.fromDate, end: input.untilDate },
        today(),
      );
      if (problems.length)
        throw invalid(
          problems.map((p): FieldError => ({
            field: FORM_FIELD[p.field],
            key: `acting.err.${p.key}` as MessageKey,
          })),
        );
      const refuseOverlap = (o: { delegate_name: string; start_date: string; end_date: string; kind: string }) =>
        fieldError('fromDate', 'acting.err.overlap', {
          name: o.delegate_name,
          kind: o.kind === 'plt' ? 'Plt.' : 'Plh.',
          // Dates as people write them ("2 Maret 2026"), the catalogue being Indonesian-first.
          from: formatIndonesianDate(o.start_date),
          to: formatIndonesianDate(o.end_date),
        });
      try {
        return await db.transaction().execute(async (trx) => {
          await repo.lockUnit(trx, unit.id);
          if (input.kind === 'plt' || input.kind === 'plh') {
            const clash = (await repo.overlapping(trx, unit.id, input.fromDate, input.untilDate))[0];
            if (clash) throw refuseOverlap(clash);
          }
          const r = await repo.insert(trx, {
            regionCode: city(ctx),
            unitId: unit.id,
            kind: input.kind,
            holderId,
            delegateId: delegate.id,
            start: input.fromDate,
            end: input.untilDate,
            decreeNumber: input.decree.trim(),
            reason: input.reason.trim(),
            userId: ctx.scope.userId,
            now: clock.now(),
          });
          await d.audit.append(
            trx,
            auditFrom(ctx, {
              action: 'acting.assigned',
              entityType: 'acting_assignment',
              entityId: r.id,
              regionCode: city(ctx),
              details: {
                unitId: unit.id,
                kind: input.kind,
                holderId,
                delegateId: delegate.id,
                start: input.fromDate,
                end: input.untilDate,
                decree: input.decree.trim(),
              },
            }),
          );
          return { id: r.id };
        });
      } catch (err) {
        // The exclusion constraint is the last word when two inserts race past the lock (another instance, PgBouncer).
        if ((err as { code?: string })?.code === EXCLUSION) {
          const clash = (await repo.overlapping(db, unit.id, input.fromDate, input.untilDate))[0];
          throw clash ? refuseOverlap(clash) : fieldError('fromDate', 'acting.err.overlap_unknown');
        }
        throw err;
      }
    },

    /** Ends an assignment after `lastDay` (default: yesterday, so from today nobody acts); one not begun is withdrawn. */
    async end(ctx: Ctx, id: number, lastDay?: string) {
      const r = await repo.byId(db, id);
      const visible =
        r && (await repo.list(db, ctx.scope, { unitId: r.unit_id, limit: 1000 })).some((x) => x.id === id);
      if (!r || !visible) throw notFound();
      const self = ctx.scope.role === 'admin_kota' ? null : await me(ctx);
      if (ctx.scope.role !== 'admin_kota' && !(self && r.kind === 'plh' && r.holder_employee_id === self.id))
        throw notFound();
      if (lastDay && !isRealDate(lastDay)) throw fieldError('lastDay', 'pegawai.err.date');
      const yesterday = addDays(today(), -1);
      const outcome = endEarly(repo.window(r), lastDay || yesterday, yesterday);
      if (outcome.outcome === 'refuse') throw fieldError('lastDay', `acting.err.end_${outcome.key}`);
      const done = await db.transaction().execute(async (trx) => {
        const now = clock.now();
        const w =
          outcome.outcome === 'revoke'
            ? await repo.revoke(trx, id, ctx.scope.userId, now)
            : await repo.setEnd(trx, id, r.end_date, outcome.end, ctx.scope.userId, now);
        if (!w) return false;
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: outcome.outcome === 'revoke' ? 'acting.revoked' : 'acting.ended',
            entityType: 'acting_assignment',
            entityId: id,
            regionCode: city(ctx),
            details: outcome.outcome === 'end' ? { end: outcome.end, was: r.end_date } : {},
          }),
        );
        return true;
      });
      if (!done) throw new AppError(409, 'acting.err.changed');
      return { id, outcome: outcome.outcome };
    },
  };
}
export type ActingUseCases = ReturnType<typeof createActingUseCases>;

function isRealDate(v: string) {
  const d = new Date(`${v}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}
