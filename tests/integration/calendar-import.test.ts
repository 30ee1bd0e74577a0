// The national calendar (issue 14 item 2): the BKPSDM imports a year — the
// shipped SKB 2026 file from a button, or an uploaded CSV checked by content
// and row by row — idempotently, keeping what the city entered by hand; the
// admin home warns while the coming year has no national calendar; and the
// demo city, which loads the shipped file, has 25 December 2026 as a holiday
// and Ramadan hours on Ramadan days. Today is Wednesday 2 December 2026.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCalendar } from '../../src/seed/demo-calendar.js';
import { localInstant } from '../../src/modules/work-schedule/index.js';
import { createTestApp, fixedClock, type TestApp } from '../helpers/app.js';
import { multipart } from '../helpers/multipart.js';
import { createEmployee, createUnit } from '../helpers/staff.js';

const clock = fixedClock('2026-12-02T02:00:00Z'); // 09:00 WIB
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(() => t.close());

type Session = Awaited<ReturnType<TestApp['createUser']>>;
const P = '/pegawai/kalender';

const form = (s: Session, url: string, fields: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url,
    cookies: s.cookies,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: s.csrf, ...fields }).toString(),
  });
const upload = (
  s: Session,
  content: Buffer | string,
  fields: Record<string, string> = {},
  filename = 'kalender.csv',
) => {
  const m = multipart({ _csrf: s.csrf, ...fields }, [
    { name: 'file', filename, type: 'text/csv', content: Buffer.from(content) },
  ]);
  return t.app.inject({ method: 'POST', url: `${P}/unggah`, cookies: s.cookies, ...m });
};
const get = (s: Session, url: string) => t.app.inject({ method: 'GET', url, cookies: s.cookies });
/** The city's entries of a year, as the calendar holds them. */
const entries = async (city: string, year: number) =>
  (
    await sql<{ id: number; kind: string; start: string; end: string; name: string; imported: boolean }>`
      select id, kind, start_date::text as start, end_date::text as "end", name, import_id is not null as imported
      from calendar_entries where region_code = ${city} and extract(year from start_date) = ${year}
      order by start_date, kind, id`.execute(t.db)
  ).rows;

const CSV_2027 = [
  '# sumber: SKB uji 2027',
  'tanggal;sampai;jenis;nama',
  '01/01/2027;;libur nasional;Tahun Baru 2027 Masehi',
  '2027-12-24;;cuti_bersama;Cuti bersama Natal',
  '2027-12-25;;libur_nasional;Kelahiran Yesus Kristus',
].join('\n');

