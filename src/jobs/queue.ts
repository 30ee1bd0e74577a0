// Background work on pg-boss, on the platform's own pg.Pool (through pg-boss's
// `db` adapter): on PGlite there is one connection, and pg-boss opening its
// own would wait forever. Three queues:
//   sla-sweep   reminders at 75 % and escalations at 100 % of a stage budget
//               (instants set when the stage starts, on its clock: service
//               hours for kelurahan/kecamatan, so they fall inside them).
//               pg-boss cron has minute granularity; a 15 s poke keeps a
//               45-minute budget's reminder from being up to a minute late.
//               The same beat runs the disposisi deadline sweep (E-Surat: a
//               warning at 75 % of a disposition's working time, escalation
//               when overdue; correspondence deadlines-service.ts), claimed the
//               same way.
//   deliveries  sends pending email/webhook deliveries; poked after a sweep
//               wrote notifications, on the same 15 s beat, and by poke().
// Both handlers are safe on several instances at once: the sweep claims rows
// with conditional updates and notifications have a unique dedupe_key; the
// delivery claim uses FOR UPDATE SKIP LOCKED plus a lease. The queues use the
// 'stately' policy with a singleton key, so pokes collapse into at most one
// waiting and one running job per queue across all instances.
//   close-day   after midnight in the city's zone (cron with tz) and once at
//               start: closes the last days of every active employee
//               (attendance/close-day.ts); idempotent, stately like the others.
//   retention   every hour and once at start: removes request attachments
//               whose retention ran out (RETENTION_*) and expired pending
//               uploads, auditing each removal (service-requests
//               applyRetention); rows claimed with SKIP LOCKED, idempotent.
//   housekeeping every hour (minute 43) and once at start: deletes expired
//               sessions, stale rate-limit rows, expired idempotency keys and
//               old notifications in bounded batches (housekeeping.ts).
// Each job runs in a request scope of its own (`job-<pg-boss id>`), so the
// audit rows it writes name the job run; the sweeps and housekeeping are
// counted in /metrics (src/kernel/metrics.ts).
import PgBoss from 'pg-boss';
import type pg from 'pg';
import type { Config } from '../config.js';
import type { Clock } from '../lib/clock.js';
import type { Senders } from '../modules/notifications/delivery.js';
import { createEmailSender, createMailer, createWebhookSender } from '../modules/notifications/senders.js';
import type { Services } from '../wiring.js';
import { CLOSE_DAY_CRON, closeDays } from '../modules/attendance/close-day.js';
import { describe, isConnectionError } from '../db/connection-errors.js';
import { queryPool } from '../db/resilient-pool.js';
import { runWithRequestId } from '../kernel/request-scope.js';
import {
  HOUSEKEEPING,
  HOUSEKEEPING_CRON,
  housekeepingTasks,
  runHousekeeping,
  type HousekeepingTask,
} from './housekeeping.js';

export const SLA_SWEEP = 'sla-sweep';
export const DELIVERIES = 'deliveries';
export const CLOSE_DAY = 'close-day';
export const RETENTION = 'retention';
/** Minute 17 of every hour: away from the minute-0 crowd of other schedules. */
const RETENTION_CRON = '17 * * * *';
const EVERY_MINUTE = '* * * * *';

export interface JobsLog {
  info(msg: string): void;
  error(msg: string, err?: unknown): void;
}

export interface StartJobsOptions {
  pool: pg.Pool;
  services: Pick<
    Services,
    'requests' | 'notify' | 'attendance' | 'employees' | 'correspondence' | 'accounts' | 'idempotency' | 'metrics'
  >;
  config: Config;
  clock: Clock;
  log?: JobsLog;
  /** How often this instance asks for a sweep and a delivery run (default 15 s). */
  pokeIntervalMs?: number;
  /** How often the workers look for jobs (default 2 s; pg-boss allows 0.5 s at the least). */
  pollingIntervalSeconds?: number;
  /** Senders to use instead of the ones built from the configuration (tests). */
  senders?: Senders;
  /** Housekeeping tasks instead of the standard ones (tests on a shared database pass none). */
  housekeepingTasks?: HousekeepingTask[];
}

export interface Jobs {
  /** Asks for a delivery run soon (after notifications were written). Never throws. */
  poke(): void;
  /** Asks for an SLA sweep soon. Never throws. */
  pokeSweep(): void;
  stop(): Promise<void>;
  boss: PgBoss;
}

/**
 * One JSON line per event, like the request log: the message and, for an error, its code and first line only
 * (a statement's values or a stack never reach the log).
 */
