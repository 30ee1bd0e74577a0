// Observability through HTTP (issue 19 item 4): /metrics after a page, a
// check-in and an API call, with each listed family and sensible values;
// refused without or with a wrong credential, absent without METRICS_TOKEN;
// /livez and /readyz (503 once shutting down); the request id in the answer
// header, every log line of the request and the audit row it wrote.
import { randomBytes } from 'node:crypto';
import PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bossDb } from '../../src/jobs/queue.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { checkInBody, createEmployee, createLocation, createUnit, type TestEmployee } from '../helpers/staff.js';

const TOKEN = randomBytes(32).toString('base64url');
const lines: string[] = [];
let t: TestApp;
/** An app without METRICS_TOKEN (the default), shut down by the last test. */
let other: TestApp;
let admin: Awaited<ReturnType<TestApp['createUser']>>;
let staff: TestEmployee;
let rt: string;

beforeAll(async () => {
  t = await createTestApp({
    config: { METRICS_TOKEN: TOKEN, LOG_LEVEL: 'info' },
    logger: { stream: { write: (line: string) => lines.push(line) } },
  });
  const area = await t.createArea();
  rt = area.kec[0]!.kel[0]!.rts[0]!;
  admin = await t.createUser('admin_kota', area.city);
  const unit = await createUnit(t, admin, { name: 'Dinas Komunikasi dan Informatika' });
  const loc = await createLocation(t, admin);
  staff = await createEmployee(t, admin, { unitId: unit.id, locationIds: [loc.id], name: 'Staf Pemantauan' });
  other = await createTestApp();
});
afterAll(async () => {
  await other?.close();
  await t.close();
});

const scrape = (authorization?: string) =>
  t.app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });

