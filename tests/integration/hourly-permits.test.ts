// Hourly permits and the PP 94/2021 discipline counts through HTTP: a late
// arrival asked for, approved by the direct superior, and the day's TL band
// and cut gone (today, and a closed day recomputed with its history); a
// refusal needs a reason; a head of another unit cannot decide; bad input is
// answered with the field and what to do; the discipline list is scoped to
// the caller's units.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/lib/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { checkInBody, createEmployee, createLocation, createUnit, type TestEmployee } from '../helpers/staff.js';

// Monday 2 March 2026, 08:40 WIB.
const clock = fixedClock('2026-03-02T01:40:00Z');
let t: TestApp;
let admin: Awaited<ReturnType<TestApp['createUser']>>;
let head: TestEmployee;
let otherHead: TestEmployee;
let staff: TestEmployee;
let locId: number;
let bidangId: number;
let otherUnitId: number;

const post = (who: { auth: Record<string, string> }, url: string, payload: unknown) =>
  t.app.inject({ method: 'POST', url, headers: who.auth, payload: payload as Record<string, unknown> });
const get = (who: { auth: Record<string, string> }, url: string) =>
  t.app.inject({ method: 'GET', url, headers: who.auth });
const page = (who: { cookies: Record<string, string> }, url: string) =>
  t.app.inject({ method: 'GET', url, cookies: who.cookies });
const form = (who: TestEmployee, url: string, fields: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url,
    cookies: who.cookies,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
  });
let seq = 0;
const permit = (over: Record<string, string> = {}) => ({
  idempotencyKey: `izin-jam-uji-${++seq}`,
  permitKind: 'terlambat',
  permitDate: '2026-03-02',
  startTime: '07:30',
  endTime: '09:00',
  reason: 'Mengantar anak ke puskesmas',
  ...over,
});
const at = (iso: string) => clock.set(iso);

beforeAll(async () => {
  t = await createTestApp({ clock, config: { SESSION_TTL_HOURS: '720', HOURLY_PERMIT_MAX_PER_MONTH: '3' } });
  const area = await t.createArea();
  admin = await t.createUser('admin_kota', area.city);
  const opd = await createUnit(t, admin, { name: 'Dinas Komunikasi dan Informatika' });
  const bidang = await createUnit(t, admin, { parentId: opd.id, name: 'Bidang Aptika' });
  const other = await createUnit(t, admin, { name: 'Dinas Lain' });
  bidangId = bidang.id;
  otherUnitId = other.id;
  locId = (await createLocation(t, admin)).id;
  head = await createEmployee(t, admin, { unitId: opd.id, locationIds: [locId], name: 'Kepala Dinas', head: true });
  otherHead = await createEmployee(t, admin, { unitId: other.id, name: 'Kepala Dinas Lain', head: true });
  staff = await createEmployee(t, admin, { unitId: bidang.id, locationIds: [locId], name: 'Staf Aptika' });
});
afterAll(() => t.close());

