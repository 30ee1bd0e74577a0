// What a load balancer, an orchestrator and Prometheus ask the app:
//   /livez    the process answers (no database): restart it when this fails.
//   /readyz   send it traffic: the database answers, every migration file is
//             applied, and the instance is not shutting down (503 otherwise,
//             so a draining instance leaves the balancer before it closes).
//   /healthz  the older combined view for people (database latency, pool).
//   /metrics  Prometheus text, behind the scraper's credential (access 'metrics').
import type { FastifyReply } from 'fastify';
import type { Metrics } from '../kernel/metrics.js';
import { DB_RETRY_AFTER_SECONDS } from './errors.js';
import type { App } from './types.js';

const PROBE_TIMEOUT_MS = 2_000;

/** What the probes read (part of the pipeline's KernelServices). */
export interface ProbeServices {
  health(): Promise<unknown>;
  /** Connections open, idle, and requests waiting for one (/healthz). */
  dbPool(): { total: number; idle: number; waiting: number };
  dbKind: string;
  /** This instance's figures for /metrics (src/kernel/metrics.ts). */
  metrics: Metrics;
  /** What /readyz checks beyond the process: rejects when the database does not answer. */
  readiness(): Promise<{ pendingMigrations: string[] }>;
}

/** The answer of `probe`, or 'timeout' when it hangs (a server gone without closing its sockets). */
async function within<T>(probe: Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ ok: false }>(
    (done) => (timer = setTimeout(() => done({ ok: false }), PROBE_TIMEOUT_MS)),
  );
  const answer = probe.then(
    (value) => ({ ok: true as const, value }),
    () => ({ ok: false as const }),
  );
  const r = await Promise.race([answer, timeout]);
  clearTimeout(timer);
  return r;
}

const unavailable = (reply: FastifyReply, body: unknown) =>
  reply.code(503).header('retry-after', String(DB_RETRY_AFTER_SECONDS)).send(body);

export function registerProbes(app: App, services: ProbeServices, state: { shuttingDown: boolean }) {
  const system = { tags: ['sistem'], security: [] };
  app.get('/livez', { config: { access: 'public' }, schema: system }, async (_req, reply) =>
    reply.header('cache-control', 'no-store').send({ status: 'ok' }),
  );

  app.get('/readyz', { config: { access: 'public' }, schema: system }, async (_req, reply) => {
    reply.header('cache-control', 'no-store');
    if (state.shuttingDown) return unavailable(reply, { status: 'shutting_down' });
    const r = await within(services.readiness());
    if (!r.ok) return unavailable(reply, { status: 'database_unavailable' });
    if (r.value.pendingMigrations.length)
      return unavailable(reply, { status: 'migrations_pending', pending: r.value.pendingMigrations });
    return reply.send({ status: 'ok' });
  });

  app.get('/healthz', { config: { access: 'public' }, schema: system }, async (_req, reply) => {
    const started = performance.now();
    const db = (await within(services.health())).ok ? 'ok' : 'error';
    const body = {
      status: db === 'ok' ? 'ok' : 'degraded',
      process: {
        uptimeSeconds: Math.round(process.uptime()),
        rssMb: Math.round(process.memoryUsage().rss / 1048576),
      },
      database: {
        status: db,
        kind: services.dbKind,
        latencyMs: Math.round(performance.now() - started),
        pool: services.dbPool(),
      },
    };
    if (db !== 'ok') reply.header('retry-after', String(DB_RETRY_AFTER_SECONDS));
    return reply.code(db === 'ok' ? 200 : 503).send(body);
  });

  app.get('/metrics', { config: { access: 'metrics', csrf: false }, schema: { hide: true } }, async (_req, reply) =>
    reply
      .header('cache-control', 'no-store')
      .type(services.metrics.contentType)
      .send(await services.metrics.scrape()),
  );
}
