// Acting officials through HTTP on a real database: the admin names a Plh. for
// a kabid for three days; the Plh. finds the kabid's pending leave
// pertimbangan, absence and hourly permit in their queues and decides them,
// the request's page names both; the day after the window they are gone. An
// overlapping Plh. is refused saying whose window it meets; two racing
// inserts give one row; a head of another unit cannot name one here; a head
// names a Plh. for their own absence, but no Plt.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/lib/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createEmployee, createUnit, type TestEmployee } from '../helpers/staff.js';

// Monday 2 March 2026, 07:25 WIB.
const clock = fixedClock('2026-03-02T00:25:00Z');
let t: TestApp;
let admin: Awaited<ReturnType<TestApp['createUser']>>;
let kabid: TestEmployee;
let plh: TestEmployee;
let staff: TestEmployee;
let outsider: TestEmployee;
let outsiderStaff: TestEmployee;
let bidangId: number;
let otherId: number;
const ids = { leave: 0, izin: 0, permit: 0, assignment: 0 };

const post = (who: { auth: Record<string, string> }, url: string, payload: unknown) =>
  t.app.inject({ method: 'POST', url, headers: who.auth, payload: payload as Record<string, unknown> });
const get = (who: { auth: Record<string, string> }, url: string) =>
  t.app.inject({ method: 'GET', url, headers: who.auth });
const form = (who: { cookies: Record<string, string>; csrf: string }, url: string, fields: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url,
    cookies: who.cookies,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
  });
const assignment = (unitId: number, delegate: TestEmployee, from: string, until: string, kind = 'plh') => ({
  unitId,
  kind,
  delegateNumber: delegate.nip,
  fromDate: from,
  untilDate: until,
  decree: '800.1.11.1/045/DISKOMINFO/2026',
  reason: 'Kepala bidang cuti tahunan',
});

beforeAll(async () => {
  t = await createTestApp({ clock, config: { SESSION_TTL_HOURS: '720' } });
  const area = await t.createArea();
  admin = await t.createUser('admin_kota', area.city);
  const opd = await createUnit(t, admin, { name: 'Dinas Komunikasi dan Informatika' });
  const bidang = await createUnit(t, admin, { parentId: opd.id, name: 'Bidang Statistik' });
  const other = await createUnit(t, admin, { name: 'Dinas Tetangga' });
  bidangId = bidang.id;
  otherId = other.id;
  await createEmployee(t, admin, { unitId: opd.id, name: 'Kepala Dinas Uji', head: true });
  kabid = await createEmployee(t, admin, { unitId: bidang.id, name: 'Kabid Definitif', head: true });
  plh = await createEmployee(t, admin, { unitId: bidang.id, name: 'Pelaksana Harian Uji' });
  staff = await createEmployee(t, admin, { unitId: bidang.id, name: 'Pegawai Pemohon' });
  outsider = await createEmployee(t, admin, { unitId: other.id, name: 'Kepala Tetangga', head: true });
  outsiderStaff = await createEmployee(t, admin, { unitId: other.id, name: 'Staf Tetangga' });
  await sql`update employees set start_date = '2010-01-01' where id = ${staff.id}`.execute(t.db);

  const leave = await post(staff, '/api/v1/attendance/absences', {
    idempotencyKey: 'acting-cuti-0001',
    type: 'cuti_tahunan',
    start: '2026-03-16',
    end: '2026-03-17',
    reason: 'Keperluan keluarga',
  });
  expect(leave.statusCode, leave.body).toBe(201);
  ids.leave = leave.json().id;
  const izin = await post(staff, '/api/v1/attendance/absences', {
    idempotencyKey: 'acting-izin-0001',
    type: 'izin',
    start: '2026-03-05',
    end: '2026-03-05',
    reason: 'Mengurus surat tanah',
  });
  expect(izin.statusCode, izin.body).toBe(201);
  ids.izin = izin.json().id;
  const permit = await post(staff, '/api/v1/attendance/permits', {
    idempotencyKey: 'acting-izinjam-0001',
    permitKind: 'terlambat',
    permitDate: '2026-03-02',
    startTime: '07:30',
    endTime: '08:30',
    reason: 'Mengantar anak berobat',
  });
  expect(permit.statusCode, permit.body).toBe(201);
  ids.permit = permit.json().id;
});
afterAll(() => t.close());

