// Kinerja pages on PostgreSQL with a city-sized programme: Kota Probolinggo
// (29 kelurahan), 200 RW and 1,029 RT with one head account each, and a year
// of requests (~100k) with their transitions, inserted in bulk by SQL. Then
// times the kelurahan page (a lurah) and the city page (admin_kota) through
// app.inject: warm up, 20 runs each, median and p95 against the 300 ms target.
// Run on purpose: `npx tsx bench/kinerja.ts` (needs the local PostgreSQL).
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { loadConfig } from '../src/config.js';
import { createApp } from '../src/app.js';
import { fixedClock } from '../src/lib/clock.js';
import { generateSigningKey } from '../src/kernel/signing.js';
import { createAccount, createFamily, ctxOf } from '../src/seed/factories.js';
import { createRepos, createServices } from '../src/wiring.js';
import { freshBenchDatabase, percentile } from './lib.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100_000);
const RUNS = 20;
const MONTH = '2025-10';
const TARGET_MS = 300;

const database = await freshBenchDatabase(10);
const config = loadConfig({
  NODE_ENV: 'test',
  SESSION_SECRET: randomBytes(32).toString('hex'),
  DATA_KEY: randomBytes(32).toString('base64'),
  DATA_DIR: '/tmp/pamong-bench',
  DB_POOL_SIZE: '10',
  CITY_CODE: '35.74',
});
const repos = createRepos();
// "Now" is just after the seeded year, so the month is complete.
const clock = fixedClock('2026-01-15T03:00:00.000Z');
const services = createServices(database, repos, clock, config, { signingKey: generateSigningKey().key });
const q = (text: string, params: unknown[] = []) => database.pool.query(text, params);
const t0 = performance.now();
await services.regions.importCity('35.74');
await services.catalogue.seedDefaults();

// 200 RW spread over the kelurahan round-robin, then 1,029 RT over the RW.
await q(`
  with kels as (select code, (row_number() over (order by code) - 1)::int as k, count(*) over ()::int as n from regions where level = 'kelurahan' and code like '35.74.%')
  insert into regions (code, parent_code, level, name)
  select kels.code || '.' || lpad((g / kels.n + 1)::text, 3, '0'), kels.code, 'rw', 'RW ' || lpad((g / kels.n + 1)::text, 3, '0')
  from generate_series(0, 199) g join kels on kels.k = g % kels.n`);
await q(`
  with rws as (select code, (row_number() over (order by code) - 1)::int as k from regions where level = 'rw' and code like '35.74.%')
  insert into regions (code, parent_code, level, name)
  select rws.code || '.' || lpad((g / 200 + 1)::text, 3, '0'), rws.code, 'rt', 'RT ' || lpad((g / 200 + 1)::text, 3, '0')
  from generate_series(0, 1028) g join rws on rws.k = g % 200`);
// One head per RT and RW (the password hash is never used: heads do not sign in here).
await q(`
  insert into users (username, full_name, role, region_code, password_hash)
  select 'ketua.' || replace(code, '.', '-'), 'Ketua ' || upper(level) || ' ' || code, case level when 'rt' then 'ketua_rt' else 'ketua_rw' end, code, 'x'
  from regions where level in ('rt', 'rw') and code like '35.74.%'`);
const heads = (
  await q(
    `select count(*) filter (where role = 'ketua_rt')::int as rt, count(*) filter (where role = 'ketua_rw')::int as rw from users`,
  )
).rows[0];

const kel = '35.74.01.1001';
const admin = await createAccount(database.db, repos, {
  username: 'bench.admin',
  fullName: 'Admin',
  role: 'admin_kota',
  regionCode: '35.74',
  password: 'bench-password-1',
});
await createAccount(database.db, repos, {
  username: 'bench.lurah',
  fullName: 'Lurah',
  role: 'lurah',
  regionCode: kel,
  password: 'bench-password-1',
});
let serial = 1;
const anyRt = (
  await q(`select code from regions where level = 'rt' and code like $1 order by code limit 1`, [`${kel}.%`])
).rows[0].code as string;
const fam = await createFamily(services, ctxOf({ ...admin, role: 'admin_kota' }), anyRt, () => serial++);
const letterType = (await q(`select id from letter_types where code = 'domisili'`)).rows[0].id as number;

// A year of requests (2025, WIB), each at a random RT, with its transitions:
// submit and RT approval by the RT head, RW approval (1 in 20 returned) by the
// RW head, kelurahan approval. Elapsed times are pseudo-random from the id,
// some beyond the 10-minute stage budget.
await q(`
  create temp table rts as
  select (row_number() over (order by r.code) - 1)::int as i, r.code, rt.id as rt_head, rw.id as rw_head
  from regions r join users rt on rt.region_code = r.code join users rw on rw.region_code = r.parent_code
  where r.level = 'rt' and r.code like '35.74.%'`);
