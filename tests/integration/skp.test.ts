// E-Kinerja SKP through HTTP (issue 16, item 1 and the cascade of "Done when"): a three-level tree —
// kepala dinas → kepala bidang → staff — built through the forms, shown on the tree page, and refused when a cycle
// or another unit's parent is attempted; submit, return with a note, agree, and a new version after agreement;
// who sees which SKP.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/lib/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createEmployee, createUnit, type TestEmployee } from '../helpers/staff.js';
import { multipart } from '../helpers/multipart.js';
import { SMALL_JPEG } from '../helpers/uploads.js';

const clock = fixedClock('2026-03-02T02:00:00Z');
let t: TestApp;
let admin: Awaited<ReturnType<TestApp['createUser']>>;
let kadis: TestEmployee;
let kabidA: TestEmployee;
let kabidB: TestEmployee;
let staffA: TestEmployee;
let staffB: TestEmployee;
const skp = { kadis: 0, kabidA: 0, kabidB: 0, staffA: 0, staffB: 0 };
const rhk = { kadis: 0, kabidA: 0, kabidB: 0, staffA: 0, staffB: 0 };

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

async function openSkp(who: TestEmployee) {
  const r = await form(who, '/skp', { year: '2026' });
  expect(r.statusCode).toBe(303);
  return Number(/\/skp\/(\d+)/.exec(r.headers.location as string)![1]);
}
async function addResult(who: TestEmployee, id: number, text: string, parent?: number) {
  const r = await form(who, `/skp/${id}/rhk`, { kind: 'utama', text, parentId: parent ? String(parent) : '' });
  expect(r.statusCode, r.body.slice(0, 2000)).toBe(303);
  const row = await sql<{ id: number }>`select id from skp_results where skp_id = ${id} and text = ${text}`.execute(
    t.db,
  );
  return row.rows[0]!.id;
}
const addIndicator = (who: TestEmployee, id: number, resultId: number) =>
  form(who, `/skp/${id}/indikator`, {
    resultId: String(resultId),
    indicator: 'Jumlah dokumen yang diselesaikan',
    aspect: 'kuantitas',
    target: '12',
    unitLabel: 'dokumen',
  });

beforeAll(async () => {
  t = await createTestApp({ clock });
  const area = await t.createArea();
  admin = await t.createUser('admin_kota', area.city);
  const opd = await createUnit(t, admin, { name: 'Dinas Kependudukan' });
  const bidA = await createUnit(t, admin, { parentId: opd.id, name: 'Bidang Pelayanan' });
  const bidB = await createUnit(t, admin, { parentId: opd.id, name: 'Bidang Data' });
  kadis = await createEmployee(t, admin, { unitId: opd.id, name: 'Kepala Dinas', head: true });
  kabidA = await createEmployee(t, admin, { unitId: bidA.id, name: 'Kabid Pelayanan', head: true });
  kabidB = await createEmployee(t, admin, { unitId: bidB.id, name: 'Kabid Data', head: true });
  staffA = await createEmployee(t, admin, { unitId: bidA.id, name: 'Staf Pelayanan' });
  staffB = await createEmployee(t, admin, { unitId: bidB.id, name: 'Staf Data' });
});
afterAll(async () => {
  await t.close();
});

