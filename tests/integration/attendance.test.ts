// E-Presensi through HTTP on a real database: check-in inside and outside
// the geofence, retries with the same key, offline records sent late, flags,
// field duty, absence requests decided by the supervisor, and a late approval
// that changes a closed day while keeping its history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/lib/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { SEED_PNG } from '../helpers/uploads.js';
import {
  checkInBody,
  createEmployee,
  createLocation,
  createUnit,
  OFFICE,
  type TestEmployee,
} from '../helpers/staff.js';

// Monday 2 March 2026, 07:25 WIB.
const clock = fixedClock('2026-03-02T00:25:00Z');
let t: TestApp;
let admin: Awaited<ReturnType<TestApp['createUser']>>;
let head: TestEmployee;
let staff: TestEmployee;
let unitId: number;

const post = (who: { auth: Record<string, string> }, url: string, payload: unknown) =>
  t.app.inject({ method: 'POST', url, headers: who.auth, payload: payload as Record<string, unknown> });
const get = (who: { auth: Record<string, string> }, url: string) =>
  t.app.inject({ method: 'GET', url, headers: who.auth });

beforeAll(async () => {
  // Sessions outlive the week the fake clock walks through.
  t = await createTestApp({ clock, config: { SESSION_TTL_HOURS: '720' } });
  const area = await t.createArea();
  admin = await t.createUser('admin_kota', area.city);
  const opd = await createUnit(t, admin, { name: 'Dinas Komunikasi dan Informatika' });
  const bidang = await createUnit(t, admin, { parentId: opd.id, name: 'Bidang Aptika' });
  unitId = opd.id;
  const loc = await createLocation(t, admin);
  head = await createEmployee(t, admin, { unitId: opd.id, locationIds: [loc.id], name: 'Kepala Dinas', head: true });
  staff = await createEmployee(t, admin, { unitId: bidang.id, locationIds: [loc.id], name: 'Staf Aptika' });
});
afterAll(() => t.close());