await q(
  `
  insert into service_requests (tracking_code, idempotency_key, submitted_by, resident_id, region_code, letter_type_id, type_snapshot, status, stage_index, stage, stage_started_at, submitted_at, due_at, overdue, completed_at)
  select 'B' || g, 'bench-' || g, rts.rt_head, $1, rts.code, $2, jsonb_build_object('code', 'domisili', 'name', 'Surat Keterangan Domisili', 'route', array['rt', 'rw', 'kelurahan']),
         case when g % 20 = 0 then 'returned' else 'completed' end, case when g % 20 = 0 then 1 else 2 end, case when g % 20 = 0 then 'rw' end,
         sub, sub, sub + interval '45 minutes', (g * 53) % 1200 > 600, case when g % 20 <> 0 then sub + interval '40 minutes' end
  from generate_series(0, $3 - 1) g
  join rts on rts.i = (g * 7919) % 1029
  cross join lateral (select timestamptz '2025-01-01 00:00+07' + (g::float8 / $3) * interval '365 days' + interval '7 hours' as sub) s`,
  [fam.ids[0], letterType, REQUESTS],
);
const base = `from service_requests r join rts on rts.code = r.region_code cross join lateral (select (r.id * 37) % 900 as e1, (r.id * 53) % 1200 as e2, (r.id * 11) % 1500 as e3) e`;
await q(
  `insert into request_transitions (request_id, seq, action, from_stage, to_stage, actor_id, at) select r.id, 1, 'submit', null, 'rt', rts.rt_head, r.submitted_at ${base}`,
);
await q(`insert into request_transitions (request_id, seq, action, from_stage, to_stage, actor_id, at, stage_budget_minutes, elapsed_seconds, within_budget, stage_clock, wall_seconds)
  select r.id, 2, 'approve', 'rt', 'rw', rts.rt_head, r.submitted_at + e1 * interval '1 second', 10, e1, e1 <= 600, 'round_the_clock', e1 ${base}`);
await q(`insert into request_transitions (request_id, seq, action, from_stage, to_stage, actor_id, at, stage_budget_minutes, elapsed_seconds, within_budget, stage_clock, wall_seconds)
  select r.id, 3, case when r.status = 'returned' then 'return' else 'approve' end, 'rw', case when r.status = 'returned' then 'rw' else 'kelurahan' end, rts.rw_head,
         r.submitted_at + (e1 + e2) * interval '1 second', 10, e2, e2 <= 600, 'round_the_clock', e2 ${base}`);
await q(`insert into request_transitions (request_id, seq, action, from_stage, to_stage, actor_id, actor_role, at, stage_budget_minutes, elapsed_seconds, within_budget, stage_clock, wall_seconds)
  select r.id, 4, 'approve', 'kelurahan', null, null, 'lurah', r.submitted_at + (e1 + e2 + e3) * interval '1 second', 25, e3, e3 <= 1500, 'round_the_clock', e3 ${base} where r.status = 'completed'`);
await q('vacuum analyze');
const counts = (
  await q(
    `select (select count(*) from service_requests)::int as requests, (select count(*) from request_transitions)::int as transitions`,
  )
).rows[0];
console.log(
  `seeded: ${heads.rt} RT + ${heads.rw} RW heads, ${counts.requests} requests, ${counts.transitions} transitions in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

const app = await createApp({ config, services, logger: false });
console.log(
  `machine: ${cpus().length} CPU, load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} (figures scale with it)`,
);
const login = async (u: string) =>
  (await services.accounts.login({ loginId: u, password: 'bench-password-1', ip: '127.0.0.1', userAgent: 'bench' }))
    .token;
const lurah = await login('bench.lurah');
const city = await login('bench.admin');

async function time(label: string, url: string, token: string) {
  const call = async () => {
    const s = performance.now();
    const res = await app.inject({
      method: 'GET',
      url,
      cookies: { pamong_sid: token },
      headers: { 'accept-encoding': 'br, gzip' },
    });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
    return { ms: performance.now() - s, bytes: res.rawPayload.length };
  };
  for (let i = 0; i < 3; i++) await call();
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const r = await call();
    ms.push(r.ms);
    bytes = r.bytes;
  }
  ms.sort((a, b) => a - b);
  const p50 = percentile(ms, 50);
  const p95 = percentile(ms, 95);
  console.log(
    `${label.padEnd(40)} median ${p50.toFixed(1).padStart(6)} ms   p95 ${p95.toFixed(1).padStart(6)} ms   ${(bytes / 1024).toFixed(1)} KB compressed   ${p95 < TARGET_MS ? 'under' : 'OVER'} the ${TARGET_MS} ms target`,
  );
}

// The figures alone (SQL + score), without rendering, for the city.
const ctxCity = ctxOf({ ...admin, role: 'admin_kota' });
await services.kinerja.ranking(ctxCity, MONTH);
const svc: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const s = performance.now();
  await services.kinerja.ranking(ctxCity, MONTH);
  svc.push(performance.now() - s);
}
svc.sort((a, b) => a - b);
console.log(
  `${'service.ranking (city, no rendering)'.padEnd(40)} median ${percentile(svc, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(svc, 95).toFixed(1).padStart(6)} ms`,
);
await time(`GET /kinerja (kelurahan ${kel})`, `/kinerja?bulan=${MONTH}`, lurah);
await time('GET /kinerja (city 35.74)', `/kinerja?bulan=${MONTH}`, city);
await time('GET /api/v1/kinerja (city 35.74)', `/api/v1/kinerja?bulan=${MONTH}`, city);
await app.close();
await database.close();
