// E-Surat search on PostgreSQL at city scale (issue 15, "Done when"): 100,000 generated Indonesian incoming
// naskah across the units of a city (perihal, senders and body text from bench/naskah-words.ts, classification
// codes from the shipped Permendagri 83/2022 reference data, a text layer of 200–400 words for 30 % of them, a
// few dispositions), then p50/p95/p99 of the scoped search (search-repo.ts with the real visibleTo) for common
// and rare terms as a unit's staff, as an OPD head and as the city admin, against an indexed lookup by agenda
// number under the same rule, measured in the same run. Target: search p95 < 100 ms and within 3× of the
// lookup. Prints the plan of the slowest search (EXPLAIN ANALYZE).
// Run on purpose: `npx tsx bench/naskah-search.ts` (BENCH_N=100000, BENCH_RUNS=60, BENCH_TEXT_SHARE=0.3).
// Database: BENCH_NASKAH_URL, default postgres://postgres@127.0.0.1:5432/bench_naskah, created and dropped here.
import { createHash, randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { fixedClock } from '../src/lib/clock.js';
import { generateSigningKey } from '../src/kernel/signing.js';
import type { Ctx } from '../src/kernel/context.js';
import { createAccount, ctxOf } from '../src/seed/factories.js';
import { createRepos, createServices } from '../src/wiring.js';
import { percentile } from './lib.js';
import { BODY, PERIHAL_HEAD, PERIHAL_TOPIC, RARE, SENDERS } from './naskah-words.js';

const N = Number(process.env.BENCH_N ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const TEXT_SHARE = Number(process.env.BENCH_TEXT_SHARE ?? 0.3);
const URL_ = process.env.BENCH_NASKAH_URL ?? 'postgres://postgres@127.0.0.1:5432/bench_naskah';
const CITY = '35.74';
const DB_NAME = new URL(URL_).pathname.slice(1);
const adminUrl = URL_.replace(/\/[^/]*$/, '/postgres');

async function admin(sqlText: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(sqlText);
  await c.end();
}
// BENCH_REUSE=1: measure the database a previous run kept (BENCH_KEEP=1), after applying new migrations.
const REUSE = process.env.BENCH_REUSE === '1';
if (!REUSE) {
  await admin(`drop database if exists ${DB_NAME} with (force)`);
  await admin(`create database ${DB_NAME}`);
}
const database = await openDatabase({ databaseUrl: URL_, dataDir: '', poolSize: 4 });
await migrate(database.pool);
const q = (text: string, params: unknown[] = []) => database.pool.query(text, params);

// A deterministic generator: the same data each run. mulberry32 (32-bit state, full period, passes the usual
// statistical batteries well enough for a bench); the earlier 31-bit LCG gave successive draws that were
// correlated (the unit, then the year/day, then the class of one naskah came from consecutive states).
let seed = 42;
const rnd = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let z = seed;
  z = Math.imul(z ^ (z >>> 15), z | 1);
  z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
  return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[], skew = 1) => xs[Math.floor(Math.pow(rnd(), skew) * xs.length)]!;

try {
  const config = loadConfig({
    NODE_ENV: 'test',
    SESSION_SECRET: randomBytes(32).toString('hex'),
    DATA_KEY: randomBytes(32).toString('base64'),
    DATA_DIR: '/tmp/pamong-bench',
    CITY_CODE: CITY,
  });
  const repos = createRepos();
  const services = createServices(database, repos, fixedClock('2026-12-01T03:00:00.000Z'), config, {
    signingKey: generateSigningKey().key,
  });
  async function seed() {
    await services.regions.importCity(CITY);
    await services.catalogue.seedDefaults();
    const adminUser = await createAccount(database.db, repos, {
      username: 'admin.surat',
      fullName: 'Admin Surat',
      role: 'admin_kota',
      regionCode: CITY,
      password: 'bench-sandi-rahasia-1',
    });
    const ctx = ctxOf({ ...adminUser, role: 'admin_kota' });

    // The units: 8 OPD, each with two bidang (24 units); naskah go to all of them.
    const OPD = ['DISDIK', 'DINKES', 'BAPPEDA', 'BPKAD', 'DISDUKCAPIL', 'DINSOS', 'DPUPR', 'SETDA'];
    const units: { id: number; path: string; code: string; opd: string }[] = [];
    for (const code of OPD) {
      const top = await services.employees.createUnit(ctx, { code, name: `Unit ${code}`, kind: 'opd' });
      units.push({ id: top.id, path: top.path, code, opd: top.path });
      for (const b of ['B1', 'B2']) {
        const u = await services.employees.createUnit(ctx, {
          code: `${code}-${b}`,
          name: `Bidang ${b} ${code}`,
          kind: 'bidang',
          parentId: top.id,
        });
        units.push({ id: u.id, path: u.path, code: `${code}-${b}`, opd: top.path });
      }
    }
    // People: per OPD a head and two staff (dispositions go to them).
    const people: { id: number; opd: string; head: boolean }[] = [];
    let nipSerial = 0;
    for (const u of units.filter((x) => x.path === x.opd)) {
      for (const head of [true, false, false]) {
        const nip = `19800101200501${1}${String(++nipSerial).padStart(3, '0')}`;
        const r = await services.employees.createEmployee(ctx, {
          nip,
          fullName: `Pegawai ${nipSerial}`,
          kind: 'PNS',
          position: head ? 'Kepala' : 'Analis',
          unitId: u.id,
          startDate: '2020-01-02',
        });
        if (head) await services.employees.setUnitHead(ctx, u.id, r.id);
        people.push({ id: r.id, opd: u.path, head });
      }
    }
    const codes = (await q(`select code, name from classification_codes where active and code ~ '^[0-9]{3}\\.'`))
      .rows as { code: string; name: string }[];
    const pdf = Buffer.from('%PDF-1.4\n% bench\n%%EOF\n');
    const fileId = (
      await q(
        `insert into stored_files (sha256, mime, size_bytes, content) values ($1, 'application/pdf', $2, $3)
             returning id`,
        [createHash('sha256').update(pdf).digest('hex'), pdf.length, pdf],
      )
    ).rows[0].id as number;
    const sha = createHash('sha256').update(pdf).digest('hex');
    const kinds = ['surat_biasa', 'undangan', 'nota_dinas', 'surat_edaran', 'surat_tugas'];
    const classes = (r: number) =>
      r < 0.85 ? 'biasa' : r < 0.93 ? 'terbatas' : r < 0.98 ? 'rahasia' : 'sangat_rahasia';
    const urg = ['biasa', 'biasa', 'biasa', 'segera', 'sangat_segera', 'kilat'];

    // The naskah, in batches of 2,000 (unnest of arrays).
    const seq = new Map<string, number>();
    const BATCH = 2000;
    for (let start = 0; start < N; start += BATCH) {
      const cols: unknown[][] = Array.from({ length: 17 }, () => []);
      const texts: { i: number; body: string }[] = [];
      for (let i = start; i < Math.min(N, start + BATCH); i++) {
        const u = pick(units, 1.3);
        const year = i < N / 2 ? 2025 : 2026;
        const k = `${u.id}/${year}`;
        const s = (seq.get(k) ?? 0) + 1;
        seq.set(k, s);
        const cls = pick(codes);
        const day = new Date(Date.UTC(year, 0, 2) + Math.floor(rnd() * 330) * 86_400_000);
        const d = day.toISOString().slice(0, 10);
        const sender = pick(SENDERS, 1.5);
        const abbr = sender
          .split(' ')
          .map((w) => w[0])
          .join('')
          .toUpperCase();
        const values = [
          u.id,
          pick(kinds),
          year,
          s,
          `${s}/${u.code}/${year}`,
          sender,
          `${cls.code}/${Math.floor(rnd() * 900) + 100}/${abbr}/${year}`,
          d,
          d,
          `${pick(PERIHAL_HEAD, 1.6)} ${pick(PERIHAL_TOPIC, 1.4)}`,
          cls.code,
          cls.name,
          classes(rnd()),
          pick(urg),
          `bench${String(i).padStart(8, '0')}`,
          new Date(day.getTime() + 3 * 3_600_000).toISOString(),
          i,
        ];
        values.forEach((v, c) => cols[c]!.push(v));
        if (rnd() < TEXT_SHARE) {
          const words: string[] = [];
          const n = 200 + Math.floor(rnd() * 200);
          for (let w = 0; w < n; w++) words.push(pick(BODY, 1.2));
          // A rare word in one text of every 997 (about 34 of 100,000 naskah).
          if (i % 997 === 0) words.push(RARE[(i / 997) % RARE.length]!);
          texts.push({ i, body: words.join(' ') });
        }
      }
      const ids = (
        await q(
          `insert into naskah (region_code, unit_id, direction, kind_code, agenda_year, agenda_seq, agenda_number,
           sender_instansi, sender_number, sender_date, received_date, perihal, classification_code,
           classification_name, security_class, urgency, file_id, file_sha256, idempotency_key, created_by,
           created_at, updated_at)
         select $18, u, 'masuk', k, y, s, a, si, sn, sd::date, rd::date, p, cc, cn, sc, ur, $19, $20, key, $21,
                at::timestamptz, at::timestamptz
         from unnest($1::int[], $2::text[], $3::int[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[],
                     $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[],
                     $16::text[], $17::int[]) with ordinality
              as x(u, k, y, s, a, si, sn, sd, rd, p, cc, cn, sc, ur, key, at, i)
         order by x.i
         returning id`,
          [...cols, CITY, fileId, sha, adminUser.id],
        )
      ).rows.map((r: { id: number }) => r.id);
      const withText = new Map(texts.map((t) => [t.i, t.body]));
      const all = ids.map((id, k) => ({ id, body: withText.get(start + k) ?? '' }));
      await q(
        `insert into naskah_texts (naskah_id, unit_id, file_id, status, pages_read, pages_total, body)
       select n, u, $2, case when b = '' then 'kosong' else 'ada' end, 1, 1, b
       from unnest($1::int[], $3::text[], $4::int[]) as x(n, b, u)`,
        [all.map((a) => a.id), fileId, all.map((a) => a.body), cols[0]!],
      );
      // 3 %: disposed from the OPD's head to one of its staff.
      const disp = ids.filter(() => rnd() < 0.03);
      for (const id of disp) {
        const staff = people.filter((p) => !p.head);
        const to = pick(staff);
        const from = people.find((p) => p.head && p.opd === to.opd)!;
        await q(
          `insert into naskah_dispositions (naskah_id, from_employee_id, to_employee_id, instructions, due_date,
           created_by) values ($1, $2, $3, '{tindak_lanjuti}', '2026-12-31', $4)`,
          [id, from.id, to.id, adminUser.id],
        );
      }
    }
  }
  const t0 = performance.now();
  if (!REUSE) await seed();
  await q('analyze');
  const counts = (
    await q(`select (select count(*) from naskah)::int as naskah,
                    (select count(*) from naskah_texts where status = 'ada')::int as texts,
                    (select count(*) from naskah_dispositions)::int as dispositions,
                    (select count(*) from org_units)::int as units,
                    pg_size_pretty(pg_total_relation_size('naskah_texts')) as text_size`)
  ).rows[0];
  console.log(
    `${REUSE ? 'reused' : 'seeded'} ${counts.naskah} naskah (${counts.texts} with a text layer, ${counts.text_size}), ${counts.dispositions} dispositions, ${counts.units} units in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );

  // The viewers as people signed in: the first OPD's head (its 3 units) and one of its staff, and the city admin.
  // Lookup and search both go through the service a page calls (correspondence.list: the viewer's units, desks
  // and Plt./Plh. from the staff register, then search-service — an agenda number looked up, words searched).
  const userCtx = async (where: string, params: unknown[]) => {
    const u = (await q(`select id, role, region_code, resident_id, full_name from users where ${where}`, params))
      .rows[0];
    return ctxOf(u);
  };
  const opd = (await q(`select id, path, head_employee_id from org_units where code = 'DISDIK'`)).rows[0] as {
    id: number;
    path: string;
    head_employee_id: number;
  };
  const staffId = (
    await q(`select id from employees where unit_id = $1 and id <> $2 order by id limit 1`, [
      opd.id,
      opd.head_employee_id,
    ])
  ).rows[0].id as number;
  const viewers: Record<string, Ctx> = {
    'staff (one OPD)': await userCtx('id = (select user_id from employees where id = $1)', [staffId]),
    'OPD head (3 units)': await userCtx('id = (select user_id from employees where id = $1)', [opd.head_employee_id]),
    'city admin': await userCtx(`username = 'admin.surat'`, []),
  };
  const terms = ['rapat', 'laporan keuangan', 'stunting', RARE[0]!, 'posyandu imunisasi', 'tidakadakatasemacamini'];
  const KIND: Record<string, string> = {
    rapat: 'common',
    'laporan keuangan': 'two words',
    stunting: 'common',
    [RARE[0]!]: 'rare',
    'posyandu imunisasi': 'two words, text only',
    tidakadakatasemacamini: 'absent',
  };
  for (const term of terms) {
    const n = (
      await q(
        `select (select count(*) from naskah where search @@ websearch_to_tsquery('simple', $1))::int as meta,
                (select count(*) from naskah_texts where search @@ websearch_to_tsquery('simple', $1))::int as text`,
        [term],
      )
    ).rows[0];
    const plan = await services.correspondence.search.repo.plan(database.db, term, { offset: 0, limit: 51 });
    console.log(
      `term "${term}": ${n.meta} naskah by metadata, ${n.text} by text (city-wide, before scoping); ways: metadata ${plan.meta}, text ${plan.text}`,
    );
  }

  const time = async (runs: number, task: (i: number) => Promise<unknown>) => {
    for (let i = 0; i < 5; i++) await task(i); // warm up
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await task(i);
      ms.push(performance.now() - t);
    }
    ms.sort((a, b) => a - b);
    return { p50: percentile(ms, 50), p95: percentile(ms, 95), p99: percentile(ms, 99) };
  };
  const fmt = (f: { p50: number; p95: number; p99: number }) =>
    `p50 ${f.p50.toFixed(2).padStart(7)}  p95 ${f.p95.toFixed(2).padStart(7)}  p99 ${f.p99.toFixed(2).padStart(7)} ms`;
  const agendas = (
    await q(`select agenda_number from naskah where unit_id = $1 order by random() limit 1000`, [opd.id])
  ).rows.map((r: { agenda_number: string }) => r.agenda_number);
  const C = services.correspondence;
  const rows: string[] = [];
  const verdicts: string[] = [];
  for (const [name, ctx] of Object.entries(viewers)) {
    // The same number of runs for both, interleaved term by term, so a busy moment hits both alike.
    let hits = 0;
    const lookup = await time(RUNS, async (i) => {
      hits += (await C.list(ctx, { q: agendas[i % agendas.length]! })).items.length;
    });
    console.log(`\n${name}\n  agenda-number lookup (${hits} found)`.padEnd(40) + fmt(lookup));
    rows.push(
      `| ${name} | agenda-number lookup | ${lookup.p50.toFixed(2)} | ${lookup.p95.toFixed(2)} | ${lookup.p99.toFixed(2)} | 1.0 |`,
    );
    for (const term of terms) {
      let found = 0;
      const f = await time(RUNS, async () => {
        found = (await C.list(ctx, { q: term })).items.length;
      });
      const ratio = f.p95 / lookup.p95;
      console.log(
        `  search "${term}"`.padEnd(38) + `${fmt(f)}   ×${ratio.toFixed(1)} of lookup p95   (${found} rows on page 1)`,
      );
      rows.push(
        `| ${name} | "${term}" (${KIND[term]}; ${found} on page 1) | ${f.p50.toFixed(2)} | ${f.p95.toFixed(2)} | ${f.p99.toFixed(2)} | ${ratio.toFixed(1)} |`,
      );
      if (f.p95 >= 100 || ratio > 3)
        verdicts.push(`${name} "${term}": p95 ${f.p95.toFixed(1)} ms, ×${ratio.toFixed(1)}`);
    }
  }
  console.log('\n| viewer | query | p50 ms | p95 ms | p99 ms | p95 ÷ lookup p95 |\n|---|---|---|---|---|---|');
  console.log(rows.join('\n'));
  console.log(
    verdicts.length ? `\nmissed:\n${verdicts.join('\n')}` : '\nevery search: p95 < 100 ms and ≤ 3× the lookup',
  );
  // Both ways on the same searches, to show the choice is right (BENCH_WAYS=1).
  if (process.env.BENCH_WAYS === '1') {
    const adminV = await C.viewer(viewers['city admin']!);
    const headV = await C.viewer(viewers['OPD head (3 units)']!);
    for (const [vn, v] of [
      ['admin', adminV],
      ['head', headV],
    ] as const)
      for (const term of terms)
        for (const way of ['walk', 'gin'] as const) {
          const ids = async (w: 'walk' | 'gin') =>
            (await C.search.search(v, { userId: 1, q: term, limit: 51, offset: 0 }, { meta: w, text: w }))
              .map((r) => r.id)
              .join();
          if (way === 'walk' && (await ids('walk')) !== (await ids('gin')))
            throw new Error(`${vn} "${term}": the two ways disagree`);
          const f = await time(10, () =>
            C.search.search(v, { userId: 1, q: term, limit: 51, offset: 0 }, { meta: way, text: way }),
          );
          console.log(`  ${vn} "${term}" both parts by ${way}: ${fmt(f)}`);
        }
  }
  console.log(
    `\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
} finally {
  await database.close();
  if (process.env.BENCH_KEEP !== '1') await admin(`drop database if exists ${DB_NAME} with (force)`);
}
