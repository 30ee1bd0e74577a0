// Every route × every role, each actor placed just outside the target's
// region (a sibling RT, RW, kelurahan, kecamatan or city): nothing of the
// target may be read or changed. A route missing from ROUTE_CASES fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/kernel/roles.js';
import { createFamily } from '../../src/seed/factories.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import {
  POST_READS,
  PUBLIC_READS,
  PUBLIC_WRITES,
  ROUTE_CASES,
  routeKey,
  SELF_ROUTES,
  snapshotRegion,
  type Target,
} from '../helpers/route-cases.js';
import { createTargetRequest, createTargetStaff } from '../helpers/route-cases.js';
import { CALLER_SCOPED_WRITES as STAFF_CALLER_SCOPED } from '../helpers/cases/attendance.js';
import { BERKAS_CALLER_SCOPED } from '../helpers/cases/berkas.js';
import { PEGAWAI_CALLER_SCOPED } from '../helpers/cases/pegawai-pages.js';
import { PRESENSI_CALLER_SCOPED } from '../helpers/cases/presensi-pages.js';
import { LEAVE_CALLER_SCOPED } from '../helpers/cases/leave.js';
import { COMMUNITY_CALLER_SCOPED } from '../helpers/cases/community.js';
import { PERMITS_CALLER_SCOPED } from '../helpers/cases/permits.js';
import { SKP_CALLER_SCOPED } from '../helpers/cases/skp.js';
import { KELUAR_CALLER_SCOPED } from '../helpers/cases/keluar.js';

const CALLER_SCOPED_WRITES = new Set([
  ...STAFF_CALLER_SCOPED,
  ...PEGAWAI_CALLER_SCOPED,
  ...PRESENSI_CALLER_SCOPED,
  ...LEAVE_CALLER_SCOPED,
  ...COMMUNITY_CALLER_SCOPED,
  ...PERMITS_CALLER_SCOPED,
  ...SKP_CALLER_SCOPED,
  ...KELUAR_CALLER_SCOPED,
  ...BERKAS_CALLER_SCOPED,
]);
import { createEmployee, createUnit } from '../helpers/staff.js';

let t: TestApp;
let target: Target;
let markers: string[];
const actors: { role: Role; where: string; auth: { authorization: string } }[] = [];
/** Civil servants among the actors: their own check-ins and absence requests are theirs to make. */
const actorUserIds: number[] = [];
let staffHead: { auth: { authorization: string } };

beforeAll(async () => {
  t = await createTestApp();
  const area = await t.createArea();
  const other = await t.createArea();
  const kel = area.kec[0]!.kel[0]!;
  const sibling = area.kec[0]!.kel[1]!;
  const admin = await t.createUser('admin_kota', area.city);
  let serial = 7000;
  const fam = await createFamily(t.services, admin.ctx, kel.rts[0]!, () => serial++);
  await t.services.residents.update(admin.ctx, fam.ids[0]!, {
    fullName: 'Sasaran Rahasia Zeta',
    sex: 'L',
    birthDate: '1970-01-01',
    relationship: 'kepala_keluarga',
  });
  const head = await t.createUser('ketua_rt', kel.rts[0]!);
  const staff = await createTargetStaff(t, admin);
  target = {
    kelurahan: kel.code,
    rw: kel.rw,
    rt: kel.rts[0]!,
    otherRt: kel.rts[1]!,
    residentId: fam.ids[0]!,
    userId: head.user.id,
    ...(await createTargetRequest(t, head, fam.ids[0]!)),
    ...staff.target,
  };
  const full = await t.services.residents.viewFull(admin.ctx, fam.ids[0]!);
  markers = ['Sasaran Rahasia Zeta', full.nik_masked, full.nik, full.kk, head.username, target.rt, ...staff.markers];

  // A citizen living in the sibling RT, with an account.
  const neighbour = await createFamily(t.services, admin.ctx, kel.rts[1]!, () => serial++);
  const nFull = await t.services.residents.viewFull(admin.ctx, neighbour.ids[0]!);
  const placements: [Role, string, { residentId?: number; nikHash?: Buffer }?][] = [
    ['admin_kota', other.city],
    ['camat', area.kec[1]!.code],
    ['staf_kecamatan', area.kec[1]!.code],
    ['lurah', sibling.code],
    ['staf_kelurahan', sibling.code],
    ['ketua_rw', sibling.rw],
    ['ketua_rt', kel.rts[1]!],
    ['warga', kel.rts[1]!, { residentId: nFull.id, nikHash: nFull.nik_hash }],
  ];
  for (const [role, where, extra] of placements) {
    const u = await t.createUser(role, where, extra);
    actors.push({ role, where, auth: u.auth });
  }
  // Civil servants of the same city: the head of a sibling unit, and a colleague in the target's own unit (not its head).
  const siblingUnit = await createUnit(t, admin, { name: 'Dinas Tetangga' });
  const siblingHead = await createEmployee(t, admin, { unitId: siblingUnit.id, head: true });
  actors.push({ role: 'pegawai', where: 'kepala unit tetangga', auth: siblingHead.auth });
  const colleague = await createEmployee(t, admin, { unitId: staff.unit.id });
  actors.push({ role: 'pegawai', where: 'rekan satu unit', auth: colleague.auth });
  actorUserIds.push(siblingHead.userId, colleague.userId);
  // Not an actor: the head of the target's own unit, for the positive check below.
  staffHead = await createEmployee(t, admin, { unitId: staff.unit.id, head: true });
});
afterAll(() => t.close());

