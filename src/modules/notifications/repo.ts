// SQL for the in-app inbox and the outgoing deliveries (email, webhook).
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { prepared } from '../../db/prepared.js';
import { inScope, type Scope } from '../../kernel/scope.js';

export interface NewNotification {
  userId: number;
  requestId: number | null;
  kind: string;
  /** Unique per event and recipient: the same reminder is never recorded twice, whatever retries or instances do. */
  dedupeKey: string;
  title: string;
  body: string;
  link: string | null;
}

type RolesNotice = Omit<NewNotification, 'userId' | 'dedupeKey'> & { eventKey: string };
type Channels = { email: boolean; webhook: boolean };

/** A notice for everyone holding one of `roles` at or above `regionCode`, as a row of the `source` of roleNoticeCtes. */
export function roleNoticeRow(roles: readonly string[], regionCode: string, n: RolesNotice) {
  const parts = regionCode.split('.');
  return {
    request_id: n.requestId,
    roles: [...roles],
    ancestors: parts.map((_, i) => parts.slice(0, i + 1).join('.')),
    kind: n.kind,
    event_key: n.eventKey,
    title: n.title,
    body: n.body,
    link: n.link,
  };
}
export type RoleNoticeRow = ReturnType<typeof roleNoticeRow>;
/** RoleNoticeRow's columns, for json_to_record(set) column definitions. */
export const ROLE_NOTICE_COLUMNS = sql.raw(
  'request_id int, roles text[], ancestors text[], kind text, event_key text, title text, body text, link text',
);

/**
 * The common table expressions (named recipients, inserted, delivered) that
 * notify, for each row of the caller's CTE `source` (columns i and those of
 * RoleNoticeRow), everyone holding one of its roles at or above its region,
 * and queue the deliveries of the channels each person chose. A statement
 * that makes `source` from a guarded change notifies only for the rows that
 * changed: the change and its notifications in one statement.
 */
export function roleNoticeCtes(source: string, enabled: Channels, now: Date) {
  const src = sql.table(source);
  return {
    recipients: sql`(
      select u.id, s.event_key || ':u' || u.id as dedupe_key, u.email, u.phone, u.notify_email, u.notify_webhook, s.i
      from ${src} s cross join lateral (
        select id, email, phone, notify_email, notify_webhook from users
        where role = any(s.roles) and region_code = any(s.ancestors) and active) u)`,
    inserted: sql`(
      insert into notifications (user_id, request_id, kind, dedupe_key, title, body, link, created_at)
      select r.id, s.request_id, s.kind, r.dedupe_key, s.title, s.body, s.link, ${now}::timestamptz from recipients r join ${src} s on s.i = r.i
      on conflict (dedupe_key) do nothing
      returning id, dedupe_key)`,
    delivered: sql`(
      insert into deliveries (notification_id, channel, target, next_attempt_at)
      select i.id, 'email', r.email, ${now}::timestamptz from inserted i join recipients r using (dedupe_key) where ${enabled.email} and r.notify_email and r.email is not null
      union all
      select i.id, 'webhook', r.phone, ${now}::timestamptz from inserted i join recipients r using (dedupe_key) where ${enabled.webhook} and r.notify_webhook and r.phone is not null
      returning 1)`,
  };
}

export type RoleNoticeCtes = ReturnType<typeof roleNoticeCtes>;

