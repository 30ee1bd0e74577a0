// One entry per route of the app: how to call it against a target that lies
// in someone else's region. The scope and bad-input tests walk the app's own
// route table and fail on any route missing here, so a new route cannot slip
// through untested.
import type { TestApp } from './app.js';
import { catalogueCases } from './cases/catalogue.js';
import { headsCases } from './cases/heads.js';
import { kinerjaCases } from './cases/kinerja.js';
import { communityCases } from './cases/community.js';
import { attendanceCases } from './cases/attendance.js';
import { pegawaiPagesCases } from './cases/pegawai-pages.js';
import { presensiPagesCases } from './cases/presensi-pages.js';
import { permitsCases } from './cases/permits.js';
import { leaveCases } from './cases/leave.js';
import { actingCases } from './cases/acting.js';
import { skpCases, createTargetSkp } from './cases/skp.js';
import {
  correspondenceCases,
  CORRESPONDENCE_POST_READS,
  createTargetDisposition,
  createTargetNaskah,
} from './cases/correspondence.js';
import { berkasCases, createTargetBerkas } from './cases/berkas.js';
import { programmeCases } from './cases/programme.js';
import { pantauCases } from './cases/pantau.js';
import { keluarCases, createTargetKeluar } from './cases/keluar.js';
import { jobsCases } from './cases/jobs.js';
import { lettersCases } from './cases/letters.js';
import { officesCases } from './cases/offices.js';
import { requestsCases } from './cases/requests.js';
import { makeKk, makeNik } from '../../src/seed/factories.js';

export interface Target {
  kelurahan: string;
  rw: string;
  rt: string;
  otherRt: string;
  residentId: number;
  userId: number;
  requestId: number;
  attachmentId: number;
  trackingCode: string;
  /** A community activity reported by the target RT's head, waiting for the kelurahan. */
  activityId: number;
  /** Staff side, in the target's city: a unit, an employee of it with a record and an absence request, a calendar entry. */
  unitId: number;
  unitPath: string;
  employeeId: number;
  recordId: string;
  absenceId: number;
  calendarId: number;
  /** An hourly permit the target employee asked for, pending. */
  permitId: number;
  /** A rahasia incoming naskah of the target unit, registered by the target employee as its TU desk. */
  naskahId: number;
  /** A Plt. of the target unit (vacant): the target employee, from today for a month. */
  actingId: number;
  /** A disposition of that naskah from a head of the target unit to the target employee, unread. */
  dispositionId: number;
  /** A naskah keluar of the target unit (a draft waiting for its signer, the target employee) and its step. */
  keluarId: number;
  keluarStepId: number;
  /** The target employee's SKP (a draft) and its one result. */
  skpId: number;
  skpResultId: number;
  /** A daily log of the target employee on that SKP, waiting (no evidence). */
  skpLogId: number;
  /** An open berkas of the target unit holding the target naskah, opened by the target employee (its TU desk). */
  berkasId: number;
}

export interface RouteCall {
  url: string;
  payload?: Record<string, unknown>;
  /** Multipart/raw routes read their body by hand. */
  form?: boolean;
}

/** Routes that only act on the caller's own session/account, never on region data. */
export const SELF_ROUTES = new Set([
  'POST /api/v1/auth/logout',
  'POST /api/v1/auth/logout-all',
  'POST /api/v1/me/password',
  'POST /keluar',
  'POST /keluar-semua',
  'POST /akun/sandi',
]);

/** Searches sent by POST so that their text (a name, a NIK) stays out of URLs: they read, never write. */
export const POST_READS = new Set([
  'POST /api/v1/residents/search',
  'POST /warga/cari',
  'POST /api/v1/employees/search',
  'POST /pegawai/cari',
  'POST /api/v1/users/search',
  'POST /pengguna/cari',
  ...CORRESPONDENCE_POST_READS,
]);

/** Public read of a request's progress by its code: status only, no personal data (checked by the markers). */
export const PUBLIC_READS = new Set(['GET /api/v1/track/:code']);

/** Public routes: they must show no region data at all (checked by the scope test too). */
export const PUBLIC_WRITES = new Set([
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/register',
  'POST /masuk',
  'POST /daftar',
]);