describe('an hourly permit approved by the direct superior', () => {
  let id: number;

  it('a check-in at 08:40 is late (TL3, 1.25 %) before any permit', async () => {
    at('2026-03-02T01:40:00Z');
    expect((await post(staff, '/api/v1/attendance/check-ins', checkInBody('masuk'))).statusCode).toBe(201);
    const today = (await get(staff, '/api/v1/attendance/today')).json();
    expect(today.status).toMatchObject({ status: 'terlambat', lateBand: 'TL3', cutPercent: 1.25 });
  });

  it('is asked for once (a retry with the same key is the same permit) and waits for the superior', async () => {
    const body = permit();
    const first = await post(staff, '/api/v1/attendance/permits', body);
    expect(first.statusCode, first.body).toBe(201);
    id = first.json().id;
    const again = await post(staff, '/api/v1/attendance/permits', body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ id, duplicate: true });
    const queue = (await get(head, '/api/v1/attendance/permits?which=to_decide')).json().items;
    expect(queue.map((p: { id: number }) => p.id)).toContain(id);
    const page1 = await page(head, '/presensi/izin-jam/putuskan');
    expect(page1.body).toContain(`data-testid="permit-approve-${id}"`);
    expect(page1.body).toContain(`data-testid="permit-row-${id}"`);
  });

  it('a head of another unit, and the asker, cannot decide it (404, nothing changes)', async () => {
    expect(
      (await post(otherHead, `/api/v1/attendance/permits/${id}/decision`, { decision: 'disetujui' })).statusCode,
    ).toBe(404);
    expect((await post(staff, `/api/v1/attendance/permits/${id}/decision`, { decision: 'disetujui' })).statusCode).toBe(
      404,
    );
    expect((await get(otherHead, '/api/v1/attendance/permits?which=unit')).json().items).toEqual([]);
    const row = await t.database.pool.query('select status from hourly_permits where id = $1', [id]);
    expect(row.rows[0].status).toBe('diajukan');
  });

  it('approved: the day is hadir with no TL band and no cut, and shows the permit', async () => {
    const ok = await post(head, `/api/v1/attendance/permits/${id}/decision`, { decision: 'disetujui' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ id, status: 'disetujui', recomputedDays: 0 });
    const again = await post(head, `/api/v1/attendance/permits/${id}/decision`, { decision: 'ditolak', note: 'x' });
    expect(again.statusCode).toBe(409);
    const today = (await get(staff, '/api/v1/attendance/today')).json();
    expect(today.status).toMatchObject({ status: 'hadir', lateBand: null, lateMinutes: 0, cutPercent: 0 });
    expect(today.status.permits).toEqual([{ id, kind: 'terlambat', band: 'TL3', minutes: 70 }]);
    const home = await page(staff, '/presensi');
    expect(home.body).toMatch(/data-testid="day-status" data-bands="">Hadir</);
    expect(home.body).toContain('data-testid="day-permit"');
    // The unit's recap counts the day under "Izin jam (hari)", with no TL3 and no cut.
    const recap = await get(head, `/api/v1/attendance/recap?unit=${bidangId}&month=2026-03&format=csv`);
    expect(recap.statusCode, recap.body).toBe(200);
    const [header, ...rows] = recap.body
      .replace(/^\ufeff/, '')
      .trim()
      .split(/\r?\n/)
      .map((l) => l.split(','));
    const mine = rows.find((r) => r[0] === staff.nip)!;
    expect(mine[header!.indexOf('Izin jam (hari)')]).toBe('1');
    expect(mine[header!.indexOf('TL3')]).toBe('0');
  });
});

describe('a closed day', () => {
  it('late on Tuesday, closed that night, then a permit approved: the stored day changes and the history says why', async () => {
    at('2026-03-03T01:10:00Z'); // 08:10 WIB: TL2
    expect((await post(staff, '/api/v1/attendance/check-ins', checkInBody('masuk'))).statusCode).toBe(201);
    at('2026-03-03T09:05:00Z'); // 16:05 WIB
    expect((await post(staff, '/api/v1/attendance/check-ins', checkInBody('pulang'))).statusCode).toBe(201);
    at('2026-03-03T18:00:00Z'); // 01:00 WIB on Wednesday
    const person = await t.services.employees.employee(admin.ctx, staff.id);
    await t.services.attendance.closeDay(admin.ctx, [person], '2026-03-03');
    const stored = async () =>
      (
        await t.database.pool.query(
          `select status, late_band, cut_percent::float as cut from attendance_days where employee_id = $1 and work_date = '2026-03-03'`,
          [staff.id],
        )
      ).rows[0];
    expect(await stored()).toEqual({ status: 'terlambat', late_band: 'TL2', cut: 1 });

    const asked = await post(
      staff,
      '/api/v1/attendance/permits',
      permit({ permitDate: '2026-03-03', endTime: '08:15' }),
    );
    expect(asked.statusCode, asked.body).toBe(201);
    // Through the decision page, as the head uses it.
    const done = await form(head, `/presensi/izin-jam/${asked.json().id}/putuskan`, { decision: 'disetujui' });
    expect(done.statusCode, done.body).toBe(303);
    expect(done.headers.location).toBe('/presensi/izin-jam/putuskan?keputusan=disetujui&hari=1');
    expect(await stored()).toEqual({ status: 'hadir', late_band: null, cut: 0 });
    const month = (await get(staff, '/api/v1/attendance/month?month=2026-03')).json();
    expect(month.history).toEqual([
      expect.objectContaining({
        date: '2026-03-03',
        old_status: 'terlambat',
        new_status: 'hadir',
        reason: `permit:${asked.json().id}`,
      }),
    ]);
    const view = await page(staff, '/presensi/bulan?bulan=2026-03');
    expect(view.body).toContain('izin jam disetujui');
    expect(view.body).toMatch(/data-testid="day-2026-03-03"[\s\S]*?Izin terlambat datang: TL2 tidak dihitung/);
  });

  it('a permit that does not cover the whole lateness leaves the band (TL stays)', async () => {
    const other = await createEmployee(t, admin, { unitId: bidangId, locationIds: [locId] });
    at('2026-03-02T02:00:00Z'); // 09:00 WIB
    expect((await post(other, '/api/v1/attendance/check-ins', checkInBody('masuk'))).statusCode).toBe(201);
    const asked = await post(other, '/api/v1/attendance/permits', permit({ endTime: '08:30' }));
    expect(
      (await post(head, `/api/v1/attendance/permits/${asked.json().id}/decision`, { decision: 'disetujui' }))
        .statusCode,
    ).toBe(200);
    const today = (await get(other, '/api/v1/attendance/today')).json();
    expect(today.status).toMatchObject({ status: 'terlambat', lateBand: 'TL3' });
  });
});

