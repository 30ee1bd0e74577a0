// SQL for kinerja: every query is limited to the caller's region with
// inScope, the one region filter. Aggregation happens in PostgreSQL so a
// city-wide month is a few grouped scans, not rows shipped to Node.
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { inScope, withinRegion, type Scope } from '../../kernel/scope.js';

export const HEAD_ROLES = ['ketua_rt', 'ketua_rw'] as const;
const TIMED = ['approve', 'return', 'reject'] as const;

export function createKinerjaRepo() {
  return {
    /** Active RT/RW heads whose region lies in scope (optionally only one account). */
    heads(db: Db, scope: Scope, onlyUserId?: number, under?: string) {
      // The kelurahan and kecamatan names too, so 29 kelurahan's "RT 001" can be told apart.
      const upTo = (n: number) =>
        sql<string>`array_to_string((string_to_array(users.region_code, '.'))[1:${sql.lit(n)}], '.')`;
      let q = db
        .selectFrom('users')
        .innerJoin('regions', 'regions.code', 'users.region_code')
        .leftJoin('regions as kel', (j) => j.on(sql.ref('kel.code'), '=', upTo(4)))
        .leftJoin('regions as kec', (j) => j.on(sql.ref('kec.code'), '=', upTo(3)))
        .select([
          'users.id',
          'users.full_name',
          'users.role',
          'users.region_code',
          'regions.name as region_name',
          'kel.name as kelurahan_name',
          'kec.name as kecamatan_name',
        ])
        .where('users.role', 'in', [...HEAD_ROLES])
        .where('users.active', '=', true)
        .where(inScope(scope, 'users.region_code'));
      if (under) q = q.where(withinRegion('users.region_code', under));
      if (onlyUserId !== undefined) q = q.where('users.id', '=', onlyUserId);
      return q.orderBy('users.region_code').orderBy('users.id').execute();
    },

    /** Each head's timed actions in [start, end): counts and medians. */
    actions(db: Db, scope: Scope, start: Date, end: Date, onlyUserId?: number) {
      let q = db
        .selectFrom('request_transitions as t')
        .innerJoin('users as u', 'u.id', 't.actor_id')
        .select([
          't.actor_id as user_id',
          sql<number>`count(*)::int`.as('handled'),
          sql<number>`(count(*) filter (where t.within_budget))::int`.as('within'),
          sql<number>`(count(*) filter (where t.action = 'return'))::int`.as('returns'),
          sql<number | null>`percentile_cont(0.5) within group (order by t.elapsed_seconds)`.as('median_seconds'),
          sql<
            number | null
          >`percentile_cont(0.5) within group (order by t.elapsed_seconds::float8 / nullif(t.stage_budget_minutes * 60, 0))`.as(
            'median_ratio',
          ),
        ])
        .where('u.role', 'in', [...HEAD_ROLES])
        .where(inScope(scope, 'u.region_code'))
        .where('t.action', 'in', [...TIMED])
        .where('t.at', '>=', start)
        .where('t.at', '<', end);
      if (onlyUserId !== undefined) q = q.where('t.actor_id', '=', onlyUserId);
      return q.groupBy('t.actor_id').execute();
    },

    /** Stage clocks at the RT/RW level that ran out in [start, end), per request region and stage. */
    async overdue(db: Db, scope: Scope, start: Date, end: Date, now: Date) {
      // The month's late actions are few; look each one's request up by key.
      // (`offset 0` keeps PostgreSQL from flattening the subquery into a hash
      // join that reads every request of the city: 3× slower on the bench.)
      const late = await db
        .selectFrom('request_transitions as t')
        .innerJoinLateral(
          (eb) =>
            eb
              .selectFrom('service_requests')
              .select('service_requests.region_code')
              .whereRef('service_requests.id', '=', 't.request_id')
              .offset(0)
              .as('r'),
          (join) => join.onTrue(),
        )
        .select(['r.region_code', 't.from_stage as stage', sql<number>`count(distinct t.request_id)::int`.as('n')])
        .where(inScope(scope, 'r.region_code'))
        .where('t.action', 'in', [...TIMED])
        .where('t.from_stage', 'in', ['rt', 'rw'])
        .where('t.within_budget', '=', false)
        .where('t.at', '>=', start)
        .where('t.at', '<', end)
        .groupBy(['r.region_code', 't.from_stage'])
        .execute();
      const cutoff = now < end ? now : end;
      const waiting = await db
        .selectFrom('service_requests as r')
        .select(['r.region_code', 'r.stage', sql<number>`count(*)::int`.as('n')])
        .where(inScope(scope, 'r.region_code'))
        .where('r.status', '=', 'in_progress')
        .where('r.stage', 'in', ['rt', 'rw'])
        .where('r.stage_due_at', '>=', start)
        .where('r.stage_due_at', '<', cutoff)
        .groupBy(['r.region_code', 'r.stage'])
        .execute();
      return [...late, ...waiting].map((x) => ({ regionCode: x.region_code, stage: x.stage ?? '', n: Number(x.n) }));
    },
  };
}
export type KinerjaRepo = ReturnType<typeof createKinerjaRepo>;