describe('a Plh. for the kabid, three days', () => {
  it('the admin names the Plh. with the decree number; the list shows it as in force', async () => {
    const r = await post(admin, '/api/v1/employees/acting', assignment(bidangId, plh, '2026-03-02', '2026-03-04'));
    expect(r.statusCode, r.body).toBe(201);
    ids.assignment = r.json().id;
    const list = await get(admin, `/api/v1/employees/acting?unitId=${bidangId}`);
    expect(list.json().items[0]).toMatchObject({
      kind: 'plh',
      state: 'current',
      holder: { id: kabid.id },
      delegate: { id: plh.id },
      decreeNumber: '800.1.11.1/045/DISKOMINFO/2026',
    });
    const page = await t.app.inject({ method: 'GET', url: '/pegawai/pelaksana', cookies: admin.cookies });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-testid="acting-current"');
    expect(page.body).toContain('Pelaksana Harian Uji — Plh. Kepala Bidang Statistik');
    const who = await get(admin, `/api/v1/employees/acting/for?employeeId=${kabid.id}`);
    expect(who.json().acting).toMatchObject({ kind: 'plh', actor: { id: plh.id }, holder: { id: kabid.id } });
  });

  it('the Plh. is told on the presensi home, and sees the kabid’s pending items in every queue', async () => {
    const home = await t.app.inject({ method: 'GET', url: '/presensi', cookies: plh.cookies });
    expect(home.body).toContain(
      'Anda Plh. Kepala Bidang Statistik (menggantikan Kabid Definitif) sampai 4 Maret 2026.',
    );
    const mine = await get(plh, '/api/v1/employees/acting/mine');
    expect(mine.json().items).toHaveLength(1);
    const leaveQueue = await get(plh, '/api/v1/attendance/leave-queue');
    expect(leaveQueue.json().consider.map((a: { id: number }) => a.id)).toContain(ids.leave);
    const absences = await get(plh, '/api/v1/attendance/absences?which=to_decide');
    expect(absences.json().items.map((a: { id: number }) => a.id)).toContain(ids.izin);
    const permits = await get(plh, '/api/v1/attendance/permits?which=to_decide');
    expect(permits.json().items.map((a: { id: number }) => a.id)).toContain(ids.permit);
    // Someone else in the unit sees none of it.
    const other = await get(staff, '/api/v1/attendance/absences?which=to_decide');
    expect(other.json().items).toEqual([]);
  });

  it('the Plh. gives the pertimbangan and approves the permit; the trail keeps both names', async () => {
    const c = await post(plh, `/api/v1/attendance/absences/${ids.leave}/consideration`, { outcome: 'setuju' });
    expect(c.statusCode, c.body).toBe(200);
    const p = await post(plh, `/api/v1/attendance/permits/${ids.permit}/decision`, { decision: 'disetujui' });
    expect(p.statusCode, p.body).toBe(200);
    const page = await t.app.inject({ method: 'GET', url: `/presensi/cuti/${ids.leave}`, cookies: staff.cookies });
    expect(page.statusCode).toBe(200);
    const trail = /data-testid="leave-acting">([\s\S]*?)<\/dd>/.exec(page.body)?.[1] ?? '';
    expect(trail).toContain('Pelaksana Harian Uji sebagai Plh. Kepala Bidang Statistik, a.n. Kabid Definitif');
    const acts = await t.db
      .withTables<import('../../src/modules/employees/acting-tables.js').ActingTables>()
      .selectFrom('acting_acts')
      .select(['entity_type', 'step', 'actor_employee_id', 'holder_employee_id', 'kind'])
      .where('assignment_id', '=', ids.assignment)
      .orderBy('id')
      .execute();
    expect(acts).toEqual([
      {
        entity_type: 'absence_request',
        step: 'consider',
        actor_employee_id: plh.id,
        holder_employee_id: kabid.id,
        kind: 'plh',
      },
      {
        entity_type: 'hourly_permit',
        step: 'decide',
        actor_employee_id: plh.id,
        holder_employee_id: kabid.id,
        kind: 'plh',
      },
    ]);
  });

  it('an overlapping Plh. for the same post is refused, naming the window it meets', async () => {
    const r = await post(admin, '/api/v1/employees/acting', assignment(bidangId, staff, '2026-03-04', '2026-03-06'));
    expect(r.statusCode).toBe(422);
    expect(r.json().error.fields[0].field).toBe('fromDate');
    expect(r.json().error.fields[0].message).toContain('Pelaksana Harian Uji');
    const page = await form(admin, '/pegawai/pelaksana', {
      ...Object.fromEntries(
        Object.entries(assignment(bidangId, staff, '2026-03-03', '2026-03-03')).map(([k, v]) => [k, String(v)]),
      ),
    });
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain(
      'Jabatan ini sudah punya Plh. Pelaksana Harian Uji pada 2 Maret 2026 s.d. 4 Maret 2026.',
    );
    // The day after the window is free; an a.n. delegate may sit beside a Plh.
    const after = await post(
      admin,
      '/api/v1/employees/acting',
      assignment(bidangId, staff, '2026-03-05', '2026-03-05'),
    );
    expect(after.statusCode, after.body).toBe(201);
    const an = await post(admin, '/api/v1/employees/acting', {
      ...assignment(bidangId, staff, '2026-03-02', '2026-03-31', 'an'),
    });
    expect(an.statusCode, an.body).toBe(201);
  });

  it('two conflicting inserts at once: one wins, the other is refused', async () => {
    const [a, b] = await Promise.all([
      post(admin, '/api/v1/employees/acting', assignment(otherId, outsiderStaff, '2026-03-10', '2026-03-12')),
      post(admin, '/api/v1/employees/acting', assignment(otherId, outsiderStaff, '2026-03-11', '2026-03-13')),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 422]);
    const rows = await sql<{
      n: number;
    }>`select count(*)::int as n from acting_assignments where unit_id = ${otherId}`.execute(t.db);
    expect(rows.rows[0]!.n).toBe(1);
  });

  it('a head of another unit cannot name one here; the kabid names a Plh. for his own absence, not a Plt.', async () => {
    const outside = await post(
      outsider,
      '/api/v1/employees/acting',
      assignment(bidangId, outsiderStaff, '2026-03-20', '2026-03-21'),
    );
    expect(outside.statusCode).toBe(404);
    const byStaff = await post(
      staff,
      '/api/v1/employees/acting',
      assignment(bidangId, plh, '2026-03-20', '2026-03-21'),
    );
    expect(byStaff.statusCode).toBe(404);
    const plt = await post(
      kabid,
      '/api/v1/employees/acting',
      assignment(bidangId, plh, '2026-03-20', '2026-03-21', 'plt'),
    );
    expect(plt.statusCode).toBe(422);
    const foreign = await post(
      kabid,
      '/api/v1/employees/acting',
      assignment(bidangId, outsiderStaff, '2026-03-20', '2026-03-21'),
    );
    expect(foreign.statusCode).toBe(422);
    const own = await form(kabid, '/pegawai/pelaksana', {
      unitId: String(bidangId),
      kind: 'plh',
      delegateNumber: plh.nip,
      fromDate: '2026-03-20',
      untilDate: '2026-03-21',
      decree: '800.1.11.1/050/2026',
      reason: 'Dinas luar ke provinsi',
    });
    expect(own.statusCode, own.body).toBe(303);
    const page = await t.app.inject({ method: 'GET', url: '/pegawai/pelaksana', cookies: kabid.cookies });
    expect(page.body).toContain('data-testid="acting-upcoming"');
  });

  it('the day after the window the Plh. no longer sees the kabid’s items nor may decide them', async () => {
    clock.set('2026-03-05T00:25:00Z');
    const absences = await get(plh, '/api/v1/attendance/absences?which=to_decide');
    expect(absences.json().items.map((a: { id: number }) => a.id)).not.toContain(ids.izin);
    const d = await post(plh, `/api/v1/attendance/absences/${ids.izin}/decision`, { decision: 'disetujui' });
    expect(d.statusCode).toBe(404);
    // The kabid has them back.
    const back = await get(kabid, '/api/v1/attendance/absences?which=to_decide');
    expect(back.json().items.map((a: { id: number }) => a.id)).toContain(ids.izin);
    const list = await get(admin, `/api/v1/employees/acting?unitId=${bidangId}`);
    expect(list.json().items.find((a: { id: number }) => a.id === ids.assignment).state).toBe('past');
  });

  it('ending early: the admin ends an upcoming window, which is withdrawn', async () => {
    const list = await get(admin, `/api/v1/employees/acting?unitId=${bidangId}`);
    const upcoming = list
      .json()
      .items.find((a: { state: string; kind: string }) => a.state === 'upcoming' && a.kind === 'plh');
    const r = await post(admin, `/api/v1/employees/acting/${upcoming.id}/end`, { lastDay: '' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().outcome).toBe('revoke');
    const again = await post(admin, `/api/v1/employees/acting/${upcoming.id}/end`, { lastDay: '' });
    expect(again.statusCode).toBe(422);
  });
});
