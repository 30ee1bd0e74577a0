// SQL for the in-app inbox and the outgoing deliveries (email, webhook).
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { prepared } from '../../db/prepared.js';
import { inScope, type Scope } from '../accounts/scope.js';

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

/**
 * The common table expressions that notify everyone holding one of `roles`
 * at or above `regionCode` (named recipients, inserted, delivered; `inserted`
 * and `delivered` refer to the others by those names). With `guard`, the name
 * of a CTE of the caller's statement, they notify only when that CTE has a
 * row: a guarded state change and its notifications in one statement.
 */
export function rolesNotificationCtes(roles: readonly string[], regionCode: string, n: RolesNotice, enabled: Channels, now: Date, guard: string | null) {
  const parts = regionCode.split('.');
  const ancestors = parts.map((_, i) => parts.slice(0, i + 1).join('.'));
  return {
    recipients: sql<{ id: number }>`(
      select id, email, phone, notify_email, notify_webhook from users
      where role = any(${sql.val(roles as string[])}::text[]) and region_code = any(${sql.val(ancestors)}::text[]) and active
      ${guard ? sql`and exists (select 1 from ${sql.table(guard)})` : sql``})`,
    inserted: sql<{ id: string; user_id: number }>`(
      insert into notifications (user_id, request_id, kind, dedupe_key, title, body, link, created_at)
      select id, ${n.requestId}::int, ${n.kind}, ${n.eventKey} || ':u' || id, ${n.title}, ${n.body}, ${n.link}, ${now}::timestamptz from recipients
      on conflict (dedupe_key) do nothing
      returning id, user_id)`,
    delivered: sql<{ one: number }>`(
      insert into deliveries (notification_id, channel, target, next_attempt_at)
      select i.id, 'email', r.email, ${now}::timestamptz from inserted i join recipients r on r.id = i.user_id where ${enabled.email} and r.notify_email and r.email is not null
      union all
      select i.id, 'webhook', r.phone, ${now}::timestamptz from inserted i join recipients r on r.id = i.user_id where ${enabled.webhook} and r.notify_webhook and r.phone is not null
      returning 1)`,
  };
}
export type RolesNotificationCtes = ReturnType<typeof rolesNotificationCtes>;

export function createNotificationsRepo() {
  return {
    /** Inserts the notification and its deliveries; returns false when it already existed. */
    async insert(db: Db, n: NewNotification, channels: { channel: 'email' | 'webhook'; target: string }[], now?: Date) {
      const row = await db
        .insertInto('notifications')
        .values({ user_id: n.userId, request_id: n.requestId, kind: n.kind, dedupe_key: n.dedupeKey, title: n.title, body: n.body, link: n.link })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) return false;
      if (channels.length) await db.insertInto('deliveries').values(channels.map((c) => ({ notification_id: row.id, channel: c.channel, target: c.target, ...(now ? { next_attempt_at: now } : {}) }))).execute();
      return true;
    },
    /**
     * One statement for everyone holding one of `roles` at or above `regionCode`:
     * their notifications and, for the channels they chose, the deliveries. On the
     * approval hot path this replaces a query per recipient.
     */
    async insertForRoles(db: Db, roles: readonly string[], regionCode: string, n: RolesNotice, enabled: Channels, now: Date) {
      const c = rolesNotificationCtes(roles, regionCode, n, enabled, now, null);
      const r = await sql<{ n: number }>`${prepared('notify_roles')}
        with recipients as ${c.recipients}, inserted as ${c.inserted}, delivered as ${c.delivered}
        select (select count(*) from inserted)::int as n, (select count(*) from delivered)::int as d`.execute(db);
      return r.rows[0]?.n ?? 0;
    },
    inbox(db: Db, userId: number, limit = 50) {
      return db.selectFrom('notifications').selectAll().where('user_id', '=', userId).orderBy('id', 'desc').limit(limit).execute();
    },
    async unreadCount(db: Db, userId: number) {
      const r = await db.selectFrom('notifications').modifyFront(prepared('unread_count')).select((eb) => eb.fn.countAll<string>().as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async markRead(db: Db, userId: number, ids: string[] | 'all', now: Date) {
      let q = db.updateTable('notifications').set({ read_at: now }).where('user_id', '=', userId).where('read_at', 'is', null);
      if (ids !== 'all') q = q.where('id', 'in', ids.length ? ids : ['0']);
      await q.execute();
    },
    /** Claims pending deliveries for one worker; SKIP LOCKED lets several instances share the work. */
    claimPending(db: Db, limit: number, now: Date) {
      return db
        .selectFrom('deliveries')
        .innerJoin('notifications', 'notifications.id', 'deliveries.notification_id')
        .select(['deliveries.id', 'deliveries.channel', 'deliveries.target', 'deliveries.attempts', 'notifications.kind', 'notifications.title', 'notifications.body', 'notifications.link', 'notifications.request_id', 'notifications.created_at'])
        .where('deliveries.status', '=', 'pending')
        .where('deliveries.next_attempt_at', '<=', now)
        .orderBy('deliveries.id')
        .limit(limit)
        .forUpdate('deliveries')
        .skipLocked()
        .execute();
    },
    async markDelivery(db: Db, id: string, r: { ok: true; now: Date } | { ok: false; error: string; giveUp: boolean; retryAt: Date }) {
      await db
        .updateTable('deliveries')
        .set(
          r.ok
            ? { status: 'sent', sent_at: r.now, attempts: sql`attempts + 1` }
            : { status: r.giveUp ? 'failed' : 'pending', last_error: r.error.slice(0, 500), attempts: sql`attempts + 1`, next_attempt_at: r.retryAt },
        )
        .where('id', '=', id)
        .execute();
    },
    /** Pushes claimed deliveries out of every worker's reach while they are being sent (outside any transaction). */
    async leaseDeliveries(db: Db, ids: string[], until: Date) {
      if (ids.length) await db.updateTable('deliveries').set({ next_attempt_at: until }).where('id', 'in', ids).where('status', '=', 'pending').execute();
    },
    /** How many of these notification ids belong to the user (marking someone else's is refused). */
    async countOwned(db: Db, userId: number, ids: string[]) {
      if (!ids.length) return 0;
      const r = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<string>().as('n')).where('user_id', '=', userId).where('id', 'in', ids).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    settings(db: Db, userId: number) {
      return db.selectFrom('users').select(['email', 'phone', 'notify_email', 'notify_webhook']).where('id', '=', userId).executeTakeFirst();
    },
    async saveSettings(db: Db, userId: number, s: { email: string | null; phone: string | null; notifyEmail: boolean; notifyWebhook: boolean }) {
      await db.updateTable('users').set({ email: s.email, phone: s.phone, notify_email: s.notifyEmail, notify_webhook: s.notifyWebhook }).where('id', '=', userId).execute();
    },
    /** Deliveries to people inside the scope (the recipient's region), newest first. */
    listDeliveriesInScope(db: Db, scope: Scope, f: { status?: 'pending' | 'sent' | 'failed' | undefined; limit: number; offset: number }) {
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
