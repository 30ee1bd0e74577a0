// Who hears about what. Notifications are written in the same transaction as
// the change that causes them (so none is lost or sent for a change that
// rolled back); delivery to email/webhook happens afterwards, by the worker.
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { NotificationsRepo } from './repo.js';

export interface NotifyDeps {
  db: Db;
  clock: Clock;
  notifications: NotificationsRepo;
  channels: { email: boolean; webhook: boolean };
}

export interface Message {
  requestId: number | null;
  kind: string;
  /** Identifies the event; combined with each recipient's id so each person gets it once. */
  eventKey: string;
  title: string;
  body: string;
  link: string | null;
}

function channelsFor(u: { email: string | null; phone: string | null; notify_email: boolean; notify_webhook: boolean }, enabled: NotifyDeps['channels']) {
  const out: { channel: 'email' | 'webhook'; target: string }[] = [];
  if (enabled.email && u.notify_email && u.email) out.push({ channel: 'email', target: u.email });
  if (enabled.webhook && u.notify_webhook && u.phone) out.push({ channel: 'webhook', target: u.phone });
  return out;
}

export function createNotifyService(d: NotifyDeps) {
  return {
    /** Everyone holding one of `roles` whose region covers `regionCode`. Returns how many were newly notified. */
    async toRoles(trx: Db, roles: readonly string[], regionCode: string, m: Message): Promise<number> {
      let n = 0;
      for (const u of await d.notifications.recipientsFor(trx, roles, regionCode)) {
        if (await d.notifications.insert(trx, { userId: u.id, requestId: m.requestId, kind: m.kind, dedupeKey: `${m.eventKey}:u${u.id}`, title: m.title, body: m.body, link: m.link }, channelsFor(u, d.channels))) n++;
      }
      return n;
    },
    async toUser(trx: Db, user: { id: number; email: string | null; phone: string | null; notify_email: boolean; notify_webhook: boolean }, m: Message): Promise<boolean> {
      return d.notifications.insert(trx, { userId: user.id, requestId: m.requestId, kind: m.kind, dedupeKey: `${m.eventKey}:u${user.id}`, title: m.title, body: m.body, link: m.link }, channelsFor(user, d.channels));
    },
    inbox: (userId: number) => d.notifications.inbox(d.db, userId),
    unreadCount: (userId: number) => d.notifications.unreadCount(d.db, userId),
    markRead: (userId: number, ids: string[] | 'all') => d.notifications.markRead(d.db, userId, ids, d.clock.now()),
  };
}
export type NotifyService = ReturnType<typeof createNotifyService>;
