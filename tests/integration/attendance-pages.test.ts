// E-Presensi's pages as people use them, through HTTP with cookies and CSRF:
// the absence form (multipart, idempotent, refusals re-rendered with the
// entries kept), the supervisor's decision with the recomputed closed days,
// the month, the team board with flagged-record review, the recap with its
// exports, and the nightly close-day job run by hand on a fake clock.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/lib/clock.js';
import { closeDays } from '../../src/modules/attendance/close-day.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { multipart } from '../helpers/multipart.js';
import { SEED_PNG } from '../helpers/uploads.js';
import { checkInBody, createEmployee, createLocation, createUnit, type TestEmployee } from '../helpers/staff.js';

// Monday 2 March 2026, 07:25 WIB.
const clock = fixedClock('2026-03-02T00:25:00Z');
/** 00:30 WIB on a March 2026 day. */
const justAfterMidnight = (day: number) => new Date(Date.UTC(2026, 2, day - 1, 17, 30));
/** A whole PNG: the upload check reads it to its IEND. */
const PNG = SEED_PNG;

let t: TestApp;
let city: string;
let admin: Awaited<ReturnType<TestApp['createUser']>>;
let head: TestEmployee;
let staff: TestEmployee;
let opdId: number;
let flaggedId: string;

const get = (who: { cookies: Record<string, string> }, url: string) =>
  t.app.inject({ method: 'GET', url, cookies: who.cookies });
const form = (who: TestEmployee, url: string, fields: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url,
    cookies: who.cookies,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
  });
const absenceForm = (
  who: TestEmployee,
  fields: Record<string, string>,
  file?: { content: Buffer; type: string; filename: string },
) =>
  t.app.inject({
    method: 'POST',
    url: '/presensi/izin',
    cookies: who.cookies,
    ...multipart({ _csrf: who.csrf, ...fields }, file ? [{ name: 'attachment', ...file }] : []),
  });
const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
const closedDay = async (employeeId: number, date: string) =>
  (
    await t.database.pool.query(
      `select status, cut_percent::float as cut from attendance_days where employee_id = $1 and work_date = $2`,
      [employeeId, date],
    )
  ).rows[0] as { status: string; cut: number } | undefined;

beforeAll(async () => {
  t = await createTestApp({ clock, config: { SESSION_TTL_HOURS: '720' } });
  const area = await t.createArea();
  city = area.city;
  admin = await t.createUser('admin_kota', area.city);
  const opd = await createUnit(t, admin, { name: 'Dinas Perhubungan' });
  const bidang = await createUnit(t, admin, { parentId: opd.id, name: 'Bidang Lalu Lintas' });
  opdId = opd.id;
  const loc = await createLocation(t, admin);
  head = await createEmployee(t, admin, {
    unitId: opd.id,
    locationIds: [loc.id],
    name: 'Kepala Dinas Perhubungan',
    head: true,
  });
  // No TMT recorded: their days count from registration (2 March).
  staff = await createEmployee(t, admin, {
    unitId: bidang.id,
    locationIds: [loc.id],
    name: 'Staf Lalu Lintas',
    startDate: '',
  });
  expect(
    (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/attendance/check-ins',
        headers: head.auth,
        payload: checkInBody('masuk'),
      })
    ).statusCode,
  ).toBe(201);
  const flagged = await t.app.inject({
    method: 'POST',
    url: '/api/v1/attendance/check-ins',
    headers: staff.auth,
    payload: checkInBody('masuk', undefined, { accuracy: 500 }),
  });
  expect(flagged.statusCode, flagged.body).toBe(201);
  flaggedId = flagged.json().id;
});
afterAll(() => t.close());

