// E-Kinerja's month-end peak on PostgreSQL, through the real HTTP API (issue 16).
//
//   Peak     BENCH_PEOPLE (3,000) employees each send BENCH_LOGS_PER daily logs (POST /api/v1/skp/logs with an
//            idempotency key, as the phone's offline queue replays them), spread evenly over BENCH_SECONDS (600;
//            open loop: arrivals do not wait for answers); meanwhile BENCH_SUPERIORS (100) superiors — each the
//            appraiser of 1/100 of the staff — fetch their queue and bulk-approve it every BENCH_APPROVE_EVERY s
//            (60, staggered). A share of logs (BENCH_RETRY, 30 %) is sent twice with the SAME key: half while the
//            first send is in flight (the phone gave up early), half after its answer (the answer was lost).
//   Crash    the same load goes on for BENCH_CRASH_SECONDS (20); halfway the app is killed with SIGKILL with
//            requests on the wire, the phones keep trying (their sends fail and stay queued), the app is started
//            again on the same database, and the phones' queues are replayed: every key never acknowledged, and a
//            share (BENCH_REPLAY_ACKED, 30 %) of acknowledged ones, sent again with the same key.
//   Verify   0 lost: every key acknowledged (201/200) is stored, for its sender, with the id it was answered with;
//            after the replay every key sent is stored. 0 duplicated: one row per (employee, key), no stranger rows.
//
// Next to the figures: the raw single-row INSERT of the same database in the same run (bench/raw-insert.ts),
// measured before the app starts; the target is p99 < 200 ms and within 4× of the INSERT's p99. CPU per process
// (load generator, app, PostgreSQL) is printed per phase, as bench/presensi.ts does.
//
// Seeding: accounts with ONE shared argon2 hash and sessions through the accounts repo (bench/staff-seed.ts);
// the SKP (agreed, two results with one indicator each, twelve monthly plans per indicator) by SQL in bulk.
//
// Run on purpose: `npx tsx bench/skp-peak.ts` (needs the local PostgreSQL; drops and recreates the database
// named by BENCH_DATABASE_URL, default here postgres://postgres@127.0.0.1:5432/pamong_bench_skp).
//   BENCH_PEOPLE=3000 BENCH_SUPERIORS=100 BENCH_LOGS_PER=10 BENCH_SECONDS=600 BENCH_APPROVE_EVERY=60
//   BENCH_RETRY=0.3 BENCH_CRASH_SECONDS=20 BENCH_REPLAY_ACKED=0.3 BENCH_WIDTH=64 DB_POOL_SIZE=10
process.env.BENCH_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/pamong_bench_skp';
const { randomBytes } = await import('node:crypto');
const { rmSync } = await import('node:fs');
const { cpus } = await import('node:os');
const { sql } = await import('kysely');
const { Pool } = await import('undici');
const { loadConfig } = await import('../src/config.js');
const { systemClock } = await import('../src/lib/clock.js');
const { generateSigningKey } = await import('../src/kernel/signing.js');
const { createRepos, createServices } = await import('../src/wiring.js');
const { cpuMeter, waitForQuiet } = await import('./cpu.js');
const { BENCH_DB, freshBenchDatabase, percentile } = await import('./lib.js');
const { measureRawInsert } = await import('./raw-insert.js');
const { benchNodeArgs, freePort, startServer } = await import('./server-process.js');
const { seedStaff } = await import('./staff-seed.js');
type ServerProcess = Awaited<ReturnType<typeof startServer>>;

const env = (k: string, d: number) => Number(process.env[k] ?? d);
const PEOPLE = env('BENCH_PEOPLE', 3000);
const SUPERIORS = env('BENCH_SUPERIORS', 100);
const LOGS_PER = env('BENCH_LOGS_PER', 10);
const SECONDS = env('BENCH_SECONDS', 600);
const APPROVE_EVERY = env('BENCH_APPROVE_EVERY', 60);
const RETRY = env('BENCH_RETRY', 0.3);
const CRASH_SECONDS = env('BENCH_CRASH_SECONDS', 20);
const REPLAY_ACKED = env('BENCH_REPLAY_ACKED', 0.3);
const WIDTH = env('BENCH_WIDTH', 64);
const POOL = env('DB_POOL_SIZE', 10);
const RAW_WIDTH = 50;

const background = await waitForQuiet();