const consoleLog: JobsLog = {
  info: (m) => console.log(JSON.stringify({ level: 30, time: Date.now(), component: 'jobs', msg: m })),
  error: (m, err) =>
    console.error(
      JSON.stringify({
        level: 50,
        time: Date.now(),
        component: 'jobs',
        msg: m,
        ...(err === undefined ? {} : { err: describe(err) }),
      }),
    ),
};

/** The senders the configuration enables; a channel without one leaves its deliveries failing visibly (admin list). */
export function sendersFromConfig(config: Config, clock: Clock, log: JobsLog = consoleLog): Senders {
  const senders: Senders = {};
  if (config.mail.smtpUrl) senders.email = createEmailSender(config.mail.smtpUrl, config.mail.from, config.publicUrl);
  if (config.webhook.url) {
    if (config.webhook.secret)
      senders.webhook = createWebhookSender(config.webhook.url, config.webhook.secret, config.publicUrl, () =>
        clock.now(),
      );
    else log.error('WEBHOOK_URL is set without WEBHOOK_SECRET: webhook deliveries are not sent unsigned');
  }
  return senders;
}

export async function startJobs(o: StartJobsOptions): Promise<Jobs> {
  const log = o.log ?? consoleLog;
  const senders = o.senders ?? sendersFromConfig(o.config, o.clock, log);
  const mailer = o.config.mail.smtpUrl ? createMailer(o.config.mail.smtpUrl, o.config.mail.from) : undefined;
  const boss = new PgBoss({ db: bossDb(o.pool, log), schema: 'pgboss' });
  // Workers, cron and maintenance keep going after an error and try again on their next beat;
  // a lost database connection is one line (its code and pg's message), not a stack per beat.
  boss.on('error', (err) => {
    if (isConnectionError(err))
      log.error(`pg-boss: database unavailable (${describe(err).code}: ${describe(err).message})`);
    else log.error('pg-boss error', err);
  });
  await boss.start();

  const queue = { policy: 'stately' as const, retryLimit: 0, expireInSeconds: 15 * 60 };
  await boss.createQueue(SLA_SWEEP, { name: SLA_SWEEP, ...queue });
  await boss.createQueue(DELIVERIES, { name: DELIVERIES, ...queue });
  await boss.createQueue(CLOSE_DAY, { name: CLOSE_DAY, ...queue, expireInSeconds: 60 * 60 });
  await boss.createQueue(RETENTION, { name: RETENTION, ...queue, expireInSeconds: 60 * 60 });
  await boss.createQueue(HOUSEKEEPING, { name: HOUSEKEEPING, ...queue, expireInSeconds: 60 * 60 });

  let stopped = false;
  const send = (name: string) => {
    if (stopped) return;
    boss.send(name, {}, { singletonKey: name }).catch((err: unknown) => log.error(`could not queue ${name}`, err));
  };
  const poke = () => send(DELIVERIES);
  const pokeSweep = () => send(SLA_SWEEP);

  const options = o.pollingIntervalSeconds ? { pollingIntervalSeconds: o.pollingIntervalSeconds } : {};
  // Every job in a scope of its own: what it audits carries `job-<id>`.
  const work = (name: string, handler: () => Promise<void>) =>
    boss.work(name, options, ([job]) => runWithRequestId(`job-${job?.id ?? 'unknown'}`, handler));
  const { metrics } = o.services;
  // Handlers never throw: a failed send is recorded on its delivery row, and a
  // failed sweep is simply run again on the next beat (it is idempotent).
  await work(SLA_SWEEP, () => sweepDeadlines(o.services, poke, log));
  await work(DELIVERIES, async () => {
    try {
      const r = await o.services.notify.deliverPending(senders);
      // A full batch means more may be waiting.
      if (r.sent + r.failed >= 50) poke();
    } catch (err) {
      log.error('delivery run failed', err);
    }
    try {
      // Naskah keluar to external addresses: the signed PDF by e-mail (keluar-mail.ts).
      const r = await o.services.correspondence.keluarMail.sendQueued(mailer);
      if (r.sent + r.failed >= 20) poke();
    } catch (err) {
      log.error('naskah e-mail run failed', err);
    }
  });
  await boss.schedule(SLA_SWEEP, EVERY_MINUTE, {}, { singletonKey: SLA_SWEEP });
  await boss.schedule(DELIVERIES, EVERY_MINUTE, {}, { singletonKey: DELIVERIES });
  // The configured city; a province-wide deployment would list its cities here.
  await work(CLOSE_DAY, async () => {
    try {
      const r = await closeDays(o.services);
      log.info(`closed ${r.dates.join(', ')} for ${r.people} employees (${r.changed} changed)`);
    } catch (err) {
      log.error('closing attendance days failed', err);
    }
  });
  await boss.schedule(CLOSE_DAY, CLOSE_DAY_CRON, {}, { singletonKey: CLOSE_DAY, tz: o.config.timeZone });
  send(CLOSE_DAY); // catch up a night missed while no instance ran
  await work(RETENTION, async () => {
    try {
      const r = await o.services.requests.applyRetention();
      if (r.attachments || r.pending)
        log.info(`retention: removed ${r.attachments} attachments and ${r.pending} pending uploads`);
    } catch (err) {
      log.error('retention run failed', err);
    }
  });
  await boss.schedule(RETENTION, RETENTION_CRON, {}, { singletonKey: RETENTION, tz: o.config.timeZone });
  send(RETENTION);
  const tasks = o.housekeepingTasks ?? housekeepingTasks(o.services, o.config, o.clock);
  await work(HOUSEKEEPING, async () => {
    const r = await runHousekeeping(tasks, { clock: o.clock, metrics, log });
    const total = Object.values(r).reduce((a, b) => a + b, 0);
    if (total) log.info(`housekeeping: deleted ${JSON.stringify(r)}`);
  });
  await boss.schedule(HOUSEKEEPING, HOUSEKEEPING_CRON, {}, { singletonKey: HOUSEKEEPING, tz: o.config.timeZone });
  send(HOUSEKEEPING);

  const beat = setInterval(() => {
    pokeSweep();
    poke();
  }, o.pokeIntervalMs ?? 15_000);
  beat.unref();
  pokeSweep();
  poke();

  return {
    poke,
    pokeSweep,
    boss,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(beat);
      // close: false — the pool belongs to the app, which closes it after this.
      await boss.stop({ graceful: true, wait: true, close: false, timeout: 15_000 });
    },
  };
}

