// SQL for API idempotency keys (migration 0009). The kernel owns this table;
// its Kysely type is declared here (withTables) like a module's own tables.
import { sql } from 'kysely';
import type { Db } from '../db/database.js';

type IdempotencyTables = {
  idempotency_keys: {
    user_id: number;
    key: string;
    request_hash: Buffer;
    status: number | null;
    content_type: string | null;
    body: Buffer | null;
    claimed_at: Date;
    expires_at: Date;
  };
};
const x = (db: Db) => db.withTables<IdempotencyTables>();
/** Each claim also deletes a few expired keys; the housekeeping job (src/jobs/housekeeping.ts) catches the rest. */
const SWEEP_BATCH = 20;

export interface Claim {
  userId: number;
  key: string;
  /** The claim's own time: finishing checks it, so a claim taken over is not overwritten. */
  claimedAt: Date;
}

export function createIdempotencyRepo() {
  return {
    /**
     * Claims (account, key) for a request. An expired key is claimed afresh;
     * a claim whose request never finished (its instance died) is taken over
     * after `abandonedBefore`, for the same request only. True when claimed.
     */
    async claim(db: Db, c: Claim & { requestHash: Buffer; expiresAt: Date; abandonedBefore: Date }): Promise<boolean> {
      const r = await sql<{ user_id: number }>`
        with swept as (
          delete from idempotency_keys where ctid = any(array(
            select ctid from idempotency_keys
            where expires_at <= ${c.claimedAt} and not (user_id = ${c.userId} and key = ${c.key})
            order by expires_at limit ${SWEEP_BATCH} for update skip locked)))
        insert into idempotency_keys as k (user_id, key, request_hash, claimed_at, expires_at)
        values (${c.userId}, ${c.key}, ${c.requestHash}, ${c.claimedAt}, ${c.expiresAt})
        on conflict (user_id, key) do update set
          request_hash = excluded.request_hash, status = null, content_type = null, body = null,
          claimed_at = excluded.claimed_at, expires_at = excluded.expires_at
        where k.expires_at <= ${c.claimedAt}
           or (k.status is null and k.claimed_at < ${c.abandonedBefore} and k.request_hash = excluded.request_hash)
        returning k.user_id`.execute(db);
      return r.rows.length === 1;
    },
    find(db: Db, userId: number, key: string) {
      return x(db)
        .selectFrom('idempotency_keys')
        .select(['request_hash', 'status', 'content_type', 'body', 'expires_at'])
        .where('user_id', '=', userId)
        .where('key', '=', key)
        .executeTakeFirst();
    },
    async complete(db: Db, c: Claim, answer: { status: number; contentType: string | null; body: Buffer }) {
      await x(db)
        .updateTable('idempotency_keys')
        .set({ status: answer.status, content_type: answer.contentType, body: answer.body })
        .where('user_id', '=', c.userId)
        .where('key', '=', c.key)
        .where('claimed_at', '=', c.claimedAt)
        .where('status', 'is', null)
        .execute();
    },
    /** Housekeeping: up to `limit` expired keys (claims sweep a few; this catches the rest); how many went. */
    async deleteExpired(db: Db, now: Date, limit: number): Promise<number> {
      const r = await sql`delete from idempotency_keys where ctid = any(array(
        select ctid from idempotency_keys where expires_at <= ${now}
        order by expires_at limit ${limit} for update skip locked))`.execute(db);
      return Number(r.numAffectedRows ?? 0);
    },
    /** Gives the key back (the request ended in a server error): a retry runs it again. */
    async release(db: Db, c: Claim) {
      await x(db)
        .deleteFrom('idempotency_keys')
        .where('user_id', '=', c.userId)
        .where('key', '=', c.key)
        .where('claimed_at', '=', c.claimedAt)
        .where('status', 'is', null)
        .execute();
    },
  };
}
export type IdempotencyRepo = ReturnType<typeof createIdempotencyRepo>;