describe('check-in', () => {
  it('inside the geofence: recorded once, the retry answers with the same record', async () => {
    const body = checkInBody('masuk', { lat: OFFICE.lat + 0.0004, lon: OFFICE.lon });
    const first = await post(staff, '/api/v1/attendance/check-ins', body);
    expect(first.statusCode, first.body).toBe(201);
    const retry = await post(staff, '/api/v1/attendance/check-ins', body);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ id: first.json().id, duplicate: true });
    expect(first.json()).toMatchObject({ kind: 'masuk', sentLate: false, flags: [], distanceM: 44 });
    const n = await t.database.pool.query('select count(*)::int as n from attendance_records where employee_id = $1', [
      staff.id,
    ]);
    expect(n.rows[0].n).toBe(1);
  });

  it('twenty simultaneous sends of one key make one record', async () => {
    const body = checkInBody('pulang');
    clock.set('2026-03-02T09:05:00Z'); // 16:05 WIB
    const res = await Promise.all(Array.from({ length: 20 }, () => post(head, '/api/v1/attendance/check-ins', body)));
    expect(res.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(new Set(res.map((r) => r.json().id)).size).toBe(1);
    clock.set('2026-03-02T00:25:00Z');
  });

  it('many people at once (their statements shared, lib/batch.ts): each answered with their own record, each key stored once', async () => {
    const loc = await createLocation(t, admin);
    const people = [];
    for (let k = 0; k < 12; k++) people.push(await createEmployee(t, admin, { unitId, locationIds: [loc.id] }));
    // Each person stands k × 5 m north of the office and sends their key twice at once.
    const sends = people.flatMap((p, k) => {
      const body = checkInBody('masuk', { lat: OFFICE.lat + (k * 5) / 111_195, lon: OFFICE.lon });
      return [post(p, '/api/v1/attendance/check-ins', body), post(p, '/api/v1/attendance/check-ins', body)];
    });
    const res = await Promise.all(sends);
    for (const [k, p] of people.entries()) {
      const [a, b] = [res[2 * k]!, res[2 * k + 1]!];
      expect([a.statusCode, b.statusCode].sort(), a.body + b.body).toEqual([200, 201]);
      expect(a.json().id).toBe(b.json().id);
      expect(a.json().distanceM).toBe(k * 5);
      const rows = await t.database.pool.query(
        'select id::text, employee_id from attendance_records where employee_id = $1',
        [p.id],
      );
      expect(rows.rows).toEqual([{ id: a.json().id, employee_id: p.id }]);
    }
  });

  it('outside the geofence: refused with the distance and what to do', async () => {
    const res = await post(
      staff,
      '/api/v1/attendance/check-ins',
      checkInBody('masuk', { lat: OFFICE.lat + 0.01, lon: OFFICE.lon }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toMatch(/di luar area presensi: 1112 m dari Kantor .* \(batas 100 m\)/);
  });

  it('without a location: refused, asking to turn on GPS', async () => {
    const res = await post(staff, '/api/v1/attendance/check-ins', { idempotencyKey: 'tanpa-lokasi-1', kind: 'masuk' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toMatch(/Nyalakan GPS/);
  });

  it('taken offline an hour ago: keeps the device time, marked as sent late; too old is refused', async () => {
    clock.set('2026-03-02T02:00:00Z');
    const device = '2026-03-02T00:58:00.000Z';
    const res = await post(
      staff,
      '/api/v1/attendance/check-ins',
      checkInBody('masuk', OFFICE, { deviceTime: device, queued: true }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ takenAt: device, sentLate: true, flags: ['dikirim_terlambat'] });
    const old = await post(
      staff,
      '/api/v1/attendance/check-ins',
      checkInBody('masuk', OFFICE, { deviceTime: '2026-02-28T00:58:00.000Z', queued: true }),
    );
    expect(old.statusCode).toBe(422);
    expect(old.json().error.message).toMatch(/lebih dari 24 jam/);
    clock.set('2026-03-02T00:25:00Z');
  });

  it('a skewed clock and a mock signal are flagged for the supervisor, who reviews them', async () => {
    const res = await post(
      staff,
      '/api/v1/attendance/check-ins',
      checkInBody('masuk', OFFICE, { deviceTime: '2026-03-02T03:00:00.000Z', mock: true }),
    );
    expect(res.json()).toMatchObject({ flags: ['jam_perangkat', 'lokasi_palsu'], takenAt: '2026-03-02T00:25:00.000Z' });
    const flagged = await get(head, '/api/v1/attendance/flagged');
    const item = (flagged.json().items as { id: string; flags: string[] }[]).find((i) => i.id === res.json().id);
    expect(item?.flags).toEqual(['jam_perangkat', 'lokasi_palsu']);
    // The employee cannot review their own record; the head can, once.
    expect(
      (await post(staff, `/api/v1/attendance/records/${res.json().id}/review`, { verdict: 'diterima' })).statusCode,
    ).toBe(404);
    expect(
      (await post(head, `/api/v1/attendance/records/${res.json().id}/review`, { verdict: 'ditolak' })).statusCode,
    ).toBe(200);
    expect(
      (await post(head, `/api/v1/attendance/records/${res.json().id}/review`, { verdict: 'diterima' })).statusCode,
    ).toBe(404);
  });

  it('a selfie is checked by content and size', async () => {
    const png = SEED_PNG; // a whole PNG: the check reads to its IEND
    const ok = await post(
      staff,
      '/api/v1/attendance/check-ins',
      checkInBody('masuk', OFFICE, { selfie: png.toString('base64') }),
    );
    expect(ok.statusCode).toBe(201);
    const notImage = await post(
      staff,
      '/api/v1/attendance/check-ins',
      checkInBody('masuk', OFFICE, { selfie: Buffer.from('%PDF-1.4 hello').toString('base64') }),
    );
    expect(notImage.statusCode).toBe(422);
  });
});

describe('scope', () => {
  it('an employee sees only themselves; the head sees the unit and below; the admin the city', async () => {
    expect((await get(staff, `/api/v1/employees/${head.id}`)).statusCode).toBe(404);
    expect((await get(staff, `/api/v1/employees/${staff.id}`)).statusCode).toBe(200);
    expect((await get(head, `/api/v1/employees/${staff.id}`)).statusCode).toBe(200);
    expect((await get(admin, `/api/v1/employees/${staff.id}`)).statusCode).toBe(200);
    const list = await get(staff, '/api/v1/employees');
    expect((list.json().items as { id: number }[]).map((e) => e.id)).toEqual([staff.id]);
    expect((await get(staff, `/api/v1/attendance/month?employeeId=${head.id}&month=2026-03`)).statusCode).toBe(404);
    expect((await get(head, `/api/v1/attendance/recap?unit=${unitId}&month=2026-03`)).statusCode).toBe(200);
  });
});

describe('absences', () => {
  it('dinas luar approved by the supervisor allows check-in at that place', async () => {
    const req = await post(staff, '/api/v1/attendance/absences', {
      idempotencyKey: 'dl-bandar-lampung',
      type: 'dinas_luar',
      start: '2026-03-03',
      end: '2026-03-03',
      reason: 'Rapat koordinasi',
      place: 'Kantor Gubernur',
      sptNumber: '800.1.11.1/17/2026',
      placeLat: -5.4294,
      placeLon: 105.261,
    });
    expect(req.statusCode, req.body).toBe(201);
    const again = await post(staff, '/api/v1/attendance/absences', {
      idempotencyKey: 'dl-bandar-lampung',
      type: 'dinas_luar',
      start: '2026-03-03',
      end: '2026-03-03',
      reason: 'Rapat koordinasi',
      place: 'Kantor Gubernur',
    });
    expect(again.json()).toEqual({ id: req.json().id, duplicate: true });
    const toDecide = await get(head, '/api/v1/attendance/absences?which=to_decide');
    expect((toDecide.json().items as { id: number }[]).map((a) => a.id)).toContain(req.json().id);
    expect(
      (await post(staff, `/api/v1/attendance/absences/${req.json().id}/decision`, { decision: 'disetujui' }))
        .statusCode,
    ).toBe(404);
    const ok = await post(head, `/api/v1/attendance/absences/${req.json().id}/decision`, {
      decision: 'disetujui',
      note: 'Silakan',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(
      (await post(head, `/api/v1/attendance/absences/${req.json().id}/decision`, { decision: 'ditolak' })).statusCode,
    ).toBe(409);
    clock.set('2026-03-03T00:20:00Z');
    const there = await post(
      staff,
      '/api/v1/attendance/check-ins',
      checkInBody('masuk', { lat: -5.4295, lon: 105.261 }),
    );
    expect(there.statusCode, there.body).toBe(201);
    expect(there.json()).toMatchObject({ place: 'Kantor Gubernur', flags: ['dinas_luar'] });
    clock.set('2026-03-02T00:25:00Z');
  });

  it('a late approval turns a closed "tanpa keterangan" into "sakit", keeping the history', async () => {
    // Wednesday 4 March: no record at all. The day is closed the next morning.
    clock.set('2026-03-05T01:00:00Z');
    const people = [{ id: head.id, unit_path: '', schedule_id: null, shift_offset: 0 }];
    const unitPath = (await t.services.employees.employee(admin.ctx, head.id)).unit_path;
    people[0]!.unit_path = unitPath;
    await t.services.attendance.closeDay(admin.ctx, people, '2026-03-04');
    const before = await get(admin, `/api/v1/attendance/month?employeeId=${head.id}&month=2026-03`);
    expect(before.json().days[3]).toMatchObject({ date: '2026-03-04', status: 'tanpa_keterangan', cutPercent: 3 });
    // The head was ill; the admin (the head has no supervisor above) approves a day's sick leave afterwards.
    const req = await post(head, '/api/v1/attendance/absences', {
      idempotencyKey: 'sakit-4-maret',
      type: 'sakit',
      start: '2026-03-04',
      end: '2026-03-04',
      reason: 'Demam',
    });
    expect(req.statusCode, req.body).toBe(201);
    const ok = await post(admin, `/api/v1/attendance/absences/${req.json().id}/decision`, { decision: 'disetujui' });
    expect(ok.json()).toMatchObject({ status: 'disetujui', recomputedDays: 1 });
    const after = await get(admin, `/api/v1/attendance/month?employeeId=${head.id}&month=2026-03`);
    expect(after.json().days[3]).toMatchObject({ date: '2026-03-04', status: 'sakit', cutPercent: 0 });
    expect(after.json().history).toEqual([
      expect.objectContaining({
        date: '2026-03-04',
        old_status: 'tanpa_keterangan',
        new_status: 'sakit',
        reason: `absence:${req.json().id}`,
      }),
    ]);
    const closed = await t.database.pool.query(
      `select status from attendance_days where employee_id = $1 and work_date = '2026-03-04'`,
      [head.id],
    );
    expect(closed.rows[0].status).toBe('sakit');
    clock.set('2026-03-02T00:25:00Z');
  });

  it("a doctor's letter is checked by content, shown to the approver and each view audited", async () => {
    const png = SEED_PNG; // a whole PNG: the check reads to its IEND
    const bad = await post(staff, '/api/v1/attendance/absences', {
      idempotencyKey: 'sakit-surat-bad',
      type: 'sakit',
      start: '2026-03-09',
      end: '2026-03-10',
      reason: 'Demam',
      attachment: Buffer.from('bukan gambar').toString('base64'),
    });
    expect(bad.statusCode).toBe(422);
    const noLetter = await post(staff, '/api/v1/attendance/absences', {
      idempotencyKey: 'sakit-surat-none',
      type: 'sakit',
      start: '2026-03-09',
      end: '2026-03-10',
      reason: 'Demam',
    });
    expect(noLetter.json().error.fields[0].message).toMatch(/surat keterangan dokter/);
    const req = await post(staff, '/api/v1/attendance/absences', {
      idempotencyKey: 'sakit-surat-ok1',
      type: 'sakit',
      start: '2026-03-09',
      end: '2026-03-10',
      reason: 'Demam',
      attachment: png.toString('base64'),
    });
    expect(req.statusCode, req.body).toBe(201);
    const view = await get(head, `/api/v1/attendance/absences/${req.json().id}/attachment`);
    expect(view.statusCode).toBe(200);
    expect(view.headers['content-type']).toBe('image/png');
    const stranger = await t.createUser('admin_kota', (await t.createArea()).city);
    expect((await get(stranger, `/api/v1/attendance/absences/${req.json().id}/attachment`)).statusCode).toBe(404);
    const audited = await t.database.pool.query(
      `select count(*)::int as n from audit_log where action = 'absence.attachment_viewed' and entity_id = $1`,
      [String(req.json().id)],
    );
    expect(audited.rows[0].n).toBe(1);
  });

  it('days carried in from earlier years (entered by the admin) raise the balance, up to 24', async () => {
    expect((await get(head, `/api/v1/employees/${staff.id}/leave?year=2027`)).json()).toMatchObject({
      available: 12,
      remaining: 12,
    });
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: `/api/v1/employees/${staff.id}/leave-carryover`,
          headers: head.auth,
          payload: { year: 2027, unusedLastYear: 6, unusedTwoYearsAgo: 6 },
        })
      ).statusCode,
    ).toBe(403);
    const set = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/employees/${staff.id}/leave-carryover`,
      headers: admin.auth,
      payload: { year: 2027, unusedLastYear: 9, unusedTwoYearsAgo: 4 },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({
      year: 2027,
      unusedLastYear: 9,
      unusedTwoYearsAgo: 4,
      available: 22,
      remaining: 22,
    }); // 12 + min(6, 9) + min(6, 4)
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: `/api/v1/employees/${staff.id}/leave-carryover`,
          headers: admin.auth,
          payload: { year: 2027, unusedLastYear: 13, unusedTwoYearsAgo: 0 },
        })
      ).statusCode,
    ).toBe(400);
  });

  it('annual leave beyond the balance is refused with the remaining days', async () => {
    const res = await post(staff, '/api/v1/attendance/absences', {
      idempotencyKey: 'cuti-panjang-01',
      type: 'cuti_tahunan',
      start: '2026-04-01',
      end: '2026-05-15',
      reason: 'Cuti',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields[0].message).toMatch(/Sisa cuti tahunan Anda 12 hari kerja/);
  });
});

describe('employees', () => {
  it("registers a PPPK by BKN's NI PPPK (…2025 21…) and says what a PNS NIP must look like", async () => {
    const { makeNiPppk } = await import('../helpers/staff.js');
    const unitId = (await t.services.employees.employee(admin.ctx, staff.id)).unit_id;
    const body = { fullName: 'Rina Marlina', position: 'Penata Layanan Operasional', unitId };
    const niPppk = makeNiPppk('2');
    const asPns = await post(admin, '/api/v1/employees', { ...body, nip: niPppk, kind: 'PNS' });
    expect(asPns.statusCode).toBe(422);
    expect(asPns.json().error.fields[0].message).toMatch(/bulan 01–12.*pilih jenis pegawai PPPK/);
    const ok = await post(admin, '/api/v1/employees', { ...body, nip: niPppk, kind: 'PPPK' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await t.services.employees.employee(admin.ctx, ok.json().id)).kind).toBe('PPPK');
  });

  it('CSV import: a row-by-row report; nothing written unless asked to keep the valid rows', async () => {
    const { makeNip, makeNiPppk } = await import('../helpers/staff.js');
    const unitPath = (await t.services.employees.employee(admin.ctx, staff.id)).unit_path.split('/').slice(1).join('/');
    const [a, b] = [makeNip(), makeNiPppk('2')];
    const csv = `nip;nama;jenis;jabatan;golongan;unit;atasan_nip\n${a};Ani Lestari;PNS;Pranata Komputer;III/b;${unitPath};${head.nip}\n12345;Salah;PNS;Staf;;${unitPath};\n${b};Budi;PPPK;Staf;IX;${unitPath};${a}\n${a};Ganda;PNS;Staf;;${unitPath};\n`;
    const dry = await post(admin, '/api/v1/employees/import', { csv });
    expect(dry.statusCode).toBe(422);
    expect(dry.json()).toMatchObject({ total: 4, imported: 0, written: false });
    expect(
      (dry.json().refused as { row: number; message: string }[]).map((r) => [r.row, r.message.slice(0, 24)]),
    ).toEqual([
      [3, 'NIP harus 18 angka yang '],
      [5, 'NIP ini sudah ada di bar'],
    ]);
    const ok = await post(admin, '/api/v1/employees/import', { csv, validOnly: true });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ imported: 2, written: true });
    expect((ok.json().accounts as { nip: string }[]).map((x) => x.nip)).toEqual([a, b]);
    // Budi's supervisor is Ani, named earlier in the same file.
    // A search text goes by POST, never in a URL.
    const list = await post(admin, '/api/v1/employees/search', { q: 'Budi' });
    const budi = (list.json().items as { id: number; supervisor_id: number }[])[0]!;
    const ani = (await post(admin, '/api/v1/employees/search', { q: 'Ani Lestari' })).json().items[0] as {
      id: number;
      supervisor_id: number;
    };
    expect(budi.supervisor_id).toBe(ani.id);
    expect(ani.supervisor_id).toBe(head.id);
    expect((await post(admin, '/api/v1/employees/import', { csv, validOnly: true })).statusCode).toBe(422); // all taken now
  });
});

describe('leaving and lost passwords', () => {
  it('the admin gives a new temporary password once; the old sessions end', async () => {
    const someone = await createEmployee(t, admin, { unitId, name: 'Lupa Sandi' });
    const res = await post(admin, `/api/v1/employees/${someone.id}/reset-password`, {});
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ nip: someone.nip, name: 'Lupa Sandi' });
    expect((await get(someone, '/api/v1/attendance/today')).statusCode).toBe(401);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { loginId: someone.nip, password: res.json().password },
    });
    expect(login.statusCode).toBe(200);
    expect((await post(staff, `/api/v1/employees/${someone.id}/reset-password`, {})).statusCode).toBe(403);
  });

  it('a deactivated employee cannot sign in, is no longer listed or heading a unit, and is not closed as absent; records stay', async () => {
    const unit = await createUnit(t, admin, { name: 'Unit Pindah' });
    const leaver = await createEmployee(t, admin, { unitId: unit.id, name: 'Pindah Tugas', head: true });
    expect((await post(admin, `/api/v1/employees/${leaver.id}/deactivate`, {})).statusCode).toBe(200);
    expect((await get(leaver, '/api/v1/attendance/today')).statusCode).toBe(401);
    expect((await get(admin, `/api/v1/employees?unit=${unit.id}`)).json().items).toEqual([]);
    const units = (await get(admin, '/api/v1/units')).json().items as { id: number; head_employee_id: number | null }[];
    expect(units.find((u) => u.id === unit.id)?.head_employee_id).toBeNull();
    const { closeDays } = await import('../../src/modules/attendance/close-day.js');
    await closeDays(t.services, [(await t.services.employees.employee(admin.ctx, staff.id)).unit_path.split('/')[0]!]);
    const closed = await t.database.pool.query(
      'select count(*)::int as n from attendance_days where employee_id = $1',
      [leaver.id],
    );
    expect(closed.rows[0].n).toBe(0);
    expect((await post(admin, `/api/v1/employees/${leaver.id}/deactivate`, {})).statusCode).toBe(404);
  });
});

describe('the offline window is configuration', () => {
  it('PRESENSI_OFFLINE_HOURS=2: a record kept three hours on the phone is refused, saying so', async () => {
    const short = await createTestApp({
      clock: fixedClock('2026-03-02T05:00:00Z'),
      config: { PRESENSI_OFFLINE_HOURS: '2' },
    });
    try {
      const area = await short.createArea();
      const boss = await short.createUser('admin_kota', area.city);
      const u = await createUnit(short, boss);
      const loc = await createLocation(short, boss);
      const e = await createEmployee(short, boss, { unitId: u.id, locationIds: [loc.id] });
      const send = (deviceTime: string) =>
        short.app.inject({
          method: 'POST',
          url: '/api/v1/attendance/check-ins',
          headers: e.auth,
          payload: checkInBody('masuk', OFFICE, { deviceTime, queued: true }),
        });
      const old = await send('2026-03-02T02:00:00.000Z');
      expect(old.statusCode).toBe(422);
      expect(old.json().error.message).toMatch(/lebih dari 2 jam/);
      expect((await send('2026-03-02T03:30:00.000Z')).statusCode).toBe(201);
    } finally {
      await short.close();
    }
  });
});

describe('light on a phone', () => {
  it('the check-in page and the check-in itself cost at most 5 KB each once the assets are cached', async () => {
    const bytes = (r: { rawPayload: Buffer; headers: Record<string, unknown> }) =>
      r.rawPayload.length + Object.entries(r.headers).reduce((n, [k, v]) => n + k.length + String(v).length + 4, 0);
    const page = await t.app.inject({
      method: 'GET',
      url: '/presensi',
      cookies: staff.cookies,
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-encoding']).toBeDefined();
    expect(bytes(page)).toBeLessThanOrEqual(5 * 1024);
    const form = new URLSearchParams({
      _csrf: staff.csrf,
      idempotencyKey: 'ringan-00000001',
      kind: 'pulang',
      lat: String(OFFICE.lat),
      lon: String(OFFICE.lon),
      accuracy: '9',
    });
    const post = await t.app.inject({
      method: 'POST',
      url: '/presensi/absen',
      cookies: staff.cookies,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-encoding': 'br, gzip' },
      payload: form.toString(),
    });
    expect(post.statusCode).toBe(303);
    expect(bytes(post)).toBeLessThanOrEqual(1024);
  });
});
