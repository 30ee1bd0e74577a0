// SQL for accounts, sessions and login throttling.
import { escapeLike } from '../../db/like.js';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { prepared } from '../../db/prepared.js';
import type { NewUser } from '../../db/schema.js';
import { inScope, type Scope } from '../../kernel/scope.js';

const publicUserColumns = [
  'id',
  'username',
  'full_name',
  'role',
  'region_code',
  'resident_id',
  'email',
  'phone',
  'active',
  'locked_until',
  'must_change_password',
  'created_at',
] as const;

export function createAccountsRepo() {
  return {
    /** A person's contact and notification choices (set on the notifications settings page). */
    async saveContact(
      db: Db,
      userId: number,
      s: { email: string | null; phone: string | null; notifyEmail: boolean; notifyWebhook: boolean },
    ) {
      await db
        .updateTable('users')
        .set({ email: s.email, phone: s.phone, notify_email: s.notifyEmail, notify_webhook: s.notifyWebhook })
        .where('id', '=', userId)
        .execute();
    },
    findForLogin(db: Db, by: { username: string } | { nikHash: Buffer }) {
      const q = db.selectFrom('users').selectAll();
      return (
        'username' in by ? q.where('username', '=', by.username.toLowerCase()) : q.where('nik_hash', '=', by.nikHash)
      ).executeTakeFirst();
    },
    findById(db: Db, id: number) {
      return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    },
    findInScope(db: Db, scope: Scope, id: number) {
      return db
        .selectFrom('users')
        .select(publicUserColumns)
        .where('id', '=', id)
        .where(inScope(scope, 'region_code'))
        .executeTakeFirst();
    },
    listInScope(db: Db, scope: Scope, opts: { limit: number; offset: number; q?: string | undefined }) {
      let q = db.selectFrom('users').select(publicUserColumns).where(inScope(scope, 'region_code'));
      if (opts.q)
        q = q.where((eb) =>
          eb.or([
            eb('username', 'like', `%${escapeLike(opts.q!.toLowerCase())}%`),
            eb(sql`lower(full_name)`, 'like', `%${escapeLike(opts.q!.toLowerCase())}%`),
          ]),
        );
      return q
        .orderBy('region_code')
        .orderBy('role')
        .orderBy('username')
        .limit(opts.limit)
        .offset(opts.offset)
        .execute();
    },
    async insert(db: Db, user: NewUser) {
      return db.insertInto('users').values(user).returning(publicUserColumns).executeTakeFirstOrThrow();
    },
    async recordFailedLogin(db: Db, userId: number, maxAttempts: number, lockUntil: Date) {
      // One statement so concurrent failures count correctly across instances.
      await db
        .updateTable('users')
        .set({
          failed_logins: sql`case when failed_logins + 1 >= ${maxAttempts} then 0 else failed_logins + 1 end`,
          locked_until: sql`case when failed_logins + 1 >= ${maxAttempts} then ${lockUntil}::timestamptz else locked_until end`,
        })
        .where('id', '=', userId)
        .execute();
    },
    async clearFailedLogins(db: Db, userId: number) {
      await db
        .updateTable('users')
        .set({ failed_logins: 0, locked_until: null })
        .where('id', '=', userId)
        .where('failed_logins', '>', 0)
        .execute();
    },
    async setPassword(db: Db, userId: number, passwordHash: string, mustChange: boolean, now: Date) {
      await db
        .updateTable('users')
        .set({
          password_hash: passwordHash,
          must_change_password: mustChange,
          failed_logins: 0,
          locked_until: null,
          updated_at: now,
        })
        .where('id', '=', userId)
        .execute();
    },
    async setActive(db: Db, userId: number, active: boolean, now: Date) {
      await db.updateTable('users').set({ active, updated_at: now }).where('id', '=', userId).execute();
    },
    // Sessions
    async insertSession(
      db: Db,
      s: { tokenHash: Buffer; userId: number; expiresAt: Date; ip: string | null; userAgent: string | null; now: Date },
    ) {
      await db
        .insertInto('sessions')
        .values({
          token_hash: s.tokenHash,
          user_id: s.userId,
          expires_at: s.expiresAt,
          ip: s.ip,
          user_agent: s.userAgent,
          created_at: s.now,
          last_seen_at: s.now,
        })
        .execute();
    },
    /**
     * Runs on every signed-in request, for many requests at once (see
     * lib/batch.ts): one named prepared statement for all the tokens given.
     */
    findSessions(db: Db, tokenHashes: Buffer[], now: Date) {
      return db
        .selectFrom('sessions')
        .modifyFront(prepared('find_sessions'))
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select([
          'sessions.token_hash',
          'sessions.last_seen_at',
          'sessions.expires_at',
          'users.id',
          'users.username',
          'users.full_name',
          'users.role',
          'users.region_code',
          'users.resident_id',
          'users.must_change_password',
          'users.active',
        ])
        .where('sessions.token_hash', '=', sql<Buffer>`any(${tokenHashes}::bytea[])`)
        .where('sessions.expires_at', '>', now)
        .execute();
    },
    async touchSession(db: Db, tokenHash: Buffer, now: Date) {
      await db.updateTable('sessions').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
    },
    async deleteSession(db: Db, tokenHash: Buffer) {
      await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    },
    async deleteUserSessions(db: Db, userId: number, except?: Buffer) {
      let q = db.deleteFrom('sessions').where('user_id', '=', userId);
      if (except) q = q.where('token_hash', '!=', except);
      const r = await q.executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    async deleteExpiredSessions(db: Db, now: Date) {
      await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
    },
    /** Counts an attempt for key within a window; returns the count after this attempt. */
    async bumpThrottle(db: Db, key: string, now: Date, windowMs: number): Promise<number> {
      const windowStart = new Date(now.getTime() - windowMs);
      const row = await db
        .insertInto('login_throttle')
        .values({ key, window_start: now, attempts: 1 })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            attempts: sql`case when login_throttle.window_start < ${windowStart}::timestamptz then 1 else login_throttle.attempts + 1 end`,
            window_start: sql`case when login_throttle.window_start < ${windowStart}::timestamptz then ${now}::timestamptz else login_throttle.window_start end`,
          }),
        )
        .returning('attempts')
        .executeTakeFirstOrThrow();
      return row.attempts;
    },
  };
}
export type AccountsRepo = ReturnType<typeof createAccountsRepo>;
