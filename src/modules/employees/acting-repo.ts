// SQL of acting officials and delegation windows (migration 0027). Lists are
// filtered by inUnitScope on the post's unit; the reads the queues use are by
// person or unit and date, inside one city.
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { inUnitScope, type Scope } from '../../kernel/scope.js';
import type { ActingTables } from './acting-tables.js';
import type { ActingKind, ActingWindow } from './acting-rules.js';

const x = (db: Db) => db.withTables<ActingTables>();
const day = (col: string) => sql<string>`to_char(${sql.ref(col)}, 'YYYY-MM-DD')`;

export interface NewAssignment {
  regionCode: string;
  unitId: number;
  kind: ActingKind;
  holderId: number | null;
  delegateId: number;
  start: string;
  end: string;
  decreeNumber: string;
  reason: string;
  userId: number;
  now: Date;
}

export function createActingRepo() {
  const full = (db: Db) =>
    x(db)
      .selectFrom('acting_assignments as a')
      .innerJoin('org_units as o', 'o.id', 'a.unit_id')
      .innerJoin('employees as de', 'de.id', 'a.delegate_employee_id')
      .innerJoin('users as du', 'du.id', 'de.user_id')
      .leftJoin('employees as he', 'he.id', 'a.holder_employee_id')
      .leftJoin('users as hu', 'hu.id', 'he.user_id')
      .select([
        'a.id',
        'a.unit_id',
        'a.kind',
        'a.holder_employee_id',
        'a.delegate_employee_id',
        day('a.start_date').as('start_date'),
        day('a.end_date').as('end_date'),
        'a.decree_number',
        'a.reason',
        'a.revoked_at',
        'a.ended_at',
        'a.created_by',
        'a.created_at',
        'o.name as unit_name',
        'o.kind as unit_kind',
        'o.path as unit_path',
        'du.full_name as delegate_name',
        'de.position as delegate_position',
        'hu.full_name as holder_name',
      ]);
  const window = (r: {
    id: number;
    unit_id: number;
    kind: ActingKind;
    holder_employee_id: number | null;
    delegate_employee_id: number;
    start_date: string;
    end_date: string;
    revoked_at: Date | null;
  }): ActingWindow => ({
    id: r.id,
    unitId: r.unit_id,
    kind: r.kind,
    holderId: r.holder_employee_id,
    delegateId: r.delegate_employee_id,
    start: r.start_date,
    end: r.end_date,
    revoked: r.revoked_at !== null,
  });

  return {
    window,
    /** Assignments of the posts the scope covers, newest start first; optionally one unit's. */
    list: (db: Db, scope: Scope, opts: { unitId?: number | undefined; limit: number }) => {
      let q = full(db).where(inUnitScope(scope, 'o.path'));
      if (opts.unitId) q = q.where('a.unit_id', '=', opts.unitId);
      return q.orderBy('a.start_date', 'desc').orderBy('a.id', 'desc').limit(opts.limit).execute();
    },
    /** Assignments where the person is the delegate or the holder, in force on `date` or later. */
    ofPerson: (db: Db, employeeId: number, from: string) =>
      full(db)
        .where((eb) =>
          eb.or([eb('a.delegate_employee_id', '=', employeeId), eb('a.holder_employee_id', '=', employeeId)]),
        )
        .where('a.end_date', '>=', from)
        .where('a.revoked_at', 'is', null)
        .orderBy('a.start_date')
        .execute(),
    byId: (db: Db, id: number) => full(db).where('a.id', '=', id).executeTakeFirst(),
    /** In force on `date` in the city, for these people (as delegate or holder) or these posts. */
    inForce: (
      db: Db,
      city: string,
      date: string,
      who: { delegateId?: number; holderId?: number; unitIds?: number[] },
    ) => {
      let q = full(db)
        .where('a.region_code', '=', city)
        .where('a.revoked_at', 'is', null)
        .where('a.start_date', '<=', date)
        .where('a.end_date', '>=', date);
      if (who.delegateId !== undefined) q = q.where('a.delegate_employee_id', '=', who.delegateId);
      if (who.holderId !== undefined) q = q.where('a.holder_employee_id', '=', who.holderId);
      if (who.unitIds !== undefined)
        q = who.unitIds.length ? q.where('a.unit_id', 'in', who.unitIds) : q.where(sql<boolean>`false`);
      return q.execute();
    },
    /** Locks the post's unit row: two assignments to one post are decided one after the other. */
    lockUnit: (trx: Db, unitId: number) =>
      x(trx).selectFrom('org_units').select('id').where('id', '=', unitId).forUpdate().executeTakeFirst(),
    /** Plt./Plh. of the post in force on any day of [start, end]. */
    overlapping: (trx: Db, unitId: number, start: string, end: string) =>
      full(trx)
        .where('a.unit_id', '=', unitId)
        .where('a.kind', 'in', ['plt', 'plh'])
        .where('a.revoked_at', 'is', null)
        .where('a.start_date', '<=', end)
        .where('a.end_date', '>=', start)
        .execute(),
    insert: (trx: Db, a: NewAssignment) =>
      x(trx)
        .insertInto('acting_assignments')
        .values({
          region_code: a.regionCode,
          unit_id: a.unitId,
          kind: a.kind,
          holder_employee_id: a.holderId,
          delegate_employee_id: a.delegateId,
          start_date: a.start,
          end_date: a.end,
          decree_number: a.decreeNumber,
          reason: a.reason,
          created_by: a.userId,
          created_at: a.now,
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
    /** Moves the end (guarded on the end read, so two clerks ending at once: one wins). */
    setEnd: (trx: Db, id: number, was: string, end: string, userId: number, now: Date) =>
      x(trx)
        .updateTable('acting_assignments')
        .set({ end_date: end, ended_by: userId, ended_at: now })
        .where('id', '=', id)
        .where('end_date', '=', was)
        .where('revoked_at', 'is', null)
        .returning('id')
        .executeTakeFirst(),
    revoke: (trx: Db, id: number, userId: number, now: Date) =>
      x(trx)
        .updateTable('acting_assignments')
        .set({ revoked_at: now, ended_by: userId, ended_at: now })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .returning('id')
        .executeTakeFirst(),

    insertAct: (
      trx: Db,
      a: {
        assignmentId: number;
        entityType: string;
        entityId: string;
        step: string;
        actorId: number;
        holderId: number | null;
        kind: ActingKind;
        postTitle: string;
        now: Date;
      },
    ) =>
      x(trx)
        .insertInto('acting_acts')
        .values({
          assignment_id: a.assignmentId,
          entity_type: a.entityType,
          entity_id: a.entityId,
          step: a.step,
          actor_employee_id: a.actorId,
          holder_employee_id: a.holderId,
          kind: a.kind,
          post_title: a.postTitle,
          acted_at: a.now,
        })
        .execute(),
    /** The acts recorded on these entities, with both names, oldest first. */
    actsOn: (db: Db, entityType: string, entityIds: string[]) =>
      entityIds.length
        ? x(db)
            .selectFrom('acting_acts as t')
            .innerJoin('acting_assignments as a', 'a.id', 't.assignment_id')
            .innerJoin('employees as ae', 'ae.id', 't.actor_employee_id')
            .innerJoin('users as au', 'au.id', 'ae.user_id')
            .leftJoin('employees as he', 'he.id', 't.holder_employee_id')
            .leftJoin('users as hu', 'hu.id', 'he.user_id')
            .select([
              't.entity_id',
              't.step',
              't.kind',
              't.post_title',
              't.acted_at',
              'a.decree_number',
              'au.full_name as actor_name',
              'hu.full_name as holder_name',
            ])
            .where('t.entity_type', '=', entityType)
            .where('t.entity_id', 'in', entityIds)
            .orderBy('t.id')
            .execute()
        : Promise.resolve([]),
  };
}
export type ActingRepo = ReturnType<typeof createActingRepo>;
