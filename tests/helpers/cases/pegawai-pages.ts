// Scope/bad-input cases for the staff administration pages under /pegawai (see ../route-cases.ts).
import { makeNip } from '../staff.js';
import type { RouteCall, Target } from '../route-cases.js';

const P = '/pegawai';
const week = { s1: '07:30', e1: '16:00', s5: '07:30', e5: '16:30' };

export const pegawaiPagesCases: Record<string, (t: Target) => RouteCall> = {
  [`GET ${P}`]: (t) => ({ url: `${P}?unit=${t.unitId}` }),
  [`POST ${P}/cari`]: (t) => ({ url: `${P}/cari`, payload: { unit: String(t.unitId), q: 'Sasaran' }, form: true }),
  [`POST ${P}/unit`]: (t) => ({
    url: `${P}/unit`,
    payload: { parentId: String(t.unitId), code: 'PENYUSUP', name: 'Penyusup', kind: 'bidang' },
    form: true,
  }),
  [`POST ${P}/unit/:id/kepala`]: (t) => ({
    url: `${P}/unit/${t.unitId}/kepala`,
    payload: { employeeId: '' },
    form: true,
  }),
  [`POST ${P}/unit/:id/jadwal`]: (t) => ({
    url: `${P}/unit/${t.unitId}/jadwal`,
    payload: { scheduleId: '' },
    form: true,
  }),
  [`GET ${P}/baru`]: () => ({ url: `${P}/baru` }),
  [`POST ${P}/baru`]: (t) => ({
    url: `${P}/baru`,
    payload: { nip: makeNip(), fullName: 'Penyusup', kind: 'PNS', position: 'Penyusup', unitId: String(t.unitId) },
    form: true,
  }),
  [`GET ${P}/impor`]: () => ({ url: `${P}/impor` }),
  [`POST ${P}/impor`]: (t) => ({
    url: `${P}/impor`,
    payload: { csv: `nip,nama,jenis,jabatan,unit\n${makeNip()},Penyusup,PNS,Staf,${t.unitPath}\n`, validOnly: '1' },
    form: true,
  }),
  [`GET ${P}/:id`]: (t) => ({ url: `${P}/${t.employeeId}` }),
  [`POST ${P}/:id/saldo-cuti`]: (t) => ({
    url: `${P}/${t.employeeId}/saldo-cuti`,
    payload: { year: '2026', unusedLastYear: '6', unusedTwoYearsAgo: '6' },
    form: true,
  }),
  [`POST ${P}/:id/reset-sandi`]: (t) => ({ url: `${P}/${t.employeeId}/reset-sandi`, payload: {}, form: true }),
  [`POST ${P}/:id/nonaktif`]: (t) => ({ url: `${P}/${t.employeeId}/nonaktif`, payload: {}, form: true }),
  [`POST ${P}/:id/ubah`]: (t) => ({
    url: `${P}/${t.employeeId}/ubah`,
    payload: { position: 'Diubah', unitId: String(t.unitId), shiftOffset: '0' },
    form: true,
  }),
  [`GET ${P}/lokasi`]: () => ({ url: `${P}/lokasi` }),
  [`POST ${P}/lokasi`]: () => ({
    url: `${P}/lokasi`,
    payload: { name: 'Kantor Penyusup', lat: '-5.1', lon: '105.3', radiusM: '100' },
    form: true,
  }),
  [`GET ${P}/jadwal`]: () => ({ url: `${P}/jadwal?year=2026` }),
  [`POST ${P}/jadwal/tetap`]: () => ({
    url: `${P}/jadwal/tetap`,
    payload: { name: 'Penyusup tetap', ...week },
    form: true,
  }),
  [`POST ${P}/jadwal/shift`]: () => ({
    url: `${P}/jadwal/shift`,
    payload: {
      name: 'Penyusup shift',
      definition: JSON.stringify({
        kind: 'shift',
        shifts: { P: { start: '07:00', end: '15:00' } },
        pattern: ['P', null],
        anchor: '2026-01-05',
        worksHolidays: true,
      }),
    },
    form: true,
  }),
  [`POST ${P}/kalender`]: () => ({
    url: `${P}/kalender`,
    payload: { kind: 'cuti_bersama', start: '2026-12-24', end: '2026-12-24', name: 'Penyusup' },
    form: true,
  }),
  [`GET ${P}/kalender`]: () => ({ url: `${P}/kalender?year=2026` }),
  [`POST ${P}/kalender/:id/hapus`]: (t) => ({ url: `${P}/kalender/${t.calendarId}/hapus`, payload: {}, form: true }),
  [`POST ${P}/kalender/impor`]: () => ({ url: `${P}/kalender/impor`, payload: { year: '2026' }, form: true }),
  [`POST ${P}/kalender/unggah`]: () => ({
    url: `${P}/kalender/unggah`,
    payload: { csv: 'date,end,kind,name\n2027-01-01,,libur_nasional,Penyusup\n', source: 'Penyusup' },
    form: true,
  }),
  [`POST ${P}/aturan`]: () => ({
    url: `${P}/aturan`,
    payload: { rules: JSON.stringify({ graceMinutes: 999 }) },
    form: true,
  }),
};

/**
 * Writes that act only on the caller's own city's settings (a location, a
 * schedule, a calendar entry or a year's import, the rules table): they may succeed for an
 * outsider; the scope test's snapshot proves the target city is untouched.
 * Adding a unit is not here: its case names the target's unit as parent, which
 * an outsider must be refused.
 */
export const PEGAWAI_CALLER_SCOPED = new Set([
  `POST ${P}/lokasi`,
  `POST ${P}/jadwal/tetap`,
  `POST ${P}/jadwal/shift`,
  `POST ${P}/kalender`,
  `POST ${P}/kalender/impor`,
  `POST ${P}/kalender/unggah`,
  `POST ${P}/aturan`,
]);