// These tests walk every route × role, so they grow with the app (the integration project's limit covers them).
describe('scope', () => {
  it('has a case for every route the app serves', () => {
    const missing = t.app.routeTable.map(routeKey).filter((k) => !ROUTE_CASES[k]);
    expect(missing, 'add these routes to tests/helpers/route-cases.ts').toEqual([]);
  });

  it('no account reads or changes anything outside its own region', async () => {
    const before = await snapshotRegion(t, target.kelurahan, actorUserIds);
    const failures: string[] = [];
    for (const route of t.app.routeTable) {
      const key = routeKey(route);
      const call = ROUTE_CASES[key]!(target);
      if (SELF_ROUTES.has(key)) continue; // act on the caller's own session only; covered in accounts.test.ts
      for (const actor of actors) {
        const res = await t.app.inject({
          method: route.method as 'GET',
          url: call.url,
          headers: actor.auth,
          ...(call.payload ? { payload: call.payload } : {}),
        });
        const allowed =
          route.access === 'public' || route.access === 'authenticated' || route.access.includes(actor.role);
        // The requested path itself may be echoed back (links on an error page); that is not a leak.
        const leaked = markers.filter((m) => !call.url.includes(m) && res.body.includes(m));
        const label = `${key} as ${actor.role}@${actor.where} → ${res.statusCode}`;
        if (res.statusCode >= 500) failures.push(`${label}: server error`);
        if (PUBLIC_READS.has(key) && res.statusCode !== 200) failures.push(`${label}: public read failed`);
        if (leaked.length) failures.push(`${label}: leaked ${leaked.join(', ')}`);
        // 'metrics' takes no account at all: 401, or 404 where no METRICS_TOKEN is configured (as here).
        const refused = route.access === 'metrics' ? [401, 404] : [401, 403];
        if (!allowed && !refused.includes(res.statusCode)) failures.push(`${label}: role not allowed but not refused`);
        const write = route.method !== 'GET' && !POST_READS.has(key);
        if (
          allowed &&
          write &&
          !PUBLIC_WRITES.has(key) &&
          !CALLER_SCOPED_WRITES.has(key) &&
          ![403, 404, 422].includes(res.statusCode)
        )
          failures.push(`${label}: out-of-scope write not refused`);
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshotRegion(t, target.kelurahan, actorUserIds)).toEqual(before);
  });

  it('the same calls succeed for an account whose region covers the target (the table is not vacuous)', async () => {
    const lurah = await t.createUser('lurah', target.kelurahan);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/residents/${target.residentId}`,
      headers: lurah.auth,
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Sasaran Rahasia Zeta');
    const page = await t.app.inject({ method: 'GET', url: `/warga?under=${target.kelurahan}`, headers: lurah.auth });
    expect(page.body).toContain('Sasaran Rahasia Zeta');
    // The head of the target's unit sees the target employee and their month.
    const emp = await t.app.inject({
      method: 'GET',
      url: `/api/v1/employees/${target.employeeId}`,
      headers: staffHead.auth,
    });
    expect(emp.body).toContain('Pegawai Sasaran Omega');
    const month = await t.app.inject({
      method: 'GET',
      url: `/api/v1/attendance/month?employeeId=${target.employeeId}&month=2026-03`,
      headers: staffHead.auth,
    });
    expect(month.statusCode).toBe(200);
    // The head of the target's unit opens its rahasia naskah (hidden from the colleague above).
    const naskah = await t.app.inject({
      method: 'GET',
      url: `/api/v1/naskah/${target.naskahId}`,
      headers: staffHead.auth,
    });
    expect(naskah.statusCode).toBe(200);
    expect(naskah.body).toContain('Naskah Sasaran Rahasia Sigma');
    // E-Kinerja: the head of the target's unit reads the target's SKP, its evaluations, its waiting log and the
    // unit's TPP rows; the city's admin reads the SKP and the TPP rows (tests/integration/skp-scope.test.ts walks
    // every role × place).
    const admin = await t.createUser('admin_kota', target.kelurahan.split('.').slice(0, 2).join('.'));
    const skpReads: [string, string | null, { authorization: string }[]][] = [
      [`/api/v1/skp/${target.skpId}`, 'RHK Sasaran Sigma Kinerja', [staffHead.auth, admin.auth]],
      [`/skp/${target.skpId}`, 'RHK Sasaran Sigma Kinerja', [staffHead.auth, admin.auth]],
      [`/api/v1/skp/${target.skpId}/evaluations`, null, [staffHead.auth, admin.auth]],
      ['/api/v1/skp/logs/queue', 'Log Harian Sasaran Sigma', [staffHead.auth]],
      ['/skp/persetujuan', 'Log Harian Sasaran Sigma', [staffHead.auth]],
      [`/api/v1/skp/tpp?unitId=${target.unitId}&month=2026-03`, 'Pegawai Sasaran Omega', [staffHead.auth, admin.auth]],
      [`/skp/tpp?unit=${target.unitId}&bulan=2026-03`, 'Pegawai Sasaran Omega', [staffHead.auth, admin.auth]],
    ];
    for (const [url, marker, who] of skpReads)
      for (const auth of who) {
        const r = await t.app.inject({ method: 'GET', url, headers: auth });
        expect(r.statusCode, url).toBe(200);
        if (marker) expect(r.body, url).toContain(marker);
      }
  });
});
