// E-Kinerja follow-up (issue 16, items 4, 7 and 8) through HTTP: the superior's feedback and behaviour notes (from
// the approval queue, read marks, shown again on the evaluation form); the heads' dashboard, whose figures must equal
// independent SQL counts on a seeded scenario; the BKN export, whose JSON validates against
// docs/bkn-export.schema.json (Ajv 2020) and whose CSV rows match the data.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/lib/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createEmployee, createUnit, type TestEmployee } from '../helpers/staff.js';

// Thursday 5 March 2026, 10:00 WIB: the week began on Monday 2 March.
const NOW = '2026-03-05T03:00:00Z';
const WEEK = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05'];
const clock = fixedClock('2026-02-20T02:00:00Z');
let t: TestApp;
let admin: Awaited<ReturnType<TestApp['createUser']>>;
let kadis: TestEmployee;
let kabidA: TestEmployee;
let kabidB: TestEmployee;
let a1: TestEmployee;
let a2: TestEmployee;
let a3: TestEmployee;
let b1: TestEmployee;
let opd: { id: number; path: string };
let bidA: { id: number; path: string };
const skp: Record<string, number> = {};
const rhk: Record<string, number> = {};
const logs: Record<string, number> = {};
const BEHAVIOURS = ['berorientasi_pelayanan', 'akuntabel', 'kompeten', 'harmonis', 'loyal', 'adaptif', 'kolaboratif'];

type Who = { cookies: Record<string, string>; csrf: string };
const form = (who: Who, url: string, fields: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url,
    cookies: who.cookies,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
  });
const page = (who: Who, url: string) => t.app.inject({ method: 'GET', url, cookies: who.cookies });
const api = (who: { auth: { authorization: string } }, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: who.auth, ...(payload !== undefined ? { payload: payload as object } : {}) });

/** An agreed SKP of 2026 with one main result and its indicator. */
async function agreedSkp(who: TestEmployee, appraiser: TestEmployee, text: string) {
  const id = await t.services.skp.create(who.ctx, 2026);
  const rid = await t.services.skp.addResult(who.ctx, id, { kind: 'utama', text });
  await t.services.skp.addIndicator(who.ctx, id, {
    resultId: rid,
    text: 'Jumlah berkas selesai',
    aspect: 'kuantitas',
    target: '24',
    unitLabel: 'berkas',
  });
  await t.services.skp.submit(who.ctx, id);
  await t.services.skp.agree(appraiser.ctx, id);
  return { id, rid };
}
async function log(who: TestEmployee, key: string, day: string, rid: number) {
  const r = await t.services.skpLogs.submit(who.ctx, {
    idempotencyKey: key,
    logDate: day,
    target: `${rid}:`,
    quantity: '1',
    minutes: '60',
    description: `Berkas ${key}`,
  });
  // The row's created_at is the database's now(): seed the submission time the scenario needs.
  await sql`update skp_daily_logs set created_at = ${clock.now()} where id = ${r.log.id}`.execute(t.db);
  return r.log.id;
}
const rateAll = (rid: number, rating: string) => ({
  results: { [String(rid)]: rating },
  behaviours: Object.fromEntries(BEHAVIOURS.map((c) => [c, rating])),
});

