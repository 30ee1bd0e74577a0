// SQL for service requests, their transitions and attachments.
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { prepared } from '../../db/prepared.js';
import type { RequestTransitionsTable, ServiceRequestsTable } from '../../db/schema.js';
import type { Insertable, Updateable } from 'kysely';
import { inScope, type Scope } from '../accounts/scope.js';
import type { AuditEntry } from '../audit/repo.js';
import type { RolesNotificationCtes } from '../notifications/repo.js';
import type { Stage } from './rules.js';

export type NewRequest = Insertable<ServiceRequestsTable>;

/** A trail entry as callers give it: the id and the sequence number are the database's to assign. */
export type NewTransition = Omit<Insertable<RequestTransitionsTable>, 'id' | 'seq'>;

const requestColumns = [
  'service_requests.id',
  'service_requests.tracking_code',
  'service_requests.submitted_by',
  'service_requests.resident_id',
  'service_requests.region_code',
  'service_requests.letter_type_id',
  'service_requests.type_snapshot',
  'service_requests.field_values',
  'service_requests.purpose',
  'service_requests.status',
  'service_requests.stage_index',
  'service_requests.stage',
  'service_requests.stage_started_at',
  'service_requests.stage_warn_at',
  'service_requests.stage_due_at',
  'service_requests.submitted_at',
  'service_requests.due_at',
  'service_requests.overdue',
  'service_requests.completed_at',
  'service_requests.version',
] as const;

