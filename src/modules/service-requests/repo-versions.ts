// SQL for corrections (request versions, replaced photos), the uploads kept
// from a refused form (pending_uploads), and the removal of attachments whose
// retention ran out. Part of the requests repo (spread into it in repo.ts).
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

export interface NewVersion {
  request_id: number;
  purpose: string;
  field_values: Record<string, string>;
  attachments: { id: number; kind: string }[];
  replaced_at: Date;
  replaced_by: number;
  correction_key: string;
}

export interface PendingRow {
  token: string;
  kind: string;
  file_id: number;
  mime: string;
  size_bytes: number;
}

export function versionsRepo() {
  return {
    versionByKey(db: Db, requestId: number, key: string) {
      return db
        .selectFrom('request_versions')
        .select(['version_no', 'replaced_at'])
        .where('request_id', '=', requestId)
        .where('correction_key', '=', key)
        .executeTakeFirst();
    },
    versions(db: Db, requestId: number) {
      return db
        .selectFrom('request_versions')
        .leftJoin('users', 'users.id', 'request_versions.replaced_by')
        .select([
          'request_versions.version_no',
          'request_versions.purpose',
          'request_versions.field_values',
          'request_versions.attachments',
          'request_versions.replaced_at',
          'users.full_name as replaced_by_name',
        ])
        .where('request_versions.request_id', '=', requestId)
        .orderBy('request_versions.version_no')
        .execute();
    },
    /** The caller holds the request's row lock (its guarded update in the same transaction), so the number cannot collide. */
    async insertVersion(db: Db, v: NewVersion): Promise<number> {
      const row = await db
        .insertInto('request_versions')
        .values((eb) => ({
          ...v,
          field_values: JSON.stringify(v.field_values),
          attachments: JSON.stringify(v.attachments),
          version_no: eb
            .selectFrom('request_versions')
            .select(sql<number>`coalesce(max(version_no), 0) + 1`.as('n'))
            .where('request_id', '=', v.request_id),
        }))
        .returning('version_no')
        .executeTakeFirstOrThrow();
      return row.version_no;
    },
    /** The corrected content, only while the request is still returned and at the version the form was built on. */
    async updateContent(
      db: Db,
      c: { id: number; version: number; purpose: string; field_values: Record<string, string> },
    ): Promise<boolean> {
      const r = await db
        .updateTable('service_requests')
        .set({ purpose: c.purpose, field_values: JSON.stringify(c.field_values) })
        .where('id', '=', c.id)
        .where('version', '=', c.version)
        .where('status', '=', 'returned')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    /** Every attachment a request ever had that is still kept, the replaced ones too (for the versions and their viewers). */
    allAttachments(db: Db, requestId: number) {
      return db
        .selectFrom('request_attachments')
        .innerJoin('stored_files', 'stored_files.id', 'request_attachments.file_id')
        .select([
          'request_attachments.id',
          'request_attachments.kind',
          'request_attachments.file_id',
          'request_attachments.created_at',
          'request_attachments.replaced_at',
          'stored_files.mime',
          'stored_files.size_bytes',
        ])
        .where('request_attachments.request_id', '=', requestId)
        .orderBy('request_attachments.id')
        .execute();
    },
    async markReplaced(db: Db, requestId: number, kinds: readonly string[], at: Date) {
      if (!kinds.length) return;
      await db
        .updateTable('request_attachments')
        .set({ replaced_at: at })
        .where('request_id', '=', requestId)
        .where('kind', 'in', [...kinds])
        .where('replaced_at', 'is', null)
        .execute();
    },

    // ---- Pending uploads ----
    async insertPending(
      db: Db,
      rows: { token: string; owner_id: number; kind: string; file_id: number; created_at: Date; expires_at: Date }[],
    ) {
      if (rows.length) await db.insertInto('pending_uploads').values(rows).execute();
    },
    /** The owner's pending uploads among `tokens` that have not expired. */
    pendingByTokens(db: Db, ownerId: number, tokens: readonly string[], now: Date): Promise<PendingRow[]> {
      if (!tokens.length) return Promise.resolve([]);
      return db
        .selectFrom('pending_uploads')
        .innerJoin('stored_files', 'stored_files.id', 'pending_uploads.file_id')
        .select([
          'pending_uploads.token',
          'pending_uploads.kind',
          'pending_uploads.file_id',
          'stored_files.mime',
          'stored_files.size_bytes',
        ])
        .where('pending_uploads.owner_id', '=', ownerId)
        .where('pending_uploads.token', 'in', [...tokens])
        .where('pending_uploads.expires_at', '>', now)
        .execute();
    },
    /** Takes a pending upload for good (its file becomes an attachment); null when it is gone or expired. */
    async consumePending(db: Db, ownerId: number, token: string, kind: string, now: Date): Promise<number | null> {
      const row = await db
        .deleteFrom('pending_uploads')
        .where('owner_id', '=', ownerId)
        .where('token', '=', token)
        .where('kind', '=', kind)
        .where('expires_at', '>', now)
        .returning('file_id')
        .executeTakeFirst();
      return row?.file_id ?? null;
    },
    pendingFile(db: Db, ownerId: number, token: string, now: Date) {
      return db
        .selectFrom('pending_uploads')
        .select(['file_id', 'kind'])
        .where('owner_id', '=', ownerId)
        .where('token', '=', token)
        .where('expires_at', '>', now)
        .executeTakeFirst();
    },

    // ---- Retention ----
    /**
     * Removes up to `limit` attachments of requests that ended before their
     * cut-off (completed, rejected, or returned and not corrected since), rows
     * claimed with SKIP LOCKED so instances running at once never take the
     * same one. Returns what went, for the files and the audit.
     */
    async removeExpiredAttachments(
      db: Db,
      c: { completedBefore: Date; rejectedBefore: Date; returnedBefore: Date },
      limit: number,
    ) {
      const r = await sql<{ id: number; request_id: number; kind: string; file_id: number; region_code: string }>`
        with doomed as (
          select ra.id from request_attachments ra
          join service_requests sr on sr.id = ra.request_id
          where (sr.status = 'completed' and sr.completed_at < ${c.completedBefore})
             or (sr.status = 'rejected' and sr.completed_at < ${c.rejectedBefore})
             or (sr.status = 'returned' and (select max(t.at) from request_transitions t
                   where t.request_id = sr.id and t.action = 'return') < ${c.returnedBefore})
          order by ra.id
          limit ${limit}
          for update of ra skip locked)
        delete from request_attachments ra using doomed, service_requests sr
        where ra.id = doomed.id and sr.id = ra.request_id
        returning ra.id, ra.request_id, ra.kind, ra.file_id, sr.region_code`.execute(db);
      return r.rows;
    },
    /** Removes up to `limit` pending uploads that expired, claimed like the attachments above. */
    async removeExpiredPending(db: Db, now: Date, limit: number) {
      const r = await sql<{ id: number; kind: string; file_id: number }>`
        with doomed as (
          select id from pending_uploads where expires_at <= ${now} order by id limit ${limit} for update skip locked)
        delete from pending_uploads p using doomed where p.id = doomed.id
        returning p.id, p.kind, p.file_id`.execute(db);
      return r.rows;
    },
  };
}