beforeAll(async () => {
  t = await createTestApp({ clock, config: { SESSION_TTL_HOURS: '720' } });
  const area = await t.createArea();
  admin = await t.createUser('admin_kota', area.city);
  opd = await createUnit(t, admin, { name: 'Dinas Pantau' });
  bidA = await createUnit(t, admin, { parentId: opd.id, name: 'Bidang Arsip' });
  const bidB = await createUnit(t, admin, { parentId: opd.id, name: 'Bidang Berkas' });
  kadis = await createEmployee(t, admin, { unitId: opd.id, name: 'Kadis Pantau', head: true });
  kabidA = await createEmployee(t, admin, { unitId: bidA.id, name: 'Kabid Arsip', head: true });
  kabidB = await createEmployee(t, admin, { unitId: bidB.id, name: 'Kabid Berkas', head: true });
  a1 = await createEmployee(t, admin, { unitId: bidA.id, name: 'Staf Arsip Satu' });
  a2 = await createEmployee(t, admin, { unitId: bidA.id, name: 'Staf Arsip Dua' });
  a3 = await createEmployee(t, admin, { unitId: bidA.id, name: 'Staf Arsip Tiga' });
  b1 = await createEmployee(t, admin, { unitId: bidB.id, name: 'Staf Berkas Satu' });
  for (const [k, who, up] of [
    ['a1', a1, kabidA],
    ['a2', a2, kabidA],
    ['b1', b1, kabidB],
  ] as const) {
    const r = await agreedSkp(who, up, `Tertatanya berkas ${k}`);
    skp[k] = r.id;
    rhk[k] = r.rid;
  }
  // Wednesday 25 February: a2 logs Tuesday's work (waits 6 working days by 5 March: late at 3).
  clock.set('2026-02-25T03:00:00Z');
  logs.a2old = await log(a2, 'a2-old-0001', '2026-02-24', rhk.a2!);
  // This week: a1 on Tuesday (waits 2 working days), b1 on Wednesday twice, one approved.
  clock.set('2026-03-03T03:00:00Z');
  logs.a1 = await log(a1, 'a1-week-0001', '2026-03-03', rhk.a1!);
  clock.set('2026-03-04T03:00:00Z');
  logs.b1 = await log(b1, 'b1-week-0001', '2026-03-04', rhk.b1!);
  logs.b1ok = await log(b1, 'b1-week-0002', '2026-03-04', rhk.b1!);
  await t.services.skpLogs.review(kabidB.ctx, [logs.b1ok!], 'disetujui');
  clock.set(NOW);
  // Annual evaluations: a1 Sangat Baik, b1 Baik; the kadis rates bidang Arsip Istimewa.
  await t.services.skpEval.evaluate(kabidA.ctx, skp.a1!, '2026', rateAll(rhk.a1!, 'di_atas'));
  await t.services.skpEval.evaluate(kabidB.ctx, skp.b1!, '2026', rateAll(rhk.b1!, 'sesuai'));
  await t.services.skpEval.setOrgRating(kadis.ctx, bidA.id, 2026, 'istimewa');
});
afterAll(async () => {
  await t.close();
});

