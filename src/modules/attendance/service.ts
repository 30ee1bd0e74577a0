// Use cases of E-Presensi: check-in/out (idempotent, geofenced, flagged),
// the day's status and the month from pure rules, absence requests with the
// supervisor's decision, review of flagged records, and the closed days whose
// recomputation after a late approval keeps the history.
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { batcher, HOT_BATCH } from '../../lib/batch.js';
import { AppError, conflict, fieldError, forbidden, notFound } from '../../lib/errors.js';
import type { AuditRepo } from '../../kernel/audit.js';
import type { Metrics } from '../../kernel/metrics.js';
import { auditFrom, type Ctx } from '../../kernel/context.js';
import { checkUpload } from '../../kernel/files/rules.js';
import type { FileStorage } from '../../kernel/files/storage.js';
import { pathAndAncestors, supervisorOf } from '../employees/index.js';
import { cityOfScope, type EmployeesService } from '../employees/service.js';
import { decideCheckIn, DEFAULT_CHECKIN_POLICY, type CheckInPolicy } from './checkin.js';
import { createAttendanceRepo, type AttendanceRepo, type NewRecord, type RecordOut } from './repo.js';
import { createPermitsRepo } from './permits-repo.js';
import { DEFAULT_PERMIT_LIMITS, type ApprovedPermit, type PermitLimits } from './permits-rules.js';
import { createPermitUseCases, permitWindow } from './permits-service.js';
import { createDisciplineUseCases } from './discipline-service.js';
import { loadDisciplineTable, type DisciplineTable } from './discipline-rules.js';
import { serviceDayState, tenureOf } from './tenure.js';
import { createLeaveService } from './leave-service.js';
import { actingQueues } from './acting.js';
import { DEFAULT_LEAVE_CLASSIFICATION, DEFAULT_LEAVE_RULES, type LeaveRules } from './leave-rules.js';
import {
  computeDayStatus,
  outOfServiceDay,
  OUT_OF_SERVICE,
  leaveBalance,
  summarizeMonth,
  type AbsenceType,
  type AttendanceRules,
  type DayStatus,
  type Punch,
} from './rules.js';
import {
  addDays,
  countWorkingDays,
  DEFAULT_SCHEDULE,
  localDateOf,
  localInstant,
  planDay,
  validateSchedule,
  type CalendarEntry,
  type PlannedDay,
  type Schedule,
} from '../work-schedule/index.js';

export const SELFIE_MAX_BYTES = 100 * 1024;

export interface AttendanceDeps {
  db: Db;
  clock: Clock;
  audit: AuditRepo;
  files: FileStorage;
  employees: EmployeesService;
  offsetMinutes: number;
  policy?: CheckInPolicy;
  repo?: AttendanceRepo;
  /** Hourly-permit limits (config HOURLY_PERMIT_*). */
  permitLimits?: PermitLimits;
  /** The PP 94/2021 rules table (config DISCIPLINE_RULES_FILE). */
  discipline?: DisciplineTable;
  /** Leave rules (LEAVE_RULES) and the surat izin cuti's numbering (LEAVE_CLASSIFICATION, LEAVE_NUMBER_TEMPLATE). */
  leaveRules?: LeaveRules;
  leaveLetter?: { classification: string; numberTemplate: string };
  /** The kernel's /metrics counters: a recorded check-in is counted (replays are not). */
  metrics?: Pick<Metrics, 'checkIn'>;
}

export interface CheckInInput {
  idempotencyKey: string;
  kind: 'masuk' | 'pulang';
  lat?: number | undefined;
  lon?: number | undefined;
  accuracy?: number | undefined;
  deviceTime?: string | undefined;
  mock?: boolean | undefined;
  queued?: boolean | undefined;
  selfie?: Buffer | undefined;
}

export interface AbsenceInput {
  idempotencyKey: string;
  type: AbsenceType;
  start: string;
  end: string;
  reason: string;
  place?: string | undefined;
  placeLat?: number | undefined;
  placeLon?: number | undefined;
  attachment?: Buffer | undefined;
  /** Cuti melahirkan: which child (1st to 3rd). */
  childOrder?: number | undefined;
  /** Dinas luar: the Surat Perintah Tugas number (required) and its PDF (optional). */
  sptNumber?: string | undefined;
  spt?: Buffer | undefined;
}

