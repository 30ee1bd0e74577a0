// SQL of the staff side: units, employees, work locations, schedules, the
// holiday calendar and the city's attendance rules. Units and employees are
// filtered by inUnitScope/employeeInScope; city-wide settings by inScope.
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { employeeInScope, inUnitScope, type Scope, withinUnit } from '../../kernel/scope.js';
import type { EmployeeKind, OrgTables, UnitKind } from './tables.js';

const x = (db: Db) => db.withTables<OrgTables>();
const dayText = (col: string) => sql<string>`to_char(${sql.ref(col)}, 'YYYY-MM-DD')`;

export interface NewEmployee {
  userId: number;
  nip: string | null;
  staffNumber: string | null;
  kind: EmployeeKind;
  startDate: string | null;
  endDate: string | null;
  position: string;
  grade: string | null;
  unitId: number;
  supervisorId: number | null;
  now: Date;
}

export function createEmployeesRepo() {
  const employeeCols = [
    'e.id',
    'e.user_id',
    'e.nip',
    'e.staff_number',
    'e.kind',
    'e.position',
    'e.grade',
    'e.unit_id',
    'e.supervisor_id',
    'e.schedule_id',
    'e.shift_offset',
    'e.active',
    'e.created_at',
    sql<string | null>`to_char(e.start_date, 'YYYY-MM-DD')`.as('start_date'),
    sql<string | null>`to_char(e.end_date, 'YYYY-MM-DD')`.as('end_date'),
    'u.full_name',
    'u.username',
    'o.name as unit_name',
    'o.path as unit_path',
  ] as const;
  const employees = (db: Db) =>
    x(db)
      .selectFrom('employees as e')
      .innerJoin('users as u', 'u.id', 'e.user_id')
      .innerJoin('org_units as o', 'o.id', 'e.unit_id');

  return {
    // ── Units ──
    listUnits: (db: Db, scope: Scope) =>
      x(db)
        .selectFrom('org_units as o')
        .leftJoin('employees as he', 'he.id', 'o.head_employee_id')
        .leftJoin('users as hu', 'hu.id', 'he.user_id')
        .select([
          'o.id',
          'o.parent_id',
          'o.code',
          'o.path',
          'o.name',
          'o.kind',
          'o.region_code',
          'o.head_employee_id',
          'o.schedule_id',
          'hu.full_name as head_name',
        ])
        .select((eb) =>
          eb
            .selectFrom('employees as c')
            .whereRef('c.unit_id', '=', 'o.id')
            .where('c.active', '=', true)
            .select(sql<number>`count(*)::int`.as('n'))
            .as('employee_count'),
        )
        .where('o.active', '=', true)
        .where(inUnitScope(scope, 'o.path'))
        .orderBy('o.path')
        .execute(),
    findUnit: (db: Db, scope: Scope, id: number) =>
      x(db)
        .selectFrom('org_units as o')
        .selectAll('o')
        .where('o.id', '=', id)
        .where('o.active', '=', true)
        .where(inUnitScope(scope, 'o.path'))
        .executeTakeFirst(),
    findUnitByPath: (db: Db, scope: Scope, path: string) =>
      x(db)
        .selectFrom('org_units as o')
        .selectAll('o')
        .where('o.path', '=', path)
        .where('o.active', '=', true)
        .where(inUnitScope(scope, 'o.path'))
        .executeTakeFirst(),
    insertUnit: (
      db: Db,
      u: { regionCode: string; parentId: number | null; code: string; path: string; name: string; kind: UnitKind },
    ) =>
      x(db)
        .insertInto('org_units')
        .values({
          region_code: u.regionCode,
          parent_id: u.parentId,
          code: u.code,
          path: u.path,
          name: u.name,
          kind: u.kind,
        })
        .returning(['id', 'path'])
        .executeTakeFirstOrThrow(),
    setUnitHead: (db: Db, unitId: number, employeeId: number | null) =>
      x(db).updateTable('org_units').set({ head_employee_id: employeeId }).where('id', '=', unitId).execute(),
    setUnitSchedule: (db: Db, unitId: number, scheduleId: number | null) =>
      x(db).updateTable('org_units').set({ schedule_id: scheduleId }).where('id', '=', unitId).execute(),
    /** Active units by path (ids for the acting officials of vacant posts). */
    unitsByPath: (db: Db, paths: string[]) =>
      paths.length
        ? x(db)
            .selectFrom('org_units')
            .select(['id', 'path'])
            .where('path', 'in', paths)
            .where('active', '=', true)
            .execute()
        : Promise.resolve([]),
    /** Heads along a unit's path (for "who supervises"), nearest last. */
    headsAlong: (db: Db, paths: string[]) =>
      paths.length
        ? x(db)
            .selectFrom('org_units')
            .select(['path', 'head_employee_id'])
            .where('path', 'in', paths)
            .where('active', '=', true)
            .execute()
        : Promise.resolve([]),

    // ── Employees ──
    listEmployees: (
      db: Db,
      scope: Scope,
      opts: { unitPath?: string | undefined; q?: string | undefined; limit: number; offset: number },
    ) => {
      let q = employees(db)
        .select(employeeCols)
        .where(employeeInScope(scope, 'e.user_id', 'o.path'))
        .where('e.active', '=', true);
      if (opts.unitPath) q = q.where(withinUnit('o.path', opts.unitPath));
      const q0 = opts.q;
      if (q0) {
        const digits = q0.replace(/\D/g, '');
        const name = `%${q0.toLowerCase().replace(/[%_\\]/g, '')}%`;
        q = q.where((eb) =>
          eb.or([
            eb(sql`lower(u.full_name)`, 'like', name),
            ...(digits.length >= 4 ? [eb('e.nip', 'like', `${digits}%`)] : []),
            eb(
              'e.staff_number',
              'like',
              `${q0
                .trim()
                .toUpperCase()
                .replace(/[%_\\]/g, '')}%`,
            ),
          ]),
        );
      }
      return q.orderBy('o.path').orderBy('u.full_name').limit(opts.limit).offset(opts.offset).execute();
    },
    findEmployee: (db: Db, scope: Scope, id: number) =>
      employees(db)
        .select(employeeCols)
        .where('e.id', '=', id)
        .where(employeeInScope(scope, 'e.user_id', 'o.path'))
        .executeTakeFirst(),
    findEmployeeByUser: (db: Db, userId: number) =>
      employees(db)
        .select(employeeCols)
        .where('e.user_id', '=', userId)
        .where('e.active', '=', true)
        .executeTakeFirst(),
    findEmployeeByNip: (db: Db, scope: Scope, nip: string) =>
      employees(db)
        .select(employeeCols)
        .where('e.nip', '=', nip)
        .where(employeeInScope(scope, 'e.user_id', 'o.path'))
        .executeTakeFirst(),
    findEmployeeByStaffNumber: (db: Db, scope: Scope, staffNumber: string) =>
      employees(db)
        .select(employeeCols)
        .where('e.staff_number', '=', staffNumber)
        .where(employeeInScope(scope, 'e.user_id', 'o.path'))
        .executeTakeFirst(),
    /** Which of these numbers (NIP/NI PPPK or nomor pegawai) some employee already carries. */
    numbersTaken: async (db: Db, numbers: string[]) =>
      numbers.length
        ? new Set(
            (
              await x(db)
                .selectFrom('employees')
                .select(['nip', 'staff_number'])
                .where((eb) => eb.or([eb('nip', 'in', numbers), eb('staff_number', 'in', numbers)]))
                .execute()
            ).map((r) => (r.nip ?? r.staff_number)!),
          )
        : new Set<string>(),
    insertEmployee: (db: Db, e: NewEmployee) =>
      x(db)
        .insertInto('employees')
        .values({
          user_id: e.userId,
          nip: e.nip,
          staff_number: e.staffNumber,
          kind: e.kind,
          start_date: e.startDate,
          end_date: e.endDate,
          position: e.position,
          grade: e.grade,
          unit_id: e.unitId,
          supervisor_id: e.supervisorId,
          created_at: e.now,
          updated_at: e.now,
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
    updateEmployee: (
      db: Db,
      id: number,
      set: {
        position?: string;
        grade?: string | null;
        unit_id?: number;
        supervisor_id?: number | null;
        schedule_id?: number | null;
        shift_offset?: number;
        kind?: EmployeeKind;
        nip?: string | null;
        staff_number?: string | null;
        start_date?: string | null;
        end_date?: string | null;
      },
      now: Date,
    ) =>
      x(db)
        .updateTable('employees')
        .set({ ...set, updated_at: now })
        .where('id', '=', id)
        .execute(),

    /** Background work (closing days): every city that has units, and its active employees in id order. */
    citiesWithUnits: async (db: Db) =>
      (
        await x(db)
          .selectFrom('org_units')
          .select(sql<string>`split_part(path, '/', 1)`.as('city'))
          .where('active', '=', true)
          .distinct()
          .execute()
      ).map((r) => r.city),
    activeEmployeesAfter: (db: Db, city: string, afterId: number, limit: number) =>
      x(db)
        .selectFrom('employees as e')
        .innerJoin('org_units as o', 'o.id', 'e.unit_id')
        .select([
          'e.id',
          'e.schedule_id',
          'e.shift_offset',
          'e.created_at',
          sql<string | null>`to_char(e.start_date, 'YYYY-MM-DD')`.as('start_date'),
          sql<string | null>`to_char(e.end_date, 'YYYY-MM-DD')`.as('end_date'),
          'o.path as unit_path',
        ])
        .where('o.path', 'like', `${city}/%`)
        .where('e.active', '=', true)
        .where('e.id', '>', afterId)
        .orderBy('e.id')
        .limit(limit)
        .execute(),

    /** An employee who leaves: no longer listed, closed or heading any unit (their records stay). */
    async deactivateEmployee(db: Db, id: number, now: Date) {
      await x(db).updateTable('employees').set({ active: false, updated_at: now }).where('id', '=', id).execute();
      await x(db).updateTable('org_units').set({ head_employee_id: null }).where('head_employee_id', '=', id).execute();
    },

    // ── Work locations ──
    /** A city's work locations are not personal data: every account of the city may list them. */
    listLocations: (db: Db, cityCode: string) =>
      x(db)
        .selectFrom('work_locations')
        .selectAll()
        .where('region_code', '=', cityCode)
        .where('active', '=', true)
        .orderBy('name')
        .execute(),
    insertLocation: (db: Db, l: { regionCode: string; name: string; lat: number; lon: number; radiusM: number }) =>
      x(db)
        .insertInto('work_locations')
        .values({ region_code: l.regionCode, name: l.name, lat: l.lat, lon: l.lon, radius_m: l.radiusM })
        .returning('id')
        .executeTakeFirstOrThrow(),
    locationsOf: (db: Db, employeeId: number) =>
      x(db)
        .selectFrom('employee_locations as el')
        .innerJoin('work_locations as l', 'l.id', 'el.location_id')
        .select(['l.id', 'l.name', 'l.lat', 'l.lon', 'l.radius_m'])
        .where('el.employee_id', '=', employeeId)
        .where('l.active', '=', true)
        .orderBy('l.name')
        .execute(),
    async setLocations(db: Db, employeeId: number, locationIds: number[]) {
      await x(db).deleteFrom('employee_locations').where('employee_id', '=', employeeId).execute();
      if (locationIds.length)
        await x(db)
          .insertInto('employee_locations')
          .values(locationIds.map((location_id) => ({ employee_id: employeeId, location_id })))
          .execute();
    },
    locationsInCity: async (db: Db, cityCode: string, ids: number[]) =>
      ids.length
        ? (
            await x(db)
              .selectFrom('work_locations')
              .select('id')
              .where('region_code', '=', cityCode)
              .where('id', 'in', ids)
              .where('active', '=', true)
              .execute()
          ).map((r) => r.id)
        : [],
    locationIdsByName: async (db: Db, cityCode: string) =>
      new Map(
        (
          await x(db)
            .selectFrom('work_locations')
            .select(['id', 'name'])
            .where('region_code', '=', cityCode)
            .where('active', '=', true)
            .execute()
        ).map((r) => [r.name.toLowerCase(), r.id]),
      ),

    // ── Schedules, calendar, rules (per city) ──
    listSchedules: (db: Db, cityCode: string) =>
      x(db)
        .selectFrom('work_schedules')
        .select(['id', 'name', 'definition'])
        .where('region_code', '=', cityCode)
        .orderBy('name')
        .execute(),
    findSchedule: (db: Db, cityCode: string, id: number) =>
      x(db)
        .selectFrom('work_schedules')
        .select(['id', 'name', 'definition'])
        .where('region_code', '=', cityCode)
        .where('id', '=', id)
        .executeTakeFirst(),
    upsertSchedule: (db: Db, cityCode: string, name: string, definition: unknown, now: Date) =>
      x(db)
        .insertInto('work_schedules')
        .values({ region_code: cityCode, name, definition: JSON.stringify(definition), updated_at: now })
        .onConflict((oc) =>
          oc.columns(['region_code', 'name']).doUpdateSet({ definition: JSON.stringify(definition), updated_at: now }),
        )
        .returning('id')
        .executeTakeFirstOrThrow(),
    calendar: (db: Db, cityCode: string, from: string, to: string) =>
      x(db)
        .selectFrom('calendar_entries')
        .select(['id', 'kind', 'name', dayText('start_date').as('start'), dayText('end_date').as('end')])
        .where('region_code', '=', cityCode)
        .where('end_date', '>=', from)
        .where('start_date', '<=', to)
        .orderBy('start_date')
        .execute(),
    insertCalendarEntry: (
      db: Db,
      cityCode: string,
      e: { kind: 'libur_nasional' | 'cuti_bersama' | 'ramadan'; start: string; end: string; name: string },
    ) =>
      x(db)
        .insertInto('calendar_entries')
        .values({ region_code: cityCode, kind: e.kind, start_date: e.start, end_date: e.end, name: e.name })
        .returning('id')
        .executeTakeFirstOrThrow(),
    deleteCalendarEntry: (db: Db, cityCode: string, id: number) =>
      x(db).deleteFrom('calendar_entries').where('region_code', '=', cityCode).where('id', '=', id).executeTakeFirst(),
    rules: (db: Db, cityCode: string) =>
      x(db).selectFrom('attendance_rules').select('rules').where('region_code', '=', cityCode).executeTakeFirst(),
    setRules: (db: Db, cityCode: string, rules: unknown, userId: number, now: Date) =>
      x(db)
        .insertInto('attendance_rules')
        .values({ region_code: cityCode, rules: JSON.stringify(rules), updated_by: userId, updated_at: now })
        .onConflict((oc) =>
          oc.column('region_code').doUpdateSet({ rules: JSON.stringify(rules), updated_by: userId, updated_at: now }),
        )
        .execute(),
  };
}
export type EmployeesRepo = ReturnType<typeof createEmployeesRepo>;
