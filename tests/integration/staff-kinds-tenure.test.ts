// Issue 14 items 1 (non-ASN), 3 and 7: non-ASN staff registered, imported and
// renumbered with the city's nomor pegawai (their username), shown by kind;
// days counted only within a person's service — a civil servant registered
// today is not absent yesterday, one whose service ended is not absent after
// it (the recap and the closed days); the demo's staff side at the configured
// city's city hall.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/lib/clock.js';
import { closeDays } from '../../src/modules/attendance/close-day.js';
import { ctxOf, createAccount } from '../../src/seed/factories.js';
import { DEMO_OFFICE, DEMO_STAFF, DEMO_STAFF_START, demoOffice, seedDemoStaff } from '../../src/seed/demo.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app.js';
import { createUnit, makeNip, makeNiPppk } from '../helpers/staff.js';

// Wednesday 2 December 2026, 09:00 WIB.
const clock = fixedClock('2026-12-02T02:00:00Z');

let t: TestApp;
let admin: Awaited<ReturnType<TestApp['createUser']>>;
let city: string;
let unitId: number;

const api = (method: 'POST' | 'PATCH' | 'GET', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: admin.auth, ...(payload ? { payload: payload as object } : {}) });
const fieldMessage = (res: { json(): unknown }) =>
  (res.json() as { error: { fields: { field: string; message: string }[] } }).error.fields[0]!;

beforeAll(async () => {
  t = await createTestApp({ clock, config: { SESSION_TTL_HOURS: '720' } });
  const area = await t.createArea();
  city = area.city;
  admin = await t.createUser('admin_kota', city);
  unitId = (await createUnit(t, admin, { name: 'Dinas Lingkungan Hidup' })).id;
});
afterAll(() => t.close());