// ── Database, accounts, the agreed SKP of everyone ──
const database = await freshBenchDatabase(RAW_WIDTH);
const secrets = { SESSION_SECRET: randomBytes(32).toString('hex'), DATA_KEY: randomBytes(32).toString('base64') };
const signing = generateSigningKey();
const dataDir = `/tmp/pamong-bench-skp-${process.pid}`;
const config = loadConfig({ NODE_ENV: 'test', ...secrets, DATA_DIR: dataDir, CITY_CODE: '35.74' });
const repos = createRepos();
const services = createServices(database, repos, systemClock, config, { signingKey: signing.key });
await services.regions.importCity('35.74');
const t0 = performance.now();
const staffSeed = await seedStaff(database, repos, services, {
  cityCode: '35.74',
  count: PEOPLE + SUPERIORS,
  sessionHours: 24,
});
const superiors = staffSeed.people.slice(0, SUPERIORS);
const staff = staffSeed.people.slice(SUPERIORS);
const today = services.skpLogs.today();
const year = Number(today.slice(0, 4));
const q = (text: string, params: unknown[] = []) => database.pool.query(text, params);
await q(
  `update employees set supervisor_id = ($2::int[])[(id % $3) + 1], position = 'Analis Kebijakan'
  where id = any($1)`,
  [staff.map((p) => p.employeeId), superiors.map((p) => p.employeeId), SUPERIORS],
);
// One agreed SKP per employee (superiors too: their own appraiser is none here), its appraiser the supervisor.
await q(
  `insert into skp_plans (employee_id, unit_id, unit_path, appraiser_id, year, status, submitted_at, agreed_at, agreed_by)
   select e.id, e.unit_id, o.path, e.supervisor_id, $2, 'disetujui', now(), now(), e.supervisor_id
   from employees e join org_units o on o.id = e.unit_id where e.id = any($1)`,
  [staff.map((p) => p.employeeId), year],
);
await q(
  `insert into skp_results (skp_id, kind, position, text)
   select p.id, 'utama', k, case k when 1 then 'Tersusunnya kajian kebijakan daerah' else 'Terlaksananya layanan administrasi' end
   from skp_plans p cross join generate_series(1, 2) k where p.unit_id = $1`,
  [staffSeed.unit.id],
);
await q(
  `insert into skp_indicators (result_id, text, aspect, target, unit_label)
   select r.id, 'Jumlah ' || lower(r.text), 'kuantitas', 240, 'dokumen'
   from skp_results r join skp_plans p on p.id = r.skp_id where p.unit_id = $1`,
  [staffSeed.unit.id],
);
await q(
  `insert into skp_monthly_plans (indicator_id, month, target)
   select i.id, m, 20 from skp_indicators i join skp_results r on r.id = i.result_id join skp_plans p on p.id = r.skp_id
   cross join generate_series(1, 12) m where p.unit_id = $1`,
  [staffSeed.unit.id],
);
const targets = new Map<number, { resultId: number; indicatorId: number }[]>();
for (const r of (
  await q(
    `select p.employee_id, r.id as result_id, i.id as indicator_id from skp_plans p
     join skp_results r on r.skp_id = p.id join skp_indicators i on i.result_id = r.id where p.unit_id = $1 order by r.id`,
    [staffSeed.unit.id],
  )
).rows as { employee_id: number; result_id: number; indicator_id: number }[]) {
  const list = targets.get(r.employee_id) ?? [];
  list.push({ resultId: r.result_id, indicatorId: r.indicator_id });
  targets.set(r.employee_id, list);
}
console.log(
  `seeded ${staff.length} employees + ${SUPERIORS} superiors with sessions and agreed SKP in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
await q('vacuum analyze');

// ── The raw INSERT yardstick, same database, same run ──
const raw = await measureRawInsert(database.pool, 20_000, RAW_WIDTH);

// ── The app, a child process (SIGKILL needs its own pid) ──
const serverEnv: Record<string, string> = {
  NODE_ENV: 'development',
  LOG_LEVEL: 'warn',
  WORKERS: 'false',
  DEMO_SEED: 'false',
  DATABASE_URL: BENCH_DB,
  DB_POOL_SIZE: String(POOL),
  DATA_DIR: dataDir,
  CITY_CODE: '35.74',
  SIGNING_KEY_PEM: signing.privatePem,
  ...secrets,
};
let server: ServerProcess = await startServer(serverEnv, {
  port: await freePort(),
  timeoutMs: 60_000,
  nodeArgs: benchNodeArgs(),
});
let http = new Pool(server.url, { connections: WIDTH, pipelining: 1, keepAliveTimeout: 60_000 });
const cpu = cpuMeter(database.pool, () => [server.pid]);

// ── The phones and the superiors ──
interface KeyLog {
  employee: number;
  token: string;
  body: string;
  statuses: number[];
  ids: Set<number>;
}
const keys = new Map<string, KeyLog>();
const failures: string[] = [];
const fail = (s: string) => failures.length < 10 && failures.push(s);
let sendLat: number[] = [];
const approveLat: number[] = [];
const queueLat: number[] = [];
let approvedAcked = 0;
let approvals = 0;

async function call(method: 'GET' | 'POST', path: string, token: string, body?: string) {
  const res = await http.request({
    path,
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body } : {}),
    headersTimeout: 120_000,
    bodyTimeout: 120_000,
  });
  return { status: res.statusCode, text: await res.body.text() };
}

let inFlight = 0;
async function send(key: string) {
  const log = keys.get(key)!;
  const t = performance.now();
  inFlight++;
  try {
    const r = await call('POST', '/api/v1/skp/logs', log.token, log.body);
    sendLat.push(performance.now() - t);
    log.statuses.push(r.status);
    if (r.status === 200 || r.status === 201) log.ids.add((JSON.parse(r.text) as { id: number }).id);
    else fail(`log ${r.status} ${r.text.slice(0, 200)}`);
  } catch {
    log.statuses.push(0); // no answer: the phone keeps it queued
  } finally {
    inFlight--;
  }
}

let serial = 0;
async function logOnce(personIdx: number) {
  const p = staff[personIdx]!;
  const key = `${randomBytes(9).toString('base64url')}-${serial++}`;
  const list = targets.get(p.employeeId)!;
  const tgt = list[serial % list.length]!;
  keys.set(key, {
    employee: p.employeeId,
    token: p.token,
    statuses: [],
    ids: new Set(),
    body: JSON.stringify({
      idempotencyKey: key,
      logDate: today,
      resultId: tgt.resultId,
      indicatorId: tgt.indicatorId,
      quantity: 1 + (serial % 3),
      minutes: 30 + (serial % 120),
      description: `Menyusun bahan kajian kebijakan bagian ${serial % 17}`,
    }),
  });
  const r = Math.random();
  if (r < RETRY / 2)
    await Promise.all([send(key), new Promise((ok) => setTimeout(ok, Math.random() * 5)).then(() => send(key))]);
  else if (r < RETRY) {
    await send(key);
    await send(key);
  } else await send(key);
}

async function approveRound(s: (typeof superiors)[number]) {
  try {
    let t = performance.now();
    const queue = await call('GET', '/api/v1/skp/logs/queue', s.token);
    queueLat.push(performance.now() - t);
    if (queue.status !== 200) return fail(`queue ${queue.status} ${queue.text.slice(0, 200)}`);
    const ids = (JSON.parse(queue.text) as { items: { id: number }[] }).items.map((l) => l.id);
    if (!ids.length) return;
    t = performance.now();
    const r = await call(
      'POST',
      '/api/v1/skp/logs/review',
      s.token,
      JSON.stringify({ logIds: ids, decision: 'disetujui' }),
    );
    approveLat.push(performance.now() - t);
    approvals++;
    if (r.status === 200) approvedAcked += (JSON.parse(r.text) as { moved: number }).moved;
    else fail(`review ${r.status} ${r.text.slice(0, 200)}`);
  } catch {
    /* cut off by the kill: the superior taps again on the next round */
  }
}

/** Open loop over `seconds`: `sends` logs spread evenly, superiors staggered every APPROVE_EVERY s. */
async function load(seconds: number, sends: number, during?: (elapsed: number) => void) {
  const inflight: Promise<unknown>[] = [];
  const start = performance.now();
  const interval = (seconds * 1000) / sends;
  let nextApprove = 0;
  const approveInterval = (APPROVE_EVERY * 1000) / SUPERIORS;
  let a = 0;
  for (let i = 0; i < sends; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((ok) => setTimeout(ok, wait));
    const elapsed = performance.now() - start;
    while (nextApprove <= elapsed) {
      inflight.push(approveRound(superiors[a++ % SUPERIORS]!));
      nextApprove += approveInterval;
    }
    inflight.push(logOnce(i % staff.length));
    during?.(elapsed);
  }
  await Promise.all(inflight);
  return (performance.now() - start) / 1000;
}

// Warm-up: every connection and the first queries (not counted; its keys are verified with the rest).
await Promise.all(Array.from({ length: Math.min(WIDTH, staff.length) }, (_, i) => logOnce(i)));
sendLat = [];

// ── Peak ──
const c0 = await cpu.snapshot();
const total = staff.length * LOGS_PER;
const peakSeconds = await load(SECONDS, total);
const peakCpu = await cpu.since(c0, peakSeconds, sendLat.length + approveLat.length + queueLat.length);
const peak = { send: [...sendLat], approve: [...approveLat], queue: [...queueLat], approvals, approvedAcked };
const keysBeforeCrash = keys.size;

// ── Crash: SIGKILL halfway through more of the same load, restart, replay ──
const crashSends = Math.round((total / SECONDS) * CRASH_SECONDS);
let killed: Promise<string> | null = null;

let inFlightAtKill = 0;
let killAt = 0;
const crashStart = performance.now();
const crashSeconds = await load(CRASH_SECONDS, crashSends, (elapsed) => {
  // Halfway, and only with a log on the wire (a few ms after it was sent: the app is handling it).
  if (!killed && elapsed >= (CRASH_SECONDS * 1000) / 2 && inFlight > 0) {
    killed = new Promise<void>((ok) => setTimeout(ok, 3)).then(() => {
      inFlightAtKill = inFlight;
      killAt = performance.now();
      process.kill(server.pid, 'SIGKILL');
      return server.exited;
    });
  }
});
const died = await killed!;
await http.close();
const restartT = performance.now();
server = await startServer(serverEnv, { port: await freePort(), timeoutMs: 60_000, nodeArgs: benchNodeArgs() });
const restartSeconds = (performance.now() - restartT) / 1000;
http = new Pool(server.url, { connections: WIDTH, pipelining: 1, keepAliveTimeout: 60_000 });
const isAcked = (k: KeyLog) => k.statuses.some((s) => s === 200 || s === 201);
const unacked = [...keys].filter(([, k]) => !isAcked(k)).map(([key]) => key);
const ackedReplay = [...keys].filter(([, k]) => isAcked(k) && Math.random() < REPLAY_ACKED).map(([key]) => key);
const idsBeforeReplay = new Map([...keys].map(([key, k]) => [key, new Set(k.ids)]));
sendLat = [];
{
  const replayQueue = [...unacked, ...ackedReplay];
  let next = 0;
  await Promise.all(
    Array.from({ length: WIDTH }, async () => {
      while (next < replayQueue.length) await send(replayQueue[next++]!);
    }),
  );
}
const replayLat = [...sendLat];

// ── Verify ──
const stored = (
  await sql<{ employee_id: number; idempotency_key: string; id: number; n: number }>`
  select employee_id, idempotency_key, min(id) as id, count(*)::int as n from skp_daily_logs
  where employee_id = any(${staff.map((p) => p.employeeId)}) group by employee_id, idempotency_key`.execute(database.db)
).rows;
const byKey = new Map(stored.map((r) => [r.idempotency_key, r]));
const problems: string[] = [];
const note = (s: string) => problems.length < 20 && problems.push(s);
let lost = 0;
let ackedBeforeKill = 0;
for (const [key, log] of keys) {
  const row = byKey.get(key);
  if (idsBeforeReplay.get(key)!.size) ackedBeforeKill++;
  if (!row) {
    lost++;
    note(`key ${key}: ${log.statuses.join('/')} but not stored`);
    continue;
  }
  if (row.employee_id !== log.employee) note(`key ${key}: stored for ${row.employee_id}, sent by ${log.employee}`);
  if (log.ids.size !== 1 || !log.ids.has(row.id))
    note(`key ${key}: stored id ${row.id}, answered ${[...log.ids].join(', ')}`);
  if (log.statuses.filter((s) => s === 201).length > 1) note(`key ${key}: answered 201 more than once`);
}
const doubled = stored.filter((r) => r.n !== 1).length;
const strangers = stored.filter((r) => !keys.has(r.idempotency_key)).length;
if (doubled) note(`${doubled} (employee, key) pairs stored more than once`);
if (strangers) note(`${strangers} stored keys were never sent`);
const errors = [...keys.values()].flatMap((k) => k.statuses).filter((s) => s !== 0 && s !== 200 && s !== 201).length;
if (errors) note(`${errors} log sends answered neither 201 nor 200: ${failures.slice(0, 3).join(' | ')}`);
const approvedRows = Number(
  (
    await q(`select count(*) from skp_daily_logs where status = 'disetujui' and employee_id = any($1)`, [
      staff.map((p) => p.employeeId),
    ])
  ).rows[0].count,
);
if (approvedRows < approvedAcked) note(`${approvedAcked} approvals answered, ${approvedRows} logs approved`);

// ── Report ──
const pgVersion = (await q('show server_version')).rows[0].server_version as string;
const stats = (l: number[]) => {
  const s = [...l].sort((a, b) => a - b);
  return {
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    max: s[s.length - 1] ?? NaN,
    n: s.length,
  };
};
const line = (label: string, l: number[]) => {
  const s = stats(l);
  return `${label.padEnd(40)} p50 ${s.p50.toFixed(1).padStart(6)} ms   p95 ${s.p95.toFixed(1).padStart(6)} ms   p99 ${s.p99.toFixed(1).padStart(6)} ms   max ${s.max.toFixed(0)} ms   (${s.n})`;
};
const sendS = stats(peak.send);
const apprS = stats(peak.approve);
console.log(`\nPamong E-Kinerja month-end bench — PostgreSQL ${pgVersion}, ${new Date().toISOString()}`);
console.log(
  `${cpus().length} cores shared by the load generator (this process), 1 app instance (child process, DB_POOL_SIZE=${POOL}) and PostgreSQL; machine busy before the run: ${(background * 100).toFixed(0)} %`,
);
console.log(
  `${staff.length} employees × ${LOGS_PER} logs over ${SECONDS} s (${(total / SECONDS).toFixed(1)} logs/s, open loop), ${SUPERIORS} superiors bulk-approving every ${APPROVE_EVERY} s; ${(RETRY * 100).toFixed(0)} % of logs sent twice with the same key\n`,
);
console.log(
  `${raw.label.padEnd(40)} ${raw.perSecond.toFixed(0)} rows/s   p50 ${raw.p50.toFixed(1)} ms   p99 ${raw.p99.toFixed(1)} ms   (${raw.count} rows)`,
);
console.log(line(`log submission (${(peak.send.length / peakSeconds).toFixed(1)} req/s)`, peak.send));
console.log(line(`bulk approval (${peak.approvals} calls, ${peak.approvedAcked} logs)`, peak.approve));
console.log(line('superior queue fetch', peak.queue));
console.log(`    ${peakCpu.text}`);
const ratio = (x: number) => (x / raw.p99).toFixed(2);
const met = (p: number) => (p < 200 && p <= 4 * raw.p99 ? 'MET' : 'NOT MET');
console.log(
  `\ntarget p99 < 200 ms and ≤ 4× INSERT p99 (${(4 * raw.p99).toFixed(1)} ms): log submission ${met(sendS.p99)} (${sendS.p99.toFixed(1)} ms, ${ratio(sendS.p99)}×), bulk approval ${met(apprS.p99)} (${apprS.p99.toFixed(1)} ms, ${ratio(apprS.p99)}×)`,
);
console.log(
  `\ncrash: ${crashSends} more logs over ${crashSeconds.toFixed(1)} s, app killed (${died}) ${((killAt - crashStart) / 1000).toFixed(1)} s in with ${inFlightAtKill} log sends on the wire, restarted in ${restartSeconds.toFixed(1)} s; replayed ${unacked.length} unacknowledged + ${ackedReplay.length} acknowledged keys`,
);
console.log(line('replay after restart', replayLat));
console.log(
  `verified: ${keys.size} keys sent (${keysBeforeCrash} in the peak), ${ackedBeforeKill} acknowledged before the replay, ${stored.length} stored, ${lost} lost, ${doubled} duplicated, ${strangers} strangers; ${approvedRows} logs approved (${approvedAcked} approvals answered)`,
);
console.log(
  problems.length
    ? `VERIFICATION FAILED:\n  ${problems.join('\n  ')}`
    : 'VERIFICATION OK: 0 lost (every acknowledged key stored with its id, every key stored after the replay), 0 duplicated (one row per employee and key)',
);

await http.close();
await server.stop('SIGTERM');
await database.close();
rmSync(dataDir, { recursive: true, force: true });
process.exit(problems.length ? 1 : 0);
