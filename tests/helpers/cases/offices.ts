// Scope/bad-input cases for the offices' kop, delegations and officials' identity (see ../route-cases.ts).
import type { RouteCall, Target } from '../route-cases.js';

const office = {
  kode_unit: 'Penyusup',
  address: 'Jalan Penyusup',
  phone: '0335',
  email: 'penyusup@contoh.go.id',
  website: 'contoh.go.id',
  postal_code: '67211',
};

export const officesCases: Record<string, (t: Target) => RouteCall> = {
  // Lists only the caller's own offices.
  'GET /kantor': () => ({ url: '/kantor' }),
  'GET /kantor/:code': (t) => ({ url: `/kantor/${t.kelurahan}` }),
  'POST /kantor/:code': (t) => ({ url: `/kantor/${t.kelurahan}`, payload: office }),
  'POST /kantor/:code/lambang': (t) => ({
    url: `/kantor/${t.kelurahan}/lambang`,
    payload: { file: 'penyusup' },
    form: true,
  }),
  'POST /kantor/:code/kuasa': (t) => ({
    url: `/kantor/${t.kelurahan}/kuasa`,
    payload: { userId: String(t.userId), mode: 'an', viaJabatan: '', validFrom: '2026-01-01', validTo: '' },
  }),
  'POST /kantor/:code/kuasa/:id/cabut': (t) => ({ url: `/kantor/${t.kelurahan}/kuasa/1/cabut` }),
  'GET /pengguna/:id/identitas': (t) => ({ url: `/pengguna/${t.userId}/identitas` }),
  'POST /pengguna/:id/identitas': (t) => ({
    url: `/pengguna/${t.userId}/identitas`,
    payload: { nip: '198001012005011001', jabatan: 'Penyusup', pangkat: '' },
  }),
};
