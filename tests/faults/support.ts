// What the fault suites share: a fresh database of their own on the server
// named by TEST_DATABASE_URL (pamong_faults_<random>, dropped afterwards, so
// they never meet the suites that use that database), the real server as a
// child process (bench/server-process.ts) and its /healthz. The phones that
// load it, and the checks of their writes, are in phones.ts.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { expect } from 'vitest';
import { freePort, startServer, type ServerProcess } from '../../bench/server-process.js';
import { generateSigningKey } from '../../src/kernel/signing.js';
import { TEST_DATABASE_URL } from '../helpers/env.js';

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
    // Production code paths on plain http with the demo city (and, here, PGlite): not a real installation.
    PRODUCTION_CHECKS: 'off',
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
/**
 * Waits until /healthz answers 200 again and returns how long that took, for the printed figures.
 * The timeout only ends a hung run (the machine may be busy): recovery time is measured, not asserted.
 */
export async function recovered(server: ServerProcess, since: number, timeoutMs = 120_000) {
  await healthzSays(server, 200, timeoutMs);
  return performance.now() - since;
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