describe('importing a year', () => {
  it('the shipped 2026 file twice gives the same entries; hand entries are kept; each entry says where it came from', async () => {
    const area = await t.createArea();
    const admin = await t.createUser('admin_kota', area.city);
    const E = t.services.employees;
    await E.addCalendarEntry(admin.ctx, {
      kind: 'libur_nasional',
      start: '2026-10-01',
      end: '2026-10-01',
      name: 'Hari jadi kota',
    });
    // The city follows another Ramadan start: its own range wins over the file's.
    await E.addCalendarEntry(admin.ctx, {
      kind: 'ramadan',
      start: '2026-02-18',
      end: '2026-03-19',
      name: 'Ramadan kota',
    });

    const first = await form(admin, `${P}/impor`, { year: '2026' });
    expect(first.statusCode, first.body.slice(0, 300)).toBe(200);
    expect(first.body).toContain('data-testid="calendar-import-summary"');
    expect(first.body).toContain('25 entri baru, 0 tidak berubah, 0 dihapus');
    expect(first.body).toMatch(/data-testid="calendar-import-skipped">[^]*Ramadan 1447 H/);
    const once = await entries(area.city, 2026);
    expect(once.filter((e) => e.imported)).toHaveLength(25);
    expect(once.filter((e) => e.kind === 'libur_nasional' && e.imported)).toHaveLength(17);
    expect(once.filter((e) => e.kind === 'cuti_bersama')).toHaveLength(8);
    expect(once.find((e) => e.start === '2026-12-24')).toMatchObject({ kind: 'cuti_bersama', imported: true });
    expect(once.find((e) => e.start === '2026-12-25')).toMatchObject({ kind: 'libur_nasional', imported: true });

    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/calendar/import',
      headers: admin.auth,
      payload: { year: 2026 },
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ year: 2026, origin: 'bawaan', inserted: 0, kept: 25, removed: 0 });
    expect(again.json().skipped).toHaveLength(1);
    expect(await entries(area.city, 2026)).toEqual(once);
    expect(once.filter((e) => !e.imported).map((e) => e.name)).toEqual(['Ramadan kota', 'Hari jadi kota']);

    const imports = await sql<{ n: number; source: string }>`
      select count(*)::int as n, min(source) as source from calendar_imports where region_code = ${area.city}`.execute(
      t.db,
    );
    expect(imports.rows[0]!.n).toBe(2);
    expect(imports.rows[0]!.source).toMatch(/^SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB Nomor 1497/);
    const page = await get(admin, `${P}?year=2026`);
    expect(page.body).toContain('Berkas bawaan: SKB Menteri Agama');
    expect(page.body).toContain('Diisi kota');
    expect(page.body).toContain('25 Desember 2026');
    // The city's own 1 October counts with the SKB's 17; its Ramadan stands in for the file's.
    expect(page.body).toContain('18 hari libur nasional, 8 hari cuti bersama, 1 rentang Ramadan');
    const audit = await sql<{ n: number }>`
      select count(*)::int as n from audit_log where action = 'calendar.imported' and region_code = ${area.city}`.execute(
      t.db,
    );
    expect(audit.rows[0]!.n).toBe(2);
  });

  it('an uploaded year replaces what its earlier import wrote; a bad file is refused whole with each wrong row named', async () => {
    const area = await t.createArea();
    const admin = await t.createUser('admin_kota', area.city);
    const ok = await upload(admin, CSV_2027);
    expect(ok.statusCode, ok.body.slice(0, 300)).toBe(200);
    expect(ok.body).toContain('Kalender 2027 diimpor dari SKB uji 2027: 3 entri baru');
    // A corrected file: 24 December is no longer cuti bersama, 31 December is.
    const fixed = CSV_2027.replace('2027-12-24;;cuti_bersama', '2027-12-31;;cuti_bersama');
    const second = await upload(admin, fixed);
    expect(second.body).toContain('1 entri baru, 2 tidak berubah, 1 dihapus');
    expect((await entries(area.city, 2027)).map((e) => e.start)).toEqual(['2027-01-01', '2027-12-25', '2027-12-31']);

    const bad = await upload(
      admin,
      [
        'date,end,kind,name',
        '2027-01-01,,libur_nasional,Tahun Baru',
        '2027-02-30,,libur_nasional,Tanggal yang tidak ada',
        '2027-03-10,,libur_daerah,Jenis asing',
        '2027-05-01,,libur_nasional,Hari Buruh',
      ].join('\n'),
      { source: 'SKB uji' },
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('data-testid="error-summary"');
    expect(bad.body).toContain('Baris 3: tanggal &quot;2027-02-30&quot; tidak dikenali atau tidak ada');
    expect(bad.body).toContain('Baris 4: jenis &quot;libur_daerah&quot; tidak dikenal');
    expect(bad.body).toContain('value="SKB uji"'); // the form keeps what was typed
    expect((await entries(area.city, 2027)).map((e) => e.start)).toEqual(['2027-01-01', '2027-12-25', '2027-12-31']);

    const xlsx = await upload(admin, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0, 8, 0]), {}, 'kalender.csv');
    expect(xlsx.statusCode).toBe(422);
    expect(xlsx.body).toContain('Berkas ini lembar kerja Excel, bukan CSV');
    const noSource = await upload(admin, CSV_2027.replace('# sumber: SKB uji 2027\n', ''));
    expect(noSource.statusCode).toBe(422);
    expect(noSource.body).toContain('Tulis dasar penetapannya di kolom Sumber');
    const nothing = await upload(admin, '', {}, '');
    expect(nothing.statusCode).toBe(422);
    expect(nothing.body).toContain('Pilih berkas CSV kalender, atau tempel isinya');
    // A form without its CSRF token is refused before anything is read.
    const forged = multipart({}, [
      { name: 'file', filename: 'k.csv', type: 'text/csv', content: Buffer.from(CSV_2027) },
    ]);
    const noCsrf = await t.app.inject({ method: 'POST', url: `${P}/unggah`, cookies: admin.cookies, ...forged });
    expect(noCsrf.statusCode).toBe(403);

    const api = await t.app.inject({
      method: 'POST',
      url: '/api/v1/calendar/import',
      headers: admin.auth,
      payload: {
        csv: 'date,end,kind,name\n2027-01-01,,libur_nasional,Tahun Baru\n2028-01-01,,libur_nasional,Lain',
        source: 'x',
      },
    });
    expect(api.statusCode).toBe(422);
    expect(api.json().error.fields).toEqual([
      { field: 'csv', message: expect.stringMatching(/^Baris 3: tanggalnya bukan tahun 2027 seperti baris pertama/) },
    ]);
    const notShipped = await form(admin, `${P}/impor`, { year: '2031' });
    expect(notShipped.statusCode).toBe(422);
    expect(notShipped.body).toContain('Tidak ada berkas kalender bawaan untuk tahun 2031');
  });
});

