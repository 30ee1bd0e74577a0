// SQL for the service dashboard: every query is limited to the person's
// region with inScope, the one region filter.
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { inScope, type Scope } from '../../kernel/scope.js';

const REGION = 'service_requests.region_code';

export function createDashboardRepo() {
  return {
    async byType(db: Db, scope: Scope) {
      return db
        .selectFrom('service_requests')
        .select([
          sql<string>`type_snapshot->>'code'`.as('code'),
          sql<string>`type_snapshot->>'name'`.as('name'),
          sql<number>`count(*)::int`.as('n'),
        ])
        .where(inScope(scope, REGION))
        .groupBy([sql`type_snapshot->>'code'`, sql`type_snapshot->>'name'`])
        .orderBy('n', 'desc')
        .orderBy('name')
        .execute();
    },
    async byStatus(db: Db, scope: Scope) {
      return db
        .selectFrom('service_requests')
        .select(['status', sql<number>`count(*)::int`.as('n')])
        .where(inScope(scope, REGION))
        .groupBy('status')
        .execute();
    },
    /** Requests still open whose stage or end-to-end clock has run out (whether or not the sweep has flagged them yet). */
    overdue(db: Db, scope: Scope, now: Date, limit = 50) {
      return db
        .selectFrom('service_requests')
        .select([
          'id',
          'tracking_code',
          sql<string>`type_snapshot->>'name'`.as('type_name'),
          'stage',
          'region_code',
          'submitted_at',
          'stage_due_at',
          'due_at',
        ])
        .where(inScope(scope, REGION))
        .where('status', '=', 'in_progress')
        .where((eb) => eb.or([eb('overdue', '=', true), eb('due_at', '<=', now), eb('stage_due_at', '<=', now)]))
        .orderBy('submitted_at')
        .limit(limit)
        .execute();
    },
    /** Median time spent at each stage, from the timed transitions (approve, return, reject). */
    stageMedians(db: Db, scope: Scope) {
      return db
        .selectFrom('request_transitions')
        .innerJoin('service_requests', 'service_requests.id', 'request_transitions.request_id')
        .select([
          'request_transitions.from_stage as stage',
          sql<number>`percentile_cont(0.5) within group (order by request_transitions.elapsed_seconds)`.as(
            'median_seconds',
          ),
          sql<number>`count(*)::int`.as('n'),
        ])
        .where(inScope(scope, REGION))
        .where('request_transitions.action', 'in', ['approve', 'return', 'reject'])
        .where('request_transitions.from_stage', 'is not', null)
        .where('request_transitions.elapsed_seconds', 'is not', null)
        .groupBy('request_transitions.from_stage')
        .execute();
    },
    /** Completed requests, and how many finished before their end-to-end due time. */
    async withinBudget(db: Db, scope: Scope) {
      const r = await db
        .selectFrom('service_requests')
        .select([
          sql<number>`count(*)::int`.as('completed'),
          sql<number>`(count(*) filter (where completed_at <= due_at))::int`.as('within'),
        ])
        .where(inScope(scope, REGION))
        .where('status', '=', 'completed')
        .executeTakeFirstOrThrow();
      return { completed: Number(r.completed), within: Number(r.within) };
    },
    /** Counts per RT (the request's region); the service rolls them up to RW. */
    byRt(db: Db, scope: Scope, now: Date) {
      return db
        .selectFrom('service_requests')
        .select([
          'region_code',
          sql<number>`count(*)::int`.as('total'),
          sql<number>`(count(*) filter (where status = 'in_progress'))::int`.as('open'),
          sql<number>`(count(*) filter (where status = 'completed'))::int`.as('completed'),
          sql<number>`(count(*) filter (where status = 'in_progress' and (overdue or due_at <= ${now} or stage_due_at <= ${now})))::int`.as(
            'overdue',
          ),
        ])
        .where(inScope(scope, REGION))
        .groupBy('region_code')
        .orderBy('region_code')
        .execute();
    },
  };
}
export type DashboardRepo = ReturnType<typeof createDashboardRepo>;