describe('feedback and behaviour notes', () => {
  let fbId = 0;

  it('the superior writes feedback about a log from the approval queue, with a behaviour note', async () => {
    const queue = (await page(kabidA, '/skp/persetujuan')).body;
    expect(queue).toContain(`href="/skp/${skp.a1}/umpan-balik?log=${logs.a1}"`);
    const form1 = await page(kabidA, `/skp/${skp.a1}/umpan-balik?log=${logs.a1}`);
    expect(form1.statusCode).toBe(200);
    expect(form1.body).toContain(`name="logId" value="${logs.a1}"`);
    const r = await form(kabidA, `/skp/${skp.a1}/umpan-balik`, {
      logId: String(logs.a1),
      message: 'Berkas rapi dan dikerjakan bersama tim.',
      behaviour: 'kolaboratif',
      tone: 'positif',
    });
    expect(r.statusCode, r.body.slice(0, 1500)).toBe(303);
    const row = await sql<{ id: number; author_id: number; employee_id: number; log_id: number; read_at: null }>`
      select id, author_id, employee_id, log_id, read_at from skp_feedback where skp_id = ${skp.a1!}`.execute(t.db);
    expect(row.rows).toHaveLength(1);
    expect(row.rows[0]).toMatchObject({ author_id: kabidA.id, employee_id: a1.id, log_id: logs.a1, read_at: null });
    fbId = row.rows[0]!.id;
    const audit = await sql<{ n: number }>`
      select count(*)::int as n from audit_log where action = 'skp.feedback_given' and entity_id = ${String(fbId)}`.execute(
      t.db,
    );
    expect(audit.rows[0]!.n).toBe(1);
  });

  it('refuses a behaviour without its direction, another employee’s log, and strangers', async () => {
    const half = await form(kabidA, `/skp/${skp.a1}/umpan-balik`, { message: 'Catatan', behaviour: 'loyal' });
    expect(half.statusCode).toBe(422);
    expect(half.body).toContain('Pilih arah catatan perilaku');
    expect(half.body).toContain('Catatan');
    const wrongLog = await form(kabidA, `/skp/${skp.a1}/umpan-balik`, {
      message: 'Tentang laporan lain',
      logId: String(logs.a2old),
    });
    expect(wrongLog.statusCode).toBe(422);
    expect(wrongLog.body).toContain('bukan milik pegawai');
    // Another bidang's head and a colleague cannot see the SKP; the owner may not write to themself.
    expect((await form(kabidB, `/skp/${skp.a1}/umpan-balik`, { message: 'Penyusup' })).statusCode).toBe(404);
    expect((await form(a2, `/skp/${skp.a1}/umpan-balik`, { message: 'Penyusup' })).statusCode).toBe(404);
    expect((await form(a1, `/skp/${skp.a1}/umpan-balik`, { message: 'Diri sendiri' })).statusCode).toBe(403);
    // The head above may (entitled to approve the logs too), through the API.
    const viaApi = await api(kadis, 'POST', `/api/v1/skp/${skp.a1}/feedback`, { message: 'Pertahankan ketelitian.' });
    expect(viaApi.statusCode, viaApi.body).toBe(201);
    const n = await sql<{ n: number }>`select count(*)::int as n from skp_feedback where skp_id = ${skp.a1!}`.execute(
      t.db,
    );
    expect(n.rows[0]!.n).toBe(2);
  });

  it('the employee sees it on the daily-log and SKP pages, and marks it read once', async () => {
    const mine = (await page(a1, '/skp/harian')).body;
    expect(mine).toContain('Berkas rapi dan dikerjakan bersama tim.');
    expect(mine).toContain(`data-testid="feedback-unread-${fbId}"`);
    expect(mine).toContain('Catatan positif: Kolaboratif');
    expect((await page(a1, `/skp/${skp.a1}`)).body).toContain('Pertahankan ketelitian.');
    // Someone else cannot mark it.
    expect((await form(a2, `/skp/umpan-balik/${fbId}/dibaca`, { back: '/skp/harian' })).statusCode).toBe(404);
    const mark = await form(a1, `/skp/umpan-balik/${fbId}/dibaca`, { back: '/skp/harian' });
    expect(mark.statusCode).toBe(303);
    expect(mark.headers.location).toBe('/skp/harian');
    expect((await form(a1, `/skp/umpan-balik/${fbId}/dibaca`)).statusCode).toBe(303);
    const read = await sql<{ read_at: Date | null }>`select read_at from skp_feedback where id = ${fbId}`.execute(t.db);
    expect(read.rows[0]!.read_at?.toISOString()).toBe(new Date(NOW).toISOString());
    const audits = await sql<{ n: number }>`
      select count(*)::int as n from audit_log where action = 'skp.feedback_read' and entity_id = ${String(fbId)}`.execute(
      t.db,
    );
    expect(audits.rows[0]!.n).toBe(1);
    const json = await api(a1, 'GET', `/api/v1/skp/${skp.a1}/feedback`);
    const items = (json.json() as { items: { id: number; readAt: string | null; behaviour: string | null }[] }).items;
    expect(items.find((i) => i.id === fbId)).toMatchObject({
      readAt: new Date(NOW).toISOString(),
      behaviour: 'kolaboratif',
    });
    expect((await page(a1, '/skp/harian')).body).toContain(`data-testid="feedback-read-${fbId}"`);
  });

  it("the appraiser sees the period's notes next to the behaviour ratings", async () => {
    const march = (await page(kabidA, `/skp/${skp.a1}/evaluasi?periode=2026-03`)).body;
    const notes = /data-testid="eval-notes-kolaboratif">([\s\S]*?)<\/ul>/.exec(march)?.[1] ?? '';
    expect(notes).toContain('Berkas rapi dan dikerjakan bersama tim.');
    expect(march).not.toContain('data-testid="eval-notes-loyal"');
    // February's form has none: the note was written in March.
    expect((await page(kabidA, `/skp/${skp.a1}/evaluasi?periode=2026-02`)).body).not.toContain('eval-notes-');
  });
});