describe('SKP cascade', () => {
  it('builds kepala dinas → kepala bidang → staff', async () => {
    skp.kadis = await openSkp(kadis);
    // Opening twice gives the same SKP.
    expect(await openSkp(kadis)).toBe(skp.kadis);
    rhk.kadis = await addResult(kadis, skp.kadis, 'Meningkatnya kualitas pelayanan administrasi kependudukan');
    skp.kabidA = await openSkp(kabidA);
    rhk.kabidA = await addResult(kabidA, skp.kabidA, 'Terlaksananya pelayanan dokumen tepat waktu', rhk.kadis);
    skp.kabidB = await openSkp(kabidB);
    rhk.kabidB = await addResult(kabidB, skp.kabidB, 'Tersedianya data penduduk yang mutakhir', rhk.kadis);
    skp.staffA = await openSkp(staffA);
    rhk.staffA = await addResult(staffA, skp.staffA, 'Terselesaikannya berkas permohonan KTP', rhk.kabidA);
    skp.staffB = await openSkp(staffB);

    // The staff's form offers the kabid's and the kadis's results, not the other bidang's.
    const html = (await page(staffA, `/skp/${skp.staffA}`)).body;
    expect(html).toContain('Terlaksananya pelayanan dokumen tepat waktu');
    expect(html).not.toContain('Tersedianya data penduduk yang mutakhir');

    const tree = await t.services.skp.tree(kadis.ctx, 2026);
    expect(tree.map((n) => n.id)).toContain(rhk.kadis);
    const top = tree.find((n) => n.id === rhk.kadis)!;
    expect(top.children.map((n) => n.id).sort()).toEqual([rhk.kabidA, rhk.kabidB].sort());
    expect(top.children.find((n) => n.id === rhk.kabidA)!.children.map((n) => n.id)).toEqual([rhk.staffA]);

    const treePage = await page(kadis, '/skp/pohon?tahun=2026');
    expect(treePage.statusCode).toBe(200);
    for (const id of [rhk.kadis, rhk.kabidA, rhk.kabidB, rhk.staffA])
      expect(treePage.body).toContain(`data-testid="skp-tree-${id}"`);
    // Nested: the staff's result inside the kabid's list item, which is inside the kadis's.
    const at = (id: number) => treePage.body.indexOf(`skp-tree-${id}`);
    expect(at(rhk.kadis)).toBeLessThan(at(rhk.kabidA));
    expect(at(rhk.kabidA)).toBeLessThan(at(rhk.staffA));
  });

  it("refuses another unit's parent, a cycle, and itself, saying why", async () => {
    const cross = await form(staffA, `/skp/${skp.staffA}/rhk`, {
      kind: 'utama',
      text: 'Hasil yang salah tempat',
      parentId: String(rhk.kabidB),
    });
    expect(cross.statusCode).toBe(422);
    expect(cross.body).toContain('bukan dari unit lain');

    // The kabid's result pointed at the staff's result that supports it: a loop.
    const cycle = await form(kabidA, `/skp/${skp.kabidA}/rhk/${rhk.kabidA}/atasan`, { parentId: String(rhk.staffA) });
    expect(cycle.statusCode).toBe(422);
    expect(cycle.body).toContain('lingkaran');
    const self = await form(kabidA, `/skp/${skp.kabidA}/rhk/${rhk.kabidA}/atasan`, { parentId: String(rhk.kabidA) });
    expect(self.statusCode).toBe(422);
    // The head pointing down at the staff's result: another unit (below), refused.
    const down = await form(kadis, `/skp/${skp.kadis}/rhk/${rhk.kadis}/atasan`, { parentId: String(rhk.staffA) });
    expect(down.statusCode).toBe(422);
    const parents = await sql<{ id: number; parent_result_id: number | null }>`
      select id, parent_result_id from skp_results where id in (${rhk.kadis}, ${rhk.kabidA})`.execute(t.db);
    const parentOf = new Map(parents.rows.map((r) => [r.id, r.parent_result_id]));
    expect(parentOf.get(rhk.kadis)).toBeNull();
    expect(parentOf.get(rhk.kabidA)).toBe(rhk.kadis);
  });
});

