// Use cases of leave (cuti): eligibility when a request is made, the atasan
// langsung's pertimbangan, the PyB's decision (which issues the numbered surat
// izin cuti in the same transaction, and recomputes closed days), the queues,
// the public check of a letter's code, and a dinas luar's SPT file. Built by
// the attendance service, which lends it the day computations it owns.
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, conflict, fieldError, invalid, notFound, type FieldError } from '../../lib/errors.js';
import type { AuditRepo } from '../../kernel/audit.js';
import { normalizePublicCode, publicCode } from '../../kernel/codes.js';
import { auditFrom, type Ctx } from '../../kernel/context.js';
import { checkUpload, MAX_UPLOAD_BYTES } from '../../kernel/files/rules.js';
import type { FileStorage } from '../../kernel/files/storage.js';
import { translator, type MessageKey } from '../../i18n/index.js';
import { ACTING_PREFIX, type EmployeeKind } from '../employees/index.js';
import { cityOfScope, type EmployeesService } from '../employees/service.js';
import { formatLetterNumber } from '../letters/service.js';
import { maskName } from '../residents/index.js';
import { localDateOf } from '../work-schedule/index.js';
import { createLeaveRepo, type LeaveRepo } from './leave-repo.js';
import { actingQueues, type Answer } from './acting.js';
import {
  authorisedOfficial,
  childRefusal,
  initialLeaveStatus,
  isLeaveType,
  leaveOptions,
  leaveTooLong,
  leaveTransition,
  needsDoctorLetter,
  serviceLength,
  stepProblems,
  typeRefusal,
  type LeaveRefusal,
  type LeaveRules,
  type LeaveStatus,
  type LeaveStep,
} from './leave-rules.js';
import type { AbsenceType, DayStatus } from './rules.js';

/** The employee fields the day computation needs. */
export interface LeavePerson {
  id: number;
  unit_path: string;
  schedule_id: number | null;
  shift_offset: number;
}

export interface LeaveDeps {
  db: Db;
  clock: Clock;
  audit: AuditRepo;
  files: FileStorage;
  employees: EmployeesService;
  offsetMinutes: number;
  rules: LeaveRules;
  /** LEAVE_CLASSIFICATION (Permendagri 83/2022, unverified) and LEAVE_NUMBER_TEMPLATE. */
  letter: { classification: string; numberTemplate: string };
  repo?: LeaveRepo;
  /** Lent by the attendance service: working days of a period, and the days as they will be once a leave is approved. */
  workingDays(ctx: Ctx, person: LeavePerson, start: string, end: string): Promise<number>;
  daysWith(ctx: Ctx, person: LeavePerson, a: { type: AbsenceType; start: string; end: string }): Promise<DayStatus[]>;
  storeDays(trx: Db, employeeId: number, days: DayStatus[], reason: string, onlyExisting: boolean): Promise<number>;
  /** Annual leave left in a year (pending and approved requests already counted). */
  annualRemaining(employeeId: number, year: number): Promise<number>;
}

/** The letter as issued: every line the PDF prints, fixed at the decision. */
export interface LeaveLetterPayload {
  v: 1;
  number: string;
  verifyCode: string;
  issuedOn: string;
  type: AbsenceType;
  typeName: string;
  employee: { name: string; nip: string; kind: EmployeeKind; position: string; grade: string | null; unit: string };
  opd: { name: string; code: string };
  period: { start: string; end: string; workingDays: number };
  /** The dates asked for when the PyB changed them (perubahan). */
  requested: { start: string; end: string } | null;
  outcome: 'setuju' | 'perubahan';
  note: string | null;
  official: { name: string; nip: string | null; position: string; byCityAdmin: boolean };
}

