// The staff administration pages (/pegawai…) as a browser without JavaScript
// uses them: urlencoded or multipart forms with cookie + CSRF. Every form has
// its success path and a bad-input path that comes back with the error
// summary and the entries kept; the temporary password is shown once; a head
// of unit may only read their own units' employees.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { multipart } from '../helpers/multipart.js';
import {
  createEmployee,
  createLocation,
  createUnit,
  makeNiPppk,
  makeNip,
  type TestEmployee,
} from '../helpers/staff.js';

let t: TestApp;
type Session = { cookies: Record<string, string>; csrf: string };
let admin: Awaited<ReturnType<TestApp['createUser']>>;
let unitA: { id: number; path: string };
let unitB: { id: number; path: string };
let unitC: { id: number; path: string };
let location: { id: number };
let head: TestEmployee;
let member: TestEmployee;
let stranger: TestEmployee;
const P = '/pegawai';

beforeAll(async () => {
  t = await createTestApp();
  const area = await t.createArea();
  admin = await t.createUser('admin_kota', area.city);
  unitA = await createUnit(t, admin, { name: 'Dinas Komunikasi' });
  unitB = await createUnit(t, admin, { parentId: unitA.id, name: 'Bidang Aplikasi' });
  unitC = await createUnit(t, admin, { name: 'Dinas Tetangga' });
  location = await createLocation(t, admin);
  head = await createEmployee(t, admin, { unitId: unitA.id, head: true, name: 'Kepala Dinas Kominfo' });
  member = await createEmployee(t, admin, {
    unitId: unitB.id,
    locationIds: [location.id],
    name: 'Anggota Bidang Aplikasi',
  });
  stranger = await createEmployee(t, admin, { unitId: unitC.id, name: 'Pegawai Dinas Tetangga' });
});
afterAll(() => t.close());

const get = (s: Session, url: string) => t.app.inject({ method: 'GET', url, cookies: s.cookies });
const post = (s: Session, url: string, fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams({ _csrf: s.csrf });
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
  return t.app.inject({
    method: 'POST',
    url,
    cookies: s.cookies,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  });
};
const expectSummary = (res: { statusCode: number; body: string }, status: number, ...texts: string[]) => {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
  expect(res.body).toContain('data-testid="error-summary"');
  for (const x of texts) expect(res.body).toContain(x);
};
const passwordIn = (html: string) => [...html.matchAll(/data-testid="temporary-password">([^<]+)</g)].map((m) => m[1]!);

describe('the pages render for the administrator', () => {
  it.each([
    [P, 'unit-tree'],
    [`${P}/baru`, 'employee-form'],
    [`${P}/impor`, 'import-form'],
    [`${P}/lokasi`, 'location-form'],
    [`${P}/jadwal`, 'rules-form'],
    [`${P}/kalender`, 'calendar-upload-form'],
  ])('%s', async (url, testid) => {
    const res = await get(admin, url);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`data-testid="${testid}"`);
  });

  it('the index shows the tree with heads and counts, and the list filters by unit and name', async () => {
    const res = await get(admin, P);
    expect(res.body).toContain('Kepala: Kepala Dinas Kominfo');
    expect(res.body).toMatch(
      new RegExp(`data-testid="unit-${unitA.id}">(?:(?!</li>).)*<ul><li data-testid="unit-${unitB.id}"`),
    ); // B nested in A
    // The search is a POST (a name or NIP never goes into a URL); a unit alone may still be linked.
    const filtered = await post(admin, `${P}/cari`, { unit: String(unitA.id), q: 'anggota' });
    expect(filtered.body).toContain(`href="${P}/${member.id}"`);
    expect(filtered.body).not.toContain(`href="${P}/${stranger.id}"`);
    expect(filtered.body).toContain('data-testid="head-form"');
    const all = await post(admin, `${P}/cari`, { unit: '', q: '' });
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain(`href="${P}/${stranger.id}"`);
  });

  it('English is available', async () => {
    const res = await get(admin, `${P}/jadwal?lang=en`);
    expect(res.body).toContain('Schedules, calendar and attendance rules');
    expect(res.body).toContain('Monday');
  });
});