export function createRequestsRepo() {
  return {
    /** Returns the new id, or null when (submitter, idempotency key) already exists. */
    async insert(db: Db, r: NewRequest): Promise<number | null> {
      const row = await db
        .insertInto('service_requests')
        .values(r)
        .onConflict((oc) => oc.columns(['submitted_by', 'idempotency_key']).doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id ?? null;
    },
    findByIdempotencyKey(db: Db, submittedBy: number, key: string) {
      return db.selectFrom('service_requests').select(['id', 'tracking_code']).where('submitted_by', '=', submittedBy).where('idempotency_key', '=', key).executeTakeFirst();
    },
    /** A request the scope may see: in its region, or (for a citizen) their own. */
    findVisible(db: Db, scope: Scope, id: number) {
      return db
        .selectFrom('service_requests')
        .modifyFront(prepared('request_visible'))
        .innerJoin('residents', 'residents.id', 'service_requests.resident_id')
        .select(requestColumns)
        .select(['residents.full_name as resident_name', 'residents.nik_masked'])
        .where('service_requests.id', '=', id)
        .where((eb) =>
          scope.role === 'warga'
            ? eb.or([eb('service_requests.resident_id', '=', scope.residentId ?? -1), eb('service_requests.submitted_by', '=', scope.userId)])
            : inScope(scope, 'service_requests.region_code'),
        )
        .executeTakeFirst();
    },
    /**
     * The guarded state change, its trail entry, its audit record and (with
     * `notice`) the next stage's notifications in one statement: one round
     * trip on the approval hot path. Returns false when somebody else changed
     * the request first; then nothing else is written either.
     */
    async transitionWithTrail(db: Db, id: number, expectedVersion: number, patch: Updateable<ServiceRequestsTable>, t: Omit<NewTransition, 'request_id'>, audit: AuditEntry, notice?: (guard: string) => RolesNotificationCtes): Promise<boolean> {
      const q = db
        .with('upd', (qb) => qb.updateTable('service_requests').set({ ...patch, version: expectedVersion + 1 }).where('id', '=', id).where('version', '=', expectedVersion).returning(['id', 'region_code']))
        .with('tr', (qb) =>
          qb
            .insertInto('request_transitions')
            .columns(['request_id', 'seq', 'action', 'from_stage', 'to_stage', 'actor_id', 'actor_name', 'actor_role', 'reason', 'at', 'stage_budget_minutes', 'elapsed_seconds', 'within_budget'])
            .expression((eb) =>
              eb
                .selectFrom('upd')
                .select([
                  'upd.id',
                  eb.selectFrom('request_transitions').select(sql<number>`coalesce(max(seq), 0) + 1`.as('n')).where('request_id', '=', id).as('seq'),
                  sql.lit(t.action).as('action'),
                  sql<string | null>`${t.from_stage}::text`.as('from_stage'),
                  sql<string | null>`${t.to_stage}::text`.as('to_stage'),
                  sql<number | null>`${t.actor_id}::int`.as('actor_id'),
                  sql<string | null>`${t.actor_name}::text`.as('actor_name'),
                  sql<string | null>`${t.actor_role}::text`.as('actor_role'),
                  sql<string>`${t.reason ?? ''}::text`.as('reason'),
                  sql<Date>`${t.at}::timestamptz`.as('at'),
                  sql<number | null>`${t.stage_budget_minutes}::int`.as('stage_budget_minutes'),
                  sql<number | null>`${t.elapsed_seconds}::int`.as('elapsed_seconds'),
                  sql<boolean | null>`${t.within_budget}::boolean`.as('within_budget'),
                ]),
            ),
        )
        .with('au', (qb) =>
          qb
            .insertInto('audit_log')
            .columns(['actor_user_id', 'actor_name', 'actor_role', 'ip', 'action', 'entity_type', 'entity_id', 'region_code', 'details'])
            .expression((eb) =>
              eb
                .selectFrom('upd')
                .select([
                  sql<number | null>`${audit.actorUserId}::int`.as('a'),
                  sql<string | null>`${audit.actorName}::text`.as('b'),
                  sql<string | null>`${audit.actorRole}::text`.as('c'),
                  sql<string | null>`${audit.ip}::text`.as('d'),
                  sql<string>`${audit.action}::text`.as('e'),
                  sql<string>`${audit.entityType}::text`.as('f'),
                  sql<string>`upd.id::text`.as('g'),
                  'upd.region_code',
                  sql<string>`${JSON.stringify(audit.details ?? {})}::jsonb`.as('h'),
                ]),
            ),
        );
      // The notifications of the next stage, in the same statement, sent only if the update happened.
      const c = notice?.('upd');
      const withNotice = c ? (q.with('recipients', () => c.recipients).with('inserted', () => c.inserted).with('delivered', () => c.delivered) as unknown as typeof q) : q;
      const r = await withNotice.selectFrom('upd').modifyFront(prepared('request_transition')).select('id').executeTakeFirst();
      return !!r;
    },
    /** Appends to the trail. Callers hold the request's row lock (from `transition`), so seq cannot collide; the unique key checks it anyway. */
    async insertTransition(db: Db, t: NewTransition) {
      await db
        .insertInto('request_transitions')
        .values((eb) => ({ ...t, seq: eb.selectFrom('request_transitions').select(sql<number>`coalesce(max(seq), 0) + 1`.as('n')).where('request_id', '=', t.request_id) }))
        .execute();
    },
    transitions(db: Db, requestId: number) {
      return db.selectFrom('request_transitions').selectAll().where('request_id', '=', requestId).orderBy('seq').execute();
    },
    async addAttachment(db: Db, requestId: number, kind: string, fileId: number) {
      await db.insertInto('request_attachments').values({ request_id: requestId, kind, file_id: fileId }).execute();
    },
    attachments(db: Db, requestId: number) {
      return db
        .selectFrom('request_attachments')
        .innerJoin('stored_files', 'stored_files.id', 'request_attachments.file_id')
        .select(['request_attachments.id', 'request_attachments.kind', 'request_attachments.file_id', 'stored_files.mime', 'stored_files.size_bytes'])
        .where('request_attachments.request_id', '=', requestId)
        .orderBy('request_attachments.id')
        .execute();
    },
    /** Work waiting at the given stages inside the scope, oldest first. */
    queue(db: Db, scope: Scope, stages: Stage[], limit = 100) {
      if (!stages.length) return Promise.resolve([]);
      return db
        .selectFrom('service_requests')
        .innerJoin('residents', 'residents.id', 'service_requests.resident_id')
        .select(requestColumns)
        .select(['residents.full_name as resident_name', 'residents.nik_masked'])
        .where(inScope(scope, 'service_requests.region_code'))
        .where('service_requests.status', '=', 'in_progress')
        .where('service_requests.stage', 'in', stages)
        .orderBy('service_requests.submitted_at')
        .limit(limit)
        .execute();
    },
    /** What a person asked for (citizen) or filed for neighbours (RT head). */
    mine(db: Db, scope: Scope, limit = 50) {
      return db
        .selectFrom('service_requests')
        .innerJoin('residents', 'residents.id', 'service_requests.resident_id')
        .select(requestColumns)
        .select(['residents.full_name as resident_name', 'residents.nik_masked'])
        .where((eb) => eb.or([eb('service_requests.submitted_by', '=', scope.userId), eb('service_requests.resident_id', '=', scope.residentId ?? -1)]))
        .orderBy('service_requests.submitted_at', 'desc')
        .limit(limit)
        .execute();
    },
    listInScope(db: Db, scope: Scope, f: { status?: string | undefined; overdue?: boolean | undefined; limit: number; offset: number }) {
      let q = db
        .selectFrom('service_requests')
        .innerJoin('residents', 'residents.id', 'service_requests.resident_id')
        .select(requestColumns)
        .select(['residents.full_name as resident_name', 'residents.nik_masked'])
        .where(inScope(scope, 'service_requests.region_code'));
      if (f.status) q = q.where('service_requests.status', '=', f.status as 'in_progress');
      if (f.overdue) q = q.where('service_requests.overdue', '=', true);
      return q.orderBy('service_requests.submitted_at', 'desc').limit(f.limit).offset(f.offset).execute();
    },
    byTrackingCode(db: Db, code: string) {
      return db
        .selectFrom('service_requests')
        .select(['id', 'tracking_code', 'status', 'stage', 'stage_index', 'type_snapshot', 'submitted_at', 'completed_at', 'stage_due_at', 'overdue'])
        .where('tracking_code', '=', code)
        .executeTakeFirst();
    },
    /** Claims the reminders that are due (75 % of the stage budget); each is claimed exactly once. */
    claimWarnings(db: Db, now: Date, limit = 200) {
      return db
        .updateTable('service_requests')
        .set({ stage_warned: true })
        .where('id', 'in', (eb) =>
          eb.selectFrom('service_requests').select('id').where('status', '=', 'in_progress').where('stage_warned', '=', false).where('stage_warn_at', '<=', now).limit(limit).forUpdate().skipLocked(),
        )
        .returning(['id', 'stage', 'stage_index', 'stage_started_at', 'region_code', 'tracking_code', 'type_snapshot', 'stage_due_at'])
        .execute();
    },
    /** Claims the breaches (100 % of the stage budget); marks the request overdue. */
    claimEscalations(db: Db, now: Date, limit = 200) {
      return db
        .updateTable('service_requests')
        .set({ stage_escalated: true, overdue: true, stage_warned: true })
        .where('id', 'in', (eb) =>
          eb.selectFrom('service_requests').select('id').where('status', '=', 'in_progress').where('stage_escalated', '=', false).where('stage_due_at', '<=', now).limit(limit).forUpdate().skipLocked(),
        )
        .returning(['id', 'stage', 'stage_index', 'stage_started_at', 'region_code', 'tracking_code', 'type_snapshot', 'stage_due_at'])
        .execute();
    },
    async markEndToEndOverdue(db: Db, now: Date) {
      await db.updateTable('service_requests').set({ overdue: true }).where('status', '=', 'in_progress').where('overdue', '=', false).where('due_at', '<=', now).execute();
    },
  };
}
export type RequestsRepo = ReturnType<typeof createRequestsRepo>;