describe('the warning about a year without a national calendar', () => {
  it('shows on the admin home and the calendar page while the coming year is empty, and goes once it has entries', async () => {
    const area = await t.createArea();
    const admin = await t.createUser('admin_kota', area.city);
    const home = await get(admin, '/');
    expect(home.body).toContain('data-testid="calendar-warning-2026"');
    expect(home.body).toContain('Berkas kalender 2026 sudah tersedia di aplikasi');
    expect(home.body).toContain('data-testid="calendar-warning-2027"');
    expect(home.body).toContain('Kalender libur nasional 2027 belum ada');
    expect(home.body).toContain('Impor SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB');
    expect(home.body).toContain('href="/pegawai/kalender?year=2027"');

    await t.services.calendar.importShipped(admin.ctx, 2026);
    const after2026 = await get(admin, '/');
    expect(after2026.body).not.toContain('calendar-warning-2026');
    expect(after2026.body).toContain('data-testid="calendar-warning-2027"');
    expect((await get(admin, P)).body).toContain('data-testid="calendar-warning-2027"');
    expect((await get(admin, '/pegawai/jadwal')).body).toContain('data-testid="calendar-warning-2027"');

    // A Ramadan range alone is not a national calendar.
    await t.services.employees.addCalendarEntry(admin.ctx, {
      kind: 'ramadan',
      start: '2027-02-08',
      end: '2027-03-09',
      name: 'Ramadan 1448 H',
    });
    expect((await get(admin, '/')).body).toContain('data-testid="calendar-warning-2027"');

    expect((await upload(admin, CSV_2027)).statusCode).toBe(200);
    expect((await get(admin, '/')).body).not.toContain('calendar-warning-');
    expect((await get(admin, P)).body).not.toContain('calendar-warning-');

    // Only the city's administrator is warned.
    const lurah = await t.createUser('lurah', area.kec[0]!.kel[0]!.code);
    const other = await t.createArea();
    const otherLurah = await t.createUser('lurah', other.kec[0]!.kel[0]!.code);
    expect((await get(lurah, '/')).body).not.toContain('calendar-warning-');
    expect((await get(otherLurah, '/')).body).not.toContain('calendar-warning-');
  });
});

describe('the demo city', () => {
  it('has 25 December 2026 as a holiday (no cut without a check-in) and plans Ramadan hours on a Ramadan Monday', async () => {
    const area = await t.createArea();
    const admin = await t.createUser('admin_kota', area.city);
    await seedDemoCalendar(t.services, admin.ctx);
    clock.set('2026-01-05T02:00:00Z'); // the employee exists from early in the year
    try {
      const unit = await createUnit(t, admin, { name: 'Dinas Komunikasi dan Informatika' });
      const e = await createEmployee(t, admin, { unitId: unit.id });
      const A = t.services.attendance;

      clock.set('2026-03-02T00:30:00Z'); // Monday 2 March 2026, 07:30 WIB: Ramadan 1447 H
      const ramadan = await A.today(e.ctx);
      expect(ramadan.plan).toMatchObject({ work: true, ramadan: true, date: '2026-03-02' });
      expect(ramadan.plan.work && ramadan.plan.start.toISOString()).toBe(
        localInstant('2026-03-02', '08:00', 420).toISOString(),
      );
      clock.set('2026-03-30T00:30:00Z'); // Monday 30 March 2026: after Ramadan, 07:30 again
      const after = await A.today(e.ctx);
      expect(after.plan.work && after.plan.start.toISOString()).toBe(
        localInstant('2026-03-30', '07:30', 420).toISOString(),
      );

      clock.set('2026-12-28T02:00:00Z'); // the Monday after Christmas
      const month = await A.month(admin.ctx, e.id, '2026-12');
      const day = (d: string) => month.days.find((x) => x.date === d)!;
      expect(day('2026-12-25')).toMatchObject({ status: 'libur', cutPercent: 0 });
      expect(day('2026-12-24')).toMatchObject({ status: 'libur', cutPercent: 0 });
      // The Wednesday before, a working day without a check-in, is what those two would have been.
      expect(day('2026-12-23')).toMatchObject({ status: 'tanpa_keterangan', cutPercent: 3 });
    } finally {
      clock.set('2026-12-02T02:00:00Z');
    }
  });
});
