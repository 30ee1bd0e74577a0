// Scope/bad-input cases for the catalogue module's routes (see ../route-cases.ts).
// The catalogue is city-wide, not regional: any admin_kota may change it. So
// the write cases carry a type the service refuses (route out of order, or no
// stage ticked on the page) — the scope test then proves nothing is written
// and the bad-input test varies the payload from there.
import type { RouteCall, Target } from '../route-cases.js';

const letterType = {
  name: 'Penyusup',
  description: 'Tidak boleh tersimpan',
  fields: [],
  attachments: [],
  validityDays: 30,
  route: ['kelurahan', 'rt'],
  stageBudgets: { rt: 10, kelurahan: 10 },
  totalBudgetMinutes: 45,
  classification: '400.12.2',
  template: 'Isi',
};
const pageForm = {
  name: 'Penyusup',
  total_budget_minutes: '45',
  validity_days: '30',
  classification: '400.12.2',
  template: 'Isi',
  fields: '',
  attachments: '',
};

export const catalogueCases: Record<string, (t: Target) => RouteCall> = {
  'GET /api/v1/admin/letter-types': () => ({ url: '/api/v1/admin/letter-types' }),
  'GET /api/v1/admin/letter-types/:id': () => ({ url: '/api/v1/admin/letter-types/1' }),
  'POST /api/v1/admin/letter-types': () => ({
    url: '/api/v1/admin/letter-types',
    payload: { code: 'penyusup_uji', ...letterType },
  }),
  'PUT /api/v1/admin/letter-types/:id': () => ({
    url: '/api/v1/admin/letter-types/1',
    payload: { ...letterType, expectedVersion: 1 },
  }),
  'GET /admin/jenis-surat': () => ({ url: '/admin/jenis-surat' }),
  'GET /admin/jenis-surat/baru': () => ({ url: '/admin/jenis-surat/baru' }),
  'POST /admin/jenis-surat': () => ({ url: '/admin/jenis-surat', payload: { code: 'penyusup_uji', ...pageForm } }),
  'GET /admin/jenis-surat/:id': () => ({ url: '/admin/jenis-surat/1' }),
  'POST /admin/jenis-surat/:id': () => ({
    url: '/admin/jenis-surat/1',
    payload: { ...pageForm, expected_version: '1' },
  }),
  // The classification import is city-wide too: the cases name a file version that is not the shipped one (422).
  'GET /api/v1/admin/classification-codes': () => ({ url: '/api/v1/admin/classification-codes' }),
  'POST /api/v1/admin/classification-codes/import': () => ({
    url: '/api/v1/admin/classification-codes/import',
    payload: { expectedVersion: 0 },
  }),
  'GET /admin/klasifikasi': () => ({ url: '/admin/klasifikasi' }),
  'POST /admin/klasifikasi/impor': () => ({ url: '/admin/klasifikasi/impor', payload: { expected_version: '0' } }),
  'GET /open311/v2/discovery.json': () => ({ url: '/open311/v2/discovery.json' }),
  'GET /open311/v2/services.json': () => ({ url: '/open311/v2/services.json' }),
  'GET /open311/v2/services/:file': () => ({ url: '/open311/v2/services/domisili.json' }),
  'GET /open311/v2/requests.json': () => ({ url: '/open311/v2/requests.json?status=open' }),
  'GET /open311/v2/requests/:file': (t) => ({ url: `/open311/v2/requests/${t.trackingCode}.json` }),
};
