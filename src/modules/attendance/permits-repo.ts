// SQL of hourly permits and of the discipline counts (both read the staff
// register for names and scope; lists are filtered with employeeInScope or
// inUnitScope, like the absence lists in repo.ts).
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { employeeInScope, inUnitScope, type Scope } from '../../kernel/scope.js';
import type { PermitKind, PermitStatus } from './permits-rules.js';
import type { PermitTables } from './permits-tables.js';

const x = (db: Db) => db.withTables<PermitTables>();
const dayText = (col: string) => sql<string>`to_char(${sql.ref(col)}, 'YYYY-MM-DD')`;

export interface NewPermit {
  employeeId: number;
  key: string;
  kind: PermitKind;
  date: string;
  startTime: string;
  endTime: string;
  reason: string;
  approverId: number | null;
}

export function createPermitsRepo() {
  return {
    insertPermit: (db: Db, p: NewPermit) =>
      x(db)
        .insertInto('hourly_permits')
        .values({
          employee_id: p.employeeId,
          idempotency_key: p.key,
          kind: p.kind,
          work_date: p.date,
          start_time: p.startTime,
          end_time: p.endTime,
          reason: p.reason,
          approver_id: p.approverId,
        })
        .onConflict((oc) => oc.columns(['employee_id', 'idempotency_key']).doNothing())
        .returning('id')
        .executeTakeFirst(),

    permitByKey: (db: Db, employeeId: number, key: string) =>
      x(db)
        .selectFrom('hourly_permits')
        .select(['id', 'status'])
        .where('employee_id', '=', employeeId)
        .where('idempotency_key', '=', key)
        .executeTakeFirst(),

    /** Permits asked or approved in [from, to] (the monthly limit counts both). */
    countHeld: async (db: Db, employeeId: number, from: string, to: string) =>
      Number(
        (
          await x(db)
            .selectFrom('hourly_permits')
            .select(sql<number>`count(*)::int`.as('n'))
            .where('employee_id', '=', employeeId)
            .where('status', 'in', ['diajukan', 'disetujui'])
            .where('work_date', '>=', from)
            .where('work_date', '<=', to)
            .executeTakeFirstOrThrow()
        ).n,
      ),

    /** Permits the scope may see (own, or in a unit it heads/administers), or waiting for `approverId`. */
    permits(
      db: Db,
      scope: Scope,
      opts: { employeeId?: number; approverId?: number; status?: PermitStatus; from?: string; to?: string } = {},
    ) {
      let q = x(db)
        .selectFrom('hourly_permits as p')
        .innerJoin('employees as e', 'e.id', 'p.employee_id')
        .innerJoin('org_units as o', 'o.id', 'e.unit_id')
        .innerJoin('users as u', 'u.id', 'e.user_id')
        .select([
          'p.id',
          'p.employee_id',
          'p.kind',
          dayText('p.work_date').as('date'),
          'p.start_time',
          'p.end_time',
          'p.reason',
          'p.status',
          'p.approver_id',
          'p.decided_at',
          'p.decision_note',
          'p.created_at',
          'u.full_name',
          'e.nip',
        ])
        .where((eb) =>
          eb.or([
            employeeInScope(scope, 'e.user_id', 'o.path'),
            ...(opts.approverId ? [eb('p.approver_id', '=', opts.approverId)] : []),
          ]),
        );
      if (opts.employeeId) q = q.where('p.employee_id', '=', opts.employeeId);
      if (opts.approverId) q = q.where('p.approver_id', '=', opts.approverId);
      if (opts.status) q = q.where('p.status', '=', opts.status);
      if (opts.from) q = q.where('p.work_date', '>=', opts.from);
      if (opts.to) q = q.where('p.work_date', '<=', opts.to);
      return q.orderBy('p.work_date', 'desc').orderBy('p.id', 'desc').limit(200).execute();
    },

    /** Approved permits of these employees dated in [from, to]. The service passes only people the caller may see. */
    approvedPermits: (db: Db, employeeIds: number[], from: string, to: string) =>
      employeeIds.length
        ? x(db)
            .selectFrom('hourly_permits')
            .select(['id', 'employee_id', 'kind', dayText('work_date').as('date'), 'start_time', 'end_time'])
            .where('employee_id', 'in', employeeIds)
            .where('status', '=', 'disetujui')
            .where('work_date', '>=', from)
            .where('work_date', '<=', to)
            .execute()
        : Promise.resolve([]),

    permitForDecision: (db: Db, id: number) =>
      x(db)
        .selectFrom('hourly_permits as p')
        .innerJoin('employees as e', 'e.id', 'p.employee_id')
        .innerJoin('org_units as o', 'o.id', 'e.unit_id')
        .select([
          'p.id',
          'p.employee_id',
          'p.kind',
          'p.status',
          dayText('p.work_date').as('date'),
          'p.start_time',
          'p.end_time',
          'p.approver_id',
          'e.user_id',
          'e.schedule_id',
          'e.shift_offset',
          'o.path as unit_path',
        ])
        .where('p.id', '=', id)
        .executeTakeFirst(),

    /** One transition, guarded: only a pending permit changes, so two deciders at once make one decision. */
    decidePermit: (
      db: Db,
      id: number,
      to: 'disetujui' | 'ditolak' | 'dibatalkan',
      userId: number,
      note: string | null,
      now: Date,
    ) =>
      x(db)
        .updateTable('hourly_permits')
        .set({ status: to, decided_by: userId, decided_at: to === 'dibatalkan' ? null : now, decision_note: note })
        .where('id', '=', id)
        .where('status', '=', 'diajukan')
        .returning(['id'])
        .executeTakeFirst(),

    // ── Discipline (PP 94/2021) ──
    /** People in the units the scope heads or administers with at least one unexcused stored day in [from, to]. */
    unexcusedPeople: (db: Db, scope: Scope, from: string, to: string) =>
      x(db)
        .selectFrom('attendance_days as a')
        .innerJoin('employees as e', 'e.id', 'a.employee_id')
        .innerJoin('org_units as o', 'o.id', 'e.unit_id')
        .innerJoin('users as u', 'u.id', 'e.user_id')
        .select([
          'e.id',
          'e.nip',
          'e.kind',
          'u.full_name',
          'o.name as unit_name',
          sql<number>`count(*)::int`.as('days'),
        ])
        .where('a.status', '=', 'tanpa_keterangan')
        .where('a.work_date', '>=', from)
        .where('a.work_date', '<=', to)
        .where(inUnitScope(scope, 'o.path'))
        .groupBy(['e.id', 'e.nip', 'e.kind', 'u.full_name', 'o.name'])
        .orderBy('days', 'desc')
        .orderBy('u.full_name')
        .limit(5000)
        .execute(),
    /** Every stored day of these people in [from, to], in date order (for the longest unbroken run). */
    storedDays: (db: Db, employeeIds: number[], from: string, to: string) =>
      employeeIds.length
        ? x(db)
            .selectFrom('attendance_days')
            .select(['employee_id', dayText('work_date').as('date'), 'status'])
            .where('employee_id', 'in', employeeIds)
            .where('work_date', '>=', from)
            .where('work_date', '<=', to)
            .orderBy('employee_id')
            .orderBy('work_date')
            .execute()
        : Promise.resolve([]),
  };
}
export type PermitsRepo = ReturnType<typeof createPermitsRepo>;