describe('refusal', () => {
  it('needs a reason; with one, the permit is refused and the employee sees why', async () => {
    at('2026-03-02T03:00:00Z');
    const asker = await createEmployee(t, admin, { unitId: bidangId, locationIds: [locId] });
    const id = (await post(asker, '/api/v1/attendance/permits', permit())).json().id;
    const bare = await post(head, `/api/v1/attendance/permits/${id}/decision`, { decision: 'ditolak' });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().error.fields).toEqual([
      { field: 'note', message: 'Tulis alasan penolakan agar pegawai tahu mengapa izinnya ditolak.' },
    ]);
    const onPage = await form(head, `/presensi/izin-jam/${id}/putuskan`, { decision: 'ditolak', note: '' });
    expect(onPage.statusCode).toBe(422);
    expect(onPage.body).toContain('Tulis alasan penolakan');
    const no = await post(head, `/api/v1/attendance/permits/${id}/decision`, {
      decision: 'ditolak',
      note: 'Rapat pagi wajib hadir',
    });
    expect(no.statusCode).toBe(200);
    const mine = await page(asker, '/presensi/izin-jam');
    expect(mine.body).toContain(`data-testid="permit-row-${id}"`);
    expect(mine.body).toContain('Ditolak');
    expect(mine.body).toContain('Rapat pagi wajib hadir');
  });
});

