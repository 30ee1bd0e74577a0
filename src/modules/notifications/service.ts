// Who hears about what. Notifications are written in the same transaction as
// the change that causes them (so none is lost or sent for a change that
// rolled back); delivery to email/webhook happens afterwards, by the worker.
import type { AccountsPort } from '../accounts/service.js';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { invalid, notFound, type FieldError } from '../../lib/errors.js';
import type { Ctx } from '../../kernel/context.js';
import { deliverPending, type Senders } from './delivery.js';
import { roleNoticeCtes, roleNoticeRow, type NotificationsRepo } from './repo.js';

export interface NotifyDeps {
  db: Db;
  clock: Clock;
  notifications: NotificationsRepo;
  /** Contact details live on the account (the accounts module writes them). */
  accounts: Pick<AccountsPort, 'saveContact'>;
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

function channelsFor(
  u: { email: string | null; phone: string | null; notify_email: boolean; notify_webhook: boolean },
  enabled: NotifyDeps['channels'],
) {
  const out: { channel: 'email' | 'webhook'; target: string }[] = [];
  if (enabled.email && u.notify_email && u.email) out.push({ channel: 'email', target: u.email });
  if (enabled.webhook && u.notify_webhook && u.phone) out.push({ channel: 'webhook', target: u.phone });
  return out;
}

export function createNotifyService(d: NotifyDeps) {
  async function toUser(
    trx: Db,
    user: { id: number; email: string | null; phone: string | null; notify_email: boolean; notify_webhook: boolean },
    m: Message,
  ): Promise<boolean> {
    return d.notifications.insert(
      trx,
      {
        userId: user.id,
        requestId: m.requestId,
        kind: m.kind,
        dedupeKey: `${m.eventKey}:u${user.id}`,
        title: m.title,
        body: m.body,
        link: m.link,
      },
      channelsFor(user, d.channels),
      d.clock.now(),
    );
  }

  return {
    /** Housekeeping: one bounded batch of notifications older than `before` whose deliveries are done; the count. */
    deleteOld: (before: Date, limit: number) => d.notifications.deleteOld(d.db, before, limit),
    /** Everyone holding one of `roles` whose region covers `regionCode`. Returns how many were newly notified. */
    toRoles(trx: Db, roles: readonly string[], regionCode: string, m: Message): Promise<number> {
      return d.notifications.insertForRoles(trx, roles, regionCode, m, d.channels, d.clock.now());
    },
    /** The same notice as a row for a statement of the caller's that notifies with `noticeCtes` (saves the approval hot path a round trip). */
    rolesNotice: (roles: readonly string[], regionCode: string, m: Message) => roleNoticeRow(roles, regionCode, m),
    /** Notifications for the rows of the caller's CTE `source` (see roleNoticeCtes), in the caller's statement. */
    noticeCtes: (source: string) => roleNoticeCtes(source, d.channels, d.clock.now()),
    /** Notifies one account by id (its contact and channel choices read here); false when there is no such account or it was already notified. */
    async toUserId(trx: Db, userId: number, m: Message): Promise<boolean> {
      const user = await d.notifications.contactOf(trx, userId);
      return user ? toUser(trx, user, m) : false;
    },
    toUser,
    inbox: (userId: number) => d.notifications.inbox(d.db, userId),
    unreadCount: (userId: number) => d.notifications.unreadCount(d.db, userId),
    markRead: (userId: number, ids: string[] | 'all') => d.notifications.markRead(d.db, userId, ids, d.clock.now()),
    /** Marks the caller's own notifications read; an id that is not theirs answers 404 and nothing changes. */
    async markOwnRead(ctx: Ctx, ids: string[] | 'all') {
      if (ids !== 'all') {
        const unique = [...new Set(ids)];
        if ((await d.notifications.countOwned(d.db, ctx.scope.userId, unique)) !== unique.length) throw notFound();
      }
      await d.notifications.markRead(d.db, ctx.scope.userId, ids, d.clock.now());
    },
    async settings(ctx: Ctx) {
      const s = await d.notifications.settings(d.db, ctx.scope.userId);
      if (!s) throw notFound();
      return { ...s, channels: d.channels };
    },
    async saveSettings(ctx: Ctx, input: NotifySettingsInput) {
      const v = checkSettings(input);
      await d.accounts.saveContact(d.db, ctx.scope.userId, v);
      return v;
    },
    listDeliveries: (ctx: Ctx, f: { status?: 'pending' | 'sent' | 'failed' | undefined; page: number }) =>
      d.notifications.listDeliveriesInScope(d.db, ctx.scope, {
        status: f.status,
        limit: 100,
        offset: (f.page - 1) * 100,
      }),
    /** Sends due email/webhook deliveries (the worker calls this; see src/jobs/queue.ts). */
    deliverPending: (senders: Senders, limit?: number) =>
      deliverPending({ db: d.db, repo: d.notifications, clock: d.clock, senders }, limit),
  };
}
export type NotifyService = ReturnType<typeof createNotifyService>;

export interface NotifySettingsInput {
  email?: string | undefined;
  phone?: string | undefined;
  notifyEmail?: boolean | undefined;
  notifyWebhook?: boolean | undefined;
}

const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;

/** Indonesian mobile numbers in the form WhatsApp gateways expect: 62 followed by the number without its leading 0. */
export function normalizePhone(raw: string): string | null {
  const digits = raw.replace(/[\s\-().]/g, '');
  const m = /^(?:\+?62|0)(8\d{7,12})$/.exec(digits);
  return m ? `62${m[1]}` : null;
}

/** Pure: validates and normalises a person's channel choices. */
export function checkSettings(input: NotifySettingsInput) {
  const errors: FieldError[] = [];
  const emailRaw = (input.email ?? '').trim();
  const phoneRaw = (input.phone ?? '').trim();
  const notifyEmail = input.notifyEmail === true;
  const notifyWebhook = input.notifyWebhook === true;
  if (emailRaw && !EMAIL.test(emailRaw)) errors.push({ field: 'email', key: 'jobs.email_invalid' });
  else if (notifyEmail && !emailRaw) errors.push({ field: 'email', key: 'jobs.email_required' });
  const phone = phoneRaw ? normalizePhone(phoneRaw) : null;
  if (phoneRaw && !phone) errors.push({ field: 'phone', key: 'jobs.phone_invalid' });
  else if (notifyWebhook && !phoneRaw) errors.push({ field: 'phone', key: 'jobs.phone_required' });
  if (errors.length) throw invalid(errors);
  return { email: emailRaw || null, phone, notifyEmail, notifyWebhook };
}
