// SQL of E-Presensi. The check-in path is two statements (one read of all
// the person's context, one idempotent insert), each shared by concurrent
// check-ins, because it must hold the 07:30 peak; everything else is
// filtered with employeeInScope.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/database.js';
import { prepared } from '../../db/prepared.js';
import { employeeInScope, type Scope } from '../../kernel/scope.js';
import type { Place } from './checkin.js';
import type { AbsenceStatus, AttendanceTables } from './tables.js';

const x = (db: Db) => db.withTables<AttendanceTables>();
const dayText = (col: string) => sql<string>`to_char(${sql.ref(col)}, 'YYYY-MM-DD')`;

export interface RecordOut {
  id: string;
  kind: 'masuk' | 'pulang';
  taken_at: Date;
  received_at: Date;
  sent_late: boolean;
  flags: string[];
  distance_m: number | null;
  place: string | null;
}

export interface CheckInContext {
  employee_id: number;
  existing: RecordOut | null;
  places: Place[];
  field_duty: Place[];
  last: { at: Date; lat: number; lon: number } | null;
}

export interface NewRecord {
  employeeId: number;
  key: string;
  kind: 'masuk' | 'pulang';
  takenAt: Date;
  deviceTime: Date;
  receivedAt: Date;
  workDate: string;
  lat: number | null;
  lon: number | null;
  accuracyM: number | null;
  locationId: number | null;
  absenceId: number | null;
  distanceM: number | null;
  flags: string[];
  sentLate: boolean;
  selfieId: number | null;
}

const recordJson = sql`json_build_object('id', r.id::text, 'kind', r.kind, 'taken_at', r.taken_at, 'received_at', r.received_at, 'sent_late', r.sent_late,
  'flags', r.flags, 'distance_m', r.distance_m, 'place', coalesce(l.name, a.place))`;
/** The stored record of (employee, key) as JSON, or null: a scalar subquery; the arguments are SQL expressions. */
const storedRecord = (employee: RawBuilder<unknown>, key: RawBuilder<unknown>) =>
  sql`(select ${recordJson} from attendance_records r left join work_locations l on l.id = r.location_id left join absence_requests a on a.id = r.absence_id
    where r.employee_id = ${employee} and r.idempotency_key = ${key})`;
const revive = (
  r: (Omit<RecordOut, 'taken_at' | 'received_at'> & { taken_at: string | Date; received_at: string | Date }) | null,
): RecordOut | null => r && { ...r, taken_at: new Date(r.taken_at), received_at: new Date(r.received_at) };