describe('non-ASN staff: the nomor pegawai instead of a NIP', () => {
  let base: { fullName: string; position: string; unitId: number };
  beforeAll(() => {
    base = { fullName: 'Agus Salim', position: 'Pengemudi', unitId };
  });

  it('refuses a NIP for a non-ASN and a nomor pegawai for a PNS, with what to do', async () => {
    const withNip = await api('POST', '/api/v1/employees', { ...base, kind: 'NON_ASN', nip: makeNip() });
    expect(withNip.statusCode).toBe(422);
    expect(fieldMessage(withNip)).toMatchObject({ field: 'nip' });
    expect(fieldMessage(withNip).message).toMatch(/non-ASN tidak punya NIP.*isi nomor pegawai/);
    const none = await api('POST', '/api/v1/employees', { ...base, kind: 'NON_ASN' });
    expect(fieldMessage(none).message).toMatch(/Tulis nomor pegawai.*contoh THL-2024-017/);
    const bad = await api('POST', '/api/v1/employees', { ...base, kind: 'NON_ASN', staffNumber: 'ab' });
    expect(fieldMessage(bad)).toMatchObject({ field: 'staffNumber' });
    const pnsWithNumber = await api('POST', '/api/v1/employees', {
      ...base,
      kind: 'PNS',
      nip: makeNip(),
      staffNumber: 'THL-001',
    });
    expect(fieldMessage(pnsWithNumber).message).toMatch(/ASN memakai NIP atau NI PPPK/);
    const pnsWithout = await api('POST', '/api/v1/employees', { ...base, kind: 'PNS' });
    expect(fieldMessage(pnsWithout).message).toMatch(/Tulis NIP 18 angka untuk PNS/);
  });

  it('registers one: the username is the number; lists, detail and attendance name it "Nomor pegawai"', async () => {
    const number = `thl-${Date.now() % 100000}`;
    const res = await api('POST', '/api/v1/employees', { ...base, kind: 'NON_ASN', staffNumber: ` ${number} ` });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().username).toBe(number);
    const e = await t.services.employees.employee(admin.ctx, res.json().id);
    expect(e).toMatchObject({ kind: 'NON_ASN', nip: null, staff_number: number.toUpperCase() });
    const again = await api('POST', '/api/v1/employees', { ...base, kind: 'NON_ASN', staffNumber: number });
    expect(fieldMessage(again)).toMatchObject({ field: 'staffNumber' });
    expect(fieldMessage(again).message).toMatch(/sudah dipakai/);

    const detail = await t.app.inject({ method: 'GET', url: `/pegawai/${e.id}`, cookies: admin.cookies });
    expect(detail.body).toMatch(/<dt>Nomor pegawai<\/dt><dd data-testid="detail-number">THL-/);
    const found = await api('POST', '/api/v1/employees/search', { q: number.slice(0, 6) });
    expect((found.json().items as { id: number }[]).map((x) => x.id)).toContain(e.id);

    // They sign in with the number and see it on their attendance page.
    await t.database.pool.query('update users set must_change_password = false where id = $1', [e.user_id]);
    const { token } = await t.services.accounts.login({
      loginId: number,
      password: res.json().password,
      ip: '10.77.0.1',
      userAgent: 'vitest',
    });
    const page = await t.app.inject({ method: 'GET', url: '/presensi', cookies: { pamong_sid: token } });
    expect(page.body).toContain(`Agus Salim · Nomor pegawai ${number.toUpperCase()}`);
  });

  it('an honorary worker appointed PPPK: the kind changes, the NI PPPK is checked, the username follows', async () => {
    const number = `OS-${Date.now() % 100000}`;
    const created = await api('POST', '/api/v1/employees', { ...base, kind: 'NON_ASN', staffNumber: number });
    const id = created.json().id as number;
    const edit = { position: 'Pranata Komputer', unitId, locationIds: [] };
    const wrong = await api('PATCH', `/api/v1/employees/${id}`, { ...edit, kind: 'PPPK', nip: makeNip() });
    expect(wrong.statusCode).toBe(422);
    expect(fieldMessage(wrong).message).toMatch(/NI PPPK harus 18 angka/);
    const niPppk = makeNiPppk('2');
    const ok = await api('PATCH', `/api/v1/employees/${id}`, { ...edit, kind: 'PPPK', nip: niPppk, staffNumber: '' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().username).toBe(niPppk);
    const e = await t.services.employees.employee(admin.ctx, id);
    expect(e).toMatchObject({ kind: 'PPPK', nip: niPppk, staff_number: null, username: niPppk });
  });

  it('imports the four kinds, with nomor_pegawai, tmt and akhir_tugas columns', async () => {
    const unit = (await t.services.employees.units(admin.ctx)).find((u) => u.id === unitId)!;
    const unitPath = unit.path.split('/').slice(1).join('/');
    const [pns, pw] = [makeNip(), makeNiPppk()];
    const honor = `HNR-${Date.now() % 100000}`;
    const csv = [
      'nip;nomor_pegawai;nama;jenis;jabatan;unit;atasan_nip;tmt;akhir_tugas',
      `${pns};;Sri Rahayu;PNS;Analis;${unitPath};;2015-01-02;`,
      `${pw};;Dian Purnama;PPPK Paruh Waktu;Operator;${unitPath};${pns};01-03-2025;`,
      `;${honor};Joko Susilo;honorer;Petugas Kebersihan;${unitPath};${pns};2024-01-02;2026-12-31`,
      `${makeNip()};;Salah Jenis;Non-ASN;Staf;${unitPath};;;`,
      `;;Tanpa Nomor;PNS;Staf;${unitPath};;;`,
      `;OS-2;Tanggal Salah;Non-ASN;Staf;${unitPath};;2026-03-01;2026-02-01`,
    ].join('\n');
    const dry = await api('POST', '/api/v1/employees/import', { csv });
    expect(dry.statusCode).toBe(422);
    expect(
      (dry.json().refused as { row: number; message: string }[]).map((r) => [r.row, r.message.slice(0, 30)]),
    ).toEqual([
      [5, 'Pegawai non-ASN tidak punya NI'],
      [6, 'Tulis NIP 18 angka untuk PNS. '],
      [7, 'Tanggal akhir tugas tidak bole'],
    ]);
    const ok = await api('POST', '/api/v1/employees/import', { csv, validOnly: true });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json().accounts as { username: string }[]).map((a) => a.username)).toEqual([
      pns,
      pw,
      honor.toLowerCase(),
    ]);
    const joko = (await t.services.employees.findByNumber(admin.ctx, honor))!;
    expect(joko).toMatchObject({ kind: 'NON_ASN', start_date: '2024-01-02', end_date: '2026-12-31' });
    const dian = (await t.services.employees.findByNumber(admin.ctx, pw))!;
    expect(dian).toMatchObject({ kind: 'PPPK_PW', start_date: '2025-03-01' });
  });
});

