// What this machine allows at all, before any Pamong code runs: a bare
// Fastify server (bench/ceiling-server.ts) as a child process, driven by the
// same load generator as bench/presensi.ts and bench/layanan.ts (undici
// keep-alive connections, closed loop), answering a small JSON POST after a
// given number of round trips to the local PostgreSQL: the cheapest statement
// there is, single-row INSERTs, and for an approval's shape a transaction.
// Printed next to the raw single-row INSERT rate of the same database in the
// same run.
//
// It bounds what a check-in (session lookup, context read, insert: three round
// trips, 100 connections) and an approval (session lookup, visibility read,
// then BEGIN, the guarded update, the trail, the notifications, COMMIT: seven
// round trips, 50 connections) can reach here with Fastify and pg, whatever
// the platform's own code does: the load generator, the app and PostgreSQL
// share the machine's cores, and every round trip costs the app a socket
// write and PostgreSQL a wake-up.
//
// Run on purpose: `npx tsx bench/ceiling.ts` (needs the local PostgreSQL;
// drops and recreates the database pamong_bench).
//   BENCH_REQUESTS=15000 DB_POOL_SIZE=10
import { randomBytes } from 'node:crypto';
import { Pool } from 'undici';
import { cpuMeter, waitForQuiet } from './cpu.js';
import { BENCH_DB, freshBenchDatabase, measure } from './lib.js';
import { measureRawInsert } from './raw-insert.js';
import { freePort, startServer, type ServerProcess } from './server-process.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 15_000);
const POOL = Number(process.env.DB_POOL_SIZE ?? 10);

const background = await waitForQuiet();
const database = await freshBenchDatabase(50);
await database.pool.query(
  'create table ceiling_rows (key text primary key, n integer not null, at timestamptz not null default now())',
);
const raw = await measureRawInsert(database.pool, 20_000, 50);

let server: ServerProcess | null = null;
const cpu = cpuMeter(database.pool, () => (server ? [server.pid] : []));

async function variant(label: string, plan: string, width: number) {
  server = await startServer(
    { DATABASE_URL: BENCH_DB, DB_POOL_SIZE: String(POOL), CEILING_PLAN: plan },
    { port: await freePort(), script: 'bench/ceiling-server.ts' },
  );
  const pool = new Pool(server.url, { connections: width, pipelining: 1, keepAliveTimeout: 60_000 });
  const post = async (i: number) => {
    const res = await pool.request({
      path: '/x',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: `${randomBytes(12).toString('hex')}`, n: i }),
    });
    await res.body.text();
    if (res.statusCode !== 201) throw new Error(`${label}: status ${res.statusCode}`);
  };
  await measure('warm-up', width * 10, width, post); // connections, prepared statements, JIT
  const c = await cpu.snapshot();
  const f = await measure(`${label} (${width} conn.)`, REQUESTS, width, post);
  const usage = await cpu.since(c, f.seconds, REQUESTS);
  await pool.close();
  await server.stop('SIGTERM');
  server = null;
  return { ...f, usage };
}

const results = [
  await variant('HTTP only, no database', '', 100),
  await variant('1 select', 's', 100),
  await variant('1 INSERT', 'i', 100),
  await variant('select + INSERT', 'si', 100),
  await variant('2 selects + INSERT (check-in)', 'ssi', 100),
  await variant('2 selects + [3 INSERTs] (approval)', 'ss[iii]', 50),
];
await database.close();

const version = 'PostgreSQL on 127.0.0.1 (TCP)';
console.log(
  `\nPamong ceiling bench — ${version}, ${new Date().toISOString()}; machine busy before the run (other work): ${(background * 100).toFixed(0)} %`,
);
console.log(
  `bare Fastify 5 child process, DB_POOL_SIZE=${POOL}; load generator: this process, undici keep-alive connections, closed loop, ${REQUESTS} requests per line; [ ] = one transaction (BEGIN/COMMIT are round trips)\n`,
);
console.log(
  `${raw.label.padEnd(48)} ${raw.perSecond.toFixed(0).padStart(6)}/s   p50 ${raw.p50.toFixed(1)} ms   p99 ${raw.p99.toFixed(1)} ms`,
);
for (const r of results) {
  console.log(
    `${r.label.padEnd(48)} ${r.perSecond.toFixed(0).padStart(6)}/s   p50 ${r.p50.toFixed(1)} ms   p99 ${r.p99.toFixed(1)} ms   (${(r.perSecond / raw.perSecond).toFixed(3)} × raw INSERT)`,
  );
  console.log(`    ${r.usage.text}`);
}
