// Scope/bad-input cases for naskah keluar: API and pages (see ../route-cases.ts). The target is a draft of the
// target unit, drafted by the target employee, routed to a signer of that unit.
import { randomBytes } from 'node:crypto';
import type { TestApp } from '../app.js';
import type { RouteCall, Target } from '../route-cases.js';

const A = '/api/v1/naskah-keluar';

/** Drafting: any civil servant drafts for their own unit (the konseptor); it is theirs, never the target's. */
export const KELUAR_CALLER_SCOPED = [`POST ${A}`, 'POST /surat/keluar/baru'];
const key = () => `keluar-${randomBytes(6).toString('hex')}`;
const draft = (t: Target, routing: { role: string; employeeId: number }[]) => ({
  idempotencyKey: key(),
  unitId: t.unitId,
  kindCode: 'surat_biasa',
  perihal: 'Penyusup',
  classificationCode: '000.1',
  securityClass: 'biasa',
  urgency: 'biasa',
  addressees: [{ type: 'internal', unitId: t.unitId }],
  body: 'Penyusup',
  routing,
});

export const keluarCases: Record<string, (t: Target) => RouteCall> = {
  [`POST ${A}`]: (t) => ({ url: A, payload: draft(t, [{ role: 'tandatangan', employeeId: t.employeeId }]) }),
  [`GET ${A}`]: () => ({ url: A }),
  [`GET ${A}/:id`]: (t) => ({ url: `${A}/${t.keluarId}` }),
  [`POST ${A}/:id/revisi`]: (t) => ({
    url: `${A}/${t.keluarId}/revisi`,
    payload: { fromVersion: 1, perihal: 'Penyusup', body: 'Penyusup' },
  }),
  [`POST ${A}/:id/act`]: (t) => ({
    url: `${A}/${t.keluarId}/act`,
    payload: { stepId: t.keluarStepId, act: 'kembalikan', comment: 'Penyusup' },
  }),
  [`POST ${A}/:id/sign`]: (t) => ({ url: `${A}/${t.keluarId}/sign`, payload: {} }),
  [`POST ${A}/:id/dispatch`]: (t) => ({ url: `${A}/${t.keluarId}/dispatch`, payload: {} }),
  [`GET ${A}/:id/pdf`]: (t) => ({ url: `${A}/${t.keluarId}/pdf` }),
  [`GET ${A}/queues`]: () => ({ url: `${A}/queues` }),
  [`GET ${A}/defaults`]: (t) => ({ url: `${A}/defaults?unitId=${t.unitId}&kindCode=surat_biasa` }),
  [`PUT ${A}/defaults`]: (t) => ({
    url: `${A}/defaults`,
    payload: { unitId: t.unitId, kindCode: 'surat_biasa', steps: [{ role: 'tandatangan', employeeId: t.employeeId }] },
  }),
  'GET /surat/keluar': () => ({ url: '/surat/keluar' }),
  'GET /surat/keluar/daftar': () => ({ url: '/surat/keluar/daftar' }),
  'GET /surat/keluar/baru': () => ({ url: '/surat/keluar/baru' }),
  'POST /surat/keluar/baru': (t) => ({
    url: '/surat/keluar/baru',
    payload: {
      idempotencyKey: key(),
      unitId: String(t.unitId),
      kindCode: 'surat_biasa',
      perihal: 'Penyusup',
      classificationCode: '000.1',
      securityClass: 'biasa',
      urgency: 'biasa',
      body: 'Penyusup',
    },
    form: true,
  }),
  'GET /surat/keluar/:id': (t) => ({ url: `/surat/keluar/${t.keluarId}` }),
  'GET /surat/keluar/:id/pdf': (t) => ({ url: `/surat/keluar/${t.keluarId}/pdf` }),
  'POST /surat/keluar/:id/aksi': (t) => ({
    url: `/surat/keluar/${t.keluarId}/aksi`,
    payload: { stepId: String(t.keluarStepId), act: 'kembalikan', comment: 'Penyusup' },
  }),
  'POST /surat/keluar/:id/tandatangan': (t) => ({ url: `/surat/keluar/${t.keluarId}/tandatangan`, payload: {} }),
  'POST /surat/keluar/:id/kirim': (t) => ({ url: `/surat/keluar/${t.keluarId}/kirim`, payload: {} }),
  'POST /surat/keluar/:id/revisi': (t) => ({
    url: `/surat/keluar/${t.keluarId}/revisi`,
    payload: { fromVersion: '1', perihal: 'Penyusup', body: 'Penyusup' },
  }),
  'GET /surat/keluar/alur': (t) => ({ url: `/surat/keluar/alur?unitId=${t.unitId}&kindCode=surat_biasa` }),
  'POST /surat/keluar/alur': (t) => ({
    url: '/surat/keluar/alur',
    payload: { unitId: String(t.unitId), kindCode: 'surat_biasa', routing: `tandatangan:${t.employeeId}` },
  }),
};

/** The target draft: by the target employee (the unit's Plt.), signed by them, a copy to nobody else. */
export async function createTargetKeluar(
  t: TestApp,
  e: { auth: Record<string, string>; id: number },
  unitId: number,
  perihal: string,
) {
  const res = await t.app.inject({
    method: 'POST',
    url: A,
    headers: e.auth,
    payload: {
      ...draft({ unitId, employeeId: e.id } as Target, [{ role: 'tandatangan', employeeId: e.id }]),
      // Rahasia: a colleague of the same unit does not see it either (only its routing, the head and the TU).
      securityClass: 'rahasia',
      perihal,
    },
  });
  if (res.statusCode !== 201 && res.statusCode !== 200) throw new Error(`target keluar: ${res.statusCode} ${res.body}`);
  const id = (res.json() as { id: number }).id;
  const step = await t.database.pool.query(
    'select id from naskah_routing_steps where naskah_id = $1 order by id limit 1',
    [id],
  );
  return { keluarId: id, keluarStepId: step.rows[0].id as number };
}