/** The employee fields the day computation needs; the service dates bound the days counted (tenure.ts). */
interface Person {
  id: number;
  unit_path: string;
  schedule_id: number | null;
  shift_offset: number;
  start_date?: string | null;
  end_date?: string | null;
  created_at?: Date;
}

const monthRange = (month: string) => {
  const from = `${month}-01`;
  const to = addDays(addDays(from, 31).slice(0, 7) + '-01', -1);
  return { from, to };
};

export function createAttendanceService(d: AttendanceDeps) {
  const { db, clock } = d;
  const repo = d.repo ?? createAttendanceRepo();
  // Queues follow a Plh./Plt. during the window (acting.ts).
  const acting = actingQueues(d.employees);
  const permitsRepo = createPermitsRepo();
  const policy = d.policy ?? DEFAULT_CHECKIN_POLICY;
  const off = d.offsetMinutes;
  // Concurrent check-ins share their context read and their INSERT (lib/batch.ts): the morning peak pays round trips and commits per batch, not per person.
  const checkInContext = batcher(
    (asks: { userId: number; key: string; day: string }[]) => repo.checkInContexts(db, asks),
    HOT_BATCH,
  );
  const insertRecord = batcher((rows: NewRecord[]) => repo.insertRecords(db, rows), HOT_BATCH);

  async function meOrFail(ctx: Ctx) {
    const me = await d.employees.me(ctx);
    if (!me) throw new AppError(403, 'presensi.err.not_employee');
    return me;
  }

  /** Schedules for a set of people: their own, else the nearest unit's up the tree, else the city's default. */
  async function schedulesFor(people: readonly Person[]): Promise<Map<number, Schedule>> {
    const paths = [...new Set(people.flatMap((p) => pathAndAncestors(p.unit_path)))];
    const unitRows = await repo.unitSchedules(db, paths);
    const byPath = new Map(unitRows.map((u) => [u.path, u.schedule_id!]));
    const chosen = new Map(
      people.map((p) => [
        p.id,
        p.schedule_id ??
          pathAndAncestors(p.unit_path)
            .map((a) => byPath.get(a))
            .find((x) => x !== undefined) ??
          null,
      ]),
    );
    const defs = await repo.schedulesById(db, [
      ...new Set([...chosen.values()].filter((x): x is number => x !== null)),
    ]);
    const out = new Map<number, Schedule>();
    for (const [id, sid] of chosen) {
      const v = sid === null ? null : validateSchedule(defs.get(sid));
      out.set(id, v?.ok ? v.schedule : DEFAULT_SCHEDULE);
    }
    return out;
  }

  /** Each person's day statuses from `from` to `to` (local dates), by the pure rules. */
  async function computeDays(
    ctx: Ctx,
    people: readonly Person[],
    from: string,
    to: string,
    opts: {
      rules?: AttendanceRules;
      extraAbsence?: { employee_id: number; type: AbsenceType; start: string; end: string };
      extraPermit?: ApprovedPermit & { employee_id: number };
    } = {},
  ) {
    const city = cityOfScope(ctx);
    const ids = people.map((p) => p.id);
    // A permit is dated by wall time; a night shift's may sit on the next date, so one day either side.
    const permitRows = await permitsRepo.approvedPermits(db, ids, addDays(from, -1), addDays(to, 1));
    const permits = permitRows.map((r) => ({ employee_id: r.employee_id, ...permitWindow(r, off) }));
    if (opts.extraPermit) permits.push(opts.extraPermit);
    const [calendar, theRules, schedules, absences] = await Promise.all([
      d.employees.read.calendar(db, city, addDays(from, -1), addDays(to, 1)) as Promise<CalendarEntry[]>,
      opts.rules ? Promise.resolve(opts.rules) : d.employees.rules(ctx),
      schedulesFor(people),
      repo.approvedAbsences(
        db,
        people.map((p) => p.id),
        from,
        to,
      ),
    ]);
    if (opts.extraAbsence) absences.push(opts.extraAbsence);
    const records = await repo.records(
      db,
      people.map((p) => p.id),
      localInstant(addDays(from, -1), '00:00', off),
      localInstant(addDays(to, 2), '00:00', off),
    );
    const now = clock.now();
    const out = new Map<number, DayStatus[]>();
    const plans = new Map<number, PlannedDay[]>();
    const punchesOf = new Map<number, Punch[]>();
    for (const r of records)
      if (r.review !== 'ditolak')
        (punchesOf.get(r.employee_id) ?? punchesOf.set(r.employee_id, []).get(r.employee_id)!).push({
          kind: r.kind,
          at: new Date(r.taken_at),
        });
    for (const p of people) {
      const punches = punchesOf.get(p.id) ?? [];
      const mine = absences.filter((a) => a.employee_id === p.id);
      const minePermits = permits.filter((x) => x.employee_id === p.id);
      const days: DayStatus[] = [];
      const planned: PlannedDay[] = [];
      const tenure = tenureOf(p, off);
      for (let day = from; day <= to; day = addDays(day, 1)) {
        const plan = planDay(day, schedules.get(p.id)!, calendar, off, p.shift_offset);
        planned.push(plan);
        // Before the TMT or registration, or after the end of service, the day is not theirs: neither absent nor cut.
        const state = serviceDayState(day, tenure);
        days.push(
          state === 'bertugas'
            ? computeDayStatus({
                plan,
                punches,
                absences: mine,
                rules: theRules,
                now,
                offsetMinutes: off,
                permits: minePermits,
              })
            : outOfServiceDay(day, state),
        );
      }
      out.set(p.id, days);
      plans.set(p.id, planned);
    }
    return { days: out, plans, rules: theRules, records };
  }

  /** Annual leave for a year: 12 days plus what was carried in, less approved and pending cuti tahunan. */
  async function balanceOf(employeeId: number, year: number) {
    const [taken, carried] = await Promise.all([
      repo.annualLeaveTaken(db, employeeId, year),
      repo.carryover(db, employeeId, year),
    ]);
    return {
      taken,
      unusedLastYear: carried.unused_last_year,
      unusedTwoYearsAgo: carried.unused_two_years_ago,
      ...leaveBalance({
        unusedLastYear: carried.unused_last_year,
        unusedTwoYearsAgo: carried.unused_two_years_ago,
        takenThisYear: taken,
      }),
    };
  }

  /** Writes closed days; a changed day keeps its previous value in the history. */
  async function storeDays(trx: Db, employeeId: number, days: DayStatus[], reason: string, onlyExisting: boolean) {
    if (!days.length) return 0;
    const before = new Map(
      (await repo.closedDays(trx, [employeeId], days[0]!.date, days[days.length - 1]!.date)).map((r) => [r.date, r]),
    );
    let changed = 0;
    for (const day of days) {
      const old = before.get(day.date);
      if (onlyExisting && !old) continue;
      if (day.status === 'belum_berakhir') continue;
      // A day outside the person's service is not closed; one closed earlier (before a TMT was corrected) is corrected.
      if (!old && OUT_OF_SERVICE.has(day.status)) continue;
      if (old && old.status === day.status && Number(old.cut_percent) === day.cutPercent) continue;
      await repo.upsertDay(trx, employeeId, day, clock.now());
      if (old) {
        await repo.insertHistory(trx, {
          employeeId,
          date: day.date,
          oldStatus: old.status,
          newStatus: day.status,
          oldCut: Number(old.cut_percent),
          newCut: day.cutPercent,
          reason,
          at: clock.now(),
        });
        changed++;
      }
    }
    return changed;
  }

  const permitUseCases = createPermitUseCases({
    db,
    clock,
    audit: d.audit,
    employees: d.employees,
    offsetMinutes: off,
    limits: d.permitLimits ?? DEFAULT_PERMIT_LIMITS,
    repo: permitsRepo,
    meOrFail,
    computeDays,
    storeDays,
  });
  const disciplineUseCases = createDisciplineUseCases({
    db,
    clock,
    offsetMinutes: off,
    table: d.discipline ?? loadDisciplineTable(),
    repo: permitsRepo,
  });

  async function workingDaysOf(ctx: Ctx, person: Person, start: string, end: string) {
    const [schedules, calendar] = await Promise.all([
      schedulesFor([person]),
      d.employees.read.calendar(db, cityOfScope(ctx), start, end) as Promise<CalendarEntry[]>,
    ]);
    return countWorkingDays(start, end, schedules.get(person.id)!, calendar, off, person.shift_offset);
  }

  const leave = createLeaveService({
    db,
    clock,
    audit: d.audit,
    files: d.files,
    employees: d.employees,
    offsetMinutes: off,
    rules: d.leaveRules ?? DEFAULT_LEAVE_RULES,
    letter: d.leaveLetter ?? {
      classification: DEFAULT_LEAVE_CLASSIFICATION,
      numberTemplate: '{klasifikasi}/{urut:4}/{kode_unit}/{tahun}',
    },
    workingDays: workingDaysOf,
    daysWith: async (ctx, person, a) =>
      (await computeDays(ctx, [person], a.start, a.end, { extraAbsence: { employee_id: person.id, ...a } })).days.get(
        person.id,
      )!,
    storeDays,
    annualRemaining: async (employeeId, year) => (await balanceOf(employeeId, year)).remaining,
  });

  return {
    repo,
    computeDays,
    ...permitUseCases,
    ...disciplineUseCases,
    /** Leave (cuti): two levels, the surat izin cuti (leave-service.ts). */
    cuti: leave,
    /** This month in the city's time zone. */
    thisMonth: () => localDateOf(clock.now(), off).slice(0, 7),

    async checkIn(ctx: Ctx, input: CheckInInput): Promise<{ record: RecordOut; duplicate: boolean }> {
      const now = clock.now();
      const device = input.deviceTime ? new Date(input.deviceTime) : now;
      if (Number.isNaN(device.getTime())) throw fieldError('deviceTime', 'presensi.err.device_time');
      const c = await checkInContext({
        userId: ctx.scope.userId,
        key: input.idempotencyKey,
        day: localDateOf(device, off),
      });
      if (!c) throw new AppError(403, 'presensi.err.not_employee');
      if (c.existing) return { record: c.existing, duplicate: true };
      const decision = decideCheckIn({
        attempt: {
          lat: input.lat ?? null,
          lon: input.lon ?? null,
          accuracyM: input.accuracy ?? null,
          deviceTime: device,
          mock: !!input.mock,
          queued: !!input.queued,
        },
        places: c.places,
        fieldDuty: c.field_duty,
        last: c.last,
        now,
        policy,
      });
      if (!decision.ok) {
        if (decision.reason === 'outside')
          throw new AppError(422, 'presensi.err.outside', {
            place: decision.nearest,
            distance: decision.distanceM,
            radius: decision.radiusM,
          });
        throw new AppError(422, `presensi.err.${decision.reason}`, { hours: policy.offlineWindowHours });
      }
      let selfieId: number | null = null;
      if (input.selfie?.length) {
        const check = checkUpload(input.selfie, SELFIE_MAX_BYTES, ['image/jpeg', 'image/png', 'image/webp']);
        if (!check.ok || check.mime === 'application/pdf')
          throw fieldError('selfie', check.ok ? 'presensi.err.selfie_type' : `presensi.err.selfie_${check.reason}`, {
            max: '100 KB',
          });
        selfieId = await d.files.put(db, { mime: check.mime, content: input.selfie });
      }
      const row = {
        employeeId: c.employee_id,
        key: input.idempotencyKey,
        kind: input.kind,
        takenAt: decision.takenAt,
        deviceTime: device,
        receivedAt: now,
        workDate: localDateOf(decision.takenAt, off),
        lat: input.lat ?? null,
        lon: input.lon ?? null,
        accuracyM: input.accuracy ?? null,
        locationId: decision.locationId,
        absenceId: decision.absenceId,
        distanceM: decision.distanceM,
        flags: decision.flags,
        sentLate: decision.sentLate,
        selfieId,
      };
      const inserted = await insertRecord(row);
      if (!inserted.id) {
        // The same key arrived twice at once: the other insert won; answer with its record.
        const existing = inserted.existing ?? (await repo.recordByKey(db, c.employee_id, input.idempotencyKey));
        if (!existing) throw conflict('presensi.err.retry');
        return { record: existing, duplicate: true };
      }
      d.metrics?.checkIn(input.kind);
      return {
        record: {
          id: inserted.id,
          kind: input.kind,
          taken_at: decision.takenAt,
          received_at: now,
          sent_late: decision.sentLate,
          flags: decision.flags,
          distance_m: decision.distanceM,
          place: decision.placeName,
        },
        duplicate: false,
      };
    },

    /** The employee's own day: who they are, today's plan, records and status. */
    async today(ctx: Ctx) {
      const me = await meOrFail(ctx);
      const date = localDateOf(clock.now(), off);
      const { days, plans, records } = await computeDays(ctx, [me], date, date);
      return {
        me,
        date,
        plan: plans.get(me.id)![0]!,
        status: days.get(me.id)![0]!,
        records: records.filter((r) => localDateOf(new Date(r.taken_at), off) === date),
      };
    },

    /** A month of one employee (own, or in the supervisor's units), with the summary and any history of changes. */
    async month(ctx: Ctx, employeeId: number | null, month: string) {
      const person =
        employeeId === null ? await meOrFail(ctx) : await d.employees.read.findEmployee(db, ctx.scope, employeeId);
      if (!person) throw notFound();
      const { from, to } = monthRange(month);
      const { days, rules } = await computeDays(ctx, [person], from, to);
      const list = days.get(person.id)!;
      return {
        employee: person,
        days: list,
        summary: summarizeMonth(list, rules),
        history: await repo.history(db, person.id, from, to),
      };
    },

    /** A unit's month: one summary per employee of the unit and below. */
    async recap(ctx: Ctx, unitId: number, month: string) {
      const unit = await d.employees.read.findUnit(db, ctx.scope, unitId);
      if (!unit) throw notFound();
      const people = await d.employees.read.listEmployees(db, ctx.scope, {
        unitPath: unit.path,
        limit: 5000,
        offset: 0,
      });
      const { from, to } = monthRange(month);
      const { days, rules } = await computeDays(ctx, people, from, to);
      return {
        unit,
        month,
        rules,
        rows: people.map((p) => ({ employee: p, summary: summarizeMonth(days.get(p.id)!, rules) })),
      };
    },

    board: (ctx: Ctx) => repo.liveBoard(db, ctx.scope, localDateOf(clock.now(), off)),

    // ── Absences ──
    async requestAbsence(ctx: Ctx, input: AbsenceInput) {
      const me = await meOrFail(ctx);
      const existing = await repo.absenceByKey(db, me.id, input.idempotencyKey);
      if (existing) return { id: existing.id, duplicate: true };
      if (input.end < input.start) throw fieldError('end', 'presensi.err.absence_range');
      // The kind's types, service, child, length and letters (leave-rules.ts); then a dinas luar's place.
      await leave.checkRequest(me, input);
      if (input.type === 'dinas_luar' && !input.place) throw fieldError('place', 'presensi.err.place_required');
      const workingDays = await workingDaysOf(ctx, me, input.start, input.end);
      if (input.type === 'cuti_tahunan') {
        const bal = await balanceOf(me.id, Number(input.start.slice(0, 4)));
        if (workingDays > bal.remaining)
          throw fieldError('end', 'presensi.err.leave_balance', { remaining: bal.remaining, days: workingDays });
      }
      let attachmentId: number | null = null;
      if (input.attachment?.length) {
        const check = checkUpload(input.attachment);
        if (!check.ok) throw fieldError('attachment', `presensi.err.attachment_${check.reason}`);
        attachmentId = await d.files.put(db, { mime: check.mime, content: input.attachment });
      }
      const sptFileId = input.type === 'dinas_luar' ? await leave.storeSpt(input.spt) : null;
      const heads = await d.employees.read.headsAlong(db, pathAndAncestors(me.unit_path));
      const approverId = supervisorOf(me, heads);
      const route = await leave.routeOf(me, input.type, approverId);
      const row = await db.transaction().execute(async (trx) => {
        const r = await leave.insertRequest(trx, {
          employeeId: me.id,
          key: input.idempotencyKey,
          type: input.type,
          start: input.start,
          end: input.end,
          workingDays,
          reason: input.reason.trim(),
          place: input.place?.trim() || null,
          placeLat: input.placeLat ?? null,
          placeLon: input.placeLon ?? null,
          placeRadiusM: input.placeLat !== undefined ? 200 : null,
          attachmentId,
          approverId,
          ...route,
          childOrder: input.type === 'cuti_melahirkan' ? (input.childOrder ?? null) : null,
          sptNumber: input.type === 'dinas_luar' ? input.sptNumber?.trim() || null : null,
          sptFileId,
        });
        if (r)
          await d.audit.append(
            trx,
            auditFrom(ctx, {
              action: 'absence.requested',
              entityType: 'absence_request',
              entityId: r.id,
              regionCode: cityOfScope(ctx),
              details: { type: input.type, start: input.start, end: input.end },
            }),
          );
        return r;
      });
      if (!row) return { id: (await repo.absenceByKey(db, me.id, input.idempotencyKey))!.id, duplicate: true };
      return { id: row.id, duplicate: false };
    },

    async absences(ctx: Ctx, which: 'mine' | 'to_decide' | 'unit') {
      const me = await d.employees.me(ctx);
      if (which === 'mine') return me ? repo.absences(db, ctx.scope, { employeeId: me.id }) : [];
      if (which === 'to_decide') {
        const st = await acting.standing(ctx, me?.id);
        return (
          await acting.each(st.ids, (approverId) => repo.absences(db, ctx.scope, { approverId, status: 'diajukan' }))
        ).filter((a) => a.levels === 1);
      }
      return repo.absences(db, ctx.scope, {});
    },

    /** The approver (or a city admin) decides once; a decision on past days recomputes the closed days, keeping their history. */
    async decideAbsence(ctx: Ctx, id: number, decision: 'disetujui' | 'ditolak', note: string | null) {
      const a = await repo.absenceForDecision(db, id);
      const me = await d.employees.me(ctx);
      const answer = (await acting.standing(ctx, me?.id)).for(a?.approver_id);
      const isApprover = !!answer;
      const isAdmin = ctx.scope.role === 'admin_kota' && !!a && a.unit_path.startsWith(cityOfScope(ctx) + '/');
      if (!a || !(isApprover || isAdmin) || a.user_id === ctx.scope.userId) throw notFound();
      if (a.status !== 'diajukan') throw conflict('presensi.err.already_decided');
      if (a.levels !== 1) throw conflict('cuti.err.two_levels');
      acting.refuseIfRestricted(answer, 'absence.decide', a.type);
      // The days as they will be once approved, computed before the transaction (pure rules, same inputs plus this absence).
      const person = {
        id: a.employee_id,
        unit_path: a.unit_path,
        schedule_id: a.schedule_id,
        shift_offset: a.shift_offset,
        start_date: a.start_date,
        end_date: a.end_date,
        created_at: a.created_at,
      };
      const after =
        decision === 'disetujui'
          ? (
              await computeDays(ctx, [person], a.start, a.end, {
                extraAbsence: { employee_id: a.employee_id, type: a.type, start: a.start, end: a.end },
              })
            ).days.get(a.employee_id)!
          : [];
      return db.transaction().execute(async (trx) => {
        const r = await repo.decideAbsence(trx, id, decision, ctx.scope.userId, note, clock.now());
        if (!r) throw conflict('presensi.err.already_decided');
        await acting.record(trx, answer, { entityType: 'absence_request', entityId: id, step: 'decide' });
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: `absence.${decision}`,
            entityType: 'absence_request',
            entityId: id,
            regionCode: cityOfScope(ctx),
            ...(note ? { details: { note } } : {}),
          }),
        );
        const recomputedDays = await storeDays(trx, a.employee_id, after, `absence:${id}`, true);
        return { id, status: decision, recomputedDays };
      });
    },

    /** A request's attachment (a doctor's letter): for the employee, their approver, or whoever oversees their unit; each view audited. */
    async absenceAttachment(ctx: Ctx, id: number) {
      const a = await repo.absenceForDecision(db, id);
      if (!a?.attachment_id) throw notFound();
      const me = await d.employees.me(ctx);
      const visible =
        a.user_id === ctx.scope.userId ||
        !!(await acting.standing(ctx, me?.id)).for(a.approver_id) ||
        (await repo.absences(db, ctx.scope, { employeeId: a.employee_id })).some((x) => x.id === id);
      if (!visible) throw notFound();
      const f = await d.files.get(db, a.attachment_id);
      if (!f) throw notFound();
      await d.audit.append(
        db,
        auditFrom(ctx, {
          action: 'absence.attachment_viewed',
          entityType: 'absence_request',
          entityId: id,
          regionCode: cityOfScope(ctx),
        }),
      );
      return f;
    },

    async cancelAbsence(ctx: Ctx, id: number) {
      const a = await repo.absenceForDecision(db, id);
      if (!a || a.user_id !== ctx.scope.userId) throw notFound();
      const r = await db.transaction().execute(async (trx) => {
        const r = await repo.decideAbsence(trx, id, 'dibatalkan', ctx.scope.userId, null, clock.now());
        if (r)
          await d.audit.append(
            trx,
            auditFrom(ctx, {
              action: 'absence.cancelled',
              entityType: 'absence_request',
              entityId: id,
              regionCode: cityOfScope(ctx),
            }),
          );
        return r;
      });
      if (!r) throw conflict('presensi.err.already_decided');
    },

    // ── Flagged records ──
    flagged: (ctx: Ctx) => {
      const today = localDateOf(clock.now(), off);
      return repo.flagged(db, ctx.scope, addDays(today, -31), today);
    },
    async review(ctx: Ctx, id: string, verdict: 'diterima' | 'ditolak') {
      if (ctx.scope.role !== 'pegawai' && ctx.scope.role !== 'admin_kota') throw forbidden();
      const r = await db.transaction().execute(async (trx) => {
        const r = await repo.review(trx, ctx.scope, id, verdict, ctx.scope.userId, clock.now());
        if (r)
          await d.audit.append(
            trx,
            auditFrom(ctx, {
              action: `attendance.record_${verdict}`,
              entityType: 'attendance_record',
              entityId: id,
              regionCode: cityOfScope(ctx),
            }),
          );
        return r;
      });
      if (!r) throw notFound();
    },

    /** Closes one day for these people (the nightly job), keeping history when a closed day changes. */
    async closeDay(ctx: Ctx, everyone: readonly Person[], date: string, reason = 'tutup_hari') {
      // Nobody is marked absent for a day outside their service (before the TMT — or the day they were
      // registered when no TMT is recorded — or after its end): storeDays does not write such a day, and
      // corrects one closed before the dates were entered (an end date typed in after the person left).
      const people = everyone;
      if (!people.length) return 0;
      const { days } = await computeDays(ctx, people, date, date);
      return db.transaction().execute(async (trx) => {
        let changed = 0;
        for (const p of people) changed += await storeDays(trx, p.id, days.get(p.id)!, reason, false);
        return changed;
      });
    },

    /** The caller's annual leave for a year: the entitlement less approved and pending cuti tahunan (carry-over not tracked yet). */
    async leave(ctx: Ctx, year: number) {
      const me = await meOrFail(ctx);
      return { year, ...(await balanceOf(me.id, year)) };
    },

    /** An employee's leave balance, for whoever may see them (themself, their unit's head, the admin). */
    async leaveOf(ctx: Ctx, employeeId: number, year: number) {
      if (!(await d.employees.read.findEmployee(db, ctx.scope, employeeId))) throw notFound();
      return { year, ...(await balanceOf(employeeId, year)) };
    },

    /** The staff administrator records the days carried into a year (no leave history exists from before registration). */
    async setCarryover(
      ctx: Ctx,
      employeeId: number,
      input: { year: number; unusedLastYear: number; unusedTwoYearsAgo: number },
    ) {
      if (ctx.scope.role !== 'admin_kota') throw forbidden();
      const e = await d.employees.read.findEmployee(db, ctx.scope, employeeId);
      if (!e) throw notFound();
      await db.transaction().execute(async (trx) => {
        await repo.setCarryover(trx, { employeeId, ...input, userId: ctx.scope.userId, now: clock.now() });
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: 'leave.carryover_set',
            entityType: 'employee',
            entityId: employeeId,
            regionCode: cityOfScope(ctx),
            details: { ...input },
          }),
        );
      });
      return balanceOf(employeeId, input.year);
    },

    /** Today's date in the city's time zone ('YYYY-MM-DD'). */
    localToday: () => localDateOf(clock.now(), off),
  };
}
export type AttendanceService = ReturnType<typeof createAttendanceService>;