const REFUSAL_KEY: Record<LeaveRefusal['reason'], MessageKey> = {
  kind: 'cuti.why.kind',
  annual_service: 'cuti.why.annual_service',
  long_service: 'cuti.why.long_service',
  child: 'cuti.why.child',
  child_missing: 'cuti.err.child_missing',
  too_long: 'cuti.why.too_long',
};
/** A refusal as a message key and its parameters (the form shows it beside the type, the API as a field error). */
export function refusalMessage(r: LeaveRefusal): { key: MessageKey; params: Record<string, string | number> } {
  switch (r.reason) {
    case 'kind':
    case 'child_missing':
      return { key: REFUSAL_KEY[r.reason], params: {} };
    case 'annual_service':
      return { key: REFUSAL_KEY[r.reason], params: { years: r.years, months: r.months } };
    case 'long_service':
      return { key: REFUSAL_KEY[r.reason], params: { need: r.need, years: r.years, months: r.months } };
    case 'child':
      return r.instead
        ? { key: 'cuti.why.child_instead', params: { last: r.last, instead: `presensi.type.${r.instead}` } }
        : { key: REFUSAL_KEY[r.reason], params: { last: r.last } };
    case 'too_long':
      return { key: REFUSAL_KEY[r.reason], params: { max: r.max, unit: r.unit } };
    default: {
      const never: never = r;
      throw new Error(`unknown refusal ${JSON.stringify(never)}`);
    }
  }
}
const refusalError = (field: string, r: LeaveRefusal): AppError => {
  const m = refusalMessage(r);
  return fieldError(field, m.key, m.params);
};

export interface RequestFacts {
  type: AbsenceType;
  start: string;
  end: string;
  childOrder?: number | undefined;
  attachment?: Buffer | undefined;
  sptNumber?: string | undefined;
  spt?: Buffer | undefined;
}

