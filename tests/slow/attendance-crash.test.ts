// The server process is killed (SIGKILL: no shutdown hook runs) in the middle
// of a burst of check-ins and started again on the same data: every check-in
// that got a success answer (201 or 200) is stored, exactly once, with the id
// it was answered with, and a retry of its key after the restart answers 200
// with that id. Check-ins cut off by the kill have no answer; their retries
// after the restart settle them (201 if lost, 200 if stored) — still once.
//
// The real server: src/server.ts in a child process on 127.0.0.1 (see
// bench/server-process.ts), NODE_ENV=production, on PGlite in its own
// DATA_DIR, or on TEST_DATABASE_URL when set. Employees and their sessions
// are written before the server starts (bench/staff-seed.ts).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { systemClock } from '../../src/lib/clock.js';
import { generateSigningKey } from '../../src/kernel/signing.js';
import { createRepos, createServices } from '../../src/wiring.js';
import { freePort, killAllServers, startServer, type ServerProcess } from '../../bench/server-process.js';
import { OFFICE, seedStaff, type SeededPerson } from '../../bench/staff-seed.js';
import { testConfig } from '../helpers/app.js';
import { templatePath, TEST_DATABASE_URL } from '../helpers/env.js';

const PEOPLE = 40;
const CONCURRENCY = 40;
/** The kill comes once this many keys were answered: well inside the burst, which would go on. */
const KILL_AFTER = 150;
/**
 * When a start or an answer is taken for hung. Not a figure under test
 * (nothing here is timed): on a machine whose cores are busy with other work
 * a start and a burst are slow, and only a server that never answers should
 * fail this test.
 */
const HUNG_AFTER_MS = 300_000;

const dataDir = mkdtempSync(join(tmpdir(), 'pamong-crash-'));
const signing = generateSigningKey();
const secrets = { SESSION_SECRET: randomBytes(32).toString('hex'), DATA_KEY: randomBytes(32).toString('base64') };
const serverEnv: Record<string, string> = {
  NODE_ENV: 'production',
  // Production code paths on plain http with the demo city (and, here, PGlite): not a real installation.
  PRODUCTION_CHECKS: 'off',
  LOG_LEVEL: 'warn',
  WORKERS: 'false',
  DEMO_SEED: 'false',
  DATA_DIR: dataDir,
  CITY_CODE: '35.74',
  DB_POOL_SIZE: '10',
  SIGNING_KEY_PEM: signing.privatePem,
  ...secrets,
  ...(TEST_DATABASE_URL ? { DATABASE_URL: TEST_DATABASE_URL } : {}),
};

let people: SeededPerson[] = [];
let employeeIds: number[] = [];
let db: Database | null = null;
const servers: ServerProcess[] = [];

/** The database as the test sees it: the shared server, or the server's PGlite folder (only while no server holds it). */
const openOwn = () =>
  TEST_DATABASE_URL
    ? openDatabase({ databaseUrl: TEST_DATABASE_URL, dataDir: '', poolSize: 3 })
    : openDatabase({ databaseUrl: null, dataDir });

beforeAll(async () => {
  // A migrated database: the run's template copied into the server's data folder (PGlite), or the shared test schema.
  db = TEST_DATABASE_URL
    ? await openDatabase({ databaseUrl: TEST_DATABASE_URL, dataDir: '', poolSize: 3 })
    : await openDatabase({ databaseUrl: null, dataDir, loadDataDir: new Blob([readFileSync(templatePath())]) });
  // A city of its own (as tests/helpers/app.ts createArea does), so runs on the shared server never meet.
  const n = Number((await db.pool.query<{ n: string }>(`select nextval('test_area_seq') as n`)).rows[0]!.n);
  const prov = String(91 + (Math.floor(n / 99) % 9));
  const city = `${prov}.${String((n % 99) + 1).padStart(2, '0')}`;
  await db.pool.query(
    `insert into regions (code, parent_code, level, name) values ($1, null, 'provinsi', $2) on conflict do nothing`,
    [prov, `Provinsi Uji ${prov}`],
  );
  await db.pool.query(`insert into regions (code, parent_code, level, name) values ($1, $2, 'kabkota', $3)`, [
    city,
    prov,
    `Kota Uji ${city}`,
  ]);
  const repos = createRepos();
  const services = createServices(db, repos, systemClock, testConfig(), { signingKey: signing.key });
  const staff = await seedStaff(db, repos, services, { cityCode: city, count: PEOPLE });
  people = staff.people;
  employeeIds = people.map((p) => p.employeeId);
  if (!TEST_DATABASE_URL) {
    // PGlite: one process at a time holds the folder; the server takes it over.
    await db.close();
    db = null;
  }
});