export function createNotificationsRepo() {
  return {
    /**
     * Housekeeping: up to `limit` notifications written before `before` with no delivery still pending, and their
     * finished deliveries, in one statement (the deliveries' foreign key is checked at its end). Skips rows a
     * delivery run holds. Returns the notifications deleted.
     */
    async deleteOld(db: Db, before: Date, limit: number): Promise<number> {
      const r = await sql<{ id: string }>`
        with doomed as (
          select n.id from notifications n
          where n.created_at < ${before}
            and not exists (select 1 from deliveries d where d.notification_id = n.id and d.status = 'pending')
          order by n.created_at limit ${limit} for update skip locked),
        gone as (delete from deliveries d using doomed where d.notification_id = doomed.id)
        delete from notifications n using doomed where n.id = doomed.id returning n.id`.execute(db);
      return r.rows.length;
    },
    /** Where and how one account wants to be told (users is the accounts module's; this only reads it). */
    contactOf(db: Db, userId: number) {
      return db
        .selectFrom('users')
        .select(['id', 'email', 'phone', 'notify_email', 'notify_webhook'])
        .where('id', '=', userId)
        .executeTakeFirst();
    },
    /** Inserts the notification and its deliveries; returns false when it already existed. */
    async insert(db: Db, n: NewNotification, channels: { channel: 'email' | 'webhook'; target: string }[], now?: Date) {
      const row = await db
        .insertInto('notifications')
        .values({
          user_id: n.userId,
          request_id: n.requestId,
          kind: n.kind,
          dedupe_key: n.dedupeKey,
          title: n.title,
          body: n.body,
          link: n.link,
        })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) return false;
      if (channels.length)
        await db
          .insertInto('deliveries')
          .values(
            channels.map((c) => ({
              notification_id: row.id,
              channel: c.channel,
              target: c.target,
              ...(now ? { next_attempt_at: now } : {}),
            })),
          )
          .execute();
      return true;
    },
    /**
     * One statement for everyone holding one of `roles` at or above `regionCode`:
     * their notifications and, for the channels they chose, the deliveries. On the
     * approval hot path this replaces a query per recipient.
     */
    async insertForRoles(
      db: Db,
      roles: readonly string[],
      regionCode: string,
      n: RolesNotice,
      enabled: Channels,
      now: Date,
    ) {
      const c = roleNoticeCtes('src', enabled, now);
      const r = await sql<{ n: number }>`${prepared('notify_roles')}
        with src as (select 0 as i, s.* from json_to_record(${JSON.stringify(roleNoticeRow(roles, regionCode, n))}::json) as s(${ROLE_NOTICE_COLUMNS})),
        recipients as ${c.recipients}, inserted as ${c.inserted}, delivered as ${c.delivered}
        select (select count(*) from inserted)::int as n`.execute(db);
      return r.rows[0]?.n ?? 0;
    },
    inbox(db: Db, userId: number, limit = 50) {
      return db
        .selectFrom('notifications')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
    },
    async unreadCount(db: Db, userId: number) {
      const r = await db
        .selectFrom('notifications')
        .modifyFront(prepared('unread_count'))
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async markRead(db: Db, userId: number, ids: string[] | 'all', now: Date) {
      let q = db
        .updateTable('notifications')
        .set({ read_at: now })
        .where('user_id', '=', userId)
        .where('read_at', 'is', null);
      if (ids !== 'all') q = q.where('id', 'in', ids.length ? ids : ['0']);
      await q.execute();
    },
    /** Claims pending deliveries for one worker; SKIP LOCKED lets several instances share the work. */
    claimPending(db: Db, limit: number, now: Date) {
      return db
        .selectFrom('deliveries')
        .innerJoin('notifications', 'notifications.id', 'deliveries.notification_id')
        .select([
          'deliveries.id',
          'deliveries.channel',
          'deliveries.target',
          'deliveries.attempts',
          'notifications.kind',
          'notifications.title',
          'notifications.body',
          'notifications.link',
          'notifications.request_id',
          'notifications.created_at',
        ])
        .where('deliveries.status', '=', 'pending')
        .where('deliveries.next_attempt_at', '<=', now)
        .orderBy('deliveries.id')
        .limit(limit)
        .forUpdate('deliveries')
        .skipLocked()
        .execute();
    },
    async markDelivery(
      db: Db,
      id: string,
      r: { ok: true; now: Date } | { ok: false; error: string; giveUp: boolean; retryAt: Date },
    ) {
      await db
        .updateTable('deliveries')
        .set(
          r.ok
            ? { status: 'sent', sent_at: r.now, attempts: sql`attempts + 1` }
            : {
                status: r.giveUp ? 'failed' : 'pending',
                last_error: r.error.slice(0, 500),
                attempts: sql`attempts + 1`,
                next_attempt_at: r.retryAt,
              },
        )
        .where('id', '=', id)
        .execute();
    },
    /** Pushes claimed deliveries out of every worker's reach while they are being sent (outside any transaction). */
    async leaseDeliveries(db: Db, ids: string[], until: Date) {
      if (ids.length)
        await db
          .updateTable('deliveries')
          .set({ next_attempt_at: until })
          .where('id', 'in', ids)
          .where('status', '=', 'pending')
          .execute();
    },
    /** How many of these notification ids belong to the user (marking someone else's is refused). */
    async countOwned(db: Db, userId: number, ids: string[]) {
      if (!ids.length) return 0;
      const r = await db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('user_id', '=', userId)
        .where('id', 'in', ids)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    settings(db: Db, userId: number) {
      return db
        .selectFrom('users')
        .select(['email', 'phone', 'notify_email', 'notify_webhook'])
        .where('id', '=', userId)
        .executeTakeFirst();
    },
    /** Deliveries to people inside the scope (the recipient's region), newest first. */
    listDeliveriesInScope(
      db: Db,
      scope: Scope,
      f: { status?: 'pending' | 'sent' | 'failed' | undefined; limit: number; offset: number },
    ) {
      let q = db
        .selectFrom('deliveries')
        .innerJoin('notifications', 'notifications.id', 'deliveries.notification_id')
        .innerJoin('users', 'users.id', 'notifications.user_id')
        .select([
          'deliveries.id',
          'deliveries.channel',
          'deliveries.target',
          'deliveries.status',
          'deliveries.attempts',
          'deliveries.last_error',
          'deliveries.next_attempt_at',
          'deliveries.created_at',
          'deliveries.sent_at',
          'notifications.kind',
          'notifications.title',
          'notifications.request_id',
          'users.full_name as recipient',
        ])
        .where(inScope(scope, 'users.region_code'));
      if (f.status) q = q.where('deliveries.status', '=', f.status);
      return q.orderBy('deliveries.id', 'desc').limit(f.limit).offset(f.offset).execute();
    },
    listDeliveries(db: Db, status: 'pending' | 'sent' | 'failed' | undefined, limit = 100) {
      let q = db.selectFrom('deliveries').selectAll();
      if (status) q = q.where('status', '=', status);
      return q.orderBy('id', 'desc').limit(limit).execute();
    },
  };
}
export type NotificationsRepo = ReturnType<typeof createNotificationsRepo>;