describe('SKP agreement', () => {
  it('refuses to submit without an indicator, then submit → return with a note → submit → agree', async () => {
    const bare = await form(staffA, `/skp/${skp.staffA}/ajukan`);
    expect(bare.statusCode).toBe(422);
    expect(bare.body).toContain('belum punya indikator');
    const badTarget = await form(staffA, `/skp/${skp.staffA}/indikator`, {
      resultId: String(rhk.staffA),
      indicator: 'Jumlah berkas',
      aspect: 'kuantitas',
      target: 'banyak',
      unitLabel: 'berkas',
    });
    expect(badTarget.statusCode).toBe(422);
    expect(badTarget.body).toContain('Isi target dengan angka');
    expect((await addIndicator(staffA, skp.staffA, rhk.staffA)).statusCode).toBe(303);
    expect((await form(staffA, `/skp/${skp.staffA}/ajukan`)).statusCode).toBe(303);

    // The other bidang's head cannot agree; the appraiser returns it with a note.
    expect((await form(kabidB, `/skp/${skp.staffA}/setujui`)).statusCode).toBe(404);
    const back = await form(kabidA, `/skp/${skp.staffA}/kembalikan`, { note: 'Tambahkan target waktu layanan.' });
    expect(back.statusCode).toBe(303);
    expect((await page(staffA, `/skp/${skp.staffA}`)).body).toContain('Tambahkan target waktu layanan.');
    expect((await form(staffA, `/skp/${skp.staffA}/ajukan`)).statusCode).toBe(303);

    // The appraiser sets expectations and agrees; agreeing twice is refused as moved on.
    const exp = await form(kabidA, `/skp/${skp.staffA}/ekspektasi`, {
      exp_berorientasi_pelayanan: 'Melayani pemohon dengan ramah dan tuntas.',
    });
    expect(exp.statusCode).toBe(303);
    expect((await form(kabidA, `/skp/${skp.staffA}/setujui`)).statusCode).toBe(303);
    expect((await form(kabidA, `/skp/${skp.staffA}/setujui`)).statusCode).toBe(409);
    // No more edits on the agreed version.
    const late = await form(staffA, `/skp/${skp.staffA}/rhk`, { kind: 'tambahan', text: 'Tambahan terlambat' });
    expect(late.statusCode).toBe(409);
  });

  it('changes after agreement make a new version; the old one is kept', async () => {
    const r = await form(staffA, `/skp/${skp.staffA}/versi-baru`);
    expect(r.statusCode).toBe(303);
    const v2 = Number(/\/skp\/(\d+)/.exec(r.headers.location as string)![1]);
    const rows = await sql<{ id: number; version: number; status: string }>`
      select id, version, status from skp_plans where employee_id = ${staffA.id} order by version`.execute(t.db);
    expect(rows.rows.map((x) => [x.version, x.status])).toEqual([
      [1, 'diganti'],
      [2, 'draf'],
    ]);
    const copied = await sql<{ text: string; parent_result_id: number | null; n: number }>`
      select r.text, r.parent_result_id, (select count(*)::int from skp_indicators i where i.result_id = r.id) as n
        from skp_results r where r.skp_id = ${v2}`.execute(t.db);
    expect(copied.rows).toEqual([
      { text: 'Terselesaikannya berkas permohonan KTP', parent_result_id: rhk.kabidA, n: 1 },
    ]);
    const behaviour = await sql<{ expectation: string }>`
      select expectation from skp_behaviours where skp_id = ${v2} and code = 'berorientasi_pelayanan'`.execute(t.db);
    expect(behaviour.rows[0]!.expectation).toBe('Melayani pemohon dengan ramah dan tuntas.');
  });
});

describe('SKP access', () => {
  it("shows an SKP to its owner, appraiser, heads above and the city admin — not to another unit's staff", async () => {
    expect((await page(staffA, `/skp/${skp.kabidA}`)).statusCode).toBe(404);
    expect((await page(staffB, `/skp/${skp.staffA}`)).statusCode).toBe(404);
    expect((await page(kabidB, `/skp/${skp.staffA}`)).statusCode).toBe(404);
    expect((await page(kabidA, `/skp/${skp.staffA}`)).statusCode).toBe(200);
    expect((await page(kadis, `/skp/${skp.staffA}`)).statusCode).toBe(200);
    expect((await page(admin, `/skp/${skp.staffA}`)).statusCode).toBe(200);
    const list = (await page(kabidA, '/skp?tahun=2026')).body;
    expect(list).toContain('Staf Pelayanan');
    expect(list).not.toContain('Staf Data');
    // Someone else's SKP cannot be changed by its viewers.
    expect((await form(kadis, `/skp/${skp.kabidB}/rhk`, { kind: 'utama', text: 'Bukan milik saya' })).statusCode).toBe(
      403,
    );
  });
});

