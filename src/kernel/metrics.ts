// The figures /metrics shows (Prometheus text format, prom-client). One
// registry per app instance, never prom-client's global one: tests start
// several apps in one process and each counts only its own. The kernel owns
// the instruments; modules and jobs are handed the ones they increment
// (check-ins, SLA escalations, housekeeping) and never import prom-client.
// Labels carry route patterns, queue and task names — never a URL, a name,
// a NIK or anything else a person typed.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface QueueFigures {
  name: string;
  /** Jobs waiting (created or retry) whose start time has come. */
  waiting: number;
  /** Seconds since the oldest of them could have started; 0 when none waits. */
  oldestAgeSeconds: number;
}

/** What the gauges read at scrape time, handed in by the composition root. */
export interface MetricsSources {
  dbPool(): { total: number; idle: number; waiting: number };
  /** Connections lost or refused since the process started (src/db/resilient-pool.ts). */
  dbConnectionErrors(): number;
  /** pg-boss queues (src/jobs/queue-stats.ts); absent or empty when no instance started the workers. */
  queues?(): Promise<QueueFigures[]>;
}

const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMetrics(sources: MetricsSources) {
  const registry = new Registry();
  const registers = [registry];

  const httpRequests = new Counter({
    name: 'pamong_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status class',
    labelNames: ['method', 'route', 'status_class'] as const,
    registers,
  });
  const httpDuration = new Histogram({
    name: 'pamong_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status class',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: HTTP_BUCKETS,
    registers,
  });
  const slaEscalations = new Counter({
    name: 'pamong_sla_escalations_total',
    help: 'Deadlines passed and escalated by the SLA sweep (layanan: a request stage; disposisi: a disposition)',
    labelNames: ['kind'] as const,
    registers,
  });
  const slaWarnings = new Counter({
    name: 'pamong_sla_warnings_total',
    help: 'Reminders sent at 75 % of a deadline by the SLA sweep',
    labelNames: ['kind'] as const,
    registers,
  });
  const checkIns = new Counter({
    name: 'pamong_presensi_checkins_total',
    help: 'E-Presensi check-ins recorded (replays of the same key not counted), by kind',
    labelNames: ['kind'] as const,
    registers,
  });
  const housekeepingDeleted = new Counter({
    name: 'pamong_housekeeping_deleted_rows_total',
    help: 'Rows removed by the housekeeping job, by task',
    labelNames: ['task'] as const,
    registers,
  });
  const housekeepingLastDeleted = new Gauge({
    name: 'pamong_housekeeping_last_run_deleted_rows',
    help: 'Rows removed by the last housekeeping run of a task on this instance',
    labelNames: ['task'] as const,
    registers,
  });
  const housekeepingLastRun = new Gauge({
    name: 'pamong_housekeeping_last_run_timestamp_seconds',
    help: 'When a housekeeping task last finished on this instance (Unix time)',
    labelNames: ['task'] as const,
    registers,
  });
  const housekeepingFailures = new Counter({
    name: 'pamong_housekeeping_failures_total',
    help: 'Housekeeping task runs that failed, by task',
    labelNames: ['task'] as const,
    registers,
  });

  new Gauge({
    name: 'pamong_db_pool_connections',
    help: 'Database connections of this instance’s pool, by state (total open, idle)',
    labelNames: ['state'] as const,
    registers,
    collect() {
      const p = sources.dbPool();
      this.set({ state: 'total' }, p.total);
      this.set({ state: 'idle' }, p.idle);
    },
  });
  new Gauge({
    name: 'pamong_db_pool_waiting',
    help: 'Requests waiting for a database connection from this instance’s pool',
    registers,
    collect() {
      this.set(sources.dbPool().waiting);
    },
  });
  let errorsSeen = 0;
  new Counter({
    name: 'pamong_db_connection_errors_total',
    help: 'Database connections lost or refused since this instance started',
    registers,
    collect() {
      const now = sources.dbConnectionErrors();
      if (now > errorsSeen) this.inc(now - errorsSeen);
      errorsSeen = now;
    },
  });
  const queueDepth = new Gauge({
    name: 'pamong_queue_waiting_jobs',
    help: 'pg-boss jobs waiting to run, per queue (read from the database at scrape time)',
    labelNames: ['queue'] as const,
    registers,
  });
  const queueAge = new Gauge({
    name: 'pamong_queue_oldest_job_age_seconds',
    help: 'Age of the oldest pg-boss job waiting to run, per queue (0 when none waits)',
    labelNames: ['queue'] as const,
    registers,
  });

  let defaults = false;
  return {
    registry,
    contentType: registry.contentType,
    /** Records one answered request: the route pattern (never the URL), the status class. */
    observeRequest(method: string, route: string | undefined, status: number, seconds: number) {
      const labels = { method, route: route ?? '(unmatched)', status_class: `${Math.floor(status / 100)}xx` };
      httpRequests.inc(labels);
      httpDuration.observe(labels, seconds);
    },
    slaSweep(kind: 'layanan' | 'disposisi', r: { warned: number; escalated: number }) {
      slaWarnings.inc({ kind }, r.warned);
      slaEscalations.inc({ kind }, r.escalated);
    },
    checkIn(kind: string) {
      checkIns.inc({ kind });
    },
    housekeeping(task: string, deleted: number, at: Date) {
      housekeepingDeleted.inc({ task }, deleted);
      housekeepingLastDeleted.set({ task }, deleted);
      housekeepingLastRun.set({ task }, at.getTime() / 1000);
    },
    housekeepingFailed(task: string) {
      housekeepingFailures.inc({ task });
    },
    /** The text of a scrape. Process figures are registered on the first one (their timers cost nothing before). */
    async scrape(): Promise<string> {
      if (!defaults) {
        collectDefaultMetrics({ register: registry });
        defaults = true;
      }
      // Queues are read once per scrape for both gauges; a failed read leaves them empty rather than failing the scrape.
      queueDepth.reset();
      queueAge.reset();
      const queues = sources.queues ? await sources.queues().catch(() => []) : [];
      for (const q of queues) {
        queueDepth.set({ queue: q.name }, q.waiting);
        queueAge.set({ queue: q.name }, q.oldestAgeSeconds);
      }
      return registry.metrics();
    },
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
