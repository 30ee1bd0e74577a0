import { describe, expect, it } from 'vitest';
import { sweepDeadlines } from '../jobs/queue.js';
import { createMetrics } from './metrics.js';

const sources = (over: Partial<Parameters<typeof createMetrics>[0]> = {}) => ({
  dbPool: () => ({ total: 4, idle: 3, waiting: 2 }),
  dbConnectionErrors: () => 0,
  ...over,
});

/** The value of one sample line of the exposition text, or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('metrics', () => {
  it('counts requests by route pattern and status class, never by URL', async () => {
    const m = createMetrics(sources());
    m.observeRequest('GET', '/api/v1/residents/:id', 200, 0.02);
    m.observeRequest('GET', '/api/v1/residents/:id', 204, 0.03);
    m.observeRequest('GET', undefined, 404, 0.001);
    const text = await m.scrape();
    expect(
      sample(text, 'pamong_http_requests_total{method="GET",route="/api/v1/residents/:id",status_class="2xx"}'),
    ).toBe(2);
    expect(sample(text, 'pamong_http_requests_total{method="GET",route="(unmatched)",status_class="4xx"}')).toBe(1);
    expect(
      sample(
        text,
        'pamong_http_request_duration_seconds_bucket{le="0.025",method="GET",route="/api/v1/residents/:id",status_class="2xx"}',
      ),
    ).toBe(1);
  });

  it('reads the pool, connection errors and queues at scrape time; a registry per instance', async () => {
    let errors = 0;
    const a = createMetrics(
      sources({
        dbConnectionErrors: () => errors,
        queues: async () => [{ name: 'sla-sweep', waiting: 3, oldestAgeSeconds: 42 }],
      }),
    );
    const b = createMetrics(sources({ queues: () => Promise.reject(new Error('no database')) }));
    a.checkIn('masuk');
    errors = 2;
    let text = await a.scrape();
    expect(sample(text, 'pamong_db_pool_connections{state="total"}')).toBe(4);
    expect(sample(text, 'pamong_db_pool_connections{state="idle"}')).toBe(3);
    expect(sample(text, 'pamong_db_pool_waiting')).toBe(2);
    expect(sample(text, 'pamong_db_connection_errors_total')).toBe(2);
    expect(sample(text, 'pamong_queue_waiting_jobs{queue="sla-sweep"}')).toBe(3);
    expect(sample(text, 'pamong_queue_oldest_job_age_seconds{queue="sla-sweep"}')).toBe(42);
    expect(sample(text, 'pamong_presensi_checkins_total{kind="masuk"}')).toBe(1);
    expect(text).toContain('process_cpu_user_seconds_total');
    errors = 5;
    text = await a.scrape();
    expect(sample(text, 'pamong_db_connection_errors_total')).toBe(5);
    // Another instance's registry counts nothing of this one's, and a failed queue read leaves the scrape whole.
    const other = await b.scrape();
    expect(sample(other, 'pamong_presensi_checkins_total{kind="masuk"}')).toBeUndefined();
    expect(other).toContain('# TYPE pamong_queue_waiting_jobs gauge');
  });

  it('the SLA sweep counts warnings and escalations per kind and pokes deliveries', async () => {
    const metrics = createMetrics(sources());
    let pokes = 0;
    const services = {
      requests: { sweepClocks: async () => ({ warned: 1, escalated: 2 }) },
      correspondence: { deadlines: { sweep: async () => ({ warned: 0, escalated: 1 }) } },
      metrics,
    } as unknown as Parameters<typeof sweepDeadlines>[0];
    const log = { info: () => undefined, error: () => undefined };
    await sweepDeadlines(services, () => pokes++, log);
    await sweepDeadlines(services, () => pokes++, log);
    const text = await metrics.scrape();
    expect(sample(text, 'pamong_sla_escalations_total{kind="layanan"}')).toBe(4);
    expect(sample(text, 'pamong_sla_escalations_total{kind="disposisi"}')).toBe(2);
    expect(sample(text, 'pamong_sla_warnings_total{kind="layanan"}')).toBe(2);
    expect(pokes).toBe(4);
  });
});