describe('pages render', () => {
  it('the absence page: balance, form with an idempotency key, no requests yet', async () => {
    const res = await get(staff, '/presensi/izin');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Sisa cuti tahunan 2026: 12 dari 12 hari kerja');
    expect(hidden(res.body, 'idempotencyKey')).toMatch(/^[a-f0-9]{32}$/);
    expect(res.body).toContain('enctype="multipart/form-data"');
    // Leave has its own two-level form (/presensi/cuti); this one keeps the one-level types.
    expect(res.body).toContain('<option value="izin">Izin</option>');
    expect(res.body).not.toContain('<option value="cuti_tahunan">');
    expect(res.body).toContain('href="/presensi/cuti"');
    expect(res.body).toContain('data-testid="absence-none"');
    expect(res.body).not.toContain('data-testid="to-decide"');
  });

  it('the team board: checked in per unit with a chart, the flagged record, recap links', async () => {
    const res = await get(head, '/presensi/tim');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('2 dari 2 pegawai sudah presensi masuk');
    expect(res.body).toMatch(/<svg[^>]*data-testid="board-chart"/);
    expect(res.body).toContain(`data-testid="flagged-${flaggedId}"`);
    expect(res.body).toContain('akurasi lokasi rendah');
    expect(res.body).toContain(`/presensi/rekap?unit=${opdId}&amp;bulan=2026-03`);
    // A plain employee sees no unit to recap.
    expect((await get(staff, '/presensi/tim')).body).toContain('data-testid="recap-links-none"');
  });

  it('the month: every day with its status and times in WIB', async () => {
    const res = await get(staff, '/presensi/bulan');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Presensi Maret 2026');
    expect(res.body.match(/data-testid="day-2026-03-\d\d"/g)).toHaveLength(31);
    expect(res.body).toMatch(/data-testid="day-2026-03-02">[\s\S]*?07:25–/);
    expect(res.body).toContain('Masuk–pulang (WIB)');
  });
});