afterAll(async () => {
  killAllServers();
  await Promise.all(servers.map((s) => s.exited));
  await db?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Sent {
  person: SeededPerson;
  body: { idempotencyKey: string; kind: 'masuk' | 'pulang'; lat: number; lon: number; accuracy: number };
  answers: { status: number; id: string | null }[];
  /** Sends without an answer: refused connection, reset, or cut off by the kill. */
  cut: number;
}

async function post(pool: Pool, s: Sent): Promise<{ status: number; id: string | null } | null> {
  try {
    const res = await pool.request({
      path: '/api/v1/attendance/check-ins',
      method: 'POST',
      headers: { authorization: `Bearer ${s.person.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(s.body),
      headersTimeout: HUNG_AFTER_MS,
      bodyTimeout: HUNG_AFTER_MS,
    });
    const text = await res.body.text();
    const id = res.statusCode === 200 || res.statusCode === 201 ? (JSON.parse(text) as { id: string }).id : null;
    return { status: res.statusCode, id };
  } catch {
    return null;
  }
}

it('every check-in answered before a SIGKILL is there after the restart, exactly once', async () => {
  const first = await startServer(serverEnv, { port: await freePort(), timeoutMs: HUNG_AFTER_MS });
  servers.push(first);

  // ── The burst: CONCURRENCY connections flat out; a quarter of check-ins sent twice at once with the same key ──
  const pool = new Pool(first.url, { connections: CONCURRENCY, pipelining: 1 });
  const sent: Sent[] = [];
  let answered = 0;
  let inFlight = 0;
  let inFlightAtKill = -1;
  const kill = () => {
    if (inFlightAtKill >= 0) return;
    inFlightAtKill = inFlight;
    process.kill(first.pid, 'SIGKILL');
  };
  const sendOnce = async (s: Sent) => {
    inFlight++;
    const a = await post(pool, s);
    inFlight--;
    if (!a) s.cut++;
    else {
      const firstSuccess = (a.status === 200 || a.status === 201) && !s.answers.some((x) => x.id);
      s.answers.push(a);
      if (firstSuccess) answered++;
      if (answered >= KILL_AFTER) kill();
    }
  };
  let seq = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (inFlightAtKill < 0) {
        const i = seq++;
        const s: Sent = {
          person: people[i % PEOPLE]!,
          body: {
            idempotencyKey: randomBytes(12).toString('hex'),
            kind: i % 2 ? 'pulang' : 'masuk',
            lat: OFFICE.lat + 0.0002,
            lon: OFFICE.lon,
            accuracy: 10,
          },
          answers: [],
          cut: 0,
        };
        sent.push(s);
        await (Math.random() < 0.25 ? Promise.all([sendOnce(s), sendOnce(s)]) : sendOnce(s));
      }
    }),
  );
  await pool.close();
  const died = await first.exited;

  expect(died).toBe('SIGKILL');
  const acked = sent.filter((s) => s.answers.some((a) => a.status === 200 || a.status === 201));
  const cutOff = sent.filter((s) => s.cut > 0 && !acked.includes(s));
  // Nothing but success before the kill (no 5xx, no refusal): the server was healthy when it died.
  expect(sent.flatMap((s) => s.answers).filter((a) => a.status !== 200 && a.status !== 201)).toEqual([]);
  expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER);
  // The kill landed in the middle of the burst: requests were on the wire and got no answer.
  expect(inFlightAtKill).toBeGreaterThan(CONCURRENCY / 2);
  expect(sent.filter((s) => s.cut > 0).length).toBeGreaterThan(0);
  for (const s of acked) {
    expect(
      s.answers.filter((a) => a.status === 201).length,
      `one 201 for ${s.body.idempotencyKey}`,
    ).toBeLessThanOrEqual(1);
    expect(new Set(s.answers.map((a) => a.id)).size, `one id for ${s.body.idempotencyKey}`).toBe(1);
  }

  // ── Restart on the same data ──
  const second = await startServer(serverEnv, { port: await freePort(), timeoutMs: HUNG_AFTER_MS });
  servers.push(second);

  // Every answered key: the retry answers 200 with the same id.
  const again = new Pool(second.url, { connections: 10, pipelining: 1 });
  const retried = await Promise.all(acked.map(async (s) => ({ s, a: await post(again, s) })));
  for (const { s, a } of retried)
    expect(a, s.body.idempotencyKey).toEqual({ status: 200, id: s.answers.find((x) => x.id)!.id });
  // Keys cut off by the kill settle now: 201 if the kill lost them, 200 if they were stored before it.
  const settled = await Promise.all(cutOff.map(async (s) => ({ s, a: await post(again, s) })));
  for (const { a } of settled) expect([200, 201]).toContain(a?.status);
  await again.close();

  // ── The database: one record per key, each with the id its answers carried ──
  if (!TEST_DATABASE_URL) {
    expect(await second.stop('SIGTERM')).toBe('0');
    db = await openOwn();
  }
  const rows = (
    await db!.pool.query<{ key: string; id: string; n: number }>(
      `select idempotency_key as key, min(id)::text as id, count(*)::int as n from attendance_records where employee_id = any($1) group by idempotency_key`,
      [employeeIds],
    )
  ).rows;
  const stored = new Map(rows.map((r) => [r.key, r]));
  expect(rows.filter((r) => r.n !== 1)).toEqual([]);
  for (const s of acked)
    expect(stored.get(s.body.idempotencyKey)?.id, s.body.idempotencyKey).toBe(s.answers.find((x) => x.id)!.id);
  for (const { s, a } of settled) expect(stored.get(s.body.idempotencyKey)?.id).toBe(a!.id);
  // Nothing else: every stored key was sent, and every sent key is now stored once.
  expect(rows.length).toBe(sent.length);

  console.log(
    `crash test (${TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}): ${sent.length} keys sent, ` +
      `${acked.length} answered before/at the kill, ${inFlightAtKill} requests in flight at the kill, ${cutOff.length} keys cut off ` +
      `(${settled.filter((x) => x.a!.status === 200).length} had been stored, ${settled.filter((x) => x.a!.status === 201).length} had not), ` +
      'all settled after the restart',
  );
});