describe('daily logs', () => {
  let indicatorId = 0;
  const sendLog = (who: TestEmployee, fields: Record<string, string>, photo = false) => {
    const body = multipart(
      { _csrf: who.csrf, ...fields },
      photo ? [{ name: 'evidence', filename: 'bukti.jpg', type: 'image/jpeg', content: SMALL_JPEG }] : [],
    );
    return t.app.inject({
      method: 'POST',
      url: '/skp/harian',
      cookies: who.cookies,
      headers: body.headers,
      payload: body.payload,
    });
  };
  const log = (key: string, over: Record<string, string> = {}) => ({
    idempotencyKey: key,
    logDate: '2026-03-02',
    target: `${rhk.staffB}:${indicatorId}`,
    quantity: '1',
    minutes: '90',
    description: 'Memutakhirkan data kelahiran',
    ...over,
  });

  it('opens after agreement with monthly plans proposed from the annual target', async () => {
    const closed = await page(staffB, '/skp/harian');
    expect(closed.body).toContain('setelah SKP tahun ini disetujui');
    rhk.staffB = await addResult(staffB, skp.staffB, 'Termutakhirkannya data penduduk', rhk.kabidB);
    expect((await addIndicator(staffB, skp.staffB, rhk.staffB)).statusCode).toBe(303);
    expect((await form(staffB, `/skp/${skp.staffB}/ajukan`)).statusCode).toBe(303);
    expect((await form(kabidB, `/skp/${skp.staffB}/setujui`)).statusCode).toBe(303);
    const ind = await sql<{ id: number }>`select i.id from skp_indicators i where i.result_id = ${rhk.staffB}`.execute(
      t.db,
    );
    indicatorId = ind.rows[0]!.id;
    // 12 a year agreed in March: March to December, 12 over 10 months, the remainder first.
    const plans = await sql<{ month: number; target: string }>`
      select month, target::text from skp_monthly_plans where indicator_id = ${indicatorId} order by month`.execute(
      t.db,
    );
    expect(plans.rows.map((r) => [r.month, Number(r.target)])).toEqual([
      [3, 2],
      [4, 2],
      [5, 1],
      [6, 1],
      [7, 1],
      [8, 1],
      [9, 1],
      [10, 1],
      [11, 1],
      [12, 1],
    ]);
  });

  it('takes a log with a photo once, however often the phone resends it', async () => {
    const first = await sendLog(staffB, log('log-staffb-0001'), true);
    expect(first.statusCode, first.body.slice(0, 1500)).toBe(303);
    expect((await sendLog(staffB, log('log-staffb-0001'), true)).statusCode).toBe(303);
    const rows = await sql<{ n: number; f: number }>`
      select count(*)::int as n, count(evidence_file_id)::int as f from skp_daily_logs
       where employee_id = ${staffB.id} and idempotency_key = 'log-staffb-0001'`.execute(t.db);
    expect(rows.rows[0]).toEqual({ n: 1, f: 1 });
    expect((await sendLog(staffB, log('log-staffb-0002', { quantity: '2' }))).statusCode).toBe(303);
  });

  it('answers bad input with the field and what to do, keeping the entries', async () => {
    const bad = await sendLog(
      staffB,
      log('log-staffb-0003', {
        logDate: '2026-03-09',
        minutes: '0',
        target: '999999:1',
        description: 'Uraian yang tetap ada',
      }),
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('paling lama 7 hari');
    expect(bad.body).toContain('menit 1 sampai 1440');
    expect(bad.body).toContain('Pilih RHK dan indikator');
    expect(bad.body).toContain('Uraian yang tetap ada');
  });

  it('the superior approves in bulk; another head cannot; realisation counts approved logs only', async () => {
    const queue = (await page(kabidB, '/skp/persetujuan')).body;
    expect(queue).toContain('Memutakhirkan data kelahiran');
    expect((await page(kabidA, '/skp/persetujuan')).body).not.toContain('Memutakhirkan data kelahiran');
    const ids = (
      await sql<{ id: number }>`select id from skp_daily_logs where employee_id = ${staffB.id} order by id`.execute(
        t.db,
      )
    ).rows.map((r) => r.id);
    // The other bidang's head ticks them: nothing moves.
    const intruder = await t.app.inject({
      method: 'POST',
      url: '/skp/persetujuan/setujui',
      cookies: kabidA.cookies,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${kabidA.csrf}&ids=${ids[0]}&ids=${ids[1]}`,
    });
    expect(intruder.statusCode).toBe(404);
    const before = await t.services.skpLogs.realisation(staffB.ctx, skp.staffB, 2026, 3);
    expect(before.map((r) => r.achieved)).toEqual([0]);
    const bulk = await t.app.inject({
      method: 'POST',
      url: '/skp/persetujuan/setujui',
      cookies: kabidB.cookies,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${kabidB.csrf}&ids=${ids[0]}&ids=${ids[1]}`,
    });
    expect(bulk.statusCode).toBe(303);
    const statuses = await sql<{ status: string; reviewer_id: number }>`
      select status, reviewer_id from skp_daily_logs where id in (${ids[0]!}, ${ids[1]!})`.execute(t.db);
    expect(statuses.rows).toEqual([
      { status: 'disetujui', reviewer_id: kabidB.id },
      { status: 'disetujui', reviewer_id: kabidB.id },
    ]);
    // 1 + 2 approved against March's 2: capped at 120 %.
    const after = await t.services.skpLogs.realisation(staffB.ctx, skp.staffB, 2026, 3);
    expect(after.map((r) => [r.target, r.achieved, r.percent])).toEqual([[2, 3, 120]]);
    const mine = (await page(staffB, '/skp/harian')).body;
    expect(mine).toContain('Disetujui');
  });
});

describe('evaluation and the distribution curve', () => {
  const all = (rating: string, extra: Record<string, string> = {}) => ({
    period: '2026',
    [`r_${rhk.staffB}`]: rating,
    ...Object.fromEntries(
      ['berorientasi_pelayanan', 'akuntabel', 'kompeten', 'harmonis', 'loyal', 'adaptif', 'kolaboratif'].map((c) => [
        `b_${c}`,
        rating,
      ]),
    ),
    ...extra,
  });

  it('refuses an evaluation with a behaviour left unrated, keeping the ratings given', async () => {
    const partial = all('di_atas');
    delete (partial as Record<string, string>).b_loyal;
    const r = await form(kabidB, `/skp/${skp.staffB}/evaluasi`, partial);
    expect(r.statusCode).toBe(422);
    expect(r.body).toContain('Pilih penilaian untuk perilaku ini.');
    expect(r.body).toMatch(/value="di_atas" checked/);
  });

  it('gives the predikat of the matrix; an overall rating set by hand overrides the proposal', async () => {
    expect((await form(kabidB, `/skp/${skp.staffB}/evaluasi`, all('di_atas'))).statusCode).toBe(303);
    const read = async () =>
      (
        await sql<{ predikat: string }>`
          select predikat from skp_evaluations where skp_id = ${skp.staffB} and period = '2026'`.execute(t.db)
      ).rows[0]!.predikat;
    expect(await read()).toBe('sangat_baik');
    // Results below, behaviour as expected: Butuh Perbaikan.
    expect(
      (await form(kabidB, `/skp/${skp.staffB}/evaluasi`, all('sesuai', { resultRating: 'di_bawah' }))).statusCode,
    ).toBe(303);
    expect(await read()).toBe('butuh_perbaikan');
    expect((await page(staffB, `/skp/${skp.staffB}`)).body).toContain('Butuh Perbaikan');
    // The employee does not rate themself; another bidang's head cannot either.
    expect((await form(staffB, `/skp/${skp.staffB}/evaluasi`, all('di_atas'))).statusCode).toBe(403);
    expect((await form(kabidA, `/skp/${skp.staffB}/evaluasi`, all('di_atas'))).statusCode).toBe(404);
    expect((await form(kabidB, `/skp/${skp.staffB}/evaluasi`, all('di_atas'))).statusCode).toBe(303);
    expect(await read()).toBe('sangat_baik');
  });

  it('the leader above sets the organisation rating; the curve warns, never blocks', async () => {
    const unitB = (await sql<{ unit_id: number }>`select unit_id from skp_plans where id = ${skp.staffB}`.execute(t.db))
      .rows[0]!.unit_id;
    // The bidang's own head cannot rate their own organisation.
    const own = await form(kabidB, '/skp/distribusi/organisasi', {
      unitId: String(unitB),
      year: '2026',
      rating: 'baik',
    });
    expect(own.statusCode).toBe(403);
    const set = await form(kadis, '/skp/distribusi/organisasi', {
      unitId: String(unitB),
      year: '2026',
      rating: 'istimewa',
    });
    expect(set.statusCode).toBe(303);
    // 1 of 1 Sangat Baik under "at most 70 %": a warning.
    const html = (await page(kabidB, `/skp/distribusi?unit=${unitB}&tahun=2026`)).body;
    expect(html).toContain('Istimewa');
    expect(html).toContain('data-testid="dist-warnings"');
    expect(html).toContain('1 dari 1 pegawai, melebihi paling banyak 70%');
    // Another bidang's staff cannot read it.
    expect((await page(staffA, `/skp/distribusi?unit=${unitB}&tahun=2026`)).statusCode).toBe(404);
  });
});

describe('TPP inputs', () => {
  it('computes the month from the predikat, the cuts and the class; locks once; exports with its hash', async () => {
    const unitB = (await sql<{ unit_id: number }>`select unit_id from skp_plans where id = ${skp.staffB}`.execute(t.db))
      .rows[0]!.unit_id;
    // The BKPSDM sets the job class; the appraiser rates March.
    expect((await form(admin, '/skp/tpp/kelas', { employeeId: String(staffB.id), kelas: '9' })).statusCode).toBe(303);
    expect((await form(admin, '/skp/tpp/kelas', { employeeId: String(staffB.id), kelas: '18' })).statusCode).toBe(422);
    const rating = {
      period: '2026-03',
      [`r_${rhk.staffB}`]: 'sesuai',
      ...Object.fromEntries(
        ['berorientasi_pelayanan', 'akuntabel', 'kompeten', 'harmonis', 'loyal', 'adaptif', 'kolaboratif'].map((c) => [
          `b_${c}`,
          'sesuai',
        ]),
      ),
    };
    expect((await form(kabidB, `/skp/${skp.staffB}/evaluasi`, rating)).statusCode).toBe(303);

    // By hand: class 9 = Rp3,000,000 in the shipped example; Baik → factor 100 % of the 60 % share; the 40 %
    // discipline share less the month's cut from E-Presensi's own recap; paid days of the working days.
    const recap = await t.services.attendance.recap(admin.ctx, unitB, '2026-03');
    const s = recap.rows.find((r) => r.employee.id === staffB.id)!.summary;
    const basic = 3_000_000;
    const kept = 100 - Math.min(100, s.cutPercent);
    const expected = s.workDays === 0 ? 0 : Math.floor((basic * (60 * 100 + 40 * kept)) / 10_000);
    const live = await t.services.skpTpp.rows(admin.ctx, unitB, '2026-03');
    const row = live.rows.find((r) => r.employeeId === staffB.id)!;
    expect(row).toMatchObject({ kelas: 9, basic, predikat: 'baik', locked: false });
    expect(row.amount).toBe(expected);

    // Not locked: no export.
    const early = await page(admin, `/skp/tpp/ekspor?unit=${unitB}&bulan=2026-03&format=csv`);
    expect(early.statusCode).toBe(409);
    expect((await form(admin, '/skp/tpp/kunci', { unitId: String(unitB), month: '2026-03' })).statusCode).toBe(303);
    // Changing the class afterwards does not move the locked figure; locking again writes nothing.
    await form(admin, '/skp/tpp/kelas', { employeeId: String(staffB.id), kelas: '12' });
    const again = await t.services.skpTpp.lock(admin.ctx, unitB, '2026-03');
    expect(again.written).toBe(0);
    const locked = (await t.services.skpTpp.rows(admin.ctx, unitB, '2026-03')).rows.find(
      (r) => r.employeeId === staffB.id,
    )!;
    expect(locked).toMatchObject({ kelas: 9, amount: expected, locked: true });

    const csv = await page(admin, `/skp/tpp/ekspor?unit=${unitB}&bulan=2026-03&format=csv`);
    expect(csv.statusCode).toBe(200);
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update(csv.rawPayload).digest('hex');
    expect(csv.headers['x-content-sha256']).toBe(hash);
    const rec = await sql<{ sha256: string }>`
      select sha256 from skp_tpp_exports where unit_id = ${unitB} and month = '2026-03'`.execute(t.db);
    expect(rec.rows.map((r) => r.sha256)).toContain(hash);
    expect(csv.body).toContain('Staf Data');

    // The employee sees their figure and how it was made; a head of another bidang cannot open the unit's month.
    const mine = await page(staffB, '/skp/tpp/saya?bulan=2026-03');
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain(`Rp${expected.toLocaleString('id-ID')}`);
    expect((await page(kabidA, `/skp/tpp?unit=${unitB}&bulan=2026-03`)).statusCode).toBe(404);
    expect((await form(kabidB, '/skp/tpp/kunci', { unitId: String(unitB), month: '2026-04' })).statusCode).toBe(403);
  });
});