describe('units', () => {
  it('adds a unit below another; a bad code comes back with what to type and the entries kept', async () => {
    const bad = await post(admin, `${P}/unit`, {
      parentId: String(unitA.id),
      code: 'KODE SALAH!',
      name: 'Bidang Statistik',
      kind: 'bidang',
    });
    expectSummary(bad, 422, 'Kode unit hanya huruf', 'value="Bidang Statistik"', `value="${unitA.id}" selected`);
    const ok = await post(admin, `${P}/unit`, {
      parentId: String(unitA.id),
      code: 'STAT',
      name: 'Bidang Statistik',
      kind: 'bidang',
    });
    expect(ok.statusCode).toBe(303);
    expect((await get(admin, P)).body).toContain(`${unitA.path.split('/')[1]}/STAT`);
  });

  it('sets the head among the unit’s employees; an employee of another unit is refused', async () => {
    const bad = await post(admin, `${P}/unit/${unitB.id}/kepala`, { employeeId: String(stranger.id) });
    expectSummary(bad, 422, 'Kepala unit harus pegawai di unit itu');
    const ok = await post(admin, `${P}/unit/${unitB.id}/kepala`, { employeeId: String(member.id) });
    expect(ok.statusCode).toBe(303);
    expect((await get(admin, P)).body).toContain('Kepala: Anggota Bidang Aplikasi');
    await post(admin, `${P}/unit/${unitB.id}/kepala`, { employeeId: '' }); // and back to none
    expect((await get(admin, `${P}/${member.id}`)).body).toContain('Kepala Dinas Kominfo'); // supervised by the head above
  });

  it('gives a unit a schedule of the city; an unknown schedule is refused', async () => {
    const bad = await post(admin, `${P}/unit/${unitC.id}/jadwal`, { scheduleId: '999999' });
    expectSummary(bad, 422, 'Jadwal tidak ditemukan');
    const s = await t.services.employees.saveSchedule(admin.ctx, 'Jadwal Pelayanan', {
      kind: 'tetap',
      week: { 1: { start: '08:00', end: '16:00' } },
    });
    expect((await post(admin, `${P}/unit/${unitC.id}/jadwal`, { scheduleId: String(s.id) })).statusCode).toBe(303);
    expect((await get(admin, `${P}/${stranger.id}`)).body).toContain('Jadwal Pelayanan (dari unit Dinas Tetangga)');
  });
});

