// Layanan warga on PostgreSQL with 50 concurrent connections: submissions and
// approvals through the real HTTP API, next to the raw single-row INSERT rate
// of the same database measured in the same run, and letter PDFs per second.
// Run on purpose: `npx tsx bench/layanan.ts` (needs the local PostgreSQL).
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { Agent, setGlobalDispatcher } from 'undici';
import { loadConfig } from '../src/config.js';
import { createApp } from '../src/http/app.js';
import { systemClock } from '../src/lib/clock.js';
import { generateSigningKey } from '../src/modules/letters/keys.js';
import { createAccount, createFamily, ctxOf } from '../src/seed/factories.js';
import { createRepos, createServices } from '../src/wiring.js';
import { BENCH_DB, freshBenchDatabase, measure, print } from './lib.js';
import { measureRawInsert } from './raw-insert.js';

const WIDTH = 50;
const N = Number(process.env.BENCH_N ?? 3000);
// Database connections of the app: its default (10) unless DB_POOL_SIZE says otherwise. On two
// cores, 50 connections (one per client) measured slower: more backends contend for the same cores.
const POOL = Number(process.env.DB_POOL_SIZE ?? 10);
setGlobalDispatcher(new Agent({ connections: WIDTH, pipelining: 1, keepAliveTimeout: 30_000 }));

const database = await freshBenchDatabase(POOL);
const config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: randomBytes(32).toString('hex'), DATA_KEY: randomBytes(32).toString('base64'), DATA_DIR: '/tmp/pamong-bench', DB_POOL_SIZE: String(POOL), CITY_CODE: '35.74' });
const repos = createRepos();
const services = createServices(database, repos, systemClock, config, { signingKey: generateSigningKey().key });
await services.regions.importCity('35.74');
await services.letters.ensureKeyRegistered();
await services.catalogue.seedDefaults();
const app = await createApp({ config, services, logger: false });
const address = await app.listen({ port: 0, host: '127.0.0.1' });

// One kelurahan, one RW, one RT with a family; the RT head files, the RW head approves.
const db = database.db;
const kel = '35.74.01.1001';
const admin = await createAccount(db, repos, { username: 'bench.admin', fullName: 'Admin', role: 'admin_kota', regionCode: '35.74', password: 'bench-password-1' });
const actx = ctxOf({ ...admin, role: 'admin_kota' });
const rw = await services.regions.createChild(actx, kel, { number: '1' });
const rt = await services.regions.createChild(actx, rw.code, { number: '1' });
let serial = 1;
const fam = await createFamily(services, actx, rt.code, () => serial++);
await createAccount(db, repos, { username: 'bench.rt', fullName: 'Ketua RT', role: 'ketua_rt', regionCode: rt.code, password: 'bench-password-1' });
await createAccount(db, repos, { username: 'bench.rw', fullName: 'Ketua RW', role: 'ketua_rw', regionCode: rw.code, password: 'bench-password-1' });
await createAccount(db, repos, { username: 'bench.lurah', fullName: 'Lurah', role: 'lurah', regionCode: kel, password: 'bench-password-1' });
const token = async (u: string) => ((await (await fetch(`${address}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ loginId: u, password: 'bench-password-1' }) })).json()) as { token: string }).token;
const rtAuth = { authorization: `Bearer ${await token('bench.rt')}`, 'content-type': 'application/json' };
const rwAuth = { authorization: `Bearer ${await token('bench.rw')}`, 'content-type': 'application/json' };

const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(30_000)]).toString('base64');
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(30_000)]).toString('base64');

// 1. Raw single-row INSERT rate of this database, 50 in flight.
const rawPool = new pg.Pool({ connectionString: BENCH_DB, max: WIDTH });
const raw = await measureRawInsert(rawPool, N * 2, WIDTH);
await rawPool.end();

// 2. Submissions through HTTP (two 30 KB photos each, like a phone after compression).
const ids: number[] = [];
const submit = await measure('POST /api/v1/requests (submit)', N, WIDTH, async () => {
  const res = await fetch(`${address}/api/v1/requests`, {
    method: 'POST',
    headers: rtAuth,
    body: JSON.stringify({ idempotencyKey: randomBytes(12).toString('hex'), letterType: 'domisili', residentId: fam.ids[0], purpose: 'bench', fields: {}, attachments: [{ kind: 'ktp', contentBase64: jpeg }, { kind: 'kk', contentBase64: png }] }),
  });
  if (res.status !== 201) throw new Error(`submit ${res.status} ${await res.text()}`);
  ids.push(((await res.json()) as { id: number }).id);
});

// 3. Approvals through HTTP (RW stage → kelurahan).
const approve = await measure('POST /api/v1/requests/:id/actions (approve)', ids.length, WIDTH, async (i) => {
  const res = await fetch(`${address}/api/v1/requests/${ids[i]}/actions`, { method: 'POST', headers: rwAuth, body: JSON.stringify({ action: 'approve' }) });
  if (res.status !== 200) throw new Error(`approve ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
});

// 4. Final approvals at the kelurahan: each issues a numbered, signed letter.
const lurahAuth = { authorization: `Bearer ${await token('bench.lurah')}`, 'content-type': 'application/json' };
const issueN = Math.min(1000, ids.length);
const issue = await measure('approve at kelurahan (issues signed letter)', issueN, WIDTH, async (i) => {
  const res = await fetch(`${address}/api/v1/requests/${ids[i]}/actions`, { method: 'POST', headers: lurahAuth, body: JSON.stringify({ action: 'approve' }) });
  if (res.status !== 200) throw new Error(`issue ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
});
const seqs = await db.selectFrom('letters').select((eb) => [eb.fn.count<string>('seq').as('n'), eb.fn.max('seq').as('max'), sql<string>`count(distinct number)`.as('distinct')]).executeTakeFirstOrThrow();

console.log(`\nPamong layanan bench — PostgreSQL ${database.kind}, ${WIDTH} concurrent connections, DB_POOL_SIZE=${POOL}, ${new Date().toISOString()}`);
for (const f of [raw, submit, approve, issue]) print(f);
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
    const render = pdf.renderLetterPdf as unknown as (p: unknown, o: { fullNik: string | null; verifyUrl: string; cityName: string }) => Promise<Buffer>;
    const f = await measure('letter PDF render (in process, 2 in flight)', 400, 2, async () => {
      await render(payload, { fullNik: '3574011601790002', verifyUrl: `${address}/v/ABCDEFGHJK`, cityName: 'Kota Probolinggo' });
    });
    print(f);
  } else console.log('letter PDF: no letter issued in this run');
}

await app.close();
await database.close();