export function createAttendanceRepo() {
  return {
    /**
     * Everything a check-in needs, for many check-ins in one round trip (see
     * lib/batch.ts), results in the order asked; `undefined` where the user is
     * not an active employee. The asks travel as one JSON parameter.
     */
    async checkInContexts(
      db: Db,
      asks: { userId: number; key: string; day: string }[],
    ): Promise<(CheckInContext | undefined)[]> {
      type Row = Omit<CheckInContext, 'existing' | 'last'> & {
        i: number;
        existing: Parameters<typeof revive>[0];
        last: { at: string; lat: number; lon: number } | null;
      };
      const r = await sql<Row>`${prepared('checkin_contexts')}
        select q.i, e.id as employee_id,
          ${storedRecord(sql`e.id`, sql`q.key`)} as existing,
          coalesce((select json_agg(json_build_object('id', l.id, 'name', l.name, 'lat', l.lat, 'lon', l.lon, 'radius', l.radius_m))
            from employee_locations el join work_locations l on l.id = el.location_id where el.employee_id = e.id and l.active), '[]') as places,
          coalesce((select json_agg(json_build_object('id', a.id, 'absenceId', a.id, 'name', a.place, 'lat', a.place_lat, 'lon', a.place_lon, 'radius', a.place_radius_m))
            from absence_requests a where a.employee_id = e.id and a.type = 'dinas_luar' and a.status = 'disetujui'
            and q.day between a.start_date and a.end_date), '[]') as field_duty,
          (select json_build_object('at', r.taken_at, 'lat', r.lat, 'lon', r.lon) from attendance_records r
            where r.employee_id = e.id and r.lat is not null order by r.taken_at desc limit 1) as last
        from json_to_recordset(${JSON.stringify(asks.map((q, i) => ({ i, ...q })))}::json) as q(i int, "userId" int, key text, day date)
        join employees e on e.user_id = q."userId" and e.active`.execute(db);
      const byIndex = new Map(r.rows.map((row) => [row.i, row]));
      return asks.map((_, i) => {
        const row = byIndex.get(i);
        if (!row) return undefined;
        const { i: _i, ...rest } = row;
        return {
          ...rest,
          existing: revive(row.existing),
          last: row.last && { ...row.last, at: new Date(row.last.at) },
        };
      });
    },

    /**
     * Inserts the check-ins unless their keys were already recorded, many in
     * one statement (one round trip and one commit, see lib/batch.ts), results
     * in the order given. On a duplicate it returns the stored record when
     * this statement can see it; `{ id: null, existing: null }` means another
     * transaction committed the key after this statement began (read with
     * recordByKey). The rows travel as one JSON parameter, so the statement
     * text never varies. When a batch holds the same key twice, only its first
     * occurrence may be answered as created; the others come back
     * `{ id: null, existing: null }` too.
     */
    async insertRecords(db: Db, rows: NewRecord[]): Promise<{ id: string | null; existing: RecordOut | null }[]> {
      const json = JSON.stringify(rows.map((n, i) => ({ i, ...n })));
      const r = await sql<{
        id: string | null;
        existing: Parameters<typeof revive>[0];
      }>`${prepared('checkin_insert_many')}
        with v as (
          select v.*, row_number() over (partition by v."employeeId", v.key order by v.i) = 1 as first
          from json_to_recordset(${json}::json) as v(i int, "employeeId" int, key text, kind text, "takenAt" timestamptz, "deviceTime" timestamptz,
            "receivedAt" timestamptz, "workDate" date, lat float8, lon float8, "accuracyM" real, "locationId" int, "absenceId" int, "distanceM" real,
            flags json, "sentLate" boolean, "selfieId" int)),
        ins as (
          insert into attendance_records (employee_id, idempotency_key, kind, taken_at, device_time, received_at, work_date, lat, lon, accuracy_m,
            location_id, absence_id, distance_m, flags, sent_late, selfie_id)
          select v."employeeId", v.key, v.kind, v."takenAt", v."deviceTime", v."receivedAt", v."workDate", v.lat, v.lon, v."accuracyM",
            v."locationId", v."absenceId", v."distanceM", array(select json_array_elements_text(v.flags)), v."sentLate", v."selfieId"
          from v order by v."employeeId", v.key -- one order for every batch: two batches never wait on each other in a cycle
          on conflict (employee_id, idempotency_key) do nothing
          returning id::text as id, employee_id, idempotency_key)
        select ins.id,
          case when ins.id is null and v.first then ${storedRecord(sql`v."employeeId"`, sql`v.key`)} end as existing
        from v left join ins on v.first and ins.employee_id = v."employeeId" and ins.idempotency_key = v.key
        order by v.i`.execute(db);
      return r.rows.map((row) => ({ id: row.id, existing: revive(row.existing) }));
    },

    async recordByKey(db: Db, employeeId: number, key: string): Promise<RecordOut | null> {
      const r = await sql<{
        rec: Parameters<typeof revive>[0];
      }>`select ${storedRecord(sql`${employeeId}::int`, sql`${key}::text`)} as rec`.execute(db);
      return revive(r.rows[0]?.rec ?? null);
    },

    /** Records of these employees between two instants (a day's window may cross midnight). The service passes only people the caller may see. */
    records: (db: Db, employeeIds: number[], from: Date, to: Date) =>
      employeeIds.length
        ? x(db)
            .selectFrom('attendance_records as r')
            .leftJoin('work_locations as l', 'l.id', 'r.location_id')
            .select([
              'r.id',
              'r.employee_id',
              'r.kind',
              'r.taken_at',
              'r.received_at',
              'r.sent_late',
              'r.flags',
              'r.distance_m',
              'r.accuracy_m',
              'r.review',
              'l.name as place',
            ])
            .where('r.employee_id', 'in', employeeIds)
            .where('r.taken_at', '>=', from)
            .where('r.taken_at', '<', to)
            .orderBy('r.taken_at')
            .execute()
        : Promise.resolve([]),

    /** Flagged records not reviewed yet, for the supervisor. */
    flagged: (db: Db, scope: Scope, from: string, to: string) =>
      x(db)
        .selectFrom('attendance_records as r')
        .innerJoin('employees as e', 'e.id', 'r.employee_id')
        .innerJoin('org_units as o', 'o.id', 'e.unit_id')
        .innerJoin('users as u', 'u.id', 'e.user_id')
        .leftJoin('work_locations as l', 'l.id', 'r.location_id')
        .select([
          'r.id',
          'r.kind',
          'r.taken_at',
          'r.flags',
          'r.distance_m',
          'r.accuracy_m',
          'r.sent_late',
          'u.full_name',
          'e.nip',
          'e.staff_number',
          'e.kind as employee_kind',
          'l.name as place',
        ])
        .where('r.flags', '<>', sql<string[]>`'{}'`)
        .where('r.review', 'is', null)
        .where('r.work_date', '>=', from)
        .where('r.work_date', '<=', to)
        .where('e.user_id', '<>', scope.userId)
        .where(employeeInScope(scope, 'e.user_id', 'o.path'))
        .orderBy('r.taken_at', 'desc')
        .limit(200)
        .execute(),
    async review(db: Db, scope: Scope, id: string, review: 'diterima' | 'ditolak', userId: number, now: Date) {
      const r = await x(db)
        .updateTable('attendance_records as r')
        .set({ review, reviewed_by: userId, reviewed_at: now })
        .where('r.id', '=', id)
        .where('r.review', 'is', null)
        .where(({ exists, selectFrom }) =>
          exists(
            selectFrom('employees as e')
              .innerJoin('org_units as o', 'o.id', 'e.unit_id')
              .select('e.id')
              .whereRef('e.id', '=', 'r.employee_id')
              .where('e.user_id', '<>', scope.userId)
              .where(employeeInScope(scope, 'e.user_id', 'o.path')),
          ),
        )
        .returning(['r.employee_id', dayText('r.work_date').as('work_date')])
        .executeTakeFirst();
      return r;
    },

    // ── Absences ──
    absenceByKey: (db: Db, employeeId: number, key: string) =>
      x(db)
        .selectFrom('absence_requests')
        .select(['id', 'status'])
        .where('employee_id', '=', employeeId)
        .where('idempotency_key', '=', key)
        .executeTakeFirst(),
    absences(
      db: Db,
      scope: Scope,
      opts: {
        employeeId?: number;
        approverId?: number;
        status?: AbsenceStatus;
        from?: string;
        to?: string;
        limit?: number;
      },
    ) {
      let q = x(db)
        .selectFrom('absence_requests as a')
        .innerJoin('employees as e', 'e.id', 'a.employee_id')
        .innerJoin('org_units as o', 'o.id', 'e.unit_id')
        .innerJoin('users as u', 'u.id', 'e.user_id')
        .select([
          'a.id',
          'a.employee_id',
          'a.type',
          dayText('a.start_date').as('start'),
          dayText('a.end_date').as('end'),
          'a.working_days',
          'a.reason',
          'a.place',
          'a.attachment_id',
          'a.status',
          'a.approver_id',
          'a.decided_at',
          'a.decision_note',
          'a.created_at',
          'a.levels',
          'a.spt_number',
          'a.spt_file_id',
          'u.full_name',
          'e.nip',
          'e.staff_number',
          'e.kind',
        ])
        .where((eb) =>
          eb.or([
            employeeInScope(scope, 'e.user_id', 'o.path'),
            ...(opts.approverId ? [eb('a.approver_id', '=', opts.approverId)] : []),
          ]),
        );
      if (opts.employeeId) q = q.where('a.employee_id', '=', opts.employeeId);
      if (opts.approverId) q = q.where('a.approver_id', '=', opts.approverId);
      if (opts.status) q = q.where('a.status', '=', opts.status);
      if (opts.from) q = q.where('a.end_date', '>=', opts.from);
      if (opts.to) q = q.where('a.start_date', '<=', opts.to);
      return q
        .orderBy('a.start_date', 'desc')
        .limit(opts.limit ?? 200)
        .execute();
    },
    /** Approved absences of these employees overlapping [from, to]. */
    approvedAbsences: (db: Db, employeeIds: number[], from: string, to: string) =>
      employeeIds.length
        ? x(db)
            .selectFrom('absence_requests')
            .select(['employee_id', 'type', dayText('start_date').as('start'), dayText('end_date').as('end')])
            .where('employee_id', 'in', employeeIds)
            .where('status', '=', 'disetujui')
            .where('end_date', '>=', from)
            .where('start_date', '<=', to)
            .execute()
        : Promise.resolve([]),
    /** Working days of approved annual leave in a year (for the balance). */
    annualLeaveTaken: async (db: Db, employeeId: number, year: number) =>
      Number(
        (
          await x(db)
            .selectFrom('absence_requests')
            .select(sql<number>`coalesce(sum(working_days), 0)::int`.as('n'))
            .where('employee_id', '=', employeeId)
            .where('type', '=', 'cuti_tahunan')
            .where('status', 'in', ['disetujui', 'diajukan', 'dipertimbangkan'])
            .where(sql<number>`extract(year from start_date)`, '=', year)
            .executeTakeFirstOrThrow()
        ).n,
      ),
    carryover: async (db: Db, employeeId: number, year: number) =>
      (await x(db)
        .selectFrom('leave_carryover')
        .select(['unused_last_year', 'unused_two_years_ago'])
        .where('employee_id', '=', employeeId)
        .where('year', '=', year)
        .executeTakeFirst()) ?? { unused_last_year: 0, unused_two_years_ago: 0 },
    setCarryover: (
      db: Db,
      c: {
        employeeId: number;
        year: number;
        unusedLastYear: number;
        unusedTwoYearsAgo: number;
        userId: number;
        now: Date;
      },
    ) =>
      x(db)
        .insertInto('leave_carryover')
        .values({
          employee_id: c.employeeId,
          year: c.year,
          unused_last_year: c.unusedLastYear,
          unused_two_years_ago: c.unusedTwoYearsAgo,
          updated_by: c.userId,
          updated_at: c.now,
        })
        .onConflict((oc) =>
          oc.columns(['employee_id', 'year']).doUpdateSet({
            unused_last_year: c.unusedLastYear,
            unused_two_years_ago: c.unusedTwoYearsAgo,
            updated_by: c.userId,
            updated_at: c.now,
          }),
        )
        .execute(),
    /** One transition, guarded: only a pending request changes, so two approvers at once make one decision. */
    decideAbsence: (
      db: Db,
      id: number,
      to: 'disetujui' | 'ditolak' | 'dibatalkan',
      userId: number,
      note: string | null,
      now: Date,
    ) =>
      x(db)
        .updateTable('absence_requests')
        .set({ status: to, decided_by: userId, decided_at: to === 'dibatalkan' ? null : now, decision_note: note })
        .where('id', '=', id)
        // A leave waiting for its PyB may still be withdrawn by its owner; only one-level requests are approved here.
        .where('status', 'in', to === 'dibatalkan' ? ['diajukan', 'dipertimbangkan'] : ['diajukan'])
        .$if(to !== 'dibatalkan', (q) => q.where('levels', '=', 1))
        .returning(['id', 'employee_id', dayText('start_date').as('start'), dayText('end_date').as('end')])
        .executeTakeFirst(),
    absenceForDecision: (db: Db, id: number) =>
      x(db)
        .selectFrom('absence_requests as a')
        .innerJoin('employees as e', 'e.id', 'a.employee_id')
        .innerJoin('org_units as o', 'o.id', 'e.unit_id')
        .select([
          'a.id',
          'a.employee_id',
          'a.status',
          'a.type',
          dayText('a.start_date').as('start'),
          dayText('a.end_date').as('end'),
          'a.approver_id',
          'a.attachment_id',
          'a.levels',
          'e.user_id',
          'e.schedule_id',
          'e.shift_offset',
          'e.created_at',
          dayText('e.start_date').as('start_date'),
          dayText('e.end_date').as('end_date'),
          'o.path as unit_path',
        ])
        .where('a.id', '=', id)
        .executeTakeFirst(),

    // ── Closed days and their history ──
    closedDays: (db: Db, employeeIds: number[], from: string, to: string) =>
      employeeIds.length
        ? x(db)
            .selectFrom('attendance_days')
            .select(['employee_id', dayText('work_date').as('date'), 'status', 'cut_percent'])
            .where('employee_id', 'in', employeeIds)
            .where('work_date', '>=', from)
            .where('work_date', '<=', to)
            .execute()
        : Promise.resolve([]),
    upsertDay: (
      db: Db,
      employeeId: number,
      d: {
        date: string;
        status: string;
        checkIn: Date | null;
        checkOut: Date | null;
        lateMinutes: number;
        earlyMinutes: number;
        lateBand: string | null;
        earlyBand: string | null;
        absenceType: string | null;
        cutPercent: number;
      },
      now: Date,
    ) =>
      x(db)
        .insertInto('attendance_days')
        .values({
          employee_id: employeeId,
          work_date: d.date,
          status: d.status,
          check_in: d.checkIn,
          check_out: d.checkOut,
          late_minutes: d.lateMinutes,
          early_minutes: d.earlyMinutes,
          late_band: d.lateBand,
          early_band: d.earlyBand,
          absence_type: d.absenceType,
          cut_percent: d.cutPercent,
          computed_at: now,
        })
        .onConflict((oc) =>
          oc.columns(['employee_id', 'work_date']).doUpdateSet((eb) => ({
            status: eb.ref('excluded.status'),
            check_in: eb.ref('excluded.check_in'),
            check_out: eb.ref('excluded.check_out'),
            late_minutes: eb.ref('excluded.late_minutes'),
            early_minutes: eb.ref('excluded.early_minutes'),
            late_band: eb.ref('excluded.late_band'),
            early_band: eb.ref('excluded.early_band'),
            absence_type: eb.ref('excluded.absence_type'),
            cut_percent: eb.ref('excluded.cut_percent'),
            computed_at: eb.ref('excluded.computed_at'),
          })),
        )
        .execute(),
    insertHistory: (
      db: Db,
      h: {
        employeeId: number;
        date: string;
        oldStatus: string;
        newStatus: string;
        oldCut: number;
        newCut: number;
        reason: string;
        at: Date;
      },
    ) =>
      x(db)
        .insertInto('attendance_day_history')
        .values({
          employee_id: h.employeeId,
          work_date: h.date,
          old_status: h.oldStatus,
          new_status: h.newStatus,
          old_cut: h.oldCut,
          new_cut: h.newCut,
          reason: h.reason,
          changed_at: h.at,
        })
        .execute(),
    history: (db: Db, employeeId: number, from: string, to: string) =>
      x(db)
        .selectFrom('attendance_day_history')
        .select([
          dayText('work_date').as('date'),
          'old_status',
          'new_status',
          'old_cut',
          'new_cut',
          'reason',
          'changed_at',
        ])
        .where('employee_id', '=', employeeId)
        .where('work_date', '>=', from)
        .where('work_date', '<=', to)
        .orderBy('changed_at')
        .execute(),

    /** Schedules that may apply: the employee's own, each unit's up the tree, by id. */
    schedulesById: async (db: Db, ids: number[]) =>
      ids.length
        ? new Map(
            (
              await x(db).selectFrom('work_schedules').select(['id', 'definition']).where('id', 'in', ids).execute()
            ).map((s) => [s.id, s.definition]),
          )
        : new Map<number, unknown>(),
    unitSchedules: (db: Db, paths: string[]) =>
      paths.length
        ? x(db)
            .selectFrom('org_units')
            .select(['path', 'schedule_id'])
            .where('path', 'in', paths)
            .where('schedule_id', 'is not', null)
            .execute()
        : Promise.resolve([]),

    /** Live board: per unit, how many active employees and how many have a check-in today. */
    liveBoard: (db: Db, scope: Scope, day: string) =>
      x(db)
        .selectFrom('org_units as o')
        .innerJoin('employees as e', (j) => j.onRef('e.unit_id', '=', 'o.id').on('e.active', '=', true))
        .leftJoin(
          (eb) =>
            eb
              .selectFrom('attendance_records')
              .select(['employee_id', sql<Date>`min(taken_at)`.as('first_in')])
              .where('work_date', '=', day)
              .where('kind', '=', 'masuk')
              .groupBy('employee_id')
              .as('r'),
          (j) => j.onRef('r.employee_id', '=', 'e.id'),
        )
        .select([
          'o.id',
          'o.name',
          'o.path',
          sql<number>`count(e.id)::int`.as('employees'),
          sql<number>`count(r.employee_id)::int`.as('checked_in'),
        ])
        .where(employeeInScope(scope, 'e.user_id', 'o.path'))
        .groupBy(['o.id', 'o.name', 'o.path'])
        .orderBy('o.path')
        .execute(),
  };
}
export type AttendanceRepo = ReturnType<typeof createAttendanceRepo>;