const resident = (rt: string) => ({
  nik: makeNik('917101', '1990-05-17', 'L', 9901),
  kk: makeKk('917101', 9901),
  fullName: 'Penyusup',
  sex: 'L',
  birthDate: '1990-05-17',
  relationship: 'anak',
  rtCode: rt,
});
const person = { fullName: 'Diubah', sex: 'P', birthDate: '1991-01-01', relationship: 'istri' };

export const ROUTE_CASES: Record<string, (t: Target) => RouteCall> = {
  ...lettersCases,
  ...officesCases,
  ...jobsCases,
  ...requestsCases,
  ...catalogueCases,
  ...headsCases,
  ...programmeCases,
  ...kinerjaCases,
  ...communityCases,
  ...attendanceCases,
  ...pegawaiPagesCases,
  ...presensiPagesCases,
  ...permitsCases,
  ...leaveCases,
  ...correspondenceCases,
  ...pantauCases,
  ...keluarCases,
  ...berkasCases,
  ...actingCases,
  ...skpCases,
  'GET /healthz': () => ({ url: '/healthz' }),
  'GET /livez': () => ({ url: '/livez' }),
  'GET /readyz': () => ({ url: '/readyz' }),
  'GET /metrics': () => ({ url: '/metrics' }),
  'GET /openapi.json': () => ({ url: '/openapi.json' }),
  'GET /static/:name': () => ({ url: '/static/app.css' }),
  'GET /sw.js': () => ({ url: '/sw.js' }),
  'GET /manifest.webmanifest': () => ({ url: '/manifest.webmanifest' }),
  'POST /api/v1/auth/login': () => ({
    url: '/api/v1/auth/login',
    payload: { loginId: 'tidak-ada', password: 'salah-salah' },
  }),
  'POST /api/v1/auth/register': () => ({
    url: '/api/v1/auth/register',
    payload: { nik: '1234', kk: '1', birthDate: '2000-01-01', password: 'x', confirm: 'y' },
  }),
  'POST /api/v1/auth/logout': () => ({ url: '/api/v1/auth/logout' }),
  'POST /api/v1/auth/logout-all': () => ({ url: '/api/v1/auth/logout-all' }),
  'GET /api/v1/me': () => ({ url: '/api/v1/me' }),
  'POST /api/v1/me/password': () => ({
    url: '/api/v1/me/password',
    payload: { current: 'a', next: 'b', confirm: 'c' },
  }),
  'GET /api/v1/users': () => ({ url: '/api/v1/users' }),
  'POST /api/v1/users/search': () => ({ url: '/api/v1/users/search', payload: { q: 'Uji' } }),
  'POST /api/v1/users': (t) => ({
    url: '/api/v1/users',
    payload: { username: 'penyusup.rt', fullName: 'Penyusup', role: 'ketua_rt', regionCode: t.rt },
  }),
  'POST /api/v1/users/:id/reset-password': (t) => ({ url: `/api/v1/users/${t.userId}/reset-password` }),
  'POST /api/v1/users/:id/deactivate': (t) => ({ url: `/api/v1/users/${t.userId}/deactivate` }),
  'GET /masuk': () => ({ url: '/masuk' }),
  'POST /masuk': () => ({ url: '/masuk', payload: { loginId: 'tidak-ada', password: 'salah-salah' } }),
  'POST /keluar': () => ({ url: '/keluar' }),
  'POST /keluar-semua': () => ({ url: '/keluar-semua' }),
  'GET /akun/sandi': () => ({ url: '/akun/sandi' }),
  'POST /akun/sandi': () => ({ url: '/akun/sandi', payload: { current: 'a', next: 'b', confirm: 'c' } }),
  'GET /daftar': () => ({ url: '/daftar' }),
  'POST /daftar': () => ({
    url: '/daftar',
    payload: { nik: '1234', kk: '1', birthDate: '2000-01-01', password: 'x', confirm: 'y' },
  }),
  'GET /bahasa/:lang': () => ({ url: '/bahasa/en?next=/' }),
  'GET /offline': () => ({ url: '/offline' }),
  'GET /pengguna': () => ({ url: '/pengguna' }),
  'POST /pengguna/cari': () => ({ url: '/pengguna/cari', payload: { q: 'Uji' } }),
  'GET /pengguna/baru': () => ({ url: '/pengguna/baru' }),
  'POST /pengguna': (t) => ({
    url: '/pengguna',
    payload: { username: 'penyusup.rt2', fullName: 'Penyusup', role: 'ketua_rt', regionCode: t.rt },
  }),
  'POST /pengguna/:id/reset-sandi': (t) => ({ url: `/pengguna/${t.userId}/reset-sandi` }),
  'POST /pengguna/:id/nonaktif': (t) => ({ url: `/pengguna/${t.userId}/nonaktif` }),
  'GET /': () => ({ url: '/' }),
  'GET /api/v1/regions': () => ({ url: '/api/v1/regions' }),
  'GET /api/v1/regions/:code': (t) => ({ url: `/api/v1/regions/${t.rt}` }),
  'POST /api/v1/regions/:code/children': (t) => ({ url: `/api/v1/regions/${t.rw}/children`, payload: { number: '9' } }),
  'PATCH /api/v1/regions/:code': (t) => ({ url: `/api/v1/regions/${t.rt}`, payload: { name: 'Diubah' } }),
  'POST /api/v1/regions/:code/retire': (t) => ({ url: `/api/v1/regions/${t.otherRt}/retire` }),
  'POST /api/v1/regions/:code/import': (t) => ({
    url: `/api/v1/regions/${t.kelurahan}/import`,
    payload: { csv: 'rw,rt\n9,9\n' },
  }),
  'GET /wilayah': () => ({ url: '/wilayah' }),
  'GET /wilayah/:code': (t) => ({ url: `/wilayah/${t.rt}` }),
  'POST /wilayah/:code/anak': (t) => ({ url: `/wilayah/${t.rw}/anak`, payload: { number: '8' } }),
  'POST /wilayah/:code/ubah': (t) => ({ url: `/wilayah/${t.rt}/ubah`, payload: { newName: 'Diubah' } }),
  'POST /wilayah/:code/nonaktif': (t) => ({ url: `/wilayah/${t.otherRt}/nonaktif`, payload: {} }),
  'GET /wilayah/:code/impor': (t) => ({ url: `/wilayah/${t.kelurahan}/impor` }),
  'POST /wilayah/:code/impor': (t) => ({
    url: `/wilayah/${t.kelurahan}/impor`,
    payload: { csv: 'rw,rt\n8,8\n' },
    form: true,
  }),
  'GET /api/v1/residents': (t) => ({ url: `/api/v1/residents?under=${t.kelurahan}` }),
  'POST /api/v1/residents/search': (t) => ({
    url: '/api/v1/residents/search',
    payload: { q: 'Penyusup', under: t.kelurahan },
  }),
  'POST /api/v1/residents': (t) => ({ url: '/api/v1/residents', payload: resident(t.rt) }),
  'POST /api/v1/residents/import': (t) => ({
    url: '/api/v1/residents/import',
    payload: {
      kelurahan: t.kelurahan,
      csv: `nik,no_kk,nama,jenis_kelamin,tanggal_lahir,hubungan,rw,rt\n${makeNik('917101', '1990-05-17', 'L', 9902)},${makeKk('917101', 9902)},Penyusup,L,1990-05-17,kepala keluarga,1,1\n`,
      validOnly: true,
    },
  }),
  'GET /api/v1/residents/:id': (t) => ({ url: `/api/v1/residents/${t.residentId}` }),
  'GET /api/v1/residents/:id/full': (t) => ({ url: `/api/v1/residents/${t.residentId}/full` }),
  'PATCH /api/v1/residents/:id': (t) => ({ url: `/api/v1/residents/${t.residentId}`, payload: person }),
  'POST /api/v1/residents/:id/status': (t) => ({
    url: `/api/v1/residents/${t.residentId}/status`,
    payload: { status: 'meninggal' },
  }),
  'POST /api/v1/residents/:id/move': (t) => ({
    url: `/api/v1/residents/${t.residentId}/move`,
    payload: { rtCode: t.otherRt },
  }),
  'GET /api/v1/me/resident': () => ({ url: '/api/v1/me/resident' }),
  'GET /warga': (t) => ({ url: `/warga?under=${t.kelurahan}` }),
  'POST /warga/cari': (t) => ({ url: '/warga/cari', payload: { q: 'Penyusup', under: t.kelurahan } }),
  'GET /warga/baru': () => ({ url: '/warga/baru' }),
  'POST /warga': (t) => ({ url: '/warga', payload: resident(t.rt) }),
  'GET /warga/impor/kolom': () => ({ url: '/warga/impor/kolom' }),
  'GET /warga/impor': () => ({ url: '/warga/impor' }),
  'POST /warga/impor': (t) => ({
    url: '/warga/impor',
    payload: {
      kelurahan: t.kelurahan,
      validOnly: 'on',
      csv: `nik,no_kk,nama,jenis_kelamin,tanggal_lahir,hubungan,rw,rt\n${makeNik('917101', '1990-05-17', 'L', 9903)},${makeKk('917101', 9903)},Penyusup,L,1990-05-17,kepala keluarga,1,1\n`,
    },
    form: true,
  }),
  'GET /warga/:id': (t) => ({ url: `/warga/${t.residentId}` }),
  'GET /warga/:id/lengkap': (t) => ({ url: `/warga/${t.residentId}/lengkap` }),
  'GET /warga/:id/ubah': (t) => ({ url: `/warga/${t.residentId}/ubah` }),
  'POST /warga/:id/ubah': (t) => ({ url: `/warga/${t.residentId}/ubah`, payload: person }),
  'POST /warga/:id/status': (t) => ({ url: `/warga/${t.residentId}/status`, payload: { status: 'pindah' } }),
  'POST /warga/:id/pindah': (t) => ({ url: `/warga/${t.residentId}/pindah`, payload: { rtCode: t.otherRt } }),
  'GET /saya': () => ({ url: '/saya' }),
  'GET /api/v1/audit': () => ({ url: '/api/v1/audit' }),
  'GET /api/v1/letter-types': () => ({ url: '/api/v1/letter-types' }),
  'POST /api/v1/requests': (t) => ({
    url: '/api/v1/requests',
    payload: {
      idempotencyKey: 'penyusup-0001',
      letterType: 'domisili',
      residentId: t.residentId,
      fields: {},
      attachments: [],
    },
  }),
  'GET /api/v1/requests': () => ({ url: '/api/v1/requests' }),
  'GET /api/v1/requests/queue': () => ({ url: '/api/v1/requests/queue' }),
  'GET /api/v1/requests/mine': () => ({ url: '/api/v1/requests/mine' }),
  'GET /api/v1/requests/:id': (t) => ({ url: `/api/v1/requests/${t.requestId}` }),
  'POST /api/v1/requests/:id/actions': (t) => ({
    url: `/api/v1/requests/${t.requestId}/actions`,
    payload: { action: 'reject', reason: 'Penyusup' },
  }),
  'GET /api/v1/requests/:id/attachments/:attachmentId': (t) => ({
    url: `/api/v1/requests/${t.requestId}/attachments/${t.attachmentId}`,
  }),
  'GET /api/v1/track/:code': (t) => ({ url: `/api/v1/track/${t.trackingCode}` }),
  'GET /audit': () => ({ url: '/audit' }),
};

