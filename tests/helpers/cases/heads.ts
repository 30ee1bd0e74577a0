// Scope/bad-input cases for the heads module's routes (see ../route-cases.ts).
import type { RouteCall, Target } from '../route-cases.js';

const cityOf = (t: Target) => t.kelurahan.split('.').slice(0, 2).join('.');
const appoint = { position: 'ketua', name: 'Penyusup', startDate: '2026-01-01', endDate: '2028-12-31' };

export const headsCases: Record<string, (t: Target) => RouteCall> = {
  'GET /api/v1/rt-rw': () => ({ url: '/api/v1/rt-rw' }),
  'GET /api/v1/rt-rw/regions/:code/terms': (t) => ({ url: `/api/v1/rt-rw/regions/${t.rt}/terms` }),
  'POST /api/v1/rt-rw/regions/:code/terms': (t) => ({ url: `/api/v1/rt-rw/regions/${t.rt}/terms`, payload: appoint }),
  'POST /api/v1/rt-rw/regions/:code/terms/:position/end': (t) => ({
    url: `/api/v1/rt-rw/regions/${t.rt}/terms/ketua/end`,
    payload: { reason: 'selesai' },
  }),
  'GET /api/v1/rt-rw/pakta': () => ({ url: '/api/v1/rt-rw/pakta' }),
  'POST /api/v1/rt-rw/pakta/versions/:code': (t) => ({
    url: `/api/v1/rt-rw/pakta/versions/${cityOf(t)}`,
    payload: { title: 'Penyusup', body: 'Penyusup' },
  }),
  'POST /api/v1/rt-rw/pakta/sign': () => ({ url: '/api/v1/rt-rw/pakta/sign' }),
  'POST /api/v1/rt-rw/pakta/signatures/:id/countersign': (t) => ({
    url: `/api/v1/rt-rw/pakta/signatures/${t.requestId}/countersign`,
  }),
  'GET /api/v1/rt-rw/pakta/:code/verify': () => ({ url: '/api/v1/rt-rw/pakta/ZZZZ2345ZZZZ/verify' }),
  'GET /rt-rw/pakta/:id.pdf': (t) => ({ url: `/rt-rw/pakta/${t.requestId}.pdf` }),
  'GET /rt-rw': () => ({ url: '/rt-rw' }),
  'GET /rt-rw/pakta': () => ({ url: '/rt-rw/pakta' }),
  'GET /rt-rw/:code': (t) => ({ url: `/rt-rw/${t.rt}` }),
  'POST /rt-rw/:code/angkat': (t) => ({ url: `/rt-rw/${t.rt}/angkat`, payload: appoint }),
  // Choosing the person: a search (POST, a read) and the pick's confirmation page, for the target's RT.
  'POST /api/v1/rt-rw/regions/:code/residents/search': (t) => ({
    url: `/api/v1/rt-rw/regions/${t.rt}/residents/search`,
    payload: { q: 'Penyusup' },
  }),
  'POST /rt-rw/:code/cari': (t) => ({ url: `/rt-rw/${t.rt}/cari`, payload: { q: 'Penyusup', position: 'ketua' } }),
  'POST /rt-rw/:code/pilih': (t) => ({
    url: `/rt-rw/${t.rt}/pilih`,
    payload: { residentId: String(t.residentId), position: 'ketua' },
  }),
  'POST /rt-rw/:code/akhiri': (t) => ({
    url: `/rt-rw/${t.rt}/akhiri`,
    payload: { position: 'ketua', reason: 'selesai' },
  }),
  'POST /rt-rw/pakta/tandatangan': () => ({ url: '/rt-rw/pakta/tandatangan' }),
  'POST /rt-rw/pakta/:id/kontrasign': (t) => ({ url: `/rt-rw/pakta/${t.requestId}/kontrasign` }),
  'POST /rt-rw/pakta/terbitkan/:code': (t) => ({
    url: `/rt-rw/pakta/terbitkan/${cityOf(t)}`,
    payload: { title: 'Penyusup', body: 'Penyusup' },
  }),
  'GET /v/pakta/:code': () => ({ url: '/v/pakta/ZZZZ2345ZZZZ' }),
  // Term ids: the target's request id names no term of the target's region (every actor gets 404 or 403).
  'POST /api/v1/rt-rw/terms/:id/decree': (t) => ({
    url: `/api/v1/rt-rw/terms/${t.requestId}/decree`,
    payload: { contentBase64: Buffer.from('%PDF-1.4 penyusup').toString('base64') },
  }),
  'GET /api/v1/rt-rw/terms/:id/decree': (t) => ({ url: `/api/v1/rt-rw/terms/${t.requestId}/decree` }),
  'GET /rt-rw/masa/:id': (t) => ({ url: `/rt-rw/masa/${t.requestId}` }),
  'GET /rt-rw/masa/:id/sk': (t) => ({ url: `/rt-rw/masa/${t.requestId}/sk` }),
  'POST /rt-rw/masa/:id/sk': (t) => ({
    url: `/rt-rw/masa/${t.requestId}/sk`,
    payload: { file: '%PDF-1.4 penyusup' },
    form: true,
  }),
};