describe('a new employee', () => {
  it('a NIP that is not 18 digits comes back with what to type, the entries kept', async () => {
    const res = await post(admin, `${P}/baru`, {
      nip: '12345',
      fullName: 'Sari Wulandari',
      kind: 'PPPK',
      position: 'Pranata Komputer',
      unitId: String(unitB.id),
      locationIds: [String(location.id)],
    });
    expectSummary(
      res,
      400,
      'NIP atau NI PPPK harus 18 angka yang sah',
      'value="Sari Wulandari"',
      'value="PPPK" selected',
      `value="${location.id}" checked`,
    );
  });

  it('an unknown supervisor is refused with what to do', async () => {
    const res = await post(admin, `${P}/baru`, {
      nip: makeNip('2'),
      fullName: 'Sari Wulandari',
      kind: 'PNS',
      position: 'Analis',
      unitId: String(unitB.id),
      supervisorNip: makeNip(),
    });
    expectSummary(res, 422, 'Atasan dengan NIP atau nomor pegawai itu tidak ditemukan', 'value="Sari Wulandari"');
  });

  it('shows the username and the temporary password once; the password signs in', async () => {
    const nip = makeNip('2');
    const res = await post(admin, `${P}/baru`, {
      nip,
      fullName: 'Sari Wulandari',
      kind: 'PNS',
      position: 'Analis',
      grade: 'III/a',
      unitId: String(unitB.id),
      supervisorNip: head.nip,
      locationIds: [String(location.id)],
      email: '',
      phone: '',
    });
    expect(res.statusCode, res.body.slice(0, 400)).toBe(201);
    expect(res.headers['cache-control']).toContain('no-store');
    expect(res.body).toContain('hanya ditampilkan sekali');
    const [password] = passwordIn(res.body);
    expect(password).toBeTruthy();
    expect(res.body).toContain(`<td>${nip}</td>`);
    const login = await t.services.accounts.login({
      loginId: nip,
      password: password!,
      ip: '10.200.0.1',
      userAgent: 'vitest',
    });
    expect(login.token).toBeTruthy();
    const id = Number(/href="\/pegawai\/(\d+)" data-testid="created-employee"/.exec(res.body)?.[1]);
    const detail = await get(admin, `${P}/${id}`);
    expect(detail.body).toContain('Sari Wulandari');
    expect(detail.body).toContain('Kepala Dinas Kominfo');
    expect(detail.body).not.toContain(password!);
    const again = await post(admin, `${P}/baru`, {
      nip,
      fullName: 'Sari Wulandari',
      kind: 'PNS',
      position: 'Analis',
      unitId: String(unitB.id),
    });
    expectSummary(again, 422, 'NIP ini sudah terdaftar');
    expect(passwordIn(again.body)).toEqual([]);
  });
});

