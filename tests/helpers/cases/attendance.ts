// Scope/bad-input cases for the staff side: employees and E-Presensi (see ../route-cases.ts).
import { makeNip } from '../staff.js';
import type { RouteCall, Target } from '../route-cases.js';

const A = '/api/v1/attendance';

export const attendanceCases: Record<string, (t: Target) => RouteCall> = {
  'GET /api/v1/units': () => ({ url: '/api/v1/units' }),
  'POST /api/v1/units': (t) => ({
    url: '/api/v1/units',
    payload: { parentId: t.unitId, code: 'PENYUSUP', name: 'Penyusup', kind: 'bidang' },
  }),
  'POST /api/v1/units/:id/head': (t) => ({ url: `/api/v1/units/${t.unitId}/head`, payload: { employeeId: null } }),
  'POST /api/v1/units/:id/schedule': (t) => ({
    url: `/api/v1/units/${t.unitId}/schedule`,
    payload: { scheduleId: null },
  }),
  'GET /api/v1/employees': (t) => ({ url: `/api/v1/employees?unit=${t.unitId}` }),
  'POST /api/v1/employees/search': (t) => ({
    url: '/api/v1/employees/search',
    payload: { unit: t.unitId, q: 'Sasaran' },
  }),
  'POST /api/v1/employees': (t) => ({
    url: '/api/v1/employees',
    payload: { nip: makeNip(), fullName: 'Penyusup', kind: 'PNS', position: 'Penyusup', unitId: t.unitId },
  }),
  'POST /api/v1/employees/import': (t) => ({
    url: '/api/v1/employees/import',
    payload: { csv: `nip,nama,jenis,jabatan,unit\n${makeNip()},Penyusup,PNS,Staf,${t.unitPath}\n`, validOnly: true },
  }),
  'GET /api/v1/employees/:id': (t) => ({ url: `/api/v1/employees/${t.employeeId}` }),
  'PATCH /api/v1/employees/:id': (t) => ({
    url: `/api/v1/employees/${t.employeeId}`,
    payload: { position: 'Diubah', unitId: t.unitId, locationIds: [] },
  }),
  'POST /api/v1/employees/:id/reset-password': (t) => ({ url: `/api/v1/employees/${t.employeeId}/reset-password` }),
  'POST /api/v1/employees/:id/deactivate': (t) => ({ url: `/api/v1/employees/${t.employeeId}/deactivate` }),
  'GET /api/v1/employees/:id/leave': (t) => ({ url: `/api/v1/employees/${t.employeeId}/leave?year=2026` }),
  'PUT /api/v1/employees/:id/leave-carryover': (t) => ({
    url: `/api/v1/employees/${t.employeeId}/leave-carryover`,
    payload: { year: 2026, unusedLastYear: 6, unusedTwoYearsAgo: 6 },
  }),
  'GET /api/v1/work-locations': () => ({ url: '/api/v1/work-locations' }),
  'POST /api/v1/work-locations': () => ({
    url: '/api/v1/work-locations',
    payload: { name: 'Kantor Penyusup', lat: -5.1, lon: 105.3, radiusM: 100 },
  }),
  'GET /api/v1/work-schedules': () => ({ url: '/api/v1/work-schedules' }),
  'POST /api/v1/work-schedules': () => ({
    url: '/api/v1/work-schedules',
    payload: { name: 'Penyusup', definition: { kind: 'tetap', week: { 1: { start: '07:30', end: '16:00' } } } },
  }),
  'GET /api/v1/calendar': () => ({ url: '/api/v1/calendar?year=2026' }),
  'POST /api/v1/calendar': () => ({
    url: '/api/v1/calendar',
    payload: { kind: 'libur_nasional', start: '2026-12-25', end: '2026-12-25', name: 'Penyusup' },
  }),
  'DELETE /api/v1/calendar/:id': (t) => ({ url: `/api/v1/calendar/${t.calendarId}` }),
  'POST /api/v1/calendar/import': () => ({ url: '/api/v1/calendar/import', payload: { year: 2026 } }),
  'GET /api/v1/attendance-rules': () => ({ url: '/api/v1/attendance-rules' }),
  'PUT /api/v1/attendance-rules': () => ({
    url: '/api/v1/attendance-rules',
    payload: { rules: { graceMinutes: 999 } },
  }),
  [`POST ${A}/check-ins`]: () => ({
    url: `${A}/check-ins`,
    payload: { idempotencyKey: 'penyusup-0001', kind: 'masuk', lat: -5.1131, lon: 105.3067, accuracy: 10 },
  }),
  [`GET ${A}/today`]: () => ({ url: `${A}/today` }),
  [`GET ${A}/month`]: (t) => ({ url: `${A}/month?employeeId=${t.employeeId}&month=2026-03` }),
  [`GET ${A}/recap`]: (t) => ({ url: `${A}/recap?unit=${t.unitId}&month=2026-03` }),
  [`GET ${A}/board`]: () => ({ url: `${A}/board` }),
  [`GET ${A}/flagged`]: () => ({ url: `${A}/flagged` }),
  [`POST ${A}/records/:id/review`]: (t) => ({
    url: `${A}/records/${t.recordId}/review`,
    payload: { verdict: 'ditolak' },
  }),
  [`POST ${A}/absences`]: () => ({
    url: `${A}/absences`,
    payload: {
      idempotencyKey: 'penyusup-absen-1',
      type: 'izin',
      start: '2026-03-03',
      end: '2026-03-03',
      reason: 'Penyusup',
    },
  }),
  [`GET ${A}/absences`]: () => ({ url: `${A}/absences?which=unit` }),
  [`POST ${A}/absences/:id/decision`]: (t) => ({
    url: `${A}/absences/${t.absenceId}/decision`,
    payload: { decision: 'disetujui' },
  }),
  [`GET ${A}/absences/:id/attachment`]: (t) => ({ url: `${A}/absences/${t.absenceId}/attachment` }),
  [`POST ${A}/absences/:id/cancel`]: (t) => ({ url: `${A}/absences/${t.absenceId}/cancel` }),
  'GET /presensi': () => ({ url: '/presensi' }),
  'POST /presensi/absen': () => ({
    url: '/presensi/absen',
    payload: { idempotencyKey: 'penyusup-0002', kind: 'masuk', lat: '-5.1131', lon: '105.3067', accuracy: '10' },
    form: true,
  }),
};

/**
 * Writes that act only on the caller's own records (a check-in, an absence
 * request) or on the caller's own city's settings (a location, a schedule,
 * the calendar, the rules table, a new top-level unit): they may succeed for
 * an outsider, and the scope test's snapshot proves the target city is untouched.
 */
export const CALLER_SCOPED_WRITES = new Set([
  `POST ${A}/check-ins`,
  `POST ${A}/absences`,
  'POST /presensi/absen',
  'POST /api/v1/work-locations',
  'POST /api/v1/work-schedules',
  'POST /api/v1/calendar',
  'POST /api/v1/calendar/import',
  'PUT /api/v1/attendance-rules',
]);
