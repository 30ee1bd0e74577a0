// Scope/bad-input cases for pemberkasan, export and the city's JRA (see ../route-cases.ts). The target berkas is
// open, of the target unit, holding the target (rahasia) naskah: nobody outside the unit's TU and head sees it.
import { randomBytes } from 'node:crypto';
import type { TestApp } from '../app.js';
import type { RouteCall, Target } from '../route-cases.js';

const decision = { kind: 'musnah', decree: '188.45/1/2026', decidedOn: '2026-01-05', note: 'Penyusup' };
const opening = (t: Target) => ({
  idempotencyKey: `berkas-${randomBytes(6).toString('hex')}`,
  unitId: t.unitId,
  classificationCode: '000.1',
  title: 'Berkas Penyusup',
  year: 2026,
});

export const berkasCases: Record<string, (t: Target) => RouteCall> = {
  'GET /api/v1/berkas': () => ({ url: '/api/v1/berkas' }),
  'GET /api/v1/berkas/due': () => ({ url: '/api/v1/berkas/due' }),
  'POST /api/v1/berkas': (t) => ({ url: '/api/v1/berkas', payload: opening(t) }),
  'GET /api/v1/berkas/:id': (t) => ({ url: `/api/v1/berkas/${t.berkasId}` }),
  'POST /api/v1/berkas/:id/naskah': (t) => ({
    url: `/api/v1/berkas/${t.berkasId}/naskah`,
    payload: { naskahId: t.naskahId },
  }),
  'POST /api/v1/berkas/:id/close': (t) => ({ url: `/api/v1/berkas/${t.berkasId}/close`, payload: {} }),
  'POST /api/v1/berkas/:id/decisions': (t) => ({ url: `/api/v1/berkas/${t.berkasId}/decisions`, payload: decision }),
  'GET /api/v1/berkas/:id/export': (t) => ({ url: `/api/v1/berkas/${t.berkasId}/export` }),
  'GET /api/v1/naskah/:id/export': (t) => ({ url: `/api/v1/naskah/${t.naskahId}/export` }),
  'GET /surat/berkas': () => ({ url: '/surat/berkas' }),
  'POST /surat/berkas': (t) => ({
    url: '/surat/berkas',
    payload: Object.fromEntries(Object.entries(opening(t)).map(([k, v]) => [k, String(v)])),
  }),
  'GET /surat/berkas/:id': (t) => ({ url: `/surat/berkas/${t.berkasId}` }),
  'POST /surat/berkas/:id/naskah': (t) => ({
    url: `/surat/berkas/${t.berkasId}/naskah`,
    payload: { naskahId: String(t.naskahId) },
  }),
  'POST /surat/berkas/:id/tutup': (t) => ({ url: `/surat/berkas/${t.berkasId}/tutup`, payload: { closedOn: '' } }),
  'POST /surat/berkas/:id/keputusan': (t) => ({
    url: `/surat/berkas/${t.berkasId}/keputusan`,
    payload: decision,
    form: true,
  }),
  'GET /surat/berkas/:id/ekspor': (t) => ({ url: `/surat/berkas/${t.berkasId}/ekspor` }),
  'GET /surat/masuk/:id/ekspor': (t) => ({ url: `/surat/masuk/${t.naskahId}/ekspor` }),
  'GET /surat/jra': () => ({ url: '/surat/jra' }),
  'POST /surat/jra': () => ({
    url: '/surat/jra',
    payload: { code: '000.1', activeYears: '9', inactiveYears: '9', final: 'permanen', note: 'Penyusup' },
  }),
  'POST /surat/jra/hapus': () => ({ url: '/surat/jra/hapus', payload: { code: '000.1' } }),
};

/** The JRA forms write and remove the caller's own city's row (never another city's): a city admin's own writes. */
export const BERKAS_CALLER_SCOPED = new Set(['POST /surat/jra', 'POST /surat/jra/hapus']);

/** The target berkas: opened by the target employee (the unit's TU desk), holding the target naskah, still open. */
export async function createTargetBerkas(
  t: TestApp,
  unitId: number,
  naskahId: number,
  employee: { auth: Record<string, string> },
  title: string,
) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/berkas',
    headers: employee.auth,
    payload: { ...opening({ unitId } as Target), title, year: 2026 },
  });
  if (res.statusCode !== 201) throw new Error(`target berkas: ${res.statusCode} ${res.body}`);
  const id = (res.json() as { id: number }).id;
  const filed = await t.app.inject({
    method: 'POST',
    url: `/api/v1/berkas/${id}/naskah`,
    headers: employee.auth,
    payload: { naskahId },
  });
  if (filed.statusCode !== 200) throw new Error(`target berkas filing: ${filed.statusCode} ${filed.body}`);
  return id;
}
