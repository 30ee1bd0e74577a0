// SQL of leave's two levels, of the surat izin cuti and of a dinas luar's SPT.
// Every change of a request is a guarded update (where status = …): of two
// decisions at once, one changes the row and the other finds nothing; the
// trigger of migration 0024 refuses any change to a decided request.
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { employeeInScope, type Scope } from '../../kernel/scope.js';
import type { AbsenceType } from './rules.js';
import type { LeaveOutcome, LeaveStatus } from './leave-rules.js';
import type { AttendanceTables } from './tables.js';

const x = (db: Db) => db.withTables<AttendanceTables>();
const dayText = (col: string) => sql<string>`to_char(${sql.ref(col)}, 'YYYY-MM-DD')`;
const optDay = (col: string) => sql<string | null>`to_char(${sql.ref(col)}, 'YYYY-MM-DD')`;

export interface NewRequest {
  employeeId: number;
  key: string;
  type: AbsenceType;
  start: string;
  end: string;
  workingDays: number;
  reason: string;
  place: string | null;
  placeLat: number | null;
  placeLon: number | null;
  placeRadiusM: number | null;
  attachmentId: number | null;
  approverId: number | null;
  levels: 1 | 2;
  status: LeaveStatus;
  officialId: number | null;
  childOrder: number | null;
  sptNumber: string | null;
  sptFileId: number | null;
}

export interface StepWrite {
  outcome: LeaveOutcome;
  note: string | null;
  start: string | null;
  end: string | null;
  until: string | null;
  userId: number;
  now: Date;
}

