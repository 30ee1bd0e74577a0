// What the fault suites share: a fresh database of their own on the server
// named by TEST_DATABASE_URL (pamong_faults_<random>, dropped afterwards, so
// they never meet the suites that use that database), the real server as a
// child process (bench/server-process.ts), its demo accounts signed in over
// HTTP, a load of phones (check-ins and service requests with idempotency
// keys, plus reads and a page) and the checks every fault must pass.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { expect } from 'vitest';
import { freePort, startServer, type ServerProcess } from '../../bench/server-process.js';
import { generateSigningKey } from '../../src/modules/letters/keys.js';
import { DEMO_OFFICE, DEMO_PASSWORD, DEMO_STAFF } from '../../src/seed/demo.js';
import { TEST_DATABASE_URL } from '../helpers/env.js';
import { JPEG, PNG } from '../helpers/requests.js';

export const faultsEnabled = !!TEST_DATABASE_URL;
/** Where the suites administer their fresh databases from (it stays reachable while theirs refuses connections). */
export const adminUrl = TEST_DATABASE_URL ?? '';

/** Polls `check` until it gives a value other than undefined/false; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined | false>) {
  const deadline = performance.now() + timeoutMs;
  let last: unknown = null;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      last = err;
    }
    if (performance.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50)); // polling interval, not a wait for anything
  }
}

/** Runs `fn` on a connection of its own to `url`, closed afterwards (no pool left behind to lose). */
export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => undefined);
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end().catch(() => undefined);
  }
}

export interface FreshDatabase {
  name: string;
  url: string;
  /**
   * Ends every connection to the database (as a restart or failover does) and waits until those
   * server processes are gone; says how many there were, and how many were busy.
   */
  terminateAll(): Promise<{ total: number; busy: number }>;
  /** ALTER DATABASE … ALLOW_CONNECTIONS: false makes the database refuse every new connection (a server that is down). */
  acceptConnections(yes: boolean): Promise<void>;
  drop(): Promise<void>;
}

/** pamong_faults_<random> on the TEST_DATABASE_URL server; administered through TEST_DATABASE_URL's own database. */
export async function createFreshDatabase(): Promise<FreshDatabase> {
  const admin = TEST_DATABASE_URL!;
  const name = `pamong_faults_${randomBytes(5).toString('hex')}`;
  const u = new URL(admin);
  u.pathname = `/${name}`;
  // CREATE DATABASE copies template1 and fails while someone else is connected to it: try again then.
  await waitFor('CREATE DATABASE', 20_000, () =>
    withClient(admin, (c) => c.query(`create database ${name}`)).then(
      () => true,
      (err: { code?: string }) => {
        if (err.code !== '55006') throw err;
        return false;
      },
    ),
  );
  return {
    name,
    url: u.toString(),
    terminateAll: () =>
      withClient(admin, async (c) => {
        const r = await c.query<{ pid: number; busy: boolean }>(
          `select pid, state <> 'idle' as busy, pg_terminate_backend(pid) from pg_stat_activity
            where datname = $1 and pid <> pg_backend_pid()`,
          [name],
        );
        const pids = r.rows.map((x) => x.pid);
        await waitFor('the ended server processes to exit', 10_000, async () => {
          const left = await c.query('select 1 from pg_stat_activity where pid = any($1)', [pids]);
          return left.rowCount === 0;
        });
        return { total: pids.length, busy: r.rows.filter((x) => x.busy).length };
      }),
    acceptConnections: (yes) =>
      withClient(admin, async (c) => {
        await c.query(`alter database ${name} allow_connections ${yes ? 'true' : 'false'}`);
      }),
    drop: () =>
      withClient(admin, async (c) => {
        await c.query(`alter database ${name} allow_connections true`).catch(() => undefined);
        await c.query(`drop database if exists ${name} with (force)`);
      }),
  };
}

/** The server's environment: production settings, demo city, workers on, its own data folder. */
export function serverEnv(databaseUrl: string, extra: Record<string, string> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'pamong-faults-'));
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    WORKERS: 'true',
    DEMO_SEED: 'true',
    DATA_DIR: dataDir,
    CITY_CODE: '35.74',
    DB_POOL_SIZE: '10',
    SIGNING_KEY_PEM: generateSigningKey().privatePem,
    SESSION_SECRET: randomBytes(32).toString('hex'),
    DATA_KEY: randomBytes(32).toString('base64'),
    DATABASE_URL: databaseUrl,
    ...extra,
  };
  return { env, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
}

export async function startApp(env: Record<string, string>): Promise<ServerProcess> {
  // The first start migrates and loads the demo city (~10–20 s here).
  return startServer(env, { port: await freePort(), timeoutMs: 120_000 });
}

export const alive = (s: ServerProcess) => s.child.exitCode === null && s.child.signalCode === null;

export interface Answer {
  status: number;
  headers: Headers;
  body: string;
}

