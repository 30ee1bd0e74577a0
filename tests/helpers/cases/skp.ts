// Scope/bad-input cases for E-Kinerja SKP: pages and API (see ../route-cases.ts).
import { sql } from 'kysely';
import type { TestApp } from '../app.js';
import type { RouteCall, Target } from '../route-cases.js';
import type { Ctx } from '../../../src/kernel/context.js';

/** Opening one's own SKP: any civil servant may open theirs (it is theirs, never the target's). */
export const SKP_CALLER_SCOPED = ['POST /skp', 'POST /skp/harian', 'POST /api/v1/skp/logs'];

export const skpCases: Record<string, (t: Target) => RouteCall> = {
  'GET /api/v1/skp/:id': (t) => ({ url: `/api/v1/skp/${t.skpId}` }),
  'POST /api/v1/skp/logs': (t) => ({
    url: '/api/v1/skp/logs',
    payload: {
      idempotencyKey: 'penyusup-log-api-0001',
      logDate: new Date().toISOString().slice(0, 10),
      resultId: t.skpResultId,
      quantity: 1,
      minutes: 10,
      description: 'Penyusup',
    },
  }),
  'GET /api/v1/skp/logs': () => ({ url: '/api/v1/skp/logs?month=2026-03' }),
  'GET /api/v1/skp/logs/queue': () => ({ url: '/api/v1/skp/logs/queue' }),
  'POST /api/v1/skp/logs/review': (t) => ({
    url: '/api/v1/skp/logs/review',
    payload: { logIds: [t.skpLogId], decision: 'disetujui' },
  }),
  'GET /api/v1/skp/:id/evaluations': (t) => ({ url: `/api/v1/skp/${t.skpId}/evaluations` }),
  'GET /api/v1/skp/tpp': (t) => ({ url: `/api/v1/skp/tpp?unitId=${t.unitId}&month=2026-03` }),
  'GET /skp': () => ({ url: '/skp?tahun=2026' }),
  'POST /skp': () => ({ url: '/skp', payload: { year: String(new Date().getUTCFullYear()) } }),
  'GET /skp/pohon': () => ({ url: '/skp/pohon?tahun=2026' }),
  'GET /skp/:id': (t) => ({ url: `/skp/${t.skpId}` }),
  'POST /skp/:id/rhk': (t) => ({ url: `/skp/${t.skpId}/rhk`, payload: { kind: 'utama', text: 'Penyusup' } }),
  'POST /skp/:id/rhk/:rid/atasan': (t) => ({
    url: `/skp/${t.skpId}/rhk/${t.skpResultId}/atasan`,
    payload: { parentId: '' },
  }),
  'POST /skp/:id/indikator': (t) => ({
    url: `/skp/${t.skpId}/indikator`,
    payload: {
      resultId: String(t.skpResultId),
      indicator: 'Penyusup',
      aspect: 'kuantitas',
      target: '1',
      unitLabel: 'x',
    },
  }),
  'POST /skp/:id/ekspektasi': (t) => ({ url: `/skp/${t.skpId}/ekspektasi`, payload: { exp_loyal: 'Penyusup' } }),
  'POST /skp/:id/ajukan': (t) => ({ url: `/skp/${t.skpId}/ajukan`, payload: {} }),
  'POST /skp/:id/setujui': (t) => ({ url: `/skp/${t.skpId}/setujui`, payload: {} }),
  'POST /skp/:id/kembalikan': (t) => ({ url: `/skp/${t.skpId}/kembalikan`, payload: { note: 'Penyusup' } }),
  'POST /skp/:id/versi-baru': (t) => ({ url: `/skp/${t.skpId}/versi-baru`, payload: {} }),
  'GET /skp/harian': () => ({ url: '/skp/harian' }),
  'POST /skp/harian': () => ({
    url: '/skp/harian',
    payload: {
      idempotencyKey: 'penyusup-log-0001',
      logDate: new Date().toISOString().slice(0, 10),
      target: '1:',
      quantity: '1',
      minutes: '10',
      description: 'Penyusup',
    },
    form: true,
  }),
  // The target's log has no evidence: its id answers as if it did not exist, for everyone.
  'GET /skp/harian/:id/bukti': (t) => ({ url: `/skp/harian/${t.skpLogId}/bukti` }),
  'GET /skp/persetujuan': () => ({ url: '/skp/persetujuan' }),
  'GET /skp/:id/evaluasi': (t) => ({ url: `/skp/${t.skpId}/evaluasi?periode=2026` }),
  'POST /skp/:id/evaluasi': (t) => ({
    url: `/skp/${t.skpId}/evaluasi`,
    payload: { period: '2026', [`r_${t.skpResultId}`]: 'di_atas', b_loyal: 'di_atas', note: 'Penyusup' },
  }),
  'POST /skp/:id/dokumen': (t) => ({ url: `/skp/${t.skpId}/dokumen`, payload: {} }),
  'POST /skp/:id/evaluasi/dokumen': (t) => ({ url: `/skp/${t.skpId}/evaluasi/dokumen`, payload: { period: '2026' } }),
  // The target's SKP is a draft, so it has no signed document: any id must answer as if it did not exist.
  'GET /skp/dokumen/:id': (t) => ({ url: `/skp/dokumen/${t.skpResultId}` }),
  'GET /skp/tpp': (t) => ({ url: `/skp/tpp?unit=${t.unitId}&bulan=2026-03` }),
  'GET /skp/tpp/saya': () => ({ url: '/skp/tpp/saya?bulan=2026-03' }),
  'GET /skp/tpp/ekspor': (t) => ({ url: `/skp/tpp/ekspor?unit=${t.unitId}&bulan=2026-03&format=csv` }),
  'POST /skp/tpp/kelas': (t) => ({ url: '/skp/tpp/kelas', payload: { employeeId: String(t.employeeId), kelas: '9' } }),
  'POST /skp/tpp/kunci': (t) => ({ url: '/skp/tpp/kunci', payload: { unitId: String(t.unitId), month: '2026-03' } }),
  'GET /skp/distribusi': (t) => ({ url: `/skp/distribusi?unit=${t.unitId}&tahun=2026` }),
  'POST /skp/distribusi/organisasi': (t) => ({
    url: '/skp/distribusi/organisasi',
    payload: { unitId: String(t.unitId), year: '2026', rating: 'istimewa' },
  }),
  'POST /skp/persetujuan/setujui': (t) => ({
    url: '/skp/persetujuan/setujui',
    payload: { ids: String(t.skpLogId) },
  }),
  // Feedback (item 4): the target's SKP is nobody's here to give feedback on; no feedback exists to mark read.
  'GET /api/v1/skp/:id/feedback': (t) => ({ url: `/api/v1/skp/${t.skpId}/feedback` }),
  'POST /api/v1/skp/:id/feedback': (t) => ({
    url: `/api/v1/skp/${t.skpId}/feedback`,
    payload: { message: 'Penyusup', behaviour: 'loyal', tone: 'positif' },
  }),
  'POST /api/v1/skp/feedback/:id/read': (t) => ({ url: `/api/v1/skp/feedback/${t.skpResultId}/read` }),
  'GET /skp/:id/umpan-balik': (t) => ({ url: `/skp/${t.skpId}/umpan-balik` }),
  'POST /skp/:id/umpan-balik': (t) => ({ url: `/skp/${t.skpId}/umpan-balik`, payload: { message: 'Penyusup' } }),
  'POST /skp/umpan-balik/:id/dibaca': (t) => ({ url: `/skp/umpan-balik/${t.skpResultId}/dibaca`, payload: {} }),
  // The heads' dashboard (item 7) and the BKN export (item 8): each caller's own reach only.
  'GET /api/v1/skp/pantau': () => ({ url: '/api/v1/skp/pantau?period=2026' }),
  'GET /skp/pantau': () => ({ url: '/skp/pantau?periode=2026' }),
  'GET /api/v1/skp/bkn-export': (t) => ({ url: `/api/v1/skp/bkn-export?year=2026&unitId=${t.unitId}&format=json` }),
  'GET /skp/ekspor-bkn': () => ({ url: '/skp/ekspor-bkn?tahun=2026' }),
  'GET /skp/ekspor-bkn/unduh': () => ({ url: '/skp/ekspor-bkn/unduh?tahun=2026&periode=2026&format=json' }),
  'POST /skp/persetujuan/kembalikan': (t) => ({
    url: '/skp/persetujuan/kembalikan',
    payload: { ids: String(t.skpLogId), note: 'Penyusup' },
  }),
};

/**
 * The target employee's SKP of this year with one main result, still a draft, and one daily log waiting on it
 * (written by SQL: a draft takes no logs through the service), described by `logText`.
 */
export async function createTargetSkp(t: TestApp, employee: { id: number; ctx: Ctx }, text: string, logText: string) {
  const skpId = await t.services.skp.create(employee.ctx, t.services.skp.yearNow());
  const skpResultId = await t.services.skp.addResult(employee.ctx, skpId, { kind: 'utama', text });
  const log = await sql<{ id: number }>`insert into skp_daily_logs
    (employee_id, skp_id, result_id, log_date, quantity, minutes, description, idempotency_key)
    values (${employee.id}, ${skpId}, ${skpResultId}, current_date, 1, 30, ${logText}, 'sasaran-log-0001') returning id`.execute(
    t.db,
  );
  return { skpId, skpResultId, skpLogId: log.rows[0]!.id };
}