describe('CSV import', () => {
  const unitPath = () => unitB.path.split('/').slice(1).join('/');
  const csv = (good: string, bad: string) =>
    `nip,nama,jenis,jabatan,golongan,unit,atasan_nip,lokasi,email,telepon\n${good},Dewi Lestari,PNS,Analis,III/b,${unitPath()},,${'Tidak Ada'},,\n${bad},Rudi Hartono,PPPK,Teknisi,,TIDAK/ADA,,,,\n`;

  it('refuses the file row by row and writes nothing unless asked for the valid rows only', async () => {
    const good = makeNip('2');
    const body = `nip,nama,jenis,jabatan,golongan,unit,atasan_nip,lokasi,email,telepon\n${good},Dewi Lestari,PNS,Analis,III/b,${unitPath()},,,,\n${makeNiPppk()},Rudi Hartono,PPPK,Teknisi,,TIDAK/ADA,,,,\nbukan-nip,Tanpa NIP,PNS,Staf,,${unitPath()},,,,\n`;
    const refused = await post(admin, `${P}/impor`, { csv: body });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Tidak ada yang diimpor: 2 dari 3 baris ditolak');
    expect(refused.body).toContain('Unit &quot;TIDAK/ADA&quot; tidak ditemukan');
    expect(refused.body.match(/data-testid="import-refused-row"/g)).toHaveLength(2);
    expect(passwordIn(refused.body)).toEqual([]);
    expect(refused.body).toContain('Dewi Lestari'); // the pasted CSV is kept in the form
    const written = await post(admin, `${P}/impor`, { csv: body, validOnly: '1' });
    expect(written.statusCode).toBe(200);
    expect(written.body).toContain('1 dari 3 baris diimpor');
    expect(passwordIn(written.body)).toHaveLength(1);
    expect(written.headers['cache-control']).toContain('no-store');
    expect((await post(admin, `${P}/cari`, { q: 'Dewi' })).body).toContain('Dewi Lestari');
  });

  it('reads an uploaded file; an unknown location is named in the refusal', async () => {
    const m = multipart({ _csrf: admin.csrf, validOnly: '1' }, [
      { name: 'file', filename: 'pegawai.csv', type: 'text/csv', content: Buffer.from(csv(makeNip(), makeNiPppk())) },
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: `${P}/impor`,
      cookies: admin.cookies,
      headers: m.headers,
      payload: m.payload,
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Lokasi kerja tidak dikenal: Tidak Ada');
  });

  it('an empty form says to choose a file or paste the CSV', async () => {
    expectSummary(await post(admin, `${P}/impor`, { csv: '  ' }), 422, 'Pilih berkas CSV atau tempel isi CSV');
  });
});

describe('an employee’s details', () => {
  it('the administrator edits them; a supervisor that does not exist comes back with the entries kept', async () => {
    const page = await get(admin, `${P}/${member.id}`);
    expect(page.body).toContain('data-testid="employee-edit-form"');
    expect(page.body).toContain(`value="${location.id}" checked`);
    const bad = await post(admin, `${P}/${member.id}/ubah`, {
      position: 'Pranata Komputer Ahli',
      unitId: String(unitB.id),
      supervisorNip: makeNip(),
      shiftOffset: '2',
    });
    expectSummary(
      bad,
      422,
      'Atasan dengan NIP atau nomor pegawai itu tidak ditemukan',
      'value="Pranata Komputer Ahli"',
      'value="2"',
    );
    const badOffset = await post(admin, `${P}/${member.id}/ubah`, {
      position: 'X',
      unitId: String(unitB.id),
      shiftOffset: '99',
    });
    expectSummary(badOffset, 400, 'Geser pola shift harus bilangan bulat 0–30');
    const ok = await post(admin, `${P}/${member.id}/ubah`, {
      position: 'Pranata Komputer Ahli',
      unitId: String(unitB.id),
      supervisorNip: head.nip,
      shiftOffset: '1',
      locationIds: [],
    });
    expect(ok.statusCode).toBe(303);
    const after = await get(admin, `${P}/${member.id}`);
    expect(after.body).toContain('Pranata Komputer Ahli');
    expect(after.body).toContain('belum ada lokasi kerja');
    expect(after.body).toContain(`value="${head.nip}"`);
  });

  it('a head of unit reads their units’ employees only, without the edit form; the admin pages are closed to them', async () => {
    const own = await get(head, `${P}/${member.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('Anggota Bidang Aplikasi');
    expect(own.body).not.toContain('employee-edit-form');
    expect((await get(head, `${P}/${stranger.id}`)).statusCode).toBe(404);
    expect((await get(member, `${P}/${head.id}`)).statusCode).toBe(404);
    for (const url of [P, `${P}/baru`, `${P}/impor`, `${P}/lokasi`, `${P}/jadwal`, `${P}/kalender`])
      expect((await get(head, url)).statusCode, url).toBe(403);
    expect(
      (await post(head, `${P}/${member.id}/ubah`, { position: 'Diubah', unitId: String(unitB.id) })).statusCode,
    ).toBe(403);
  });

  it('an unknown employee is not found', async () => {
    expect((await get(admin, `${P}/999999`)).statusCode).toBe(404);
    expect((await post(admin, `${P}/999999/ubah`, { position: 'X', unitId: String(unitB.id) })).statusCode).toBe(404);
  });
});

describe('work locations', () => {
  it('adds a location with a map link; coordinates outside Indonesia come back with what to type', async () => {
    const bad = await post(admin, `${P}/lokasi`, {
      name: 'Kantor Kecamatan Timur',
      lat: '-50',
      lon: '105.3',
      radiusM: '100',
    });
    expectSummary(bad, 422, 'Lintang harus angka desimal', 'value="Kantor Kecamatan Timur"', 'value="-50"');
    const comma = await post(admin, `${P}/lokasi`, {
      name: 'Kantor Kecamatan Timur',
      lat: '-5,12',
      lon: '105.3',
      radiusM: '100',
    });
    expectSummary(comma, 400, 'Lintang harus angka desimal');
    const ok = await post(admin, `${P}/lokasi`, {
      name: 'Kantor Kecamatan Timur',
      lat: '-5.1201',
      lon: '105.3102',
      radiusM: '150',
    });
    expect(ok.statusCode).toBe(303);
    const list = await get(admin, `${P}/lokasi`);
    expect(list.body).toContain('Kantor Kecamatan Timur');
    expect(list.body).toContain('https://www.openstreetmap.org/?mlat=-5.1201&amp;mlon=105.3102');
  });
});

describe('schedules, calendar and rules', () => {
  it('shows the Perpres 21/2023 default', async () => {
    const res = await get(admin, `${P}/jadwal`);
    expect(res.body).toMatch(
      /data-testid="default-schedule">Senin 07:30–16:00, Selasa 07:30–16:00, Rabu 07:30–16:00, Kamis 07:30–16:00, Jumat 07:30–16:30</,
    );
    expect(res.body).toContain('name="s1" id="f-s1" value="07:30"');
  });

  it('saves a fixed week with Ramadan hours; a day with only a start time comes back with the service’s message', async () => {
    const bad = await post(admin, `${P}/jadwal/tetap`, {
      fixedName: 'Jadwal Enam Hari',
      s1: '07:30',
      e1: '',
      s6: '07:30',
      e6: '12:00',
    });
    expectSummary(
      bad,
      422,
      'Jam masuk dan pulang harus berformat JJ:MM',
      'value="Jadwal Enam Hari"',
      'name="s6" id="f-s6" value="07:30"',
      'href="#f-week"',
    );
    const ok = await post(admin, `${P}/jadwal/tetap`, {
      fixedName: 'Jadwal Enam Hari',
      s1: '07:30',
      e1: '14:00',
      s6: '07:30',
      e6: '12:00',
      rs1: '08:00',
      re1: '13:00',
    });
    expect(ok.statusCode).toBe(303);
    const s = (await t.services.employees.schedules(admin.ctx)).find((x) => x.name === 'Jadwal Enam Hari');
    expect(s?.schedule).toEqual({
      kind: 'tetap',
      week: { 1: { start: '07:30', end: '14:00' }, 6: { start: '07:30', end: '12:00' } },
      ramadan: { 1: { start: '08:00', end: '13:00' } },
    });
    expect((await get(admin, `${P}/jadwal`)).body).toContain(
      'Jadwal Enam Hari</strong>: Senin 07:30–14:00, Sabtu 07:30–12:00',
    );
  });

  it('saves a shift schedule from JSON; broken JSON and a pattern naming an unknown shift are explained', async () => {
    const broken = await post(admin, `${P}/jadwal/shift`, {
      shiftName: 'Regu Damkar',
      definition: '{"kind": "shift",',
    });
    expectSummary(
      broken,
      422,
      'Isian bukan JSON yang sah',
      'value="Regu Damkar"',
      '{&quot;kind&quot;: &quot;shift&quot;,',
    );
    const def = {
      kind: 'shift',
      shifts: { P: { start: '07:00', end: '19:00' }, M: { start: '19:00', end: '07:00' } },
      pattern: ['P', 'M', null, null],
      anchor: '2026-01-05',
      worksHolidays: true,
    };
    const unknown = await post(admin, `${P}/jadwal/shift`, {
      shiftName: 'Regu Damkar',
      definition: JSON.stringify({ ...def, pattern: ['P', 'X'] }),
    });
    expectSummary(unknown, 422, 'Pola shift memuat kode yang tidak ada di daftar shift');
    expect(
      (await post(admin, `${P}/jadwal/shift`, { shiftName: 'Regu Damkar', definition: JSON.stringify(def) }))
        .statusCode,
    ).toBe(303);
    expect((await get(admin, `${P}/jadwal`)).body).toContain(
      'Shift M 19:00–07:00, P 07:00–19:00; pola P M - - mulai 2026-01-05',
    );
  });

  it('adds and removes calendar entries of a year on the calendar page; an end before the start is refused with the entries kept', async () => {
    const bad = await post(admin, `${P}/kalender`, {
      kind: 'cuti_bersama',
      start: '2027-12-26',
      end: '2027-12-24',
      name: 'Cuti bersama Natal',
    });
    expectSummary(
      bad,
      422,
      'Tanggal selesai tidak boleh sebelum tanggal mulai',
      'value="Cuti bersama Natal"',
      'value="2027-12-26"',
    );
    const badDate = await post(admin, `${P}/kalender`, {
      kind: 'cuti_bersama',
      start: '26-12-2027',
      end: '2027-12-26',
      name: 'Cuti bersama Natal',
    });
    expectSummary(badDate, 400, 'Tulis tanggal dengan format TTTT-BB-HH');
    const ok = await post(admin, `${P}/kalender`, {
      kind: 'cuti_bersama',
      start: '2027-12-26',
      end: '2027-12-26',
      name: 'Cuti bersama Natal',
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`${P}/kalender?year=2027#tahun`);
    const page = await get(admin, `${P}/kalender?year=2027`);
    expect(page.body).toContain('Diisi kota');
    expect(page.body).toContain('Cuti bersama Natal');
    const id = Number(/data-testid="calendar-remove-(\d+)"/.exec(page.body)?.[1]);
    expect((await post(admin, `${P}/kalender/${id}/hapus`, {})).statusCode).toBe(303);
    expect((await get(admin, `${P}/kalender?year=2027`)).body).not.toContain('Cuti bersama Natal');
    expect((await post(admin, `${P}/kalender/${id}/hapus`, {})).statusCode).toBe(404);
  });

  it('shows the rules as tables and saves them from JSON; invalid rules are explained by the service', async () => {
    const page = await get(admin, `${P}/jadwal`);
    expect(page.body).toMatch(/data-testid="late-bands"[\s\S]*TL4[\s\S]*91 ke atas[\s\S]*1.5 %/);
    const rules = (await t.services.employees.rules(admin.ctx)) as unknown as Record<string, unknown>;
    const bad = await post(admin, `${P}/aturan`, { rules: JSON.stringify({ ...rules, graceMinutes: 999 }) });
    expectSummary(bad, 422, 'Toleransi keterlambatan harus bilangan bulat 0–240 menit', '&quot;graceMinutes&quot;:999');
    const ok = await post(admin, `${P}/aturan`, { rules: JSON.stringify({ ...rules, graceMinutes: 5 }) });
    expect(ok.statusCode).toBe(303);
    expect((await get(admin, `${P}/jadwal`)).body).toContain('5 menit');
  });
});

describe('an employee account from the page', () => {
  it('the admin shows a new temporary password once, and deactivates someone who leaves', async () => {
    const someone = await createEmployee(t, admin, { unitId: unitC.id, name: 'Akan Pindah' });
    const page = await get(admin, `${P}/${someone.id}`);
    expect(page.body).toContain('data-testid="employee-reset-form"');
    expect(page.body).toContain('data-testid="employee-deactivate-form"');
    expect((await get(head, `${P}/${member.id}`)).body).not.toContain('employee-reset-form');
    expect(page.body).toContain('data-testid="leave-balance"');
    const badCarry = await post(admin, `${P}/${someone.id}/saldo-cuti`, {
      year: '2026',
      unusedLastYear: '13',
      unusedTwoYearsAgo: '0',
    });
    expectSummary(badCarry, 400, 'Sisa cuti tahun lalu');
    expect(badCarry.body).toContain('value="13"');
    expect(
      (
        await post(admin, `${P}/${someone.id}/saldo-cuti`, {
          year: '2026',
          unusedLastYear: '6',
          unusedTwoYearsAgo: '2',
        })
      ).statusCode,
    ).toBe(303);
    expect((await get(admin, `${P}/${someone.id}`)).body).toMatch(/Hak cuti 20 hari kerja/);
    const reset = await post(admin, `${P}/${someone.id}/reset-sandi`, {});
    expect(reset.statusCode).toBe(200);
    expect(passwordIn(reset.body)).toHaveLength(1);
    const off = await post(admin, `${P}/${someone.id}/nonaktif`, {});
    expect(off.statusCode).toBe(303);
    expect((await post(admin, `${P}/${someone.id}/nonaktif`, {})).statusCode).toBe(404);
  });
});