describe('bad input is answered with the field and what to do', () => {
  let asker: TestEmployee;
  beforeAll(async () => {
    at('2026-03-02T03:00:00Z');
    asker = await createEmployee(t, admin, { unitId: bidangId, locationIds: [locId] });
  });
  /** A schema's refusal is 400, a rule's (limits, order of times) 422; both name the field. */
  const refusal = async (body: Record<string, string>, status = 422) => {
    const r = await post(asker, '/api/v1/attendance/permits', permit(body));
    expect(r.statusCode, r.body).toBe(status);
    return r.json().error.fields as { field: string; message: string }[];
  };

  it('end before start, a malformed time, too long, too old, an unknown kind', async () => {
    expect(await refusal({ startTime: '09:00', endTime: '08:00' })).toEqual([
      { field: 'endTime', message: expect.stringContaining('Jam selesai harus sesudah jam mulai') },
    ]);
    expect((await refusal({ startTime: '7.30' }, 400))[0]).toMatchObject({
      field: 'startTime',
      message: expect.stringContaining('Dari jam'),
    });
    expect((await refusal({ startTime: '07:00', endTime: '12:00' }))[0]!.message).toBe(
      'Izin ini 300 menit, sedangkan izin jam paling lama 240 menit. Untuk waktu lebih lama, ajukan izin harian.',
    );
    expect((await refusal({ permitDate: '2026-02-20' }))[0]).toMatchObject({
      field: 'permitDate',
      message: expect.stringContaining('paling lambat 7 hari'),
    });
    expect((await refusal({ permitKind: 'tidur_siang' }, 400))[0]).toMatchObject({ field: 'permitKind' });
  });

  it('the month limit (HOURLY_PERMIT_MAX_PER_MONTH = 3 here): the third passes, the fourth does not', async () => {
    for (const day of ['02', '03', '04'])
      expect(
        (await post(asker, '/api/v1/attendance/permits', permit({ permitDate: `2026-03-${day}` }))).statusCode,
      ).toBe(201);
    const fields = await refusal({ permitDate: '2026-03-05' });
    expect(fields).toEqual([
      {
        field: 'permitDate',
        message:
          'Anda sudah mempunyai 3 izin jam pada bulan itu, batas yang ditetapkan kota. Untuk keperluan lain, ajukan izin harian.',
      },
    ]);
  });

  it('the page form keeps the entries and says what is wrong; a good one redirects', async () => {
    const fresh = await createEmployee(t, admin, { unitId: bidangId, locationIds: [locId] });
    const blank = await page(fresh, '/presensi/izin-jam');
    for (const id of ['permit-form', 'permit-kind', 'permit-start', 'permit-end', 'permit-reason', 'permit-submit'])
      expect(blank.body).toContain(`data-testid="${id}"`);
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(blank.body)![1]!;
    const fields = { idempotencyKey: key, permitKind: 'pulang_cepat', permitDate: '2026-03-02', reason: 'Ke bank' };
    const bad = await form(fresh, '/presensi/izin-jam', { ...fields, startTime: '15:00', endTime: '14:00' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Jam selesai harus sesudah jam mulai');
    expect(bad.body).toContain('value="15:00"');
    expect(bad.body).toContain(key);
    const good = await form(fresh, '/presensi/izin-jam', { ...fields, startTime: '14:00', endTime: '16:00' });
    expect(good.statusCode).toBe(303);
    expect(good.headers.location).toBe('/presensi/izin-jam?diajukan=1');
  });
});

describe('discipline counts (PP 94/2021)', () => {
  /** Stores `n` unexcused working days from a Monday (weekends stored as libur), like the nightly close would. */
  async function unexcused(employeeId: number, n: number, from = '2026-01-05') {
    let date = new Date(`${from}T00:00:00Z`);
    for (let k = 0; k < n;) {
      const day = date.getUTCDay();
      const iso = date.toISOString().slice(0, 10);
      const status = day === 0 || day === 6 ? 'libur' : 'tanpa_keterangan';
      await t.database.pool.query(
        `insert into attendance_days (employee_id, work_date, status, cut_percent, computed_at) values ($1, $2, $3, $4, now())`,
        [employeeId, iso, status, status === 'libur' ? 0 : 3],
      );
      if (status !== 'libur') k++;
      date = new Date(date.getTime() + 86_400_000);
    }
  }
  let mine: TestEmployee;
  let theirs: TestEmployee;
  let runner: TestEmployee;

  beforeAll(async () => {
    mine = await createEmployee(t, admin, { unitId: bidangId, name: 'Pegawai Bolos Tiga' });
    theirs = await createEmployee(t, admin, { unitId: otherUnitId, name: 'Pegawai Unit Lain' });
    runner = await createEmployee(t, admin, { unitId: bidangId, name: 'Pegawai Sepuluh Hari' });
    await unexcused(mine.id, 3);
    await unexcused(theirs.id, 6); // two runs: 6 + 5 = 11 in the year, never 10 in a row
    await unexcused(theirs.id, 5, '2026-03-16');
    await unexcused(runner.id, 10, '2026-02-02');
  });

  it('the head sees their units’ people with the threshold crossed and its article', async () => {
    const res = await page(head, '/presensi/disiplin?tahun=2026');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-testid="discipline-table"');
    const row = (id: number) =>
      new RegExp(`data-testid="discipline-row-${id}"[\\s\\S]*?</tr>`).exec(res.body)?.[0] ?? '';
    expect(row(mine.id)).toContain('Teguran lisan');
    expect(row(mine.id)).toContain('PP 94/2021 Pasal 9');
    expect(row(runner.id)).toContain('data-code="pemberhentian"');
    expect(row(runner.id)).toContain('10 hari kerja berturut-turut');
    expect(res.body).not.toContain(`discipline-row-${theirs.id}`);
    expect(res.body).not.toContain('Pegawai Unit Lain');
  });

  it('the other head sees only theirs; the city admin (BKPSDM) sees all; a plain employee and another city see nobody', async () => {
    const other = (await get(otherHead, '/api/v1/attendance/discipline?year=2026')).json();
    expect(other.rows.map((r: { employee: { id: number } }) => r.employee.id)).toEqual([theirs.id]);
    expect(other.rows[0]).toMatchObject({ days: 11, threshold: { code: 'potongan_tukin_6_bulan' }, by: 'kumulatif' });
    const all = (await get(admin, '/api/v1/attendance/discipline?year=2026')).json();
    expect(all.rows.map((r: { employee: { id: number } }) => r.employee.id).sort()).toEqual(
      [mine.id, theirs.id, runner.id].sort(),
    );
    const plain = await page(staff, '/presensi/disiplin?tahun=2026');
    expect(plain.body).toContain('data-testid="discipline-empty"');
    const stranger = await t.createUser('admin_kota', (await t.createArea()).city);
    expect((await get(stranger, '/api/v1/attendance/discipline?year=2026')).json().rows).toEqual([]);
    expect((await get(head, '/api/v1/attendance/discipline?year=2025')).json().rows).toEqual([]);
  });

  it('is in the menu of heads and of the city admin', async () => {
    expect((await page(head, '/presensi')).body).toContain('href="/presensi/disiplin"');
    expect((await page(admin, '/')).body).toContain('href="/presensi/disiplin"');
    expect((await page(staff, '/presensi')).body).toContain('href="/presensi/izin-jam"');
  });
});