export function routeKey(r: { method: string; url: string }) {
  return `${r.method} ${r.url}`;
}

/** Every table holding regional data, as rows under a region — to prove nothing changed. */
/** `ignoreUserIds`: the test's own actors, whose caller-scoped writes (their own check-ins, absence requests) are allowed. */
export async function snapshotRegion(t: TestApp, code: string, ignoreUserIds: number[] = []) {
  const like = `${code}.%`;
  const inRegion = (col: string) => `(${col} = '${code}' or ${col} like '${like}')`;
  const q = async (sqlText: string) => (await t.database.pool.query(sqlText)).rows;
  return {
    regions: await q(`select code, name, retired_at from regions where ${inRegion('code')} order by code`),
    users: await q(
      `select id, username, password_hash, active, role, region_code from users where ${inRegion('region_code')} order by id`,
    ),
    residents: await q(
      `select id, full_name, status, region_code, relationship, birth_date from residents where ${inRegion('region_code')} order by id`,
    ),
    families: await q(`select id, region_code from families where ${inRegion('region_code')} order by id`),
    fullViews: await q(
      `select count(*) from audit_log where action = 'resident.viewed_full' and ${inRegion('region_code')}`,
    ),
    requests: await q(
      `select id, status, stage, version from service_requests where ${inRegion('region_code')} order by id`,
    ),
    // Decisions on community activities (a neighbouring head's own new report is theirs to make).
    activityDecisions: await q(
      `select id, status, decided_by from community_activities where ${inRegion('region_code')} and status <> 'dilaporkan' order by id`,
    ),
    attachmentViews: await q(
      `select count(*) from audit_log where action = 'request.attachment_viewed' and entity_id in (select id::text from service_requests where ${inRegion('region_code')})`,
    ),
    ...(await snapshotStaff(t, code.split('.').slice(0, 2).join('.'), ignoreUserIds)),
  };
}

