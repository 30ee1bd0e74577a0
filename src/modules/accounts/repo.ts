// SQL for accounts, sessions and login throttling.
import { escapeLike } from '../../db/like.js';
import { sql, type Generated } from 'kysely';
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
  'must_change_password',
  'created_at',
] as const;

/** Sign-in throttling rows (migration 0009); only this module reads or writes them. */
type LoginTables = {
  login_attempts: {
    account_key: Buffer;
    client: string;
    failures: Generated<number>;
    last_failure_at: Date | null;
    blocked_until: Date | null;
    last_success_at: Date | null;
    forget_at: Date;
  };
};
const lx = (db: Db) => db.withTables<LoginTables>();
/** Each write also deletes a few rows past their forget_at; the housekeeping job catches the rest. */
const SWEEP_BATCH = 20;

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
    /** An official's identity for the signature block (NIP, jabatan, pangkat/golongan). */
    signerIdentity: (db: Db, userId: number) =>
      db
        .selectFrom('users')
        .select(['id', 'full_name', 'nip', 'jabatan', 'pangkat_golongan'])
        .where('id', '=', userId)
        .executeTakeFirst(),
    /** The active officials and staff of one office (who may be given a delegation to sign). */
    officialsOf: (db: Db, regionCode: string) =>
      db
        .selectFrom('users')
        .select(['id', 'full_name', 'role', 'nip', 'jabatan', 'pangkat_golongan'])
        .where('region_code', '=', regionCode)
        .where('role', 'in', ['lurah', 'staf_kelurahan', 'camat', 'staf_kecamatan'])
        .where('active', '=', true)
        .orderBy('full_name')
        .limit(200)
        .execute(),
    async setOfficialIdentity(
      db: Db,
      userId: number,
      v: { nip: string | null; jabatan: string | null; pangkat_golongan: string | null },
      now: Date,
    ) {
      await db
        .updateTable('users')
        .set({ ...v, updated_at: now })
        .where('id', '=', userId)
        .execute();
    },
    async insert(db: Db, user: NewUser) {
      return db.insertInto('users').values(user).returning(publicUserColumns).executeTakeFirstOrThrow();
    },
    async setPassword(db: Db, userId: number, passwordHash: string, mustChange: boolean, now: Date) {
      await db
        .updateTable('users')
        .set({
          password_hash: passwordHash,
          must_change_password: mustChange,
          updated_at: now,
        })
        .where('id', '=', userId)
        .execute();
    },
    /** A staff account's username follows the person's number (NIP, NI PPPK or nomor pegawai) when it changes. */
    async setUsername(db: Db, userId: number, username: string, now: Date) {
      await db.updateTable('users').set({ username, updated_at: now }).where('id', '=', userId).execute();
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
    /** Housekeeping: up to `limit` sessions expired by `now`; how many went. Rows another run holds are skipped. */
    async deleteExpiredSessions(db: Db, now: Date, limit: number): Promise<number> {
      const r = await sql`delete from sessions where ctid = any(array(
        select ctid from sessions where expires_at <= ${now}
        order by expires_at limit ${limit} for update skip locked))`.execute(db);
      return Number(r.numAffectedRows ?? 0);
    },
    /** Housekeeping: up to `limit` rate-limit rows whose window began before `before` (they count nothing any more). */
    async deleteStaleThrottles(db: Db, before: Date, limit: number): Promise<number> {
      const r = await sql`delete from login_throttle where ctid = any(array(
        select ctid from login_throttle where window_start < ${before}
        limit ${limit} for update skip locked))`.execute(db);
      return Number(r.numAffectedRows ?? 0);
    },
    /** Housekeeping: up to `limit` sign-in attempt rows past their forget_at (writes sweep a few; this catches the rest). */
    async deleteForgottenLoginAttempts(db: Db, now: Date, limit: number): Promise<number> {
      const r = await sql`delete from login_attempts where ctid = any(array(
        select ctid from login_attempts where forget_at < ${now}
        order by forget_at limit ${limit} for update skip locked))`.execute(db);
      return Number(r.numAffectedRows ?? 0);
    },
    /** What decides whether (account, client) may try now: see rules.loginVerdict. */
    async loginThrottleState(db: Db, accountKey: Buffer, client: string, windowStart: Date) {
      const r = await sql<{
        blocked_until: Date | null;
        last_success_at: Date | null;
        client_failures: number;
        client_oldest: Date | null;
        account_failures: number;
        account_oldest: Date | null;
      }>`
        select p.blocked_until, p.last_success_at, c.failures as client_failures, c.oldest as client_oldest,
               a.failures as account_failures, a.oldest as account_oldest
        from (select coalesce(sum(failures), 0)::int as failures, min(last_failure_at) as oldest
                from login_attempts where client = ${client} and last_failure_at > ${windowStart} and failures > 0) c
        cross join (select coalesce(sum(failures), 0)::int as failures, min(last_failure_at) as oldest
                from login_attempts where account_key = ${accountKey} and last_failure_at > ${windowStart} and failures > 0) a
        left join login_attempts p on p.account_key = ${accountKey} and p.client = ${client}`.execute(db);
      return r.rows[0]!;
    },
    /**
     * Counts an attempt as a failure before the password is checked (a success
     * then clears it), in one statement that also refuses it while the pair
     * must wait: parallel guesses cannot slip through before the first is
     * counted. Returns null when refused. `schedule` is rules.backoffSchedule.
     */
    async countLoginAttempt(
      db: Db,
      a: { accountKey: Buffer; client: string; now: Date; windowStart: Date; schedule: number[]; forgetAt: Date },
    ): Promise<{ failures: number; blocked_until: Date | null } | null> {
      const fails = sql`case when la.last_failure_at > ${a.windowStart} then la.failures + 1 else 1 end`;
      const wait = (n: unknown) =>
        sql`${a.now}::timestamptz + make_interval(secs => (${a.schedule}::int[])[least((${n})::int, ${a.schedule.length}::int)])`;
      const r = await sql<{ failures: number; blocked_until: Date | null }>`
        with swept as (
          delete from login_attempts where ctid = any(array(
            select ctid from login_attempts
            where forget_at < ${a.now} and not (account_key = ${a.accountKey} and client = ${a.client})
            order by forget_at limit ${SWEEP_BATCH} for update skip locked)))
        insert into login_attempts as la (account_key, client, failures, last_failure_at, blocked_until, forget_at)
        values (${a.accountKey}, ${a.client}, 1, ${a.now}, ${wait(1)}, ${a.forgetAt})
        on conflict (account_key, client) do update set
          failures = ${fails},
          blocked_until = ${wait(fails)},
          last_failure_at = ${a.now},
          forget_at = greatest(la.forget_at, ${a.forgetAt})
        where la.blocked_until is null or la.blocked_until <= ${a.now}
        returning la.failures, la.blocked_until`.execute(db);
      return r.rows[0] ?? null;
    },
    /** A success ends the pair's backoff and makes the address known to the account. */
    async recordLoginSuccess(db: Db, accountKey: Buffer, client: string, now: Date, forgetAt: Date) {
      await lx(db)
        .insertInto('login_attempts')
        .values({ account_key: accountKey, client, failures: 0, last_success_at: now, forget_at: forgetAt })
        .onConflict((oc) =>
          oc.columns(['account_key', 'client']).doUpdateSet({
            failures: 0,
            blocked_until: null,
            last_success_at: now,
            forget_at: sql`greatest(login_attempts.forget_at, ${forgetAt}::timestamptz)`,
          }),
        )
        .execute();
    },
    /** An admin's reset lifts every wait on the account's login ids. */
    async clearLoginAttempts(db: Db, accountKeys: Buffer[]) {
      if (accountKeys.length)
        await lx(db).deleteFrom('login_attempts').where('account_key', 'in', accountKeys).execute();
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
