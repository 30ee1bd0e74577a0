// Scope/bad-input cases for acting officials (Plt., Plh., a.n., u.b.): API and pages (see ../route-cases.ts).
import type { RouteCall, Target } from '../route-cases.js';

const A = '/api/v1/employees/acting';
/** Today in the test city's zone (WIB). */
const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const assignment = (t: Target) => ({
  unitId: t.unitId,
  kind: 'plh',
  delegateNumber: '199001012015011001',
  fromDate: today(),
  untilDate: today(),
  decree: 'Penyusup/1',
  reason: 'Penyusup',
});

export const actingCases: Record<string, (t: Target) => RouteCall> = {
  [`GET ${A}`]: (t) => ({ url: `${A}?unitId=${t.unitId}` }),
  [`GET ${A}/for`]: (t) => ({ url: `${A}/for?unitId=${t.unitId}` }),
  [`GET ${A}/mine`]: () => ({ url: `${A}/mine` }),
  [`POST ${A}`]: (t) => ({ url: A, payload: assignment(t) }),
  [`POST ${A}/:id/end`]: (t) => ({ url: `${A}/${t.actingId}/end`, payload: { lastDay: '' } }),
  'GET /pegawai/pelaksana': (t) => ({ url: `/pegawai/pelaksana?unit=${t.unitId}` }),
  'POST /pegawai/pelaksana': (t) => ({
    url: '/pegawai/pelaksana',
    payload: { ...assignment(t), unitId: String(t.unitId) },
  }),
  'POST /pegawai/pelaksana/:id/akhiri': (t) => ({
    url: `/pegawai/pelaksana/${t.actingId}/akhiri`,
    payload: { lastDay: '' },
  }),
};
