// Scope/bad-input cases for leave (cuti): its API, pages, the letter PDF, a dinas luar's SPT and the public check (see ../route-cases.ts).
import type { RouteCall, Target } from '../route-cases.js';

const A = '/api/v1/attendance';

export const leaveCases: Record<string, (t: Target) => RouteCall> = {
  [`GET ${A}/leave-queue`]: () => ({ url: `${A}/leave-queue` }),
  [`POST ${A}/absences/:id/consideration`]: (t) => ({
    url: `${A}/absences/${t.absenceId}/consideration`,
    payload: { outcome: 'setuju' },
  }),
  [`POST ${A}/absences/:id/leave-decision`]: (t) => ({
    url: `${A}/absences/${t.absenceId}/leave-decision`,
    payload: { outcome: 'setuju' },
  }),
  [`GET ${A}/absences/:id/leave-letter.pdf`]: (t) => ({ url: `${A}/absences/${t.absenceId}/leave-letter.pdf` }),
  [`GET ${A}/absences/:id/spt`]: (t) => ({ url: `${A}/absences/${t.absenceId}/spt` }),
  'GET /presensi/cuti': () => ({ url: '/presensi/cuti' }),
  'POST /presensi/cuti': () => ({
    url: '/presensi/cuti',
    payload: {
      idempotencyKey: 'penyusup-cuti-01',
      type: 'cuti_tahunan',
      start: '2026-03-05',
      end: '2026-03-05',
      reason: 'Penyusup',
    },
    form: true,
  }),
  'GET /presensi/cuti/antrean': () => ({ url: '/presensi/cuti/antrean' }),
  'GET /presensi/cuti/:id': (t) => ({ url: `/presensi/cuti/${t.absenceId}` }),
  'GET /presensi/cuti/:id/surat.pdf': (t) => ({ url: `/presensi/cuti/${t.absenceId}/surat.pdf` }),
  'POST /presensi/cuti/:id/pertimbangan': (t) => ({
    url: `/presensi/cuti/${t.absenceId}/pertimbangan`,
    payload: { outcome: 'setuju' },
  }),
  'POST /presensi/cuti/:id/keputusan': (t) => ({
    url: `/presensi/cuti/${t.absenceId}/keputusan`,
    payload: { outcome: 'setuju' },
  }),
  'GET /v/cuti/:code': () => ({ url: '/v/cuti/TIDAKADA2345' }),
};

/** A leave request is always the caller's own. */
export const LEAVE_CALLER_SCOPED = new Set(['POST /presensi/cuti']);
