// The platform behind PgBouncer in transaction pooling mode (Debian's 1.18:
// no named prepared statements there, no session state kept between
// transactions): the real server with DATABASE_PREPARED_STATEMENTS=off and
// its migrations through MIGRATION_DATABASE_URL straight to PostgreSQL.
//   1. The core journeys work through it: sign-in, a citizen's request
//      approved by RT, RW and kelurahan, the letter issued and verified, a
//      civil servant's check-in and its retry.
//   2. PgBouncer restarted while phones send writes and read: /healthz says
//      503 while it is down and 200 within 10 s of its return, no 500 ever,
//      every acknowledged write stored once, the others succeed when sent
//      again with their key, a pg-boss job runs afterwards.
// Needs TEST_DATABASE_URL and a pgbouncer binary (/usr/sbin/pgbouncer, or PGBOUNCER_BIN).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { killAllServers, type ServerProcess } from '../../bench/server-process.js';
import { hasPgBouncer, startPgBouncer, type PgBouncer } from './pgbouncer.js';
import { checkInBody, checkWrites, requestBody, signInDemo, startLoad, type Demo, type FaultWindow } from './phones.js';
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

describe.skipIf(!faultsEnabled || !hasPgBouncer)('behind PgBouncer in transaction mode', () => {
  let fresh: FreshDatabase;
  let bouncer: PgBouncer;
  let server: ServerProcess;
  let cleanup = () => undefined as void;
  let demo: Demo;
  const figures: string[] = [];

  beforeAll(async () => {
    fresh = await createFreshDatabase();
    bouncer = await startPgBouncer(fresh.url);
    const s = serverEnv(bouncer.url, { MIGRATION_DATABASE_URL: fresh.url, DATABASE_PREPARED_STATEMENTS: 'off' });
    cleanup = s.cleanup;
    server = await startApp(s.env);
    demo = await signInDemo(server.url);
  }, 180_000);

  afterAll(async () => {
    killAllServers();
    await server?.exited;
    await bouncer?.dispose();
    await fresh?.drop();
    cleanup();
    if (figures.length) console.log(`pgbouncer: ${figures.join('; ')}`);
  });
  beforeEach(() => expect(alive(server), server?.output()).toBe(true));

  const json = <T>(a: { body: string } | null) => JSON.parse(a!.body) as T;

  it('the core journeys work through it', { timeout: 60_000 }, async () => {
    const sub = await call(server.url, 'POST', '/api/v1/requests', { token: demo.warga, body: requestBody() });
    expect(sub?.status, sub?.body).toBe(201);
    const { id } = json<{ id: number }>(sub);
    const act = (token: string) =>
      call(server.url, 'POST', `/api/v1/requests/${id}/actions`, { token, body: { action: 'approve' } });
    expect(json(await act(demo.rt))).toEqual({ status: 'in_progress', stage: 'rw' });
    expect(json(await act(demo.rw))).toEqual({ status: 'in_progress', stage: 'kelurahan' });
    expect(json(await act(demo.lurah))).toEqual({ status: 'completed', stage: null });

    const detail = json<{ letter: { number: string; verifyCode: string } }>(
      await call(server.url, 'GET', `/api/v1/requests/${id}`, { token: demo.warga }),
    );
    expect(detail.letter.number).toMatch(/\/\d{4}$/);
    const verified = await call(server.url, 'GET', `/api/v1/letters/${detail.letter.verifyCode}/verify`);
    expect(json(verified)).toMatchObject({ authentic: true, number: detail.letter.number });
    const page = await call(server.url, 'GET', `/v/${detail.letter.verifyCode}`);
    expect(page?.status).toBe(200);
    expect(page?.body).toMatch(/data-testid="verify-status">\s*ASLI/);

    const body = checkInBody(0);
    const first = await call(server.url, 'POST', '/api/v1/attendance/check-ins', { token: demo.staff[1], body });
    expect(first?.status, first?.body).toBe(201);
    const again = await call(server.url, 'POST', '/api/v1/attendance/check-ins', { token: demo.staff[1], body });
    expect(again?.status).toBe(200);
    expect(json<{ id: string }>(again).id).toBe(json<{ id: string }>(first).id);
  });

  it(
    'PgBouncer restarted under load: 503 while it is down, 200 soon after, no 500, acknowledged writes stored once, jobs still run',
    { timeout: 180_000 },
    async () => {
      const load = startLoad(server.url, demo);
      const faults: FaultWindow[] = [];
      let down = 0;
      let back = 0;
      try {
        await waitFor('writes before the restart', 60_000, async () => load.acked() >= 30);
        const start = performance.now();
        await bouncer.stop();
        await healthzSays(server, 503);
        down = performance.now() - start;
        await bouncer.start();
        const restarted = performance.now();
        back = await recovered(server, restarted);
        faults.push({ start, recovered: performance.now() });
        const ackedAt = load.acked();
        await waitFor('writes after the restart', 60_000, async () => load.acked() >= ackedAt + 30);
      } finally {
        await load.stop();
      }
      expect(alive(server), server.output()).toBe(true);
      const since = await dbNow(fresh.url);
      const r = await checkWrites(server.url, fresh.url, load.writes, load.reads, faults);
      const job = await jobRanAfter(fresh.url, since);
      expect(alive(server), server.output()).toBe(true);
      figures.push(
        `PgBouncer down ${Math.round(down)} ms until /healthz said 503; /healthz 200 ${Math.round(back)} ms after it was back; ` +
          `${load.writes.length} writes (${r.acked} acknowledged, ${r.unacked} not: ${r.unackedStoredBefore} had been stored, ` +
          `all stored once after sending again), ${load.reads.length} reads, ${r.status503} answers 503 ` +
          `(${r.reads503} to reads), ${r.noAnswer} without answer; pg-boss ran ${job} after recovery`,
      );
    },
  );
});
