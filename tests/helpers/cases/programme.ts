// Scope/bad-input cases for the programme module's routes (see ../route-cases.ts).
import type { RouteCall, Target } from '../route-cases.js';

const A = '/api/v1/program-rtrw';
const P = '/program-rtrw';
const training = (t: Target) => ({
  regionCode: t.kelurahan,
  topic: 'operasional_portal',
  title: 'Pelatihan Penyusup',
  place: 'Balai',
  startsAt: '2026-01-10T09:00',
});

export const programmeCases: Record<string, (t: Target) => RouteCall> = {
  'GET /program-rtrw/laporan.pdf': (t) => ({ url: `/program-rtrw/laporan.pdf?wilayah=${t.kelurahan}` }),
  [`GET ${A}/me`]: () => ({ url: `${A}/me` }),
  [`POST ${A}/trainings`]: (t) => ({ url: `${A}/trainings`, payload: training(t) }),
  [`GET ${A}/trainings`]: (t) => ({ url: `${A}/trainings?under=${t.kelurahan}` }),
  [`GET ${A}/trainings/:id`]: () => ({ url: `${A}/trainings/1` }),
  [`POST ${A}/trainings/:id/attendance`]: (t) => ({
    url: `${A}/trainings/1/attendance`,
    payload: { userId: t.userId },
  }),
  [`GET ${A}/training-completion`]: (t) => ({ url: `${A}/training-completion?under=${t.kelurahan}` }),
  [`POST ${A}/bpjs/enrolments`]: (t) => ({
    url: `${A}/bpjs/enrolments`,
    payload: {
      userId: t.userId,
      membershipNumber: '12345',
      startDate: '2026-01-01',
      paidByCity: true,
      monthlyContribution: 16800,
      status: 'aktif',
    },
  }),
  [`POST ${A}/bpjs/claims`]: (t) => ({
    url: `${A}/bpjs/claims`,
    payload: { userId: t.userId, kind: 'kecelakaan', description: 'Penyusup' },
  }),
  [`GET ${A}/bpjs/enrolments`]: (t) => ({ url: `${A}/bpjs/enrolments?under=${t.kelurahan}` }),
  [`GET ${A}/bpjs/claims`]: (t) => ({ url: `${A}/bpjs/claims?under=${t.kelurahan}` }),
  // Claim ids: the target's request id names no claim of the target's heads (every actor gets 404 or 403).
  [`POST ${A}/bpjs/claims/:id/status`]: (t) => ({
    url: `${A}/bpjs/claims/${t.requestId}/status`,
    payload: { status: 'ditolak', note: 'Penyusup' },
  }),
  [`GET ${A}/allowance-rates`]: (t) => ({ url: `${A}/allowance-rates?under=${t.kelurahan}` }),
  [`GET ${A}/bpjs/monthly`]: (t) => ({ url: `${A}/bpjs/monthly?under=${t.kelurahan}` }),
  [`POST ${A}/data-allocations`]: (t) => ({
    url: `${A}/data-allocations`,
    payload: { month: '2026-01', userId: t.userId, phone: '081234567890', operator: 'Telkomsel' },
  }),
  [`GET ${A}/data-allocations`]: (t) => ({ url: `${A}/data-allocations?under=${t.kelurahan}&month=2026-01` }),
  [`POST ${A}/allowance-rates`]: (t) => ({
    url: `${A}/allowance-rates`,
    payload: { regionCode: t.kelurahan, role: 'ketua_rt', amount: 500000, period: 'bulanan', validFrom: '2020-01-01' },
  }),
  [`GET ${A}/allowance-payments`]: (t) => ({ url: `${A}/allowance-payments?under=${t.kelurahan}&period=2026-01` }),
  [`POST ${A}/allowance-payments`]: (t) => ({
    url: `${A}/allowance-payments`,
    payload: { period: '2026-01', userId: t.userId },
  }),
  [`GET ${P}`]: () => ({ url: P }),
  [`GET ${P}/pelatihan`]: (t) => ({ url: `${P}/pelatihan?under=${t.kelurahan}` }),
  [`POST ${P}/pelatihan`]: (t) => ({ url: `${P}/pelatihan`, payload: training(t) }),
  [`GET ${P}/pelatihan/:id`]: () => ({ url: `${P}/pelatihan/1` }),
  [`POST ${P}/pelatihan/:id/hadir`]: (t) => ({ url: `${P}/pelatihan/1/hadir`, payload: { userId: String(t.userId) } }),
  'GET /pelatihan/hadir/:token': () => ({ url: '/pelatihan/hadir/tidak-ada-token-ini' }),
  [`GET ${P}/kelengkapan`]: (t) => ({ url: `${P}/kelengkapan?under=${t.kelurahan}` }),
  [`GET ${P}/bpjs`]: (t) => ({ url: `${P}/bpjs?under=${t.kelurahan}` }),
  [`POST ${P}/bpjs/kepesertaan`]: (t) => ({
    url: `${P}/bpjs/kepesertaan`,
    payload: {
      userId: String(t.userId),
      membershipNumber: '12345',
      startDate: '2026-01-01',
      paidByCity: 'true',
      monthlyContribution: '16800',
      status: 'aktif',
    },
  }),
  [`GET ${P}/bpjs/klaim`]: (t) => ({ url: `${P}/bpjs/klaim?under=${t.kelurahan}` }),
  [`POST ${P}/bpjs/klaim`]: (t) => ({
    url: `${P}/bpjs/klaim`,
    payload: { userId: String(t.userId), kind: 'kecelakaan', occurredOn: '2026-01-02', description: 'Penyusup' },
  }),
  [`GET ${P}/bpjs/klaim/:id`]: (t) => ({ url: `${P}/bpjs/klaim/${t.requestId}` }),
  [`POST ${P}/bpjs/klaim/:id/status`]: (t) => ({
    url: `${P}/bpjs/klaim/${t.requestId}/status`,
    payload: { status: 'ditolak', note: 'Penyusup', effectiveOn: '' },
  }),
  [`POST ${P}/honor/tarif`]: (t) => ({
    url: `${P}/honor/tarif`,
    payload: {
      regionCode: t.kelurahan,
      role: 'ketua_rt',
      amount: '500000',
      period: 'bulanan',
      validFrom: '2020-01-01',
    },
  }),
  [`GET ${P}/paket-data`]: (t) => ({ url: `${P}/paket-data?under=${t.kelurahan}&month=2026-01` }),
  [`POST ${P}/paket-data`]: (t) => ({
    url: `${P}/paket-data`,
    payload: { month: '2026-01', userId: String(t.userId), phone: '081234567890', operator: 'Telkomsel' },
  }),
  [`GET ${P}/honor`]: (t) => ({ url: `${P}/honor?under=${t.kelurahan}&period=2026-01` }),
  [`POST ${P}/honor/bayar`]: (t) => ({
    url: `${P}/honor/bayar`,
    payload: { period: '2026-01', userId: String(t.userId) },
  }),
  // Pay and protect (issue 13). Payment and claim ids: the target's request id names none of the target's heads'.
  [`GET ${P}/identitas/:id`]: (t) => ({ url: `${P}/identitas/${t.userId}` }),
  [`POST ${P}/identitas/:id`]: (t) => ({
    url: `${P}/identitas/${t.userId}`,
    payload: { nik: '', bankName: 'Bank Penyusup', accountNumber: '1234567890', accountHolder: 'Penyusup', npwp: '' },
  }),
  [`POST ${P}/identitas/:id/lihat`]: (t) => ({ url: `${P}/identitas/${t.userId}/lihat`, payload: {} }),
  [`GET ${P}/honor/daftar-bayar`]: (t) => ({
    url: `${P}/honor/daftar-bayar?under=${t.kelurahan}&period=2026-01&format=csv`,
  }),
  [`GET ${P}/honor/pembayaran/:id`]: (t) => ({ url: `${P}/honor/pembayaran/${t.requestId}` }),
  [`GET ${P}/honor/pembayaran/:id/kuitansi`]: (t) => ({ url: `${P}/honor/pembayaran/${t.requestId}/kuitansi` }),
  [`GET ${P}/honor/pembayaran/:id/bukti`]: (t) => ({ url: `${P}/honor/pembayaran/${t.requestId}/bukti` }),
  [`POST ${P}/honor/pembayaran/:id/transfer`]: (t) => ({
    url: `${P}/honor/pembayaran/${t.requestId}/transfer`,
    payload: { transferRef: 'PENYUSUP', file: '%PDF-1.4 penyusup' },
    form: true,
  }),
  [`POST ${P}/bpjs/klaim/:id/rincian`]: (t) => ({
    url: `${P}/bpjs/klaim/${t.requestId}/rincian`,
    payload: { occurredOn: '2026-01-02', incidentPlace: 'Penyusup', chronology: 'Penyusup', roadAccident: 'true' },
  }),
  [`POST ${P}/bpjs/klaim/:id/ahli-waris`]: (t) => ({
    url: `${P}/bpjs/klaim/${t.requestId}/ahli-waris`,
    payload: { name: 'Penyusup', relationship: 'anak', nik: '3574015705900001' },
  }),
  [`POST ${P}/bpjs/klaim/:id/dokumen`]: (t) => ({
    url: `${P}/bpjs/klaim/${t.requestId}/dokumen`,
    payload: { item: 'kk', file: '%PDF-1.4 penyusup' },
    form: true,
  }),
  [`GET ${P}/bpjs/klaim/:id/dokumen/:docId`]: (t) => ({ url: `${P}/bpjs/klaim/${t.requestId}/dokumen/1` }),
  [`POST ${P}/bpjs/klaim/:id/beasiswa`]: (t) => ({
    url: `${P}/bpjs/klaim/${t.requestId}/beasiswa`,
    payload: { childName: 'Penyusup', level: 'SD', schoolYear: '2026/2027' },
  }),
};
