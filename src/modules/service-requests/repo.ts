// SQL for service requests, their transitions and attachments.
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { prepared } from '../../db/prepared.js';
import type { RequestTransitionsTable, ServiceRequestsTable } from '../../db/schema.js';
import type { Generated, Insertable, Selectable } from 'kysely';
import { inScope, inScopeOf, scopeRow, type Scope } from '../../kernel/scope.js';
import { ROLE_NOTICE_COLUMNS, type RoleNoticeCtes, type RoleNoticeRow } from '../notifications/index.js';
import { auditInsertFrom } from '../../kernel/audit.js';
import type { ClockMode, Stage } from './rules.js';
import { versionsRepo } from './repo-versions.js';

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
  'service_requests.stage_clock',
  'service_requests.submitted_at',
  'service_requests.due_at',
  'service_requests.total_clock',
  'service_requests.overdue',
  'service_requests.completed_at',
  'service_requests.version',
] as const;

/** A request as its reader sees it, with the resident's name and masked NIK. */
export type VisibleRequest = Pick<
  Selectable<ServiceRequestsTable>,
  (typeof requestColumns)[number] extends `service_requests.${infer C}` ? C & keyof ServiceRequestsTable : never
> & {
  resident_name: string;
  nik_masked: string;
};

/**
 * One guarded state change for `applyTransitions`: the request's new state (a
 * null stage_index or stage_started_at keeps the stored one; `advance` starts
 * a fresh stage clock: warnings and escalation reset; `clock` is the clock
 * of the stage's due times, null with them), its trail entry, its
 * audit record and, when it moves on to another stage, that stage's notice.
 */
export interface TransitionItem {
  id: number;
  version: number;
  status: ServiceRequestsTable['status'] extends Generated<infer S> ? S : never;
  stage_index: number | null;
  stage: Stage | null;
  stage_started_at: Date | null;
  warn_at: Date | null;
  due_at: Date | null;
  clock: ClockMode | null;
  advance: boolean;
  completed_at: Date | null;
  trail: Omit<NewTransition, 'request_id'>;
  /** The audit record: by the trail's actor, on this request, in its region. */
  audit: { action: string; ip: string | null; details: Record<string, unknown> };
  notice: RoleNoticeRow | null;
}