/** The value of one sample line, or undefined when the series is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('/metrics', () => {
  it('is refused without the credential and with a wrong one', async () => {
    expect((await scrape()).statusCode).toBe(401);
    expect((await scrape(`Bearer ${TOKEN}x`)).statusCode).toBe(401);
    expect((await scrape(`Bearer ${TOKEN.slice(0, -1)}`)).statusCode).toBe(401);
    expect((await scrape(TOKEN)).statusCode).toBe(401);
    // A signed-in account's own token is no metrics credential.
    const asAdmin = await scrape(admin.auth.authorization);
    expect(asAdmin.statusCode).toBe(401);
    expect(asAdmin.body).not.toContain('pamong_');
  });

  it('shows requests, check-ins, queues, the pool and process figures after a few requests', async () => {
    // A pg-boss queue with one job waiting (the workers are not started in tests: nothing takes it).
    const boss = new PgBoss({ db: bossDb(t.database.pool, { info: () => undefined, error: () => undefined }) });
    boss.on('error', () => undefined);
    await boss.start();
    const queue = `uji-metrik-${randomBytes(4).toString('hex')}`;
    await boss.createQueue(queue, { name: queue, policy: 'stately' });
    await boss.send(queue, {}, { singletonKey: queue });
    try {
      const page = await t.app.inject({ method: 'GET', url: '/', cookies: admin.cookies });
      expect(page.statusCode).toBe(200);
      const checkIn = await t.app.inject({
        method: 'POST',
        url: '/api/v1/attendance/check-ins',
        headers: staff.auth,
        payload: checkInBody('masuk'),
      });
      expect(checkIn.statusCode, checkIn.body).toBe(201);
      const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: admin.auth });
      expect(me.statusCode).toBe(200);
      await t.app.inject({ method: 'GET', url: `/api/v1/residents/${Number.MAX_SAFE_INTEGER}`, headers: admin.auth });

      const res = await scrape(`Bearer ${TOKEN}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/plain');
      const text = res.body;
      const api = (route: string, cls: string, method = 'GET') =>
        sample(text, `pamong_http_requests_total{method="${method}",route="${route}",status_class="${cls}"}`);
      expect(api('/', '2xx')).toBeGreaterThanOrEqual(1);
      expect(api('/api/v1/me', '2xx')).toBe(1);
      expect(api('/api/v1/attendance/check-ins', '2xx', 'POST')).toBe(1);
      expect(
        sample(text, 'pamong_http_request_duration_seconds_count{method="GET",route="/api/v1/me",status_class="2xx"}'),
      ).toBe(1);
      expect(
        sample(
          text,
          'pamong_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/api/v1/me",status_class="2xx"}',
        ),
      ).toBe(1);
      // The route pattern, never the URL: no id, no query, nothing a person typed.
      expect(text).toContain('route="/api/v1/residents/:id"');
      expect(text).not.toContain(String(Number.MAX_SAFE_INTEGER));
      expect(text).not.toContain('Staf Pemantauan');
      expect(text).not.toContain(staff.nip);
      expect(sample(text, 'pamong_presensi_checkins_total{kind="masuk"}')).toBe(1);
      expect(sample(text, `pamong_queue_waiting_jobs{queue="${queue}"}`)).toBe(1);
      expect(sample(text, `pamong_queue_oldest_job_age_seconds{queue="${queue}"}`)).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'pamong_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'pamong_db_pool_waiting')).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'pamong_db_connection_errors_total')).toBe(0);
      for (const family of [
        'pamong_sla_escalations_total counter',
        'pamong_sla_warnings_total counter',
        'pamong_housekeeping_deleted_rows_total counter',
        'pamong_housekeeping_last_run_timestamp_seconds gauge',
        'process_cpu_user_seconds_total counter',
        'process_resident_memory_bytes gauge',
        'nodejs_eventloop_lag_seconds gauge',
      ])
        expect(text).toContain(`# TYPE ${family}`);
    } finally {
      await boss.purgeQueue(queue);
      await boss.deleteQueue(queue);
      await boss.stop({ graceful: false, close: false, wait: true });
    }
  });

  it('does not exist without METRICS_TOKEN (see below: the app without one)', async () => {
    const res = await other.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer x' } });
    expect(res.statusCode).toBe(404);
  });
});

describe('request ids', () => {
  it('a well-formed id sent in is kept: answer header, log lines and the audit row', async () => {
    const id = `uji-${randomBytes(8).toString('hex')}`;
    const username = `rid${randomBytes(4).toString('hex')}`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { ...admin.auth, 'x-request-id': id },
      payload: { username, fullName: 'Ketua Uji Permintaan', role: 'ketua_rt', regionCode: rt },
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    expect(res.headers['x-request-id']).toBe(id);
    const row = await t.db
      .selectFrom('audit_log')
      .select(['request_id'])
      .where('action', '=', 'user.created')
      .where('actor_user_id', '=', admin.user.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(row.request_id).toBe(id);
    const mine = lines.filter((l) => l.includes(id));
    expect(mine.length).toBeGreaterThanOrEqual(2); // "incoming request" and "request completed"
    for (const l of mine) expect(JSON.parse(l)).toMatchObject({ requestId: id });
    expect(lines.join('\n')).not.toContain('Ketua Uji Permintaan');
  });

  it('a form page gets a new id when none or a malformed one is sent; its audit row carries it', async () => {
    const username = `rid${randomBytes(4).toString('hex')}`;
    const nik = '3574011201900001';
    const res = await t.app.inject({
      method: 'POST',
      url: '/pengguna',
      headers: { 'x-request-id': nik },
      cookies: admin.cookies,
      payload: { _csrf: admin.csrf, username, fullName: 'Ketua Uji Formulir', role: 'ketua_rt', regionCode: rt },
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201); // the page showing the temporary password
    const id = String(res.headers['x-request-id']);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const row = await t.db
      .selectFrom('audit_log')
      .select(['request_id', 'entity_id'])
      .where('action', '=', 'user.created')
      .where('actor_user_id', '=', admin.user.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(row.request_id).toBe(id);
    expect(lines.some((l) => l.includes(`"requestId":"${id}"`))).toBe(true);
    expect(lines.join('\n')).not.toContain(nik);
  });

  it('requests without a header get distinct ids', async () => {
    const a = await t.app.inject({ method: 'GET', url: '/livez' });
    const b = await t.app.inject({ method: 'GET', url: '/livez' });
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
  });
});

describe('liveness and readiness', () => {
  it('/livez answers without the database; /readyz checks it and the migrations', async () => {
    const live = await t.app.inject({ method: 'GET', url: '/livez' });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode, ready.body).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('/readyz answers 503 once shutdown began; /livez still answers', async () => {
    other.app.beginShutdown();
    const res = await other.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'shutting_down' });
    expect(res.headers['retry-after']).toBeDefined();
    expect((await other.app.inject({ method: 'GET', url: '/livez' })).statusCode).toBe(200);
  });
});
