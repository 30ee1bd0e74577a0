import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { currentRequestId } from './request-scope.js';
import { inScope, type Scope } from './scope.js';

export interface AuditEntry {
  actorUserId: number | null;
  actorName: string | null;
  actorRole: string | null;
  ip: string | null;
  action: string;
  entityType: string;
  entityId: string | number | null;
  regionCode: string | null;
  details?: Record<string, unknown>;
}

/**
 * The audit append for batched statements: an INSERT … SELECT writing one
 * audit row per row of the caller's CTE `source`, whose columns are named in
 * `c` (entityType is a constant). The one other way into audit_log besides
 * append(): both are here, so the table has one owner.
 */
export function auditInsertFrom(
  source: string,
  c: {
    actorUserId: string;
    actorName: string;
    actorRole: string;
    ip: string;
    action: string;
    entityType: string;
    entityId: string;
    regionCode: string;
    details: string;
  },
) {
  return sql`insert into audit_log (actor_user_id, actor_name, actor_role, ip, action, entity_type, entity_id, region_code, details, request_id)
    select ${sql.ref(c.actorUserId)}, ${sql.ref(c.actorName)}, ${sql.ref(c.actorRole)}, ${sql.ref(c.ip)}, ${sql.ref(c.action)},
      ${sql.lit(c.entityType)}, ${sql.ref(c.entityId)}::text, ${sql.ref(c.regionCode)}, ${sql.ref(c.details)},
      ${currentRequestId()}::text from ${sql.table(source)}`;
}

export function createAuditRepo() {
  return {
    /**
     * Takes the caller's transaction so the change and its record commit together. The row carries the id of the
     * request (or job) being served, from its scope (src/kernel/request-scope.ts).
     */
    async append(db: Db, e: AuditEntry): Promise<void> {
      await db
        .insertInto('audit_log')
        .values({
          actor_user_id: e.actorUserId,
          actor_name: e.actorName,
          actor_role: e.actorRole,
          ip: e.ip,
          action: e.action,
          entity_type: e.entityType,
          entity_id: e.entityId === null ? null : String(e.entityId),
          region_code: e.regionCode,
          details: JSON.stringify(e.details ?? {}),
          request_id: currentRequestId(),
        })
        .execute();
    },
    async list(db: Db, scope: Scope, opts: { limit: number; offset: number; action?: string | undefined }) {
      let q = db.selectFrom('audit_log').selectAll().where(inScope(scope, 'region_code'));
      if (opts.action) q = q.where('action', '=', opts.action);
      return q.orderBy('id', 'desc').limit(opts.limit).offset(opts.offset).execute();
    },
  };
}
export type AuditRepo = ReturnType<typeof createAuditRepo>;