export function createRequestsRepo() {
  return {
    ...versionsRepo(),
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
      return db
        .selectFrom('service_requests')
        .select(['id', 'tracking_code'])
        .where('submitted_by', '=', submittedBy)
        .where('idempotency_key', '=', key)
        .executeTakeFirst();
    },
    /**
     * Requests the scopes may see, for many asks at once (lib/batch.ts): each
     * ask gets the request if it is in its scope's region or, for a citizen,
     * their own; otherwise undefined. One statement of fixed text.
     */
    async findVisibleMany(db: Db, asks: { scope: Scope; id: number }[]): Promise<(VisibleRequest | undefined)[]> {
      const json = JSON.stringify(asks.map((a, i) => ({ i, id: a.id, ...scopeRow(a.scope) })));
      const r = await sql<VisibleRequest & { i: number }>`${prepared('requests_visible')}
        select x.i, ${sql.join(requestColumns.map((c) => sql.ref(c)))}, residents.full_name as resident_name, residents.nik_masked
        from json_to_recordset(${json}::json) as x(i int, id int, uid int, citizen boolean, resident int, region text)
        join service_requests on service_requests.id = x.id
        join residents on residents.id = service_requests.resident_id
        where case when x.citizen then service_requests.resident_id = coalesce(x.resident, -1) or service_requests.submitted_by = x.uid
                   else ${inScopeOf('x.region', 'service_requests.region_code')} end`.execute(db);
      const found = new Map(r.rows.map(({ i, ...row }) => [i, row]));
      return asks.map((_, i) => found.get(i));
    },
    /**
     * Guarded state changes, many at once: for each item, the request moves
     * only if it still has the version the deciding person saw; then, in the
     * same statement, its trail entry, its audit record and (with `notice`)
     * the next stage's notifications (`noticeCtes`, see notifications/repo.ts).
     * Returns, per item, whether its change happened. Two items for one
     * request and version: at most one wins (the row is updated once).
     */
    async applyTransitions(
      db: Db,
      items: TransitionItem[],
      noticeCtes: (source: string) => RoleNoticeCtes,
    ): Promise<boolean[]> {
      // One key order for every statement: concurrent batches lock rows in the same order.
      const order = items.map((t, i) => ({ i, t })).sort((a, b) => a.t.id - b.t.id);
      const json = JSON.stringify(
        order.map(({ i, t: { trail, audit, notice, ...state } }) => ({
          i,
          ...state,
          ...trail,
          ip: audit.ip,
          audit_action: audit.action,
          audit_details: audit.details,
          ...notice,
        })),
      );
      const c = noticeCtes('src');
      const r = await sql<{ i: number }>`${prepared('request_transitions')}
        with x as (
          select * from json_to_recordset(${json}::json) as x(i int, id int, version int, status text, stage_index int, stage text, stage_started_at timestamptz,
            warn_at timestamptz, due_at timestamptz, clock text, advance boolean, completed_at timestamptz,
            action text, from_stage text, to_stage text, actor_id int, actor_name text, actor_role text, reason text, at timestamptz,
            stage_budget_minutes int, elapsed_seconds int, within_budget boolean, stage_clock text, wall_seconds int, ip text, audit_action text, audit_details jsonb, ${ROLE_NOTICE_COLUMNS})),
        upd as (
          update service_requests sr set
            status = x.status, stage = x.stage,
            stage_index = coalesce(x.stage_index, sr.stage_index), stage_started_at = coalesce(x.stage_started_at, sr.stage_started_at),
            stage_warn_at = x.warn_at, stage_due_at = x.due_at, stage_clock = x.clock,
            stage_warned = sr.stage_warned and not x.advance, stage_escalated = sr.stage_escalated and not x.advance,
            completed_at = case when x.advance then sr.completed_at else x.completed_at end,
            version = sr.version + 1
          from x where sr.id = x.id and sr.version = x.version
          returning x.i, sr.id, sr.region_code),
        moved as (select x.*, upd.region_code from upd join x on x.i = upd.i),
        tr as (
          insert into request_transitions (request_id, seq, action, from_stage, to_stage, actor_id, actor_name, actor_role, reason, at, stage_budget_minutes, elapsed_seconds, within_budget, stage_clock, wall_seconds, from_version)
          select id, (select coalesce(max(seq), 0) + 1 from request_transitions t where t.request_id = moved.id), action, from_stage, to_stage, actor_id, actor_name, actor_role, coalesce(reason, ''), at,
            stage_budget_minutes, elapsed_seconds, within_budget, stage_clock, wall_seconds, version
          from moved),
        au as (${auditInsertFrom('moved', {
          actorUserId: 'actor_id',
          actorName: 'actor_name',
          actorRole: 'actor_role',
          ip: 'ip',
          action: 'audit_action',
          entityType: 'service_request',
          entityId: 'id',
          regionCode: 'region_code',
          details: 'audit_details',
        })}),
        src as (select * from moved where roles is not null),
        recipients as ${c.recipients}, inserted as ${c.inserted}, delivered as ${c.delivered}
        select i from upd`.execute(db);
      const moved = new Set(r.rows.map((row) => row.i));
      return items.map((_, i) => moved.has(i));
    },
    /** Appends to the trail. Callers hold the request's row lock (taken by their conditional update of the request in the same transaction), so seq cannot collide; the unique key checks it anyway. */
    async insertTransition(db: Db, t: NewTransition) {
      await db
        .insertInto('request_transitions')
        .values((eb) => ({
          ...t,
          seq: eb
            .selectFrom('request_transitions')
            .select(sql<number>`coalesce(max(seq), 0) + 1`.as('n'))
            .where('request_id', '=', t.request_id),
        }))
        .execute();
    },
    transitions(db: Db, requestId: number) {
      return db
        .selectFrom('request_transitions')
        .selectAll()
        .where('request_id', '=', requestId)
        .orderBy('seq')
        .execute();
    },
    async addAttachment(db: Db, requestId: number, kind: string, fileId: number) {
      const row = await db
        .insertInto('request_attachments')
        .values({ request_id: requestId, kind, file_id: fileId })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    attachments(db: Db, requestId: number) {
      return (
        db
          .selectFrom('request_attachments')
          .innerJoin('stored_files', 'stored_files.id', 'request_attachments.file_id')
          .select([
            'request_attachments.id',
            'request_attachments.kind',
            'request_attachments.file_id',
            'stored_files.mime',
            'stored_files.size_bytes',
          ])
          .where('request_attachments.request_id', '=', requestId)
          // The current ones: a photo a correction replaced stays in the trail (allAttachments), not here.
          .where('request_attachments.replaced_at', 'is', null)
          .orderBy('request_attachments.id')
          .execute()
      );
    },
    /**
     * Work waiting at the given stages inside the scope: the late ones first
     * (stage or end-to-end budget spent at `now`, see rules.isLate), then the
     * oldest. The limit applies after that order, so nothing late is cut off
     * behind punctual work.
     */
    queue(db: Db, scope: Scope, stages: Stage[], now: Date, limit = 100) {
      if (!stages.length) return Promise.resolve([]);
      return db
        .selectFrom('service_requests')
        .innerJoin('residents', 'residents.id', 'service_requests.resident_id')
        .select(requestColumns)
        .select(['residents.full_name as resident_name', 'residents.nik_masked'])
        .where(inScope(scope, 'service_requests.region_code'))
        .where('service_requests.status', '=', 'in_progress')
        .where('service_requests.stage', 'in', stages)
        .orderBy(
          sql`(coalesce(service_requests.stage_due_at <= ${now}, false) or service_requests.due_at <= ${now})`,
          'desc',
        )
        .orderBy('service_requests.submitted_at')
        .orderBy('service_requests.id')
        .limit(limit)
        .execute();
    },
    /** The attachments of many requests at once (a queue's thumbnails), in upload order. */
    attachmentsOf(db: Db, requestIds: number[]) {
      if (!requestIds.length) return Promise.resolve([]);
      return db
        .selectFrom('request_attachments')
        .innerJoin('stored_files', 'stored_files.id', 'request_attachments.file_id')
        .select([
          'request_attachments.id',
          'request_attachments.request_id',
          'request_attachments.kind',
          'stored_files.mime',
          'stored_files.size_bytes',
        ])
        .where('request_attachments.request_id', 'in', requestIds)
        .orderBy('request_attachments.id')
        .execute();
    },
    /**
     * The decision that moved a request on from `version` (who, what, when);
     * for trails written before from_version existed, the latest decision.
     */
    async decisionFrom(db: Db, requestId: number, version: number) {
      const q = db
        .selectFrom('request_transitions')
        .select(['action', 'from_stage', 'to_stage', 'actor_name', 'actor_role', 'at', 'from_version'])
        .where('request_id', '=', requestId)
        .where('action', 'in', ['approve', 'return', 'reject', 'resubmit']);
      return (
        (await q.where('from_version', '=', version).executeTakeFirst()) ??
        (await q.orderBy('seq', 'desc').limit(1).executeTakeFirst())
      );
    },
    /** What a person asked for (citizen) or filed for neighbours (RT head). */
    mine(db: Db, scope: Scope, limit = 50) {
      return db
        .selectFrom('service_requests')
        .innerJoin('residents', 'residents.id', 'service_requests.resident_id')
        .select(requestColumns)
        .select(['residents.full_name as resident_name', 'residents.nik_masked'])
        .where((eb) =>
          eb.or([
            eb('service_requests.submitted_by', '=', scope.userId),
            eb('service_requests.resident_id', '=', scope.residentId ?? -1),
          ]),
        )
        .orderBy('service_requests.submitted_at', 'desc')
        .limit(limit)
        .execute();
    },
    listInScope(
      db: Db,
      scope: Scope,
      f: { status?: string | undefined; overdue?: boolean | undefined; limit: number; offset: number },
    ) {
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
        .select([
          'id',
          'tracking_code',
          'status',
          'stage',
          'stage_index',
          'type_snapshot',
          'submitted_at',
          'completed_at',
          'stage_due_at',
          'overdue',
        ])
        .where('tracking_code', '=', code)
        .executeTakeFirst();
    },
    /** Claims the reminders that are due (75 % of the stage budget); each is claimed exactly once. */
    claimWarnings(db: Db, now: Date, limit = 200) {
      return db
        .updateTable('service_requests')
        .set({ stage_warned: true })
        .where('id', 'in', (eb) =>
          eb
            .selectFrom('service_requests')
            .select('id')
            .where('status', '=', 'in_progress')
            .where('stage_warned', '=', false)
            .where('stage_warn_at', '<=', now)
            .limit(limit)
            .forUpdate()
            .skipLocked(),
        )
        .returning([
          'id',
          'stage',
          'stage_index',
          'stage_started_at',
          'region_code',
          'tracking_code',
          'type_snapshot',
          'stage_due_at',
        ])
        .execute();
    },
    /** Claims the breaches (100 % of the stage budget); marks the request overdue. */
    claimEscalations(db: Db, now: Date, limit = 200) {
      return db
        .updateTable('service_requests')
        .set({ stage_escalated: true, overdue: true, stage_warned: true })
        .where('id', 'in', (eb) =>
          eb
            .selectFrom('service_requests')
            .select('id')
            .where('status', '=', 'in_progress')
            .where('stage_escalated', '=', false)
            .where('stage_due_at', '<=', now)
            .limit(limit)
            .forUpdate()
            .skipLocked(),
        )
        .returning([
          'id',
          'stage',
          'stage_index',
          'stage_started_at',
          'region_code',
          'tracking_code',
          'type_snapshot',
          'stage_due_at',
        ])
        .execute();
    },
    async markEndToEndOverdue(db: Db, now: Date) {
      await db
        .updateTable('service_requests')
        .set({ overdue: true })
        .where('status', '=', 'in_progress')
        .where('overdue', '=', false)
        .where('due_at', '<=', now)
        .execute();
    },
  };
}
export type RequestsRepo = ReturnType<typeof createRequestsRepo>;
