// PostgreSQL ends the app's connections — as a restart, a failover or
// `select pg_terminate_backend(pid) …` does — and the app must live through
// it: the real server (src/server.ts as a child process, production settings,
// demo city, pg-boss workers on) on a fresh database of its own. Three faults:
//   1. every connection ended while the app is idle;
//   2. the database refusing connections for a while (ALLOW_CONNECTIONS false,
//      the nearest thing to a server that is down without stopping the shared
//      one): /healthz and requests answer 503 with Retry-After and the
//      catalogue's message, then 200 again;
//   3. every connection ended three times while phones send check-ins and
//      service requests (each with its idempotency key) and read lists and a page.
// After each: the process is alive, /healthz is 200 within 10 s, no 500 was
// ever answered, every write answered 2xx is stored once with the id it was
// answered with, the others succeed when sent again with their key, and a
// pg-boss job still runs.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { killAllServers, type ServerProcess } from '../../bench/server-process.js';
import { translator } from '../../src/i18n/index.js';
import {
  checkInBody,
  checkWrites,
  send,
  signInDemo,
  startLoad,
  type Demo,
  type FaultWindow,
  type Write,
} from './phones.js';
import {
  alive,
  call,
  createFreshDatabase,
  dbNow,
  faultsEnabled,
  healthzSays,
  jobRanAfter,
  recovered,
  serverEnv,
  startApp,
  waitFor,
  type FreshDatabase,
} from './support.js';

