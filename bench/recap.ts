// The monthly attendance recap of one unit of 200 employees with a month of
// records (issue 6's done-when: the page and each export in under a second).
// Through app.inject as an admin_kota: the HTML page, CSV, XLSX, PDF and the
// JSON API, each warmed up and then run BENCH_RUNS times; medians are printed
// next to the baseline of the same run — one plain SQL read of the same
// month's records of the unit — as a ratio, so a figure can be compared
// across machines and loads. tests/integration/attendance-recap.test.ts
// checks what the recap says; this only times it.
// Run on purpose: `npx tsx bench/recap.ts` (needs the local PostgreSQL; drops
// and recreates the database pamong_bench), or BENCH_PGLITE=1 for an
// in-memory PGlite.   BENCH_PEOPLE=200 BENCH_RUNS=10
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { createApp } from '../src/app.js';
import { systemClock } from '../src/lib/clock.js';
import { hashToken } from '../src/modules/accounts/service.js';
import { generateSigningKey } from '../src/kernel/signing.js';
import { createRepos, createServices } from '../src/wiring.js';
import { freshBenchDatabase, percentile } from './lib.js';
import { seedStaff } from './staff-seed.js';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const TARGET_MS = 1000;

async function pgliteDatabase() {
  const database = await openDatabase({ databaseUrl: null, dataDir: '', inMemory: true });
  await migrate(database.pool);
  return database;
}
const database = process.env.BENCH_PGLITE ? await pgliteDatabase() : await freshBenchDatabase(10);
const config = loadConfig({
  NODE_ENV: 'test',
  SESSION_SECRET: randomBytes(32).toString('hex'),
  DATA_KEY: randomBytes(32).toString('base64'),
  DATA_DIR: '/tmp/pamong-bench',
  CITY_CODE: '35.74',
});
const repos = createRepos();
const services = createServices(database, repos, systemClock, config, { signingKey: generateSigningKey().key });
await services.regions.importCity('35.74');
const staff = await seedStaff(database, repos, services, { cityCode: '35.74', count: PEOPLE });
const pool = database.pool;

// The admin who created the unit reads its recap with a session of their own.
const token = randomBytes(32).toString('base64url');
const now = new Date();
await pool.query('update users set must_change_password = false where id = $1', [staff.admin.id]);
await repos.accounts.insertSession(database.db, {
  tokenHash: hashToken(token),
  userId: staff.admin.id,
  expiresAt: new Date(now.getTime() + 3600_000),
  ip: '127.0.0.1',
  userAgent: 'pamong-bench',
  now,
});

// Last month, complete: both check-ins on every weekday, a person in eleven absent, lateness spread over 0–40 minutes.
const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
const month = first.toISOString().slice(0, 7);
const days = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
const cols = {
  emp: [] as number[],
  key: [] as string[],
  kind: [] as string[],
  at: [] as string[],
  day: [] as string[],
};
staff.people.forEach((p, n) => {
  for (let day = 1; day <= days; day++) {
    const dow = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), day)).getUTCDay();
    if (dow === 0 || dow === 6 || (n + day) % 11 === 0) continue;
    const date = `${month}-${String(day).padStart(2, '0')}`;
    const late = ((n * 7 + day * 3) % 50) - 10;
    for (const [kind, hourUtc, minute] of [
      ['masuk', 0, 30 + late], // 07:30 WIB
      ['pulang', 9, 5], // 16:05 WIB
    ] as const) {
      cols.emp.push(p.employeeId);
      cols.key.push(`bench-${p.employeeId}-${date}-${kind}`);
      cols.kind.push(kind);
      cols.at.push(new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), day, hourUtc, minute)).toISOString());
      cols.day.push(date);
    }
  }
});
await pool.query(
  `insert into attendance_records (employee_id, idempotency_key, kind, taken_at, device_time, received_at, work_date)
   select e, k, w, a, a, a, d from unnest($1::int[], $2::text[], $3::text[], $4::timestamptz[], $5::date[]) as x(e, k, w, a, d)`,
  [cols.emp, cols.key, cols.kind, cols.at, cols.day],
);
await pool.query('analyze');
const app = await createApp({ config, services, logger: false });

/** Median and p95 of `RUNS` timed calls, after two untimed ones. */
async function time(task: () => Promise<void>) {
  for (let i = 0; i < 2; i++) await task();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await task();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { median: percentile(ms, 50), p95: percentile(ms, 95) };
}

const baseline = await time(async () => {
  await pool.query(
    `select r.* from attendance_records r join employees e on e.id = r.employee_id
     where e.unit_id = $1 and r.work_date >= $2::date and r.work_date < ($2::date + interval '1 month')`,
    [staff.unit.id, `${month}-01`],
  );
});
const base = `/presensi/rekap?unit=${staff.unit.id}&bulan=${month}`;
const urls: [string, string][] = [
  ['page (HTML)', base],
  ['CSV', `${base}&format=csv`],
  ['XLSX', `${base}&format=xlsx`],
  ['PDF', `${base}&format=pdf`],
  ['JSON API', `/api/v1/attendance/recap?unit=${staff.unit.id}&month=${month}`],
];
console.log(
  `recap of ${PEOPLE} employees, ${month}, ${cols.emp.length} records, on ${database.kind}; load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}; median of ${RUNS} runs`,
);
const line = (label: string, f: { median: number; p95: number }) =>
  `${label.padEnd(42)} ${f.median.toFixed(1).padStart(8)} ms   p95 ${f.p95.toFixed(1).padStart(8)} ms   ${(f.median / baseline.median).toFixed(1).padStart(7)} × baseline   ${(f.median / TARGET_MS).toFixed(2)} of the ${TARGET_MS} ms target`;
console.log(line("baseline: SQL read of the month's records", baseline));
for (const [label, url] of urls) {
  const f = await time(async () => {
    const res = await app.inject({ method: 'GET', url, cookies: { pamong_sid: token } });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  });
  console.log(line(label, f));
}
await app.close();
await database.close();
