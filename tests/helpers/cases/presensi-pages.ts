// Scope/bad-input cases for E-Presensi's pages: absences, month, team board and recap (see ../route-cases.ts).
import type { RouteCall, Target } from '../route-cases.js';

export const presensiPagesCases: Record<string, (t: Target) => RouteCall> = {
  'GET /presensi/izin': () => ({ url: '/presensi/izin' }),
  'POST /presensi/izin': () => ({
    url: '/presensi/izin',
    payload: {
      idempotencyKey: 'penyusup-izin-02',
      type: 'izin',
      start: '2026-03-05',
      end: '2026-03-05',
      reason: 'Penyusup',
    },
    form: true,
  }),
  'POST /presensi/izin/:id/batal': (t) => ({ url: `/presensi/izin/${t.absenceId}/batal`, payload: {} }),
  'GET /presensi/izin/putuskan': () => ({ url: '/presensi/izin/putuskan' }),
  'POST /presensi/izin/:id/putuskan': (t) => ({
    url: `/presensi/izin/${t.absenceId}/putuskan`,
    payload: { decision: 'disetujui', note: 'Penyusup' },
  }),
  'GET /presensi/bulan': (t) => ({ url: `/presensi/bulan?pegawai=${t.employeeId}&bulan=2026-03` }),
  'GET /presensi/tim': () => ({ url: '/presensi/tim' }),
  'POST /presensi/tim/catatan/:id/tinjau': (t) => ({
    url: `/presensi/tim/catatan/${t.recordId}/tinjau`,
    payload: { verdict: 'ditolak' },
  }),
  'GET /presensi/rekap': (t) => ({ url: `/presensi/rekap?unit=${t.unitId}&bulan=2026-03` }),
};

/** Writes that act only on the caller's own records: an absence request is always the caller's own. */
export const PRESENSI_CALLER_SCOPED = new Set(['POST /presensi/izin']);