describe("the heads' dashboard", () => {
  type Dash = {
    logging: { workingDays: string[]; people: number; notLogged: number; list: { id: number }[] };
    waiting: {
      total: number;
      oldest: string | null;
      perApprover: { approver_id: number; waiting: number; late: number }[];
    };
    lateApprovers: { approver_id: number }[];
    distribution: {
      overall: Record<string, number>;
      organisations: { id: number; rating: string | null; counts: Record<string, number>; warnings: unknown[] }[];
    };
  };
  const dash = async (who: { auth: { authorization: string } }) => {
    const r = await api(who, 'GET', '/api/v1/skp/pantau?period=2026');
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as Dash;
  };

  /** Independent counts for a viewer reaching the units under `path` (their own row left out). */
  async function expected(path: string, self: number) {
    const people = await sql<{ id: number; logged: boolean }>`
      select e.id, exists (select 1 from skp_daily_logs l where l.employee_id = e.id
                            and l.log_date between '2026-03-02' and '2026-03-05') as logged
        from employees e join org_units o on o.id = e.unit_id
       where (o.path = ${path} or o.path like ${path + '/%'}) and e.active and e.id <> ${self}`.execute(t.db);
    // Late: submitted before Monday 2 March 00:00 WIB (more than 3 working days before Thursday 5 March).
    const waiting = await sql<{ appraiser_id: number; n: number; late: number }>`
      select p.appraiser_id, count(*)::int as n,
             count(*) filter (where l.created_at < '2026-03-01T17:00:00Z')::int as late
        from skp_daily_logs l join skp_plans p on p.id = l.skp_id
        join employees e on e.id = l.employee_id join org_units o on o.id = e.unit_id
       where l.status = 'diajukan' and (o.path = ${path} or o.path like ${path + '/%'}) and e.id <> ${self}
       group by p.appraiser_id order by p.appraiser_id`.execute(t.db);
    const predikat = await sql<{ predikat: string; n: number }>`
      select v.predikat, count(*)::int as n from skp_evaluations v join skp_plans p on p.id = v.skp_id
       where v.period = '2026' and p.status <> 'diganti' and (p.unit_path = ${path} or p.unit_path like ${path + '/%'})
         and p.employee_id <> ${self}
       group by v.predikat`.execute(t.db);
    return {
      people: people.rows.length,
      notLogged: people.rows
        .filter((r) => !r.logged)
        .map((r) => r.id)
        .sort(),
      waiting: waiting.rows,
      predikat: Object.fromEntries(predikat.rows.map((r) => [r.predikat, r.n])),
    };
  }

  it("equals independent SQL counts for the kadis (the OPD's subtree)", async () => {
    const d = await dash(kadis);
    const e = await expected(opd.path, kadis.id);
    expect(d.logging.workingDays).toEqual(WEEK);
    expect(d.logging.people).toBe(e.people);
    expect(d.logging.people).toBe(6);
    expect(d.logging.notLogged).toBe(e.notLogged.length);
    expect(d.logging.list.map((x) => x.id).sort()).toEqual(e.notLogged);
    expect(e.notLogged).toEqual([kabidA.id, kabidB.id, a2.id, a3.id].sort());
    expect(d.waiting.total).toBe(e.waiting.reduce((n, w) => n + w.n, 0));
    expect(d.waiting.total).toBe(3);
    expect(
      d.waiting.perApprover
        .map((a) => ({ appraiser_id: a.approver_id, n: a.waiting, late: a.late }))
        .sort((x, y) => x.appraiser_id - y.appraiser_id),
    ).toEqual(e.waiting);
    expect(d.waiting.oldest).toBe(new Date('2026-02-25T03:00:00Z').toISOString());
    expect(d.lateApprovers.map((a) => a.approver_id)).toEqual([kabidA.id]);
    const counts = Object.fromEntries(Object.entries(d.distribution.overall).filter(([, n]) => n > 0));
    expect(counts).toEqual(e.predikat);
    expect(counts).toEqual({ sangat_baik: 1, baik: 1 });
    // The kadis's own OPD (no rating) and bidang Arsip (Istimewa: 1 of 1 Sangat Baik breaks "at most 70 %").
    const arsip = d.distribution.organisations.find((o) => o.id === bidA.id)!;
    expect(arsip.rating).toBe('istimewa');
    expect(arsip.counts.sangat_baik).toBe(1);
    expect(arsip.warnings.length).toBeGreaterThan(0);
    expect(d.distribution.organisations.find((o) => o.id === opd.id)!.warnings).toEqual([]);
  });

  it('narrows to the bidang for its head and to the city for the admin; nothing for plain staff', async () => {
    const d = await dash(kabidA);
    const e = await expected(bidA.path, kabidA.id);
    expect(d.logging.people).toBe(e.people);
    expect(d.logging.people).toBe(3);
    expect(d.logging.list.map((x) => x.id).sort()).toEqual([a2.id, a3.id].sort());
    expect(d.waiting.perApprover.map((a) => [a.approver_id, a.waiting, a.late])).toEqual([[kabidA.id, 2, 1]]);
    const city = await dash(admin);
    expect(city.logging.people).toBe((await expected(opd.path, 0)).people);
    expect(city.logging.people).toBe(7);
    const staff = await dash(b1);
    expect(staff.logging.people).toBe(0);
    expect(staff.waiting.total).toBe(0);
    expect((await page(b1, '/skp/pantau')).body).toContain('data-testid="pantau-none"');
  });

  it('is in the menu of those who oversee someone (heads, the admin), not of plain staff', async () => {
    const menuHas = async (who: Who, href: string) =>
      /<nav[\s\S]*?<\/nav>/.exec((await page(who, '/skp')).body)![0].includes(`href="${href}"`);
    for (const href of ['/skp/pantau', '/skp/ekspor-bkn']) {
      expect(await menuHas(kadis, href)).toBe(true);
      expect(await menuHas(kabidA, href)).toBe(true);
      expect(await menuHas(admin, href)).toBe(true);
      expect(await menuHas(b1, href)).toBe(false);
    }
  });

  it('the page is phone-first (lists and cards, no table) and shows the same figures', async () => {
    const html = (await page(kadis, '/skp/pantau')).body;
    expect(html).not.toContain('<table');
    expect(/data-testid="pantau-not-logged">(\d+)</.exec(html)?.[1]).toBe('4');
    expect(/data-testid="pantau-waiting">(\d+)</.exec(html)?.[1]).toBe('3');
    expect(html).toContain(`data-testid="pantau-approver-${kabidA.id}"`);
    expect(html).toContain(`data-testid="pantau-org-${bidA.id}-warnings"`);
    // Wednesday 25 February 10:00 WIB, six working days.
    expect(html).toContain('25 Februari 2026');
    expect(html).toContain('(6 hari kerja)');
  });
});