describe('days counted within service (TMT, registration, end of service)', () => {
  it('a civil servant registered today is not absent yesterday; one whose service ended is not absent after it', async () => {
    // Registered today (2 December), no TMT given; and one with a TMT years ago, also registered today.
    const today = await api('POST', '/api/v1/employees', {
      fullName: 'Baru Terdaftar',
      kind: 'PNS',
      nip: makeNip(),
      position: 'Analis',
      unitId,
    });
    const oldTmt = await api('POST', '/api/v1/employees', {
      fullName: 'TMT Lama',
      kind: 'PPPK',
      nip: makeNiPppk(),
      position: 'Analis',
      unitId,
      startDate: '2023-03-01',
    });
    // Registered long ago, service ended on Friday 27 November.
    const left = await api('POST', '/api/v1/employees', {
      fullName: 'Sudah Pindah',
      kind: 'PNS',
      nip: makeNip(),
      position: 'Analis',
      unitId,
      startDate: '2020-01-02',
      endDate: '2026-11-27',
    });
    for (const r of [today, oldTmt, left]) expect(r.statusCode, r.body).toBe(201);
    await t.database.pool.query(`update employees set created_at = '2020-01-02' where id = $1`, [left.json().id]);

    // The month: yesterday (Tuesday 1 December) is "belum terdaftar", never "tanpa keterangan".
    const month = (id: number) => api('GET', `/api/v1/attendance/month?employeeId=${id}&month=2026-12`);
    for (const r of [today, oldTmt]) {
      const m = (await month(r.json().id)).json() as {
        days: { date: string; status: string; cutPercent: number }[];
        summary: { absentWithoutReason: number; outOfService: number; cutPercent: number };
      };
      expect(m.days[0]).toMatchObject({ date: '2026-12-01', status: 'belum_terdaftar', cutPercent: 0 });
      expect(m.summary).toMatchObject({ absentWithoutReason: 0, outOfService: 1, cutPercent: 0 });
    }
    // November for the one who left: Monday 30 November is "selesai bertugas"; Friday 27th still counted.
    const nov = (await api('GET', `/api/v1/attendance/month?employeeId=${left.json().id}&month=2026-11`)).json() as {
      days: { date: string; status: string }[];
      summary: { workDays: number; absentWithoutReason: number; outOfService: number };
    };
    expect(nov.days.find((d) => d.date === '2026-11-27')?.status).toBe('tanpa_keterangan');
    expect(nov.days.find((d) => d.date === '2026-11-30')?.status).toBe('selesai_bertugas');
    expect(nov.summary.outOfService).toBe(3); // 28, 29 and 30 November

    // The unit recap: nobody absent on 1 December, and the page says why those days are not counted.
    const recap = (await api('GET', `/api/v1/attendance/recap?unit=${unitId}&month=2026-12`)).json() as {
      rows: { employee: { id: number }; absentWithoutReason: number; outOfService: number }[];
    };
    const row = (id: number) => recap.rows.find((r) => r.employee.id === id)!;
    expect(row(today.json().id)).toMatchObject({ absentWithoutReason: 0, outOfService: 1 });
    expect(row(left.json().id)).toMatchObject({ absentWithoutReason: 0 });
    const page = await t.app.inject({
      method: 'GET',
      url: `/presensi/rekap?unit=${unitId}&bulan=2026-12`,
      cookies: admin.cookies,
    });
    expect(page.body).toContain('Di luar masa tugas');
    expect(page.body).toContain('sebelum pegawai terdaftar di E-Presensi');

    // The nightly close of 1 December (and 30 November) writes no absence for any of them.
    clock.set('2026-12-02T17:30:00Z'); // 3 December, 00:30 WIB: closes 1 and 2 December
    await closeDays(t.services, [city], { days: 3 });
    const closed = await t.database.pool.query(
      `select employee_id, to_char(work_date, 'YYYY-MM-DD') as d, status from attendance_days
        where employee_id = any($1) order by employee_id, work_date`,
      [[today.json().id, oldTmt.json().id, left.json().id]],
    );
    const rows = closed.rows as { employee_id: number; d: string; status: string }[];
    expect(rows.filter((r) => r.d < '2026-12-02' && r.employee_id !== left.json().id)).toEqual([]);
    expect(rows.filter((r) => r.employee_id === left.json().id)).toEqual([]);
    // Their first day (2 December) is closed like anyone's: no record, so tanpa keterangan.
    expect(rows.find((r) => r.employee_id === today.json().id && r.d === '2026-12-02')?.status).toBe(
      'tanpa_keterangan',
    );
    clock.set('2026-12-02T02:00:00Z');
  });

  it('serviceStartOf: the TMT, else a PNS NIP’s TMT CPNS month, else the day of registration', async () => {
    const E = t.services.employees;
    const nip = '198503122010011003';
    const created = new Date('2026-12-01T17:30:00Z'); // 2 December in WIB
    expect(E.serviceStartOf({ kind: 'PNS', nip, start_date: null, created_at: created })).toEqual({
      date: '2010-01-01',
      source: 'nip_tmt',
    });
    expect(E.serviceStartOf({ kind: 'PPPK', nip: makeNiPppk(), start_date: null, created_at: created })).toEqual({
      date: '2026-12-02',
      source: 'created',
    });
    expect(E.serviceStartOf({ kind: 'PNS', nip, start_date: '2023-03-01', created_at: created }).source).toBe(
      'start_date',
    );
  });
});

