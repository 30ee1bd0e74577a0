// Scope/bad-input cases for hourly permits and the discipline counts: API and pages (see ../route-cases.ts).
import type { RouteCall, Target } from '../route-cases.js';

const A = '/api/v1/attendance';
/** Today in the test city's zone (WIB): a permit must not be older than HOURLY_PERMIT_DAYS_BACK. */
const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const permit = (key: string) => ({
  idempotencyKey: key,
  permitKind: 'terlambat',
  permitDate: today(),
  startTime: '07:30',
  endTime: '08:30',
  reason: 'Penyusup',
});

export const permitsCases: Record<string, (t: Target) => RouteCall> = {
  [`GET ${A}/permits`]: () => ({ url: `${A}/permits?which=unit` }),
  [`POST ${A}/permits`]: () => ({ url: `${A}/permits`, payload: permit('penyusup-izinjam-1') }),
  [`POST ${A}/permits/:id/decision`]: (t) => ({
    url: `${A}/permits/${t.permitId}/decision`,
    payload: { decision: 'disetujui' },
  }),
  [`POST ${A}/permits/:id/cancel`]: (t) => ({ url: `${A}/permits/${t.permitId}/cancel` }),
  [`GET ${A}/discipline`]: () => ({ url: `${A}/discipline?year=2026` }),
  'GET /presensi/izin-jam': () => ({ url: '/presensi/izin-jam' }),
  'POST /presensi/izin-jam': () => ({ url: '/presensi/izin-jam', payload: permit('penyusup-izinjam-2') }),
  'POST /presensi/izin-jam/:id/batal': (t) => ({ url: `/presensi/izin-jam/${t.permitId}/batal`, payload: {} }),
  'GET /presensi/izin-jam/putuskan': () => ({ url: '/presensi/izin-jam/putuskan' }),
  'POST /presensi/izin-jam/:id/putuskan': (t) => ({
    url: `/presensi/izin-jam/${t.permitId}/putuskan`,
    payload: { decision: 'disetujui', note: 'Penyusup' },
  }),
  'GET /presensi/disiplin': () => ({ url: '/presensi/disiplin?tahun=2026' }),
};

/** Asking for a permit is always the caller's own. */
export const PERMITS_CALLER_SCOPED = new Set([`POST ${A}/permits`, 'POST /presensi/izin-jam']);
