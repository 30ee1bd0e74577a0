// Layanan warga on PostgreSQL with 50 concurrent connections: submissions and
// approvals through the real HTTP API, next to the raw single-row INSERT rate
// of the same database measured in the same run, and letter PDFs per second.
// The app runs as a child process of src/server.ts (what `npm start` runs),
// like bench/presensi.ts, so the load generator (this process, undici) and the
// app each have a process of their own; BENCH_INSTANCES=2 runs two instances
// on the one database behind a round-robin, BENCH_INSTANCES=0 runs the app
// inside this process instead (app and load generator then share one core).
// Run on purpose: `npx tsx bench/layanan.ts` (needs the local PostgreSQL).
//   BENCH_N=3000 DB_POOL_SIZE=10 BENCH_INSTANCES=1; BENCH_PROF / BENCH_NODE_ARGS: profiling (server-process.ts).
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import PDFDocument from 'pdfkit';
import { Pool } from 'undici';
import { loadConfig } from '../src/config.js';
import { createApp } from '../src/app.js';
import { systemClock } from '../src/lib/clock.js';
import { generateSigningKey } from '../src/kernel/signing.js';
import { createAccount, createFamily, ctxOf } from '../src/seed/factories.js';
import { createRepos, createServices } from '../src/wiring.js';
import { BENCH_DB, freshBenchDatabase, measure, print } from './lib.js';
import { cpuMeter } from './cpu.js';
import { measureRawInsert } from './raw-insert.js';
import { benchNodeArgs, freePort, startServer, type ServerProcess } from './server-process.js';

const WIDTH = 50;
const N = Number(process.env.BENCH_N ?? 3000);
// Database connections of the app: its default (10) unless DB_POOL_SIZE says otherwise. On two
// cores, 50 connections (one per client) measured slower: more backends contend for the same cores.
const POOL = Number(process.env.DB_POOL_SIZE ?? 10);
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 1);
const IN_PROCESS = INSTANCES === 0;

const database = await freshBenchDatabase(POOL);
const secrets = { SESSION_SECRET: randomBytes(32).toString('hex'), DATA_KEY: randomBytes(32).toString('base64') };
const signing = generateSigningKey();
const config = loadConfig({
  NODE_ENV: 'test',
  ...secrets,
  DATA_DIR: '/tmp/pamong-bench',
  DB_POOL_SIZE: String(POOL),
  CITY_CODE: '35.74',
});
const repos = createRepos();
const services = createServices(database, repos, systemClock, config, { signingKey: signing.key });
await services.regions.importCity('35.74');
await services.letters.ensureKeyRegistered();
await services.catalogue.seedDefaults();
const servers: ServerProcess[] = [];
let app: Awaited<ReturnType<typeof createApp>> | null = null;
const origins: string[] = [];
if (IN_PROCESS) {
  app = await createApp({ config, services, logger: false });
  origins.push(await app.listen({ port: 0, host: '127.0.0.1' }));
} else {
  // One after the other: each bootstrap runs the (idempotent) migrations and seeds.
  for (let k = 0; k < INSTANCES; k++) {
    const s = await startServer(
      {
        NODE_ENV: 'development',
        LOG_LEVEL: 'warn',
        WORKERS: 'false',
        DEMO_SEED: 'false',
        DATABASE_URL: BENCH_DB,
        DB_POOL_SIZE: String(POOL),
        DATA_DIR: '/tmp/pamong-bench',
        CITY_CODE: '35.74',
        SIGNING_KEY_PEM: signing.privatePem,
        ...secrets,
      },
      { port: await freePort(), timeoutMs: 60_000, nodeArgs: benchNodeArgs() },
    );
    servers.push(s);
    origins.push(s.url);
  }
}
// The clients' connections spread over the instances, as a load balancer would.
const pools = origins.map(
  (o) => new Pool(o, { connections: Math.ceil(WIDTH / origins.length), pipelining: 1, keepAliveTimeout: 60_000 }),
);
let rr = 0;
const post = async (path: string, headers: Record<string, string>, body: unknown) => {
  const res = await pools[rr++ % pools.length]!.request({ path, method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.statusCode, text: await res.body.text() };
};
const cpu = cpuMeter(database.pool, () => servers.map((s) => s.pid));

// One kelurahan, one RW, one RT with a family; the RT head files, the RW head approves.
const db = database.db;
const kel = '35.74.01.1001';
const admin = await createAccount(db, repos, {
  username: 'bench.admin',
  fullName: 'Admin',
  role: 'admin_kota',
  regionCode: '35.74',
  password: 'bench-password-1',
});
const actx = ctxOf({ ...admin, role: 'admin_kota' });
const rw = await services.regions.createChild(actx, kel, { number: '1' });
const rt = await services.regions.createChild(actx, rw.code, { number: '1' });
let serial = 1;
const fam = await createFamily(services, actx, rt.code, () => serial++);
await createAccount(db, repos, {
  username: 'bench.rt',
  fullName: 'Ketua RT',
  role: 'ketua_rt',
  regionCode: rt.code,
  password: 'bench-password-1',
});
await createAccount(db, repos, {
  username: 'bench.rw',
  fullName: 'Ketua RW',
  role: 'ketua_rw',
  regionCode: rw.code,
  password: 'bench-password-1',
});
await createAccount(db, repos, {
  username: 'bench.lurah',
  fullName: 'Lurah',
  role: 'lurah',
  regionCode: kel,
  password: 'bench-password-1',
});
const token = async (u: string) =>
  (
    JSON.parse(
      (
        await post(
          '/api/v1/auth/login',
          { 'content-type': 'application/json' },
          { loginId: u, password: 'bench-password-1' },
        )
      ).text,
    ) as { token: string }
  ).token;
const rtAuth = { authorization: `Bearer ${await token('bench.rt')}`, 'content-type': 'application/json' };
const rwAuth = { authorization: `Bearer ${await token('bench.rw')}`, 'content-type': 'application/json' };

const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(30_000)]).toString('base64');
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  randomBytes(30_000),
]).toString('base64');