describe.skipIf(!faultsEnabled)('the app outlives its PostgreSQL connections', () => {
  let fresh: FreshDatabase;
  let server: ServerProcess;
  let cleanup = () => undefined as void;
  let demo: Demo;
  const figures: string[] = [];

  beforeAll(async () => {
    fresh = await createFreshDatabase();
    const s = serverEnv(fresh.url);
    cleanup = s.cleanup;
    server = await startApp(s.env);
    demo = await signInDemo(server.url);
  }, 180_000);

  afterAll(async () => {
    killAllServers();
    await server?.exited;
    await fresh?.drop();
    cleanup();
    if (figures.length) console.log(`db-faults: ${figures.join('; ')}`);
  });
  // Each fault starts from a living server (a death in an earlier test fails the rest at once).
  beforeEach(() => expect(alive(server), server?.output()).toBe(true));

  it(
    'every connection ended while idle: still alive, /healthz 200 again within 10 s',
    { timeout: 60_000 },
    async () => {
      // The app holds connections (pg-boss polls every 2 s, the demo seed left idle ones).
      await waitFor('the app to hold a connection', 10_000, async () => {
        const h = await call(server.url, 'GET', '/healthz');
        return (
          h?.status === 200 && (JSON.parse(h.body) as { database: { pool: { total: number } } }).database.pool.total > 0
        );
      });
      const start = performance.now();
      const t = await fresh.terminateAll();
      expect(t.total).toBeGreaterThan(0);
      const ms = await recovered(server, start);
      // The pool's 'error' events were heard and logged: code and pg's message, nothing else.
      if (t.busy < t.total)
        expect(server.output()).toContain(
          '"msg":"database connection lost while idle; discarded, a new one is made on demand","db":{"code":"57P01","message":"terminating connection due to administrator command"}}',
        );
      const h = JSON.parse((await call(server.url, 'GET', '/healthz'))!.body) as {
        database: { status: string; pool: { total: number; idle: number; waiting: number } };
      };
      expect(h.database.status).toBe('ok');
      expect(h.database.pool).toEqual({
        total: expect.any(Number),
        idle: expect.any(Number),
        waiting: expect.any(Number),
      });
      figures.push(`idle fault: ${t.total} connections ended, /healthz 200 after ${Math.round(ms)} ms`);
    },
  );

  it(
    'a database that refuses connections: 503 with Retry-After and the catalogue message, 200 soon after it is back',
    { timeout: 60_000 },
    async () => {
      const checkIn: Write = {
        what: 'check-in',
        token: demo.staff[0]!,
        path: '/api/v1/attendance/check-ins',
        body: checkInBody(0),
        answers: [],
        cut: 0,
      };
      await fresh.acceptConnections(false);
      const start = performance.now();
      try {
        await fresh.terminateAll();
        await healthzSays(server, 503);
        const health = (await call(server.url, 'GET', '/healthz'))!;
        expect(health.status).toBe(503);
        expect(health.headers.get('retry-after')).toBe('5');
        expect(JSON.parse(health.body)).toMatchObject({ status: 'degraded', database: { status: 'error' } });

        const api = (await call(server.url, 'GET', '/api/v1/requests/mine', { token: demo.warga }))!;
        expect(api.status).toBe(503);
        expect(api.headers.get('retry-after')).toBe('5');
        expect(JSON.parse(api.body)).toEqual({
          error: {
            code: 'error.db_unavailable',
            message: translator('id')('error.db_unavailable', { seconds: 5 }),
            fields: [],
          },
        });
        const en = (await call(server.url, 'GET', '/api/v1/me', { token: demo.warga, lang: 'en' }))!;
        expect(JSON.parse(en.body).error.message).toBe(translator('en')('error.db_unavailable', { seconds: 5 }));

        const page = (await call(server.url, 'GET', '/layanan', { token: demo.rw }))!;
        expect(page.status).toBe(503);
        expect(page.headers.get('retry-after')).toBe('5');
        expect(page.headers.get('content-type')).toMatch(/^text\/html/);
        expect(page.body).toContain('<html lang="id"');
        expect(page.body).toContain(translator('id')('error.db_unavailable', { seconds: 5 }));

        // A check-in sent while the database is down is refused, not half-stored.
        expect((await send(server.url, checkIn))?.status).toBe(503);
        expect(alive(server), server.output()).toBe(true);
      } finally {
        await fresh.acceptConnections(true);
      }
      const back = performance.now();
      const ms = await recovered(server, back);
      // The phone sends it again with the same key: stored now, once.
      expect((await send(server.url, checkIn))?.status).toBe(201);
      expect((await send(server.url, checkIn))?.status).toBe(200);
      figures.push(
        `refusing database: down ${Math.round(back - start)} ms, /healthz 200 ${Math.round(ms)} ms after it accepted connections again`,
      );
    },
  );

  it(
    'every connection ended three times under load: no 500, acknowledged writes stored once, the rest succeed when sent again, jobs still run',
    { timeout: 180_000 },
    async () => {
      const load = startLoad(server.url, demo);
      const faults: FaultWindow[] = [];
      const recoveries: string[] = [];
      try {
        await waitFor('writes before the first fault', 60_000, async () => load.acked() >= 30);
        for (let round = 0; round < 3; round++) {
          const start = performance.now();
          const t = await fresh.terminateAll();
          expect(t.total).toBeGreaterThan(0);
          const ms = await recovered(server, start);
          faults.push({ start, recovered: performance.now() });
          const ackedAt = load.acked();
          await waitFor('writes after the fault', 60_000, async () => load.acked() >= ackedAt + 20);
          recoveries.push(`${t.total} ended (${t.busy} busy), /healthz 200 after ${Math.round(ms)} ms`);
        }
      } finally {
        await load.stop();
      }
      expect(alive(server), server.output()).toBe(true);
      const since = await dbNow(fresh.url);
      const r = await checkWrites(server.url, fresh.url, load.writes, load.reads, faults);
      const job = await jobRanAfter(fresh.url, since);
      expect(alive(server), server.output()).toBe(true);
      figures.push(
        `under load: ${recoveries.join(', ')}; ${load.writes.length} writes (${r.acked} acknowledged, ${r.unacked} not: ` +
          `${r.unackedStoredBefore} had been stored, all stored once after sending again), ${load.reads.length} reads, ` +
          `${r.status503} answers 503 (${r.reads503} of them to reads), ${r.noAnswer} without answer; pg-boss ran ${job} after recovery`,
      );
    },
  );
});