describe('close-day job and review', () => {
  it('closes the last two days for every active employee; a second run changes nothing', async () => {
    clock.set(justAfterMidnight(3));
    const r = await closeDays(t.services, [city]);
    expect(r).toMatchObject({ dates: ['2026-03-01', '2026-03-02'], people: 2, changed: 0 });
    // Registered on 2 March: 1 March is not theirs to be closed.
    expect(await closedDay(staff.id, '2026-03-01')).toBeUndefined();
    // In at 07:25 without a check-out: PSW4.
    expect(await closedDay(staff.id, '2026-03-02')).toMatchObject({ status: 'pulang_cepat', cut: 1.5 });
    expect(await closeDays(t.services, [city])).toMatchObject({ changed: 0 });
  });

  it('review form: a bad verdict comes back with a message; the head rejects the flagged record', async () => {
    const bad = await form(head, `/presensi/tim/catatan/${flaggedId}/tinjau`, { verdict: 'mungkin' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('data-testid="error-summary"');
    expect(bad.body).toContain('Pilih Hasil tinjauan dari daftar.');
    // The employee cannot review their own record.
    expect((await form(staff, `/presensi/tim/catatan/${flaggedId}/tinjau`, { verdict: 'diterima' })).statusCode).toBe(
      404,
    );
    const ok = await form(head, `/presensi/tim/catatan/${flaggedId}/tinjau`, { verdict: 'ditolak' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/presensi/tim?ditinjau=ditolak');
    const page = await get(head, ok.headers.location as string);
    expect(page.body).toContain('Presensi ditolak');
    expect(page.body).not.toContain(`data-testid="flagged-${flaggedId}"`);
  });

  it('the next night recomputes the closed day without the rejected record, keeping its history', async () => {
    clock.set(justAfterMidnight(4));
    const r = await closeDays(t.services, [city]);
    expect(r).toMatchObject({ dates: ['2026-03-02', '2026-03-03'], changed: 1 });
    expect(await closedDay(staff.id, '2026-03-02')).toMatchObject({ status: 'tanpa_keterangan', cut: 3 });
    const month = await get(staff, '/presensi/bulan?bulan=2026-03');
    expect(month.body).toMatch(
      /data-testid="month-history">[\s\S]*Pulang cepat \(1\.5 %\) → Tanpa keterangan \(3 %\) · dihitung ulang saat penutupan harian/,
    );
  });
});

describe('absence requests', () => {
  it('bad input comes back with a message and the entries kept', async () => {
    clock.set(justAfterMidnight(5));
    const key = 'izin-salah-isi-01';
    const res = await absenceForm(staff, {
      idempotencyKey: key,
      type: 'izin',
      start: '2026-02-30',
      end: '2026-03-04',
      reason: '',
      place: 'Kantor <Camat>',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('data-testid="error-summary"');
    expect(res.body).toContain('Tanggal mulai harus tanggal yang sah');
    expect(res.body).toContain('Tulis alasan permohonan.');
    expect(res.body).toContain('value="2026-02-30"');
    expect(res.body).toContain('value="Kantor &lt;Camat&gt;"');
    expect(hidden(res.body, 'idempotencyKey')).toBe(key);
    // Refusals of the service come back the same way.
    const sick = await absenceForm(staff, {
      idempotencyKey: 'sakit-tanpa-surat',
      type: 'sakit',
      start: '2026-03-09',
      end: '2026-03-10',
      reason: 'Demam',
    });
    expect(sick.statusCode).toBe(422);
    expect(sick.body).toContain('memerlukan surat keterangan dokter');
    expect(sick.body).toContain('pilih lagi berkasnya');
    const notImage = await absenceForm(
      staff,
      { idempotencyKey: 'sakit-surat-teks', type: 'sakit', start: '2026-03-09', end: '2026-03-10', reason: 'Demam' },
      { content: Buffer.from('bukan gambar'), type: 'image/png', filename: 'surat.png' },
    );
    expect(notImage.statusCode).toBe(422);
    expect(notImage.body).toContain('Lampiran harus foto (JPEG/PNG/WebP) atau PDF.');
    const noPlace = await absenceForm(staff, {
      idempotencyKey: 'dl-tanpa-tempat',
      type: 'dinas_luar',
      start: '2026-03-09',
      end: '2026-03-09',
      reason: 'Rapat',
      placeLat: '-5.1',
    });
    expect(noPlace.statusCode).toBe(400);
    expect(noPlace.body).toContain('Isi lintang (-90 sampai 90) dan bujur');
    const count = await t.database.pool.query(
      'select count(*)::int as n from absence_requests where employee_id = $1',
      [staff.id],
    );
    expect(count.rows[0].n).toBe(0);
  });

  it("a sick request with a doctor's letter is made once however often it is sent; it can be cancelled while pending", async () => {
    const page = await get(staff, '/presensi/izin');
    const fields = {
      idempotencyKey: hidden(page.body, 'idempotencyKey'),
      type: 'sakit',
      start: '2026-03-09',
      end: '2026-03-10',
      reason: 'Demam berdarah',
    };
    const letter = { content: PNG, type: 'image/png', filename: 'surat-dokter.png' };
    const sent = await Promise.all([absenceForm(staff, fields, letter), absenceForm(staff, fields, letter)]);
    expect(sent.map((r) => r.statusCode)).toEqual([303, 303]);
    expect(sent[0]!.headers.location).toBe('/presensi/izin?diajukan=1');
    const rows = (
      await t.database.pool.query('select id, attachment_id from absence_requests where employee_id = $1', [staff.id])
    ).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0].attachment_id).not.toBeNull();
    const list = await get(staff, '/presensi/izin?diajukan=1');
    expect(list.body).toContain('Permohonan terkirim');
    expect(list.body).toMatch(/data-testid="absence-\d+"[\s\S]*Sakit[\s\S]*Menunggu keputusan[\s\S]*2 hari kerja/);
    expect(list.body).toContain('Sisa cuti tahunan 2026: 12 dari 12');
    const cancel = await form(staff, `/presensi/izin/${rows[0].id}/batal`, {});
    expect(cancel.statusCode).toBe(303);
    expect((await get(staff, cancel.headers.location as string)).body).toMatch(
      /Permohonan dibatalkan[\s\S]*Dibatalkan/,
    );
    const again = await form(staff, `/presensi/izin/${rows[0].id}/batal`, {});
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('sudah diputuskan atau dibatalkan');
    // Someone else's request: not found.
    expect((await form(head, `/presensi/izin/${rows[0].id}/batal`, {})).statusCode).toBe(404);
  });

  it('the head approves a late izin from the page; the closed day is recomputed and the page says so', async () => {
    await closeDays(t.services, [city]); // 4 March closed as tanpa keterangan
    expect(await closedDay(staff.id, '2026-03-04')).toMatchObject({ status: 'tanpa_keterangan' });
    const page = await get(staff, '/presensi/izin');
    const sent = await absenceForm(staff, {
      idempotencyKey: hidden(page.body, 'idempotencyKey'),
      type: 'izin',
      start: '2026-03-04',
      end: '2026-03-04',
      reason: 'Mengurus akta kelahiran anak',
    });
    expect(sent.statusCode, sent.body).toBe(303);
    const id = (
      await t.database.pool.query(`select id from absence_requests where employee_id = $1 and status = 'diajukan'`, [
        staff.id,
      ])
    ).rows[0].id as number;
    // The head sees it on their own absence page and on the decisions page.
    expect((await get(head, '/presensi/izin')).body).toContain(`data-testid="to-decide-${id}"`);
    const decide = await get(head, '/presensi/izin/putuskan');
    expect(decide.body).toMatch(
      new RegExp(`data-testid="to-decide-${id}"[\\s\\S]*Staf Lalu Lintas[\\s\\S]*Mengurus akta kelahiran anak`),
    );
    // The employee cannot decide their own; a bad decision comes back with a message.
    expect((await form(staff, `/presensi/izin/${id}/putuskan`, { decision: 'disetujui' })).statusCode).toBe(404);
    const bad = await form(head, `/presensi/izin/${id}/putuskan`, { decision: 'terserah' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Pilih Keputusan dari daftar.');
    const ok = await form(head, `/presensi/izin/${id}/putuskan`, { decision: 'disetujui', note: 'Semoga lancar' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/presensi/izin/putuskan?keputusan=disetujui&hari=1');
    const after = await get(head, ok.headers.location as string);
    expect(after.body).toContain('Permohonan disetujui. 1 hari yang sudah ditutup dihitung ulang');
    expect(after.body).toContain('data-testid="to-decide-none"');
    const twice = await form(head, `/presensi/izin/${id}/putuskan`, { decision: 'ditolak' });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('sudah diputuskan atau dibatalkan');
    expect(await closedDay(staff.id, '2026-03-04')).toMatchObject({ status: 'izin', cut: 0 });
    const mine = await get(staff, '/presensi/izin');
    expect(mine.body).toMatch(/Disetujui[\s\S]*Catatan atasan: Semoga lancar/);
    const month = await get(staff, '/presensi/bulan?bulan=2026-03');
    expect(month.body).toMatch(/data-testid="day-2026-03-04">[\s\S]*?Izin/);
    expect(month.body).toContain('Tanpa keterangan (3 %) → Izin (0 %) · permohonan disetujui belakangan');
  });
});

describe('month and scope', () => {
  it("a head sees someone in their unit; an employee cannot see another's month (404); a bad month is explained", async () => {
    const other = await get(head, `/presensi/bulan?pegawai=${staff.id}&bulan=2026-03`);
    expect(other.statusCode).toBe(200);
    expect(other.body).toContain('Staf Lalu Lintas');
    expect(other.body).toMatch(/data-testid="sum-tk">\d+</);
    expect((await get(staff, `/presensi/bulan?pegawai=${head.id}&bulan=2026-03`)).statusCode).toBe(404);
    expect((await get(staff, `/presensi/rekap?unit=${opdId}&bulan=2026-03`)).statusCode).toBe(404);
    const bad = await get(staff, '/presensi/bulan?bulan=2026-13');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Bulan harus berformat TTTT-BB');
    expect(bad.body).toContain('Presensi Maret 2026');
  });
});

describe('recap', () => {
  it("the head's unit recap lists everyone below with the month's figures, and exports CSV, XLSX and PDF", async () => {
    const res = await get(head, `/presensi/rekap?unit=${opdId}&bulan=2026-03`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Rekap presensi Dinas Perhubungan — Maret 2026');
    expect(res.body).toContain(`data-testid="recap-${head.id}"`);
    expect(res.body).toContain(`data-testid="recap-${staff.id}"`);
    const m = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/attendance/month?employeeId=${staff.id}&month=2026-03`,
        headers: head.auth,
      })
    ).json().summary;

    const csv = await get(head, `/presensi/rekap?unit=${opdId}&bulan=2026-03&format=csv`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/rekap-presensi-.*-2026-03\.csv/);
    const line = csv.body.split('\r\n').find((l) => l.startsWith(staff.nip))!;
    expect(line.split(',').slice(-2)).toEqual([String(m.absentWithoutReason), String(m.cutPercent)]);

    const xlsx = await t.app.inject({
      method: 'GET',
      url: `/api/v1/attendance/recap?unit=${opdId}&month=2026-03&format=xlsx`,
      headers: head.auth,
    });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 7)).toEqual([
      'NIP / NI PPPK / Nomor pegawai',
      'Nama',
      'Unit',
      'Hari kerja',
      'Di luar masa tugas',
      'Hadir',
      'Menit terlambat',
    ]);
    const row = ws.getSheetValues().find((r) => Array.isArray(r) && r[1] === staff.nip) as unknown[];
    expect(row[4]).toBe(m.workDays);
    // Registered on Monday 2 March: Sunday 1 March is outside their service.
    expect(row[5]).toBe(m.outOfService);
    expect(m.outOfService).toBe(1);
    expect(row[6]).toBe(m.present);
    expect(row[header.indexOf('Izin') + 1]).toBe(1);
    expect(row[header.indexOf('Potongan TPP (%)') + 1]).toBe(m.cutPercent);

    const pdf = await get(head, `/presensi/rekap?unit=${opdId}&bulan=2026-03&format=pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/attendance/recap?unit=${opdId}&month=2026-03&format=pdf`,
          headers: head.auth,
        })
      ).headers['content-type'],
    ).toBe('application/pdf');
  });

  it('without a unit it lists the units the caller may recap', async () => {
    const res = await get(head, '/presensi/rekap');
    expect(res.body).toMatch(/data-testid="recap-units"[\s\S]*Dinas Perhubungan[\s\S]*Bidang Lalu Lintas/);
  });
});
