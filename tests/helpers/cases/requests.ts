// Scope/bad-input cases for the requests module's routes (see ../route-cases.ts).
import type { RouteCall, Target } from '../route-cases.js';

export const requestsCases: Record<string, (t: Target) => RouteCall> = {
  'GET /api/v1/dashboard': () => ({ url: '/api/v1/dashboard' }),
  'GET /layanan': () => ({ url: '/layanan' }),
  'GET /layanan/baru': () => ({ url: '/layanan/baru?jenis=domisili' }),
  'POST /layanan': (t) => ({
    url: '/layanan',
    payload: {
      idempotencyKey: 'penyusup-halaman-0001',
      letterType: 'domisili',
      residentId: String(t.residentId),
      purpose: 'Penyusup',
    },
    form: true,
  }),
  'GET /layanan/saya': () => ({ url: '/layanan/saya' }),
  'GET /layanan/:id': (t) => ({ url: `/layanan/${t.requestId}` }),
  'GET /layanan/:id/lampiran/:attachmentId/mini': (t) => ({
    url: `/layanan/${t.requestId}/lampiran/${t.attachmentId}/mini`,
  }),
  'POST /layanan/:id/tindakan': (t) => ({
    url: `/layanan/${t.requestId}/tindakan`,
    payload: { action: 'reject', reason: 'Penyusup' },
  }),
  'GET /lacak': () => ({ url: '/lacak' }),
  'GET /lacak/:code': (t) => ({ url: `/lacak/${t.trackingCode}` }),
  'GET /dasbor': () => ({ url: '/dasbor' }),
  // Another person's kept upload: a token that is not the caller's opens nothing.
  'GET /layanan/unggahan/:token': () => ({ url: `/layanan/unggahan/${'ab'.repeat(16)}` }),
  'GET /layanan/:id/perbaiki': (t) => ({ url: `/layanan/${t.requestId}/perbaiki` }),
  'POST /layanan/:id/perbaiki': (t) => ({
    url: `/layanan/${t.requestId}/perbaiki`,
    payload: { idempotencyKey: 'penyusup-perbaikan-01', expectedVersion: '1', purpose: 'Penyusup', note: 'Penyusup' },
    form: true,
  }),
  'GET /privasi': () => ({ url: '/privasi' }),
  'POST /api/v1/requests/:id/corrections': (t) => ({
    url: `/api/v1/requests/${t.requestId}/corrections`,
    payload: { idempotencyKey: 'penyusup-perbaikan-02', expectedVersion: 1, purpose: 'Penyusup', note: 'Penyusup' },
  }),
};