/**
 * One beat of the SLA sweep: layanan warga stages, then disposition deadlines; each counted in /metrics (warnings
 * and escalations) and followed by a delivery run when it wrote notifications. Never throws: a failed sweep runs
 * again on the next beat (it is idempotent).
 */
export async function sweepDeadlines(
  services: Pick<Services, 'requests' | 'correspondence' | 'metrics'>,
  poke: () => void,
  log: JobsLog,
): Promise<void> {
  try {
    const r = await services.requests.sweepClocks();
    services.metrics.slaSweep('layanan', r);
    if (r.warned || r.escalated) poke();
  } catch (err) {
    log.error('SLA sweep failed', err);
  }
  try {
    const r = await services.correspondence.deadlines.sweep();
    services.metrics.slaSweep('disposisi', r);
    if (r.warned || r.escalated) poke();
  } catch (err) {
    log.error('disposition deadline sweep failed', err);
  }
}

/**
 * pg-boss marks a finished job done (or failed) without awaiting it
 * (pg-boss 10 manager.js, watch → onFetch): if that statement rejects — the
 * database went away while the job ran — the rejection is unhandled and ends
 * the process, and the job stays 'active' until it expires, which for a
 * 'stately' queue blocks the next one. Both statements only touch jobs still
 * in their old state, so sending one again is harmless: on a lost connection
 * they are tried again for up to a minute; they never reject.
 */
export const BOSS_COMPLETION =
  /^\s*WITH (results AS \(\s*UPDATE \S+\.job\s+SET completed_on = now\(\),\s+state = 'completed'|deleted_jobs AS \(\s*DELETE FROM \S+\.job\s+WHERE name = \$1 AND id IN)/;
const COMPLETION_RETRY_MS = 1_000;
const COMPLETION_ATTEMPTS = 60;

export function bossDb(pool: pg.Pool, log: JobsLog, retryMs = COMPLETION_RETRY_MS) {
  return {
    async executeSql(text: string, values: unknown[]) {
      if (!BOSS_COMPLETION.test(text)) return queryPool(pool, text, values);
      for (let attempt = 1; ; attempt++) {
        try {
          return await queryPool(pool, text, values);
        } catch (err) {
          const { code } = describe(err);
          if (!isConnectionError(err) || attempt >= COMPLETION_ATTEMPTS) {
            log.error(
              `pg-boss: could not record a finished job (${code}); it expires and the next beat queues a new one`,
            );
            return { rows: [{ count: '0' }] };
          }
          if (attempt === 1)
            log.info(`pg-boss: recording a finished job failed (${code}); trying again for up to a minute`);
          await new Promise((r) => setTimeout(r, retryMs));
        }
      }
    },
  };
}