/** The staff side of a city: units, employees, records, absences and the city's settings. */
async function snapshotStaff(t: TestApp, city: string, ignoreUserIds: number[]) {
  const q = async (sqlText: string, withIgnored = false) =>
    (await t.database.pool.query(sqlText, withIgnored ? [city, ignoreUserIds] : [city])).rows;
  const inCity = `o.path like $1 || '/%'`;
  return {
    units: await q(
      `select o.id, o.path, o.name, o.head_employee_id, o.schedule_id from org_units o where ${inCity} order by o.id`,
    ),
    employees: await q(
      `select e.id, e.position, e.unit_id, e.supervisor_id, e.active from employees e join org_units o on o.id = e.unit_id where ${inCity} order by e.id`,
    ),
    records: await q(
      `select r.id, r.review from attendance_records r join employees e on e.id = r.employee_id join org_units o on o.id = e.unit_id where ${inCity} and e.user_id <> all($2) order by r.id`,
      true,
    ),
    permits: await q(
      `select p.id, p.status from hourly_permits p join employees e on e.id = p.employee_id join org_units o on o.id = e.unit_id where ${inCity} and e.user_id <> all($2) order by p.id`,
      true,
    ),
    absences: await q(
      `select a.id, a.status from absence_requests a join employees e on e.id = a.employee_id join org_units o on o.id = e.unit_id where ${inCity} and e.user_id <> all($2) order by a.id`,
      true,
    ),
    carryover: await q(
      `select c.employee_id, c.year, c.unused_last_year, c.unused_two_years_ago from leave_carryover c join employees e on e.id = c.employee_id join org_units o on o.id = e.unit_id where ${inCity} order by 1, 2`,
    ),
    locations: await q(`select id, name, lat, lon, radius_m from work_locations where region_code = $1 order by id`),
    schedules: await q(`select id, definition from work_schedules where region_code = $1 order by id`),
    calendar: await q(`select id, name, import_id from calendar_entries where region_code = $1 order by id`),
    calendarImports: await q(`select id, year, source from calendar_imports where region_code = $1 order by id`),
    rules: await q(`select rules from attendance_rules where region_code = $1`),
    naskah: await q(
      `select n.id, n.agenda_number, n.perihal, n.security_class, n.status from naskah n join org_units o on o.id = n.unit_id where ${inCity} and n.created_by <> all($2) order by n.id`,
      true,
    ),
    dispositions: await q(
      `select d.id, d.read_at, d.withdrawn_at, d.closed_at from naskah_dispositions d join naskah n on n.id = d.naskah_id join org_units o on o.id = n.unit_id where ${inCity} order by d.id`,
    ),
    berkas: await q(
      `select b.id, b.title, b.state, b.closed_at, b.last_decision_id from naskah_berkas b join org_units o on o.id = b.unit_id where ${inCity} order by b.id`,
    ),
    berkasItems: await q(
      `select i.naskah_id, i.berkas_id from naskah_berkas_items i join org_units o on o.id = i.unit_id where ${inCity} order by 1`,
    ),
    jra: await q(
      `select classification_code, active_years, inactive_years, final_disposition from naskah_retention_rules where region_code = $1 order by 1`,
    ),
    tuDesks: await q(
      `select d.unit_id, d.employee_id from correspondence_tu_desks d join org_units o on o.id = d.unit_id where ${inCity} order by 1, 2`,
    ),
    keluarSteps: await q(
      `select s.id, s.status from naskah_routing_steps s join naskah n on n.id = s.naskah_id join org_units o on o.id = n.unit_id where ${inCity} and n.created_by <> all($2) order by s.id`,
      true,
    ),
    acting: await q(
      `select id, kind, delegate_employee_id, end_date::text, revoked_at from acting_assignments where region_code = $1 order by id`,
    ),
    skp: await q(
      `select p.id, p.status, p.version, p.appraiser_id from skp_plans p join employees se on se.id = p.employee_id where p.unit_path like $1 || '/%' and se.user_id <> all($2) order by p.id`,
      true,
    ),
    skpResults: await q(
      `select r.id, r.text, r.parent_result_id from skp_results r join skp_plans p on p.id = r.skp_id join employees se on se.id = p.employee_id where p.unit_path like $1 || '/%' and se.user_id <> all($2) order by r.id`,
      true,
    ),
    skpIndicators: await q(
      `select i.id from skp_indicators i join skp_results r on r.id = i.result_id join skp_plans p on p.id = r.skp_id join employees se on se.id = p.employee_id where p.unit_path like $1 || '/%' and se.user_id <> all($2) order by i.id`,
      true,
    ),
    skpEvaluations: await q(
      `select v.id, v.predikat from skp_evaluations v join skp_plans p on p.id = v.skp_id where p.unit_path like $1 || '/%' order by v.id`,
    ),
    skpOrgRatings: await q(
      `select r.unit_id, r.year, r.rating from skp_org_ratings r join org_units o on o.id = r.unit_id where ${inCity} order by 1, 2`,
    ),
    tppClasses: await q(
      `select c.employee_id, c.kelas from skp_tpp_classes c join employees e on e.id = c.employee_id join org_units o on o.id = e.unit_id where ${inCity} order by 1`,
    ),
    tppMonths: await q(
      `select m.employee_id, m.month, m.amount from skp_tpp_months m join org_units o on o.id = m.unit_id where ${inCity} order by 1, 2`,
    ),
    skpLogs: await q(
      `select l.id, l.status, l.reviewer_id from skp_daily_logs l join skp_plans p on p.id = l.skp_id join employees se on se.id = p.employee_id where p.unit_path like $1 || '/%' and se.user_id <> all($2) order by l.id`,
      true,
    ),
    skpBehaviours: await q(
      `select b.skp_id, b.code, b.expectation from skp_behaviours b join skp_plans p on p.id = b.skp_id join employees se on se.id = p.employee_id where p.unit_path like $1 || '/%' and se.user_id <> all($2) order by 1, 2`,
      true,
    ),
    actingActs: await q(
      `select t.id from acting_acts t join acting_assignments a on a.id = t.assignment_id where a.region_code = $1 order by t.id`,
    ),
  };
}