// 1. Raw single-row INSERT rate of this database, 50 in flight.
const rawPool = new pg.Pool({ connectionString: BENCH_DB, max: WIDTH });
const raw = await measureRawInsert(rawPool, N * 2, WIDTH);
await rawPool.end();

/** A measured phase, with what each process spent on it. */
async function phase(label: string, total: number, task: (i: number) => Promise<void>) {
  const c = await cpu.snapshot();
  const f = await measure(label, total, WIDTH, task);
  return { ...f, cpu: (await cpu.since(c, f.seconds, total)).text };
}

// 2. Submissions through HTTP (two 30 KB photos each, like a phone after compression).
const ids: number[] = [];
const submit = await phase('POST /api/v1/requests (submit)', N, async () => {
  const res = await post('/api/v1/requests', rtAuth, {
    idempotencyKey: randomBytes(12).toString('hex'),
    letterType: 'domisili',
    residentId: fam.ids[0],
    purpose: 'bench',
    fields: {},
    attachments: [
      { kind: 'ktp', contentBase64: jpeg },
      { kind: 'kk', contentBase64: png },
    ],
  });
  if (res.status !== 201) throw new Error(`submit ${res.status} ${res.text}`);
  ids.push((JSON.parse(res.text) as { id: number }).id);
});

// 3. Approvals through HTTP (RW stage → kelurahan).
const approve = await phase('POST /api/v1/requests/:id/actions (approve)', ids.length, async (i) => {
  const res = await post(`/api/v1/requests/${ids[i]}/actions`, rwAuth, { action: 'approve' });
  if (res.status !== 200) throw new Error(`approve ${res.status} ${res.text}`);
});

// 4. Final approvals at the kelurahan: each issues a numbered, signed letter.
const lurahAuth = { authorization: `Bearer ${await token('bench.lurah')}`, 'content-type': 'application/json' };
const issueN = Math.min(1000, ids.length);
const issue = await phase('approve at kelurahan (issues signed letter)', issueN, async (i) => {
  const res = await post(`/api/v1/requests/${ids[i]}/actions`, lurahAuth, { action: 'approve' });
  if (res.status !== 200) throw new Error(`issue ${res.status} ${res.text}`);
});
const seqs = await db
  .selectFrom('letters')
  .select((eb) => [
    eb.fn.count<string>('seq').as('n'),
    eb.fn.max('seq').as('max'),
    sql<string>`count(distinct number)`.as('distinct'),
  ])
  .executeTakeFirstOrThrow();

console.log(
  `\nPamong layanan bench — PostgreSQL, ${WIDTH} concurrent connections (undici keep-alive, this process), app ${IN_PROCESS ? 'inside this process' : `as ${INSTANCES} child process(es) of src/server.ts`}, DB_POOL_SIZE=${POOL}, ${new Date().toISOString()}`,
);
print(raw);
for (const f of [submit, approve, issue]) {
  print(f);
  console.log(`    ${f.cpu}`);
}
console.log(`letters issued: ${seqs.n}, highest number ${seqs.max}, distinct numbers ${seqs.distinct}`);
console.log(`submit  / raw insert = ${(submit.perSecond / raw.perSecond).toFixed(3)}`);
console.log(`approve / raw insert = ${(approve.perSecond / raw.perSecond).toFixed(3)}`);

let pdf: { renderLetterPdf?: (...a: never[]) => Promise<Buffer> } = {};
try {
  pdf = (await import('../src/modules/letters/pdf.js')) as typeof pdf;
} catch {
  console.log('letter PDF: module not available');
}
if (pdf.renderLetterPdf) {
  const letter = await db.selectFrom('letters').select('payload').limit(1).executeTakeFirst();
  const payload = letter?.payload ?? null;
  if (payload) {
    const render = pdf.renderLetterPdf as unknown as (
      p: unknown,
      o: { fullNik: string | null; verifyUrl: string; cityName: string },
    ) => Promise<Buffer>;
    // Baseline of the same run: pdfkit's cost for a one-page document with one line of text.
    const bare = await measure('bare pdfkit page (baseline, 2 in flight)', 400, 2, async () => {
      const doc = new PDFDocument({ size: 'A4' });
      const done = new Promise<void>((ok) => doc.on('end', ok));
      doc.on('data', () => undefined);
      doc.text('Pamong');
      doc.end();
      await done;
    });
    const f = await measure('letter PDF render (in process, 2 in flight)', 400, 2, async () => {
      await render(payload, {
        fullNik: '3574011601790002',
        verifyUrl: `${origins[0]}/v/ABCDEFGHJK`,
        cityName: 'Kota Probolinggo',
      });
    });
    print(bare);
    print(f);
    console.log(`letter PDF / bare pdfkit page = ${(f.perSecond / bare.perSecond).toFixed(3)}`);
  } else console.log('letter PDF: no letter issued in this run');
}

for (const p of pools) await p.close();
await app?.close();
for (const s of servers) await s.stop('SIGTERM');
await database.close();