/** One HTTP call; null when no answer came (refused, reset, timed out). */
export async function call(
  base: string,
  method: string,
  path: string,
  o: { token?: string; body?: unknown; lang?: 'id' | 'en' } = {},
): Promise<Answer | null> {
  try {
    const res = await fetch(base + path, {
      method,
      headers: {
        ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
        ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(o.lang ? { 'accept-language': o.lang } : {}),
      },
      body: o.body !== undefined ? JSON.stringify(o.body) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
    return { status: res.status, headers: res.headers, body: await res.text() };
  } catch {
    return null;
  }
}

export async function login(base: string, loginId: string): Promise<string> {
  const a = await call(base, 'POST', '/api/v1/auth/login', { body: { loginId, password: DEMO_PASSWORD } });
  expect(a?.status, `login ${loginId}: ${a?.body}`).toBe(200);
  return (JSON.parse(a!.body) as { token: string }).token;
}

/** The demo city's people this suite acts as. */
export async function signInDemo(base: string) {
  return {
    warga: await login(base, 'warga'),
    rt: await login(base, 'ketua.rt'),
    rw: await login(base, 'ketua.rw'),
    lurah: await login(base, 'lurah'),
    staff: [await login(base, DEMO_STAFF.head), await login(base, DEMO_STAFF.staff)],
  };
}
export type Demo = Awaited<ReturnType<typeof signInDemo>>;

export const newKey = () => randomBytes(12).toString('hex');

export interface Write {
  what: 'check-in' | 'request';
  token: string;
  path: string;
  body: { idempotencyKey: string } & Record<string, unknown>;
  /** Every answer this key got, in order (status, and the id a success carried). */
  answers: { status: number; id: string | null; sentAt: number; answeredAt: number }[];
  /** Sends that got no answer. */
  cut: number;
}

export const checkInBody = (i: number) => ({
  idempotencyKey: newKey(),
  kind: i % 2 ? 'pulang' : 'masuk',
  lat: DEMO_OFFICE.lat + 0.0002,
  lon: DEMO_OFFICE.lon,
  accuracy: 10,
});

/** A citizen's request for a letter of domicile, for themself (route RT → RW → kelurahan). */
export const requestBody = () => ({
  idempotencyKey: newKey(),
  letterType: 'domisili',
  purpose: 'Melamar pekerjaan',
  attachments: [
    { kind: 'ktp', contentBase64: JPEG.toString('base64') },
    { kind: 'kk', contentBase64: PNG.toString('base64') },
  ],
});

export const isOk = (s: number) => s === 200 || s === 201;

export async function send(base: string, w: Write) {
  const sentAt = performance.now();
  const a = await call(base, 'POST', w.path, { token: w.token, body: w.body });
  if (!a) {
    w.cut++;
    return null;
  }
  const id = isOk(a.status) ? String((JSON.parse(a.body) as { id: string | number }).id) : null;
  w.answers.push({ status: a.status, id, sentAt, answeredAt: performance.now() });
  return a;
}

export interface Read {
  path: string;
  status: number | null;
  sentAt: number;
  answeredAt: number;
}

/**
 * Phones at work: `width` loops, each in turn sending a check-in (the two
 * demo employees), a citizen's service request, and three reads (a JSON list,
 * today's attendance, the RW head's queue page). Each write has its own key
 * and is sent once here; settle() sends the unanswered ones again.
 */
export function startLoad(base: string, demo: Demo, width = 12) {
  const writes: Write[] = [];
  const reads: Read[] = [];
  let stopped = false;
  let n = 0;
  const read = async (path: string, token: string) => {
    const sentAt = performance.now();
    const a = await call(base, 'GET', path, { token });
    reads.push({ path, status: a?.status ?? null, sentAt, answeredAt: performance.now() });
  };
  const step = async () => {
    const i = n++;
    switch (i % 5) {
      case 0:
      case 2: {
        const w: Write = {
          what: 'check-in',
          token: demo.staff[i % 2]!,
          path: '/api/v1/attendance/check-ins',
          body: checkInBody(i),
          answers: [],
          cut: 0,
        };
        writes.push(w);
        return void (await send(base, w));
      }
      case 1: {
        const w: Write = {
          what: 'request',
          token: demo.warga,
          path: '/api/v1/requests',
          body: requestBody(),
          answers: [],
          cut: 0,
        };
        writes.push(w);
        return void (await send(base, w));
      }
      case 3:
        return read(i % 2 ? '/api/v1/requests/mine' : '/api/v1/attendance/today', i % 2 ? demo.warga : demo.staff[0]!);
      default:
        return read('/layanan', demo.rw);
    }
  };
  const loops = Array.from({ length: width }, async () => {
    while (!stopped) await step();
  });
  return {
    writes,
    reads,
    /** Writes answered 2xx so far. */
    acked: () => writes.filter((w) => w.answers.some((a) => isOk(a.status))).length,
    async stop() {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

export interface FaultWindow {
  start: number;
  recovered: number;
}

/** Whether a call was under way at some time during a fault (sent before recovery, answered after it began). */
export const duringFault = (faults: FaultWindow[], sentAt: number, answeredAt: number) =>
  faults.some((f) => sentAt < f.recovered && answeredAt > f.start);

/** Waits until /healthz answers `status` (with Retry-After when 503); a dead process fails at once, with its output. */
export async function healthzSays(server: ServerProcess, status: 200 | 503, timeoutMs = 10_000) {
  const seen = await waitFor(`/healthz ${status}`, timeoutMs, async () => {
    if (!alive(server)) return 'dead';
    const h = await call(server.url, 'GET', '/healthz');
    return h?.status === status && (status === 200 || h.headers.get('retry-after') === '5') ? 'seen' : undefined;
  });
  expect(seen === 'dead' ? `the server died:\n${server.output()}` : seen).toBe('seen');
}

/**
 * Waits until /healthz says 200; returns how long that took from `since`. Its
 * first answer after the server processes exited also means the app has read
 * their goodbyes (a dead process fails here, with its output).
 */
export async function recovered(server: ServerProcess, since: number, timeoutMs = 10_000) {
  await healthzSays(server, 200, timeoutMs);
  return performance.now() - since;
}

/**
 * The properties every fault must keep, checked after the load stopped:
 *  - no 500, ever; outside fault windows every answer is a success;
 *  - every write answered 2xx is in the database once, with the id it was answered with;
 *  - every write not answered 2xx, sent again with its key, succeeds, and is then stored once.
 */
export async function checkWrites(
  base: string,
  databaseUrl: string,
  writes: Write[],
  reads: Read[],
  faults: FaultWindow[],
) {
  const answers = writes.flatMap((w) => w.answers.map((a) => ({ ...a, path: w.path })));
  const all = [...answers, ...reads.map((r) => ({ ...r, status: r.status ?? 0 }))];
  expect(all.filter((a) => a.status >= 500 && a.status !== 503)).toEqual([]);
  expect(all.filter((a) => a.status !== 0 && !isOk(a.status) && a.status !== 503)).toEqual([]);
  const outside = all.filter((a) => !duringFault(faults, a.sentAt, a.answeredAt));
  expect(outside.filter((a) => !isOk(a.status))).toEqual([]);

  const acked = writes.filter((w) => w.answers.some((a) => isOk(a.status)));
  const unacked = writes.filter((w) => !acked.includes(w));
  for (const w of acked) expect(new Set(w.answers.filter((a) => a.id).map((a) => a.id)).size).toBe(1);
  const resent = await Promise.all(unacked.map(async (w) => ({ w, a: await send(base, w) })));
  for (const { w, a } of resent)
    expect(a?.status, `${w.what} ${w.body.idempotencyKey}: ${a?.body}`).toBeOneOf([200, 201]);

  const stored = await storedWrites(databaseUrl, writes);
  for (const w of writes) {
    const key = w.body.idempotencyKey;
    const rows = stored.get(key) ?? [];
    expect(rows.length, `${w.what} ${key} stored once`).toBe(1);
    const id = w.answers.find((a) => a.id)!.id;
    expect(rows[0], `${w.what} ${key} stored with the id it was answered with`).toBe(id);
  }
  return {
    acked: acked.length,
    unacked: unacked.length,
    unackedStoredBefore: resent.filter((x) => x.a?.status === 200).length,
    status503: all.filter((a) => a.status === 503).length,
    reads503: reads.filter((r) => r.status === 503).length,
    noAnswer: writes.reduce((s, w) => s + w.cut, 0) + reads.filter((r) => r.status === null).length,
  };
}

/** key → ids of the rows stored under it (check-ins and service requests), read straight from the database. */
async function storedWrites(url: string, writes: Write[]) {
  const keys = writes.map((w) => w.body.idempotencyKey);
  const rows = await withClient(url, (c) =>
    c.query<{ key: string; id: string }>(
      `select idempotency_key as key, id::text as id from attendance_records where idempotency_key = any($1)
       union all
       select idempotency_key, id::text from service_requests where idempotency_key = any($1)`,
      [keys],
    ),
  );
  const out = new Map<string, string[]>();
  for (const r of rows.rows) out.set(r.key, [...(out.get(r.key) ?? []), r.id]);
  return out;
}

/** A pg-boss job created and completed after `since` (database time): the workers work. */
export async function jobRanAfter(url: string, since: Date, timeoutMs = 60_000) {
  return waitFor('a pg-boss job completed after recovery', timeoutMs, () =>
    withClient(url, async (c) => {
      const r = await c.query<{ name: string }>(
        `select name from pgboss.job where state = 'completed' and created_on > $1 and completed_on > $1 limit 1`,
        [since],
      );
      return r.rows[0]?.name;
    }),
  );
}

export const dbNow = (url: string) =>
  withClient(url, async (c) => (await c.query<{ now: Date }>('select now() as now')).rows[0]!.now);