describe('the BKN export', () => {
  const schema = JSON.parse(readFileSync(new URL('../../docs/bkn-export.schema.json', import.meta.url), 'utf8'));
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  const validate = ajv.compile(schema);

  it('JSON validates against the schema and carries every SKP of the city with its NIP and predikat', async () => {
    const r = await api(admin, 'GET', '/api/v1/skp/bkn-export?year=2026&period=2026');
    expect(r.statusCode, r.body).toBe(200);
    const doc = r.json() as {
      jumlah: number;
      catatan: string;
      data: {
        pegawai: { nama: string; identitas: { jenis: string; nomor: string } };
        pejabat_penilai: { identitas: { nomor: string } } | null;
        skp: { id: number; hasil_kerja: { indikator: unknown[] }[]; perilaku_kerja: unknown[] };
        penilaian: { predikat: string; predikat_teks: string } | null;
      }[];
    };
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.catatan).toContain('perlu dikonfirmasi');
    expect(createHash('sha256').update(r.rawPayload).digest('hex')).toBe(r.headers['x-content-sha256']);
    const live = await sql<{ id: number; nip: string; predikat: string | null }>`
      select p.id, e.nip, v.predikat from skp_plans p join employees e on e.id = p.employee_id
        left join skp_evaluations v on v.skp_id = p.id and v.period = '2026'
       where p.year = 2026 and p.status <> 'diganti' and p.unit_path like ${opd.path.split('/')[0] + '/%'}
       order by p.id`.execute(t.db);
    expect(doc.jumlah).toBe(live.rows.length);
    expect(doc.data.map((d) => d.skp.id).sort((x, y) => x - y)).toEqual(live.rows.map((x) => x.id));
    const one = doc.data.find((d) => d.skp.id === skp.a1)!;
    expect(one.pegawai.identitas).toEqual({ jenis: 'NIP', nomor: a1.nip });
    expect(one.pejabat_penilai?.identitas.nomor).toBe(kabidA.nip);
    expect(one.penilaian).toMatchObject({ predikat: 'sangat_baik', predikat_teks: 'Sangat Baik' });
    expect(one.skp.hasil_kerja[0]!.indikator).toHaveLength(1);
    expect(one.skp.perilaku_kerja).toHaveLength(7);
    // A schema that can fail: a record without its NIP does not validate.
    const broken = structuredClone(doc) as { data: { pegawai: { identitas: Record<string, unknown> } }[] };
    delete broken.data[0]!.pegawai.identitas.nomor;
    expect(validate(broken)).toBe(false);
  });

  it('CSV rows match the data for the kadis; audited with the hash; scoped and checked', async () => {
    const r = await page(kadis, '/skp/ekspor-bkn/unduh?tahun=2026&periode=2026&format=csv');
    expect(r.statusCode, r.body.slice(0, 500)).toBe(200);
    expect(r.headers['content-type']).toContain('text/csv');
    const [head, ...rows] = r.body
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));
    const col = (name: string) => head!.indexOf(name);
    const want = await sql<{ id: number; full_name: string; nip: string; predikat: string | null; n: number }>`
      select p.id, u.full_name, e.nip, v.predikat,
             (select count(*)::int from skp_results r where r.skp_id = p.id and r.kind = 'utama') as n
        from skp_plans p join employees e on e.id = p.employee_id join users u on u.id = e.user_id
        left join skp_evaluations v on v.skp_id = p.id and v.period = '2026'
       where p.year = 2026 and p.status <> 'diganti' and (p.unit_path = ${opd.path} or p.unit_path like ${opd.path + '/%'})
       order by p.id`.execute(t.db);
    expect(rows).toHaveLength(want.rows.length);
    for (const w of want.rows) {
      const row = rows.find((x) => Number(x[col('skp_id')]) === w.id)!;
      expect(row[col('nama')]).toBe(w.full_name);
      expect(row[col('jenis_identitas')]).toBe('NIP');
      expect(row[col('nomor_identitas')]).toBe(w.nip);
      expect(row[col('predikat')]).toBe(w.predikat ?? '');
      expect(Number(row[col('jumlah_rhk_utama')])).toBe(w.n);
    }
    const hash = createHash('sha256').update(r.rawPayload).digest('hex');
    expect(r.headers['x-content-sha256']).toBe(hash);
    const audit = await sql<{ details: { sha256: string; rows: number } }>`
      select details from audit_log where action = 'skp.bkn_exported' order by id desc limit 1`.execute(t.db);
    expect(audit.rows[0]!.details).toMatchObject({ sha256: hash, rows: want.rows.length });

    // Another bidang's head cannot name bidang Arsip; plain staff get only their own SKP; a wrong period is refused.
    expect((await page(kabidB, `/skp/ekspor-bkn/unduh?tahun=2026&unit=${bidA.id}&format=csv`)).statusCode).toBe(404);
    const own = await api(a2, 'GET', '/api/v1/skp/bkn-export?year=2026');
    expect((own.json() as { data: { skp: { id: number } }[] }).data.map((d) => d.skp.id)).toEqual([skp.a2]);
    const bad = await page(kadis, '/skp/ekspor-bkn/unduh?tahun=2026&periode=2025-01&format=csv');
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Isi periode');
    expect((await page(kadis, '/skp/ekspor-bkn')).body).toContain('perlu dikonfirmasi');
  });
});