describe('the demo follows CITY_CODE', () => {
  it('with CITY_CODE=18.72 the demo staff work at Kantor Wali Kota Metro, with their TMT', async () => {
    const metro = await createTestApp({ clock, config: { CITY_CODE: '18.72' } });
    try {
      await metro.services.regions.importCity('18.72');
      const u = await createAccount(metro.db, metro.repos, {
        username: `admin${Date.now() % 100000}`,
        fullName: 'Admin Kota Metro',
        role: 'admin_kota',
        regionCode: metro.config.cityCode,
        password: TEST_PASSWORD,
      });
      const ctx = ctxOf({ ...u, role: 'admin_kota' });
      const accounts = await seedDemoStaff(metro.db, metro.repos, metro.services, ctx);
      expect(accounts).toHaveLength(4);
      const locations = await metro.services.employees.locations(ctx);
      expect(locations.map((l) => l.name)).toEqual(['Kantor Wali Kota Metro']);
      expect(locations[0]).toMatchObject({ lat: -5.1131, lon: 105.3067, region_code: '18.72' });
      expect(locations[0]!.name).not.toContain('Probolinggo');
      const pppk = (await metro.services.employees.findByNumber(ctx, DEMO_STAFF.pppk))!;
      expect(pppk).toMatchObject({ kind: 'PPPK', start_date: '2023-03-01' });
      const head = (await metro.services.employees.findByNumber(ctx, DEMO_STAFF.head))!;
      expect(head.start_date).toBe(DEMO_STAFF_START.head);
      expect((await metro.services.employees.employee(ctx, head.id)).locations.map((l) => l.name)).toEqual([
        'Kantor Wali Kota Metro',
      ]);
    } finally {
      await metro.close();
    }
  });

  it('the default city (35.74) keeps Kantor Wali Kota Probolinggo; an unlisted city gets no made-up office', () => {
    expect(demoOffice('35.74')).toEqual({ name: 'Kantor Wali Kota Probolinggo', ...DEMO_OFFICE });
    expect(demoOffice('18.72')?.name).toBe('Kantor Wali Kota Metro');
    expect(demoOffice('91.01')).toBeNull();
  });
});
