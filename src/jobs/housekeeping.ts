// Housekeeping: rows that have done their work are deleted, each kind by its
// owning module's repo, in batches (LIMIT, SKIP LOCKED), so a run is bounded
// and two instances never fight over the same rows; deleting what is already
// gone deletes nothing, so a second run is harmless. Each task is counted in
// /metrics (rows deleted, last run). Run hourly on the `housekeeping` queue.
//   sessions        expired sign-in sessions (accounts)
//   throttles       rate-limit rows of /lacak and registration a day past their window (accounts)
//   login-attempts  sign-in backoff rows past forget_at (accounts)
//   idempotency     API idempotency keys past IDEMPOTENCY_TTL_HOURS (kernel)
//   notifications   in-app notifications older than NOTIFICATION_RETENTION_DAYS with no delivery
//                   pending, with their finished deliveries (notifications)
// Not here: request attachments past RETENTION_* and expired pending uploads
// have their own audited `retention` job (service-requests applyRetention).
// Other stored files (naskah PDFs, selfies, SKP photos) follow the archive's
// JRA or no rule yet: nothing is deleted for them until a rule is written down.
// The link monitor's raw beats (issue 19 item 5) do not exist yet: when that
// module lands it contributes a task through `extra` (e.g. beats older than
// its retention, rolled up first), and gets its own metrics for free.
import type { Config } from '../config.js';
import type { Clock } from '../lib/clock.js';
import type { Metrics } from '../kernel/metrics.js';
import type { Services } from '../wiring.js';

export const HOUSEKEEPING = 'housekeeping';
/** Minute 43 of every hour: away from the retention job (17) and the minute-0 crowd. */
export const HOUSEKEEPING_CRON = '43 * * * *';
/** Rows per statement and statements per task and run: at most 50,000 rows a task an hour, the rest next hour. */
export const HOUSEKEEPING_BATCH = 500;
const MAX_BATCHES = 100;

export interface HousekeepingTask {
  name: string;
  /** Deletes at most `limit` rows; returns how many it deleted. */
  deleteBatch(limit: number): Promise<number>;
}

export type HousekeepingServices = Pick<Services, 'accounts' | 'idempotency' | 'notify'>;

export function housekeepingTasks(
  services: HousekeepingServices,
  config: Pick<Config, 'notificationRetentionDays'>,
  clock: Clock,
  extra: HousekeepingTask[] = [],
): HousekeepingTask[] {
  const days = config.notificationRetentionDays;
  return [
    { name: 'sessions', deleteBatch: (n) => services.accounts.housekeeping.sessions(n) },
    { name: 'throttles', deleteBatch: (n) => services.accounts.housekeeping.throttles(n) },
    { name: 'login-attempts', deleteBatch: (n) => services.accounts.housekeeping.loginAttempts(n) },
    { name: 'idempotency', deleteBatch: (n) => services.idempotency.deleteExpired(n) },
    {
      name: 'notifications',
      deleteBatch: (n) => services.notify.deleteOld(new Date(clock.now().getTime() - days * 86_400_000), n),
    },
    ...extra,
  ];
}

export interface HousekeepingOptions {
  clock: Clock;
  metrics?: Pick<Metrics, 'housekeeping' | 'housekeepingFailed'>;
  log?: { error(msg: string, err?: unknown): void };
  batch?: number;
  maxBatches?: number;
}

/** Runs every task to its end or its bound; a failing task is logged and counted, the others still run. */
export async function runHousekeeping(
  tasks: HousekeepingTask[],
  o: HousekeepingOptions,
): Promise<Record<string, number>> {
  const batch = o.batch ?? HOUSEKEEPING_BATCH;
  const out: Record<string, number> = {};
  for (const task of tasks) {
    let deleted = 0;
    try {
      for (let i = 0; i < (o.maxBatches ?? MAX_BATCHES); i++) {
        const n = await task.deleteBatch(batch);
        deleted += n;
        if (n < batch) break;
      }
      o.metrics?.housekeeping(task.name, deleted, o.clock.now());
    } catch (err) {
      o.metrics?.housekeepingFailed(task.name);
      o.log?.error(`housekeeping ${task.name} failed after ${deleted} rows`, err);
    }
    out[task.name] = deleted;
  }
  return out;
}
