// Sends what the notifications wrote: claim a batch of due deliveries, send
// each over its channel, record sent or failed. The claim is a short
// transaction (FOR UPDATE SKIP LOCKED, then a lease that moves
// next_attempt_at ahead), and sending happens after it commits: no lock or
// connection is held across the network — on PGlite a held transaction
// would stop the whole app for the length of an SMTP timeout. A crash while
// sending lets the lease lapse and the delivery is tried again (at least once).
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { NotificationsRepo } from './repo.js';

export interface DeliveryItem {
  id: string;
  channel: 'email' | 'webhook';
  /** An email address or a phone number. */
  target: string;
  kind: string;
  title: string;
  body: string;
  /** An app path like /layanan/12; senders make it absolute. */
  link: string | null;
  requestId: number | null;
}

export type Sender = (d: DeliveryItem) => Promise<void>;
export interface Senders {
  email?: Sender | undefined;
  webhook?: Sender | undefined;
}

export interface DeliverDeps {
  db: Db;
  repo: NotificationsRepo;
  clock: Clock;
  senders: Senders;
}

export const MAX_ATTEMPTS = 6;
/** Long enough for a 10 s send timeout many times over; short enough that a crashed worker's batch is retried soon. */
const LEASE_MS = 5 * 60_000;

/** When to try again after the n-th failed attempt (n ≥ 1): 2, 4, 8, 16, 32 minutes. */
export function retryDelayMs(attempts: number): number {
  return 2 ** attempts * 60_000;
}

export async function deliverPending(deps: DeliverDeps, limit = 50): Promise<{ sent: number; failed: number }> {
  const { db, repo, clock, senders } = deps;
  const claimed = await db.transaction().execute(async (trx) => {
    const rows = await repo.claimPending(trx, limit, clock.now());
    await repo.leaseDeliveries(
      trx,
      rows.map((r) => r.id),
      new Date(clock.now().getTime() + LEASE_MS),
    );
    return rows;
  });
  let sent = 0;
  let failed = 0;
  for (const r of claimed) {
    const item: DeliveryItem = {
      id: r.id,
      channel: r.channel,
      target: r.target,
      kind: r.kind,
      title: r.title,
      body: r.body,
      link: r.link,
      requestId: r.request_id,
    };
    const send = senders[r.channel];
    try {
      if (!send) throw new Error(`no sender configured for ${r.channel}`);
      await send(item);
      await repo.markDelivery(db, r.id, { ok: true, now: clock.now() });
      sent++;
    } catch (err) {
      failed++;
      const attempts = r.attempts + 1;
      const now = clock.now();
      // Recording the failure must not throw either: a worker that dies here would retry the whole batch.
      await repo
        .markDelivery(db, r.id, {
          ok: false,
          error: errorText(err),
          giveUp: attempts >= MAX_ATTEMPTS,
          retryAt: new Date(now.getTime() + retryDelayMs(attempts)),
        })
        .catch(() => undefined);
    }
  }
  return { sent, failed };
}

function errorText(err: unknown): string {
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return `${err.message}${cause}`;
  }
  return String(err);
}