/** The staff target in a city: a unit with an employee who checked in (flagged) and asked for leave; a holiday. */
export async function createTargetStaff(t: TestApp, admin: { ctx: import('../../src/kernel/context.js').Ctx }) {
  const { createEmployee, createLocation, createUnit, checkInBody } = await import('./staff.js');
  const unit = await createUnit(t, admin, { name: 'Dinas Sasaran' });
  const loc = await createLocation(t, admin);
  const name = 'Pegawai Sasaran Omega';
  const e = await createEmployee(t, admin, { unitId: unit.id, locationIds: [loc.id], name });
  const rec = await t.app.inject({
    method: 'POST',
    url: '/api/v1/attendance/check-ins',
    headers: e.auth,
    payload: checkInBody('masuk', undefined, { accuracy: 500 }),
  });
  if (rec.statusCode !== 201) throw new Error(`target check-in: ${rec.statusCode} ${rec.body}`);
  const abs = await t.app.inject({
    method: 'POST',
    url: '/api/v1/attendance/absences',
    headers: e.auth,
    payload: {
      idempotencyKey: 'sasaran-izin-01',
      type: 'izin',
      start: '2026-03-04',
      end: '2026-03-04',
      reason: 'Keperluan keluarga',
    },
  });
  if (abs.statusCode !== 201) throw new Error(`target absence: ${abs.statusCode} ${abs.body}`);
  const permit = await t.app.inject({
    method: 'POST',
    url: '/api/v1/attendance/permits',
    headers: e.auth,
    payload: {
      idempotencyKey: 'sasaran-izinjam-01',
      permitKind: 'terlambat',
      permitDate: t.services.attendance.localToday(),
      startTime: '07:30',
      endTime: '08:30',
      reason: 'Mengantar anak berobat',
    },
  });
  if (permit.statusCode !== 201) throw new Error(`target permit: ${permit.statusCode} ${permit.body}`);
  // The Plt. is named while the post is vacant: the target disposition below gives the unit a head.
  const today = t.services.attendance.localToday();
  const acting = await t.services.employees.acting.create(admin.ctx, {
    unitId: unit.id,
    kind: 'plt',
    delegateNumber: e.nip,
    fromDate: today,
    untilDate: new Date(Date.parse(`${today}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10),
    decree: '800.1.11.1/017/2026',
    reason: 'Jabatan kosong',
  });
  const naskahPerihal = 'Naskah Sasaran Rahasia Sigma';
  const naskahId = await createTargetNaskah(t, admin, unit.id, e, naskahPerihal);
  const dispositionNote = 'Catatan Disposisi Sasaran Sigma';
  const dispositionId = await createTargetDisposition(t, admin, unit.id, naskahId, e.id, dispositionNote);
  const keluarPerihal = 'Naskah Keluar Sasaran Sigma';
  const keluar = await createTargetKeluar(t, e, unit.id, keluarPerihal);
  const skpText = 'RHK Sasaran Sigma Kinerja';
  const skpLogText = 'Log Harian Sasaran Sigma';
  const skp = await createTargetSkp(t, e, skpText, skpLogText);
  const berkasTitle = 'Berkas Sasaran Sigma';
  const berkasId = await createTargetBerkas(t, unit.id, naskahId, e, berkasTitle);
  const cal = await t.services.employees.addCalendarEntry(admin.ctx, {
    kind: 'libur_nasional',
    start: '2026-12-25',
    end: '2026-12-25',
    name: 'Hari Raya Natal',
  });
  return {
    target: {
      actingId: acting.id,
      unitId: unit.id,
      unitPath: unit.path.split('/').slice(1).join('/'),
      employeeId: e.id,
      recordId: (rec.json() as { id: string }).id,
      absenceId: (abs.json() as { id: number }).id,
      calendarId: cal.id,
      permitId: (permit.json() as { id: number }).id,
      naskahId,
      dispositionId,
      ...skp,
      ...keluar,
      berkasId,
    },
    markers: [
      name,
      e.nip,
      naskahPerihal,
      'Instansi Sasaran Sigma',
      dispositionNote,
      skpText,
      skpLogText,
      berkasTitle,
      keluarPerihal,
    ],
    unit,
    employee: e,
  };
}

/** A request filed by the target RT's head for the target resident, with one attachment. */
export async function createTargetRequest(t: TestApp, head: { auth: Record<string, string> }, residentId: number) {
  const { submitBody } = await import('./requests.js');
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/requests',
    headers: head.auth,
    payload: submitBody(residentId),
  });
  if (res.statusCode !== 201) throw new Error(`target request: ${res.statusCode} ${res.body}`);
  const { id, trackingCode } = res.json() as { id: number; trackingCode: string };
  const att = await t.database.pool.query(
    'select id from request_attachments where request_id = $1 order by id limit 1',
    [id],
  );
  const { reportActivity } = await import('./cases/community.js');
  const activityId = await reportActivity(t, head);
  return { requestId: id, trackingCode, attachmentId: att.rows[0].id as number, activityId };
}