export function createLeaveRepo() {
  const requests = (db: Db) =>
    x(db)
      .selectFrom('absence_requests as a')
      .innerJoin('employees as e', 'e.id', 'a.employee_id')
      .innerJoin('org_units as o', 'o.id', 'e.unit_id')
      .innerJoin('users as u', 'u.id', 'e.user_id')
      .leftJoin('leave_letters as l', 'l.absence_id', 'a.id')
      .select([
        'a.id',
        'a.employee_id',
        'a.type',
        'a.status',
        'a.levels',
        dayText('a.start_date').as('start'),
        dayText('a.end_date').as('end'),
        'a.working_days',
        'a.reason',
        'a.attachment_id',
        'a.approver_id',
        'a.official_id',
        'a.child_order',
        optDay('a.requested_start').as('requested_start'),
        optDay('a.requested_end').as('requested_end'),
        'a.consideration',
        'a.consideration_note',
        optDay('a.consideration_start').as('consideration_start'),
        optDay('a.consideration_end').as('consideration_end'),
        optDay('a.consideration_until').as('consideration_until'),
        'a.considered_at',
        'a.decision_outcome',
        'a.decision_note',
        optDay('a.deferred_until').as('deferred_until'),
        'a.decided_by',
        'a.decided_at',
        'a.created_at',
        'a.spt_number',
        'e.user_id',
        'e.nip',
        'e.kind',
        'e.position',
        'e.grade',
        'e.schedule_id',
        'e.shift_offset',
        'u.full_name',
        'o.name as unit_name',
        'o.path as unit_path',
        'l.number as letter_number',
      ]);

  return {
    /** The facts eligibility needs that the employees reader does not carry: the recorded start of service. */
    serviceFacts: (db: Db, employeeId: number) =>
      x(db)
        .selectFrom('employees')
        .select(['kind', 'nip', optDay('start_date').as('start_date'), 'created_at'])
        .where('id', '=', employeeId)
        .executeTakeFirstOrThrow(),

    insertRequest: (db: Db, a: NewRequest) =>
      x(db)
        .insertInto('absence_requests')
        .values({
          employee_id: a.employeeId,
          idempotency_key: a.key,
          type: a.type,
          start_date: a.start,
          end_date: a.end,
          working_days: a.workingDays,
          reason: a.reason,
          place: a.place,
          place_lat: a.placeLat,
          place_lon: a.placeLon,
          place_radius_m: a.placeRadiusM,
          attachment_id: a.attachmentId,
          approver_id: a.approverId,
          levels: a.levels,
          status: a.status,
          official_id: a.officialId,
          child_order: a.childOrder,
          spt_number: a.sptNumber,
          spt_file_id: a.sptFileId,
        })
        .onConflict((oc) => oc.columns(['employee_id', 'idempotency_key']).doNothing())
        .returning('id')
        .executeTakeFirst(),

    /** One request with everything its page, its steps and its letter need (unscoped: the service decides who sees it). */
    byId: (db: Db, id: number) => requests(db).where('a.id', '=', id).executeTakeFirst(),

    /** Is the request visible to this scope as an overseer (own record, or a unit the caller heads / the admin's city)? */
    inScope: async (db: Db, scope: Scope, id: number) =>
      !!(await x(db)
        .selectFrom('absence_requests as a')
        .innerJoin('employees as e', 'e.id', 'a.employee_id')
        .innerJoin('org_units as o', 'o.id', 'e.unit_id')
        .select('a.id')
        .where('a.id', '=', id)
        .where(employeeInScope(scope, 'e.user_id', 'o.path'))
        .executeTakeFirst()),

    mine: (db: Db, employeeId: number) =>
      requests(db)
        .where('a.employee_id', '=', employeeId)
        .where('a.levels', '=', 2)
        .orderBy('a.start_date', 'desc')
        .limit(100)
        .execute(),

    /** Waiting for this superior's pertimbangan. */
    toConsider: (db: Db, employeeId: number) =>
      requests(db)
        .where('a.levels', '=', 2)
        .where('a.status', '=', 'diajukan')
        .where('a.approver_id', '=', employeeId)
        .orderBy('a.start_date')
        .limit(200)
        .execute(),

    /** Waiting for this PyB: an employee (head of the OPD), or the city's admin for requests without one. */
    toDecide: (db: Db, who: { employeeId: number } | { city: string }) => {
      let q = requests(db).where('a.levels', '=', 2).where('a.status', '=', 'dipertimbangkan');
      q =
        'employeeId' in who
          ? q.where('a.official_id', '=', who.employeeId)
          : q.where('a.official_id', 'is', null).where('o.path', 'like', `${who.city}/%`);
      return q.orderBy('a.start_date').limit(200).execute();
    },

    consider: (db: Db, id: number, s: StepWrite) =>
      x(db)
        .updateTable('absence_requests')
        .set({
          status: 'dipertimbangkan',
          consideration: s.outcome,
          considered_by: s.userId,
          considered_at: s.now,
          consideration_note: s.note,
          consideration_start: s.outcome === 'perubahan' ? s.start : null,
          consideration_end: s.outcome === 'perubahan' ? s.end : null,
          consideration_until: s.outcome === 'ditangguhkan' ? s.until : null,
        })
        .where('id', '=', id)
        .where('levels', '=', 2)
        .where('status', '=', 'diajukan')
        .returning('id')
        .executeTakeFirst(),

    /** The PyB's decision; perubahan moves the dates (keeping those asked) and their working days. */
    decide: (db: Db, id: number, s: StepWrite & { status: LeaveStatus; workingDays: number | null }) =>
      x(db)
        .updateTable('absence_requests')
        .set((eb) => ({
          status: s.status,
          decision_outcome: s.outcome,
          decision_note: s.note,
          decided_by: s.userId,
          decided_at: s.now,
          deferred_until: s.outcome === 'ditangguhkan' ? s.until : null,
          ...(s.outcome === 'perubahan' && s.start && s.end && s.workingDays !== null
            ? {
                requested_start: eb.ref('start_date'),
                requested_end: eb.ref('end_date'),
                start_date: s.start,
                end_date: s.end,
                working_days: s.workingDays,
              }
            : {}),
        }))
        .where('id', '=', id)
        .where('levels', '=', 2)
        .where('status', '=', 'dipertimbangkan')
        .returning('id')
        .executeTakeFirst(),

    // ── The surat izin cuti ──
    /** The top unit (OPD) of a path: its letters are numbered per OPD and year. */
    opdOf: (db: Db, unitPath: string) =>
      x(db)
        .selectFrom('org_units')
        .select(['id', 'code', 'name', 'path'])
        .where('path', '=', unitPath.split('/').slice(0, 2).join('/'))
        .executeTakeFirstOrThrow(),
    /** Name, NIP and position of whoever decided: from their staff record if they have one, else their account. */
    officialIdentity: (db: Db, userId: number) =>
      x(db)
        .selectFrom('users as u')
        .leftJoin('employees as e', (j) => j.onRef('e.user_id', '=', 'u.id').on('e.active', '=', true))
        .select(['u.full_name', sql<string | null>`coalesce(e.nip, u.nip)`.as('nip'), 'e.position', 'u.jabatan'])
        .where('u.id', '=', userId)
        .executeTakeFirst(),
    /** The next number of an OPD's year: a counter row upserted in the deciding transaction (gapless, never max()+1). */
    nextLetterSeq: async (db: Db, unitId: number, year: number) =>
      (
        await x(db)
          .insertInto('leave_letter_sequences')
          .values({ unit_id: unitId, year, last: 1 })
          .onConflict((oc) =>
            oc.columns(['unit_id', 'year']).doUpdateSet({ last: sql`leave_letter_sequences.last + 1` }),
          )
          .returning('last')
          .executeTakeFirstOrThrow()
      ).last,
    insertLetter: (
      db: Db,
      l: {
        absenceId: number;
        unitId: number;
        year: number;
        seq: number;
        number: string;
        verifyCode: string;
        at: Date;
        payload: unknown;
      },
    ) =>
      x(db)
        .insertInto('leave_letters')
        .values({
          absence_id: l.absenceId,
          unit_id: l.unitId,
          year: l.year,
          seq: l.seq,
          number: l.number,
          verify_code: l.verifyCode,
          issued_at: l.at,
          payload: JSON.stringify(l.payload),
        })
        .execute(),
    letterOf: (db: Db, absenceId: number) =>
      x(db).selectFrom('leave_letters').selectAll().where('absence_id', '=', absenceId).executeTakeFirst(),
    letterByCode: (db: Db, code: string) =>
      x(db).selectFrom('leave_letters').selectAll().where('verify_code', '=', code).executeTakeFirst(),

    /** A dinas luar's SPT file, with who may see it decided by the service. */
    sptFileOf: (db: Db, id: number) =>
      x(db)
        .selectFrom('absence_requests')
        .select(['spt_file_id', 'employee_id', 'approver_id'])
        .where('id', '=', id)
        .executeTakeFirst(),
  };
}
export type LeaveRepo = ReturnType<typeof createLeaveRepo>;