export function createLeaveService(d: LeaveDeps) {
  const { db, clock } = d;
  const repo = d.repo ?? createLeaveRepo();
  const today = () => localDateOf(clock.now(), d.offsetMinutes);
  const id = translator('id');
  // Queues follow a Plh./Plt. during the window (acting.ts).
  const acting = actingQueues(d.employees);

  async function facts(employeeId: number) {
    const f = await repo.serviceFacts(db, employeeId);
    // The service start is the employees module's: the TMT, else a PNS NIP's TMT CPNS month, else the registration day.
    return { kind: f.kind, serviceStart: d.employees.serviceStartOf(f).date };
  }

  /** The step's own problems as field errors (422), before anything is written. */
  function checkStep(step: LeaveStep, current: { start: string; end: string }) {
    const problems = stepProblems(step, current, today());
    if (problems.length)
      throw invalid(problems.map((p): FieldError => ({ field: p.field, key: `cuti.err.${p.key}` as MessageKey })));
  }

  /** Who is asking to act on request `id`, and may they: the atasan (superior) or the PyB (official). Else 404. */
  async function loadFor(ctx: Ctx, rid: number, as: 'superior' | 'official') {
    const a = await repo.byId(db, rid);
    if (!a || a.levels !== 2 || a.user_id === ctx.scope.userId) throw notFound();
    const me = await d.employees.me(ctx);
    const answer = (await acting.standing(ctx, me?.id)).for(as === 'superior' ? a.approver_id : a.official_id);
    const allowed =
      as === 'superior' || a.official_id !== null
        ? !!answer
        : ctx.scope.role === 'admin_kota' && a.unit_path.startsWith(cityOfScope(ctx) + '/');
    if (!allowed) throw notFound();
    return { a, answer };
  }

  /** One request: for the employee, their superior, their PyB, or whoever oversees their unit. */
  async function view(ctx: Ctx, rid: number) {
    const a = await repo.byId(db, rid);
    if (!a || a.levels !== 2) throw notFound();
    const me = await d.employees.me(ctx);
    const st = await acting.standing(ctx, me?.id);
    const cityAdmin =
      ctx.scope.role === 'admin_kota' && a.official_id === null && a.unit_path.startsWith(cityOfScope(ctx) + '/');
    const visible =
      a.user_id === ctx.scope.userId ||
      !!st.for(a.approver_id) ||
      !!st.for(a.official_id) ||
      cityAdmin ||
      (await repo.inScope(db, ctx.scope, rid));
    if (!visible) throw notFound();
    return {
      request: a,
      mayConsider: !!st.for(a.approver_id) && a.status === 'diajukan' && a.user_id !== ctx.scope.userId,
      mayDecide:
        a.status === 'dipertimbangkan' && a.user_id !== ctx.scope.userId && (!!st.for(a.official_id) || cityAdmin),
      /** Steps taken by a Plh./Plt. for the holder: both names for the trail. */
      acts: await acting.actsOn('absence_request', [rid]),
    };
  }

  return {
    /**
     * Checks a new request of any type against the person's kind and service
     * (PP 11/2017; PP 49/2018, Peraturan BKN 7/2022), and the letters it needs.
     * Throws a field error naming what to do.
     */
    async checkRequest(me: { id: number }, r: RequestFacts) {
      const f = await facts(me.id);
      const refusal = typeRefusal(
        { kind: f.kind, serviceStart: f.serviceStart, onDate: r.start, type: r.type },
        d.rules,
      );
      if (refusal) throw refusalError('type', refusal);
      if (r.type === 'cuti_melahirkan') {
        const c = childRefusal(f.kind, r.childOrder ?? null, d.rules);
        if (c) throw refusalError('childOrder', c);
      }
      const long = leaveTooLong(r.type, r.start, r.end, d.rules);
      if (long) throw refusalError('end', long);
      if (needsDoctorLetter(f.kind, r.type, r.start, r.end, d.rules) && !r.attachment?.length)
        throw fieldError('attachment', f.kind === 'PNS' ? 'presensi.err.doctor_letter' : 'cuti.err.doctor_letter_pppk');
      if (r.type === 'dinas_luar' && !r.sptNumber?.trim()) throw fieldError('sptNumber', 'cuti.err.spt_required');
    },

    /** Stores the SPT of a dinas luar: a PDF, judged by its content. */
    async storeSpt(file: Buffer | undefined): Promise<number | null> {
      if (!file?.length) return null;
      const check = checkUpload(file, MAX_UPLOAD_BYTES, ['application/pdf']);
      if (!check.ok) throw fieldError('spt', `presensi.err.attachment_${check.reason}`);
      return d.files.put(db, { mime: check.mime, content: file });
    },

    /** Levels, first status and PyB of a new request: leave goes through two levels, everything else one. */
    async routeOf(
      me: { id: number; unit_path: string },
      type: AbsenceType,
      approverId: number | null,
    ): Promise<{ levels: 1 | 2; status: LeaveStatus; officialId: number | null }> {
      if (!isLeaveType(type)) return { levels: 1, status: 'diajukan', officialId: null };
      const opdPath = me.unit_path.split('/').slice(0, 2).join('/');
      const official = authorisedOfficial(me, await d.employees.read.headsAlong(db, [opdPath]));
      const officialId = official.by === 'head' ? official.employeeId : null;
      return {
        levels: 2,
        status: initialLeaveStatus({ superiorId: approverId, officialEmployeeId: officialId }),
        officialId,
      };
    },
    insertRequest: repo.insertRequest,

    /** The leave types of the caller's kind, each open or with why not, and their length of service. */
    async options(ctx: Ctx) {
      const me = await d.employees.me(ctx);
      if (!me) throw new AppError(403, 'presensi.err.not_employee');
      const f = await facts(me.id);
      const on = today();
      return {
        kind: f.kind,
        serviceStart: f.serviceStart,
        service: f.serviceStart ? serviceLength(f.serviceStart, on) : null,
        options: leaveOptions({ kind: f.kind, serviceStart: f.serviceStart, today: on }, d.rules),
      };
    },

    async mine(ctx: Ctx) {
      const me = await d.employees.me(ctx);
      return me ? repo.mine(db, me.id) : [];
    },

    /** What waits for the caller: pertimbangan as a superior, decisions as a PyB (or, for the city's admin, those of OPD heads). */
    async queues(ctx: Ctx) {
      const me = await d.employees.me(ctx);
      const { ids } = await acting.standing(ctx, me?.id);
      const [consider, decide, asAdmin] = await Promise.all([
        acting.each(ids, (employeeId) => repo.toConsider(db, employeeId)),
        acting.each(ids, (employeeId) => repo.toDecide(db, { employeeId })),
        ctx.scope.role === 'admin_kota' ? repo.toDecide(db, { city: cityOfScope(ctx) }) : [],
      ]);
      const notOwn = <T extends { user_id: number }>(l: T[]) => l.filter((a) => a.user_id !== ctx.scope.userId);
      return { consider: notOwn(consider), decide: notOwn([...decide, ...asAdmin]) };
    },

    view,

    /** The atasan langsung's pertimbangan: once; any outcome sends the request to the PyB. */
    async consider(ctx: Ctx, rid: number, step: LeaveStep) {
      const { a, answer } = await loadFor(ctx, rid, 'superior');
      const t = leaveTransition(a.status as LeaveStatus, { by: 'superior', outcome: step.outcome });
      if (!t.ok) throw conflict('cuti.err.already_decided');
      checkStep(step, a);
      return db.transaction().execute(async (trx) => {
        const r = await repo.consider(trx, rid, {
          outcome: step.outcome,
          note: step.note?.trim() || null,
          start: step.start ?? null,
          end: step.end ?? null,
          until: step.until ?? null,
          userId: ctx.scope.userId,
          now: clock.now(),
        });
        if (!r) throw conflict('cuti.err.already_decided');
        await acting.record(trx, answer, { entityType: 'absence_request', entityId: rid, step: 'consider' });
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: 'leave.considered',
            entityType: 'absence_request',
            entityId: rid,
            regionCode: cityOfScope(ctx),
            details: { outcome: step.outcome },
          }),
        );
        return { id: rid, status: t.status };
      });
    },

    /**
     * The PyB's decision: once. Granted (setuju, perubahan) issues the surat izin
     * cuti in the same transaction, numbered per OPD and year, and recomputes
     * closed days of the period (their history kept).
     */
    async decide(ctx: Ctx, rid: number, step: LeaveStep) {
      const { a, answer } = await loadFor(ctx, rid, 'official');
      acting.refuseIfRestricted(answer, 'leave.decide', a.type);
      const t = leaveTransition(a.status as LeaveStatus, { by: 'official', outcome: step.outcome });
      if (!t.ok) throw conflict('cuti.err.already_decided');
      checkStep(step, a);
      const person = {
        id: a.employee_id,
        unit_path: a.unit_path,
        schedule_id: a.schedule_id,
        shift_offset: a.shift_offset,
      };
      const changed = step.outcome === 'perubahan' && step.start && step.end;
      const period = changed ? { start: step.start!, end: step.end! } : { start: a.start, end: a.end };
      if (changed) {
        const long = leaveTooLong(a.type, period.start, period.end, d.rules);
        if (long) throw refusalError('end', long);
      }
      const workingDays = changed ? await d.workingDays(ctx, person, period.start, period.end) : a.working_days;
      if (changed && a.type === 'cuti_tahunan') {
        // The request's own days are counted as pending in the balance: give them back before comparing.
        const left = (await d.annualRemaining(a.employee_id, Number(period.start.slice(0, 4)))) + a.working_days;
        if (workingDays > left)
          throw fieldError('end', 'presensi.err.leave_balance', { remaining: left, days: workingDays });
      }
      const after = t.status === 'disetujui' ? await d.daysWith(ctx, person, { type: a.type, ...period }) : [];
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const r = await repo.decide(trx, rid, {
          status: t.status,
          outcome: step.outcome,
          note: step.note?.trim() || null,
          start: changed ? period.start : null,
          end: changed ? period.end : null,
          until: step.until ?? null,
          workingDays: changed ? workingDays : null,
          userId: ctx.scope.userId,
          now,
        });
        if (!r) throw conflict('cuti.err.already_decided');
        await acting.record(trx, answer, { entityType: 'absence_request', entityId: rid, step: 'decide' });
        let number: string | null = null;
        if (t.status === 'disetujui') number = await issueLetter(trx, ctx, a, period, workingDays, step, now, answer);
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: `leave.${t.status}`,
            entityType: 'absence_request',
            entityId: rid,
            regionCode: cityOfScope(ctx),
            details: { outcome: step.outcome, ...(number ? { number } : {}) },
          }),
        );
        const recomputedDays = await d.storeDays(trx, a.employee_id, after, `absence:${rid}`, true);
        return { id: rid, status: t.status, number, recomputedDays };
      });
    },

    /** The issued letter of a request the caller may see. */
    async letter(ctx: Ctx, rid: number) {
      const { request } = await view(ctx, rid);
      const l = await repo.letterOf(db, rid);
      if (!l) throw notFound();
      return { ...l, payload: l.payload as LeaveLetterPayload, city: request.unit_path.split('/')[0]! };
    },

    /** Public check of a letter's code: number, kind of leave, period, the official; the name masked. */
    async verify(code: string) {
      const c = normalizePublicCode(code);
      const l = c ? await repo.letterByCode(db, c) : undefined;
      if (!l) return null;
      const p = l.payload as LeaveLetterPayload;
      return {
        number: l.number,
        verifyCode: l.verify_code,
        issuedOn: p.issuedOn,
        typeName: p.typeName,
        employeeName: maskName(p.employee.name),
        unit: p.opd.name,
        period: p.period,
        official: { name: p.official.name, position: p.official.position },
      };
    },

    /** A dinas luar's SPT file: for the employee, their superior, or whoever oversees their unit; each view audited. */
    async sptFile(ctx: Ctx, rid: number) {
      const a = await repo.sptFileOf(db, rid);
      if (!a?.spt_file_id) throw notFound();
      const me = await d.employees.me(ctx);
      const visible =
        (!!me && (me.id === a.employee_id || me.id === a.approver_id)) || (await repo.inScope(db, ctx.scope, rid));
      if (!visible) throw notFound();
      const f = await d.files.get(db, a.spt_file_id);
      if (!f) throw notFound();
      await d.audit.append(
        db,
        auditFrom(ctx, {
          action: 'absence.spt_viewed',
          entityType: 'absence_request',
          entityId: rid,
          regionCode: cityOfScope(ctx),
        }),
      );
      return f;
    },
  };

  async function issueLetter(
    trx: Db,
    ctx: Ctx,
    a: NonNullable<Awaited<ReturnType<LeaveRepo['byId']>>>,
    period: { start: string; end: string },
    workingDays: number,
    step: LeaveStep,
    now: Date,
    answer: Answer = 'self',
  ) {
    const opd = await repo.opdOf(trx, a.unit_path);
    const issuedOn = localDateOf(now, d.offsetMinutes);
    const year = Number(issuedOn.slice(0, 4));
    const seq = await repo.nextLetterSeq(trx, opd.id, year);
    const number = formatLetterNumber(d.letter.numberTemplate, {
      klasifikasi: d.letter.classification,
      urut: seq,
      kode_unit: opd.code,
      tahun: year,
    });
    const who = await repo.officialIdentity(trx, ctx.scope.userId);
    const byCityAdmin = a.official_id === null;
    const payload: LeaveLetterPayload = {
      v: 1,
      number,
      verifyCode: publicCode(12),
      issuedOn,
      type: a.type,
      typeName: id(`presensi.type.${a.type}`),
      employee: {
        name: a.full_name,
        nip: a.nip ?? '', // leave letters are for ASN kinds only, who all carry a NIP or NI PPPK
        kind: a.kind,
        position: a.position,
        grade: a.grade,
        unit: a.unit_name,
      },
      opd: { name: opd.name, code: opd.code },
      period: { ...period, workingDays },
      requested: step.outcome === 'perubahan' ? { start: a.start, end: a.end } : null,
      outcome: step.outcome === 'perubahan' ? 'perubahan' : 'setuju',
      note: step.note?.trim() || null,
      official: {
        name: who?.full_name ?? ctx.actorName,
        nip: who?.nip ?? null,
        // A Plh./Plt. signs with the post they stand in for ("Plh. Kepala Dinas …", Permendagri 1/2023).
        position:
          answer && answer !== 'self'
            ? `${ACTING_PREFIX[answer.kind]} ${answer.postTitle}`
            : (who?.position ?? who?.jabatan ?? (byCityAdmin ? 'Pejabat yang berwenang' : `Kepala ${opd.name}`)),
        byCityAdmin,
      },
    };
    await repo.insertLetter(trx, {
      absenceId: a.id,
      unitId: opd.id,
      year,
      seq,
      number,
      verifyCode: payload.verifyCode,
      at: now,
      payload,
    });
    return number;
  }
}
export type LeaveService = ReturnType<typeof createLeaveService>;
