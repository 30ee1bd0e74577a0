// Scope/bad-input cases for E-Surat (see ../route-cases.ts). The target naskah is rahasia, registered by the
// target unit's TU desk: nobody placed outside it (nor a colleague of the same unit) may see it.
import { randomBytes } from 'node:crypto';
import type { TestApp } from '../app.js';
import type { RouteCall, Target } from '../route-cases.js';

/** A tiny PDF accepted by the upload check (header, one empty page, %%EOF). */
export const TINY_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);
const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
export const naskahBody = (unitId: number, extra: Record<string, unknown> = {}) => ({
  idempotencyKey: `naskah-${randomBytes(6).toString('hex')}`,
  unitId,
  senderInstansi: 'Penyusup',
  senderNumber: '001/PENYUSUP/2026',
  senderDate: today(),
  receivedDate: today(),
  perihal: 'Penyusup',
  classificationCode: '000.1',
  urgency: 'biasa',
  securityClass: 'biasa',
  kindCode: 'surat_biasa',
  pdf: TINY_PDF.toString('base64'),
  ...extra,
});

export const correspondenceCases: Record<string, (t: Target) => RouteCall> = {
  'GET /api/v1/naskah': () => ({ url: '/api/v1/naskah' }),
  'POST /api/v1/naskah/search': () => ({ url: '/api/v1/naskah/search', payload: { q: 'Sigma' } }),
  'POST /api/v1/naskah': (t) => ({ url: '/api/v1/naskah', payload: naskahBody(t.unitId) }),
  'GET /api/v1/naskah/:id': (t) => ({ url: `/api/v1/naskah/${t.naskahId}` }),
  'GET /api/v1/naskah/:id/pdf': (t) => ({ url: `/api/v1/naskah/${t.naskahId}/pdf` }),
  'GET /surat': () => ({ url: '/surat' }),
  'GET /surat/masuk': () => ({ url: '/surat/masuk' }),
  'POST /surat/masuk/cari': () => ({ url: '/surat/masuk/cari', payload: { q: 'Sigma' } }),
  'GET /surat/masuk/baru': () => ({ url: '/surat/masuk/baru' }),
  'POST /surat/masuk/baru': (t) => {
    const { pdf: _pdf, ...rest } = naskahBody(t.unitId);
    return {
      url: '/surat/masuk/baru',
      payload: Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, String(v)])),
      form: true,
    };
  },
  'GET /surat/masuk/:id': (t) => ({ url: `/surat/masuk/${t.naskahId}` }),
  'GET /surat/masuk/:id/pdf': (t) => ({ url: `/surat/masuk/${t.naskahId}/pdf` }),
  // Disposisi (the target disposition: from the target unit's head to the target employee, of the rahasia naskah).
  'POST /api/v1/naskah/:id/dispositions': (t) => ({
    url: `/api/v1/naskah/${t.naskahId}/dispositions`,
    payload: { to: [t.employeeId], instructions: ['ditindaklanjuti'], dueDate: today() },
  }),
  'GET /api/v1/naskah/:id/dispositions': (t) => ({ url: `/api/v1/naskah/${t.naskahId}/dispositions` }),
  'POST /api/v1/naskah/:id/close': (t) => ({ url: `/api/v1/naskah/${t.naskahId}/close`, payload: { note: 'Cukup' } }),
  'GET /api/v1/dispositions': () => ({ url: '/api/v1/dispositions' }),
  'GET /api/v1/dispositions/:id': (t) => ({ url: `/api/v1/dispositions/${t.dispositionId}` }),
  'POST /api/v1/dispositions/:id/withdraw': (t) => ({ url: `/api/v1/dispositions/${t.dispositionId}/withdraw` }),
  'POST /api/v1/dispositions/:id/report': (t) => ({
    url: `/api/v1/dispositions/${t.dispositionId}/report`,
    payload: { report: 'Penyusup melapor' },
  }),
  'GET /surat/disposisi': () => ({ url: '/surat/disposisi' }),
  'GET /surat/disposisi/:id': (t) => ({ url: `/surat/disposisi/${t.dispositionId}` }),
  'GET /surat/disposisi/:id/pdf': (t) => ({ url: `/surat/disposisi/${t.dispositionId}/pdf` }),
  'POST /surat/masuk/:id/disposisi': (t) => ({
    url: `/surat/masuk/${t.naskahId}/disposisi`,
    payload: { to: String(t.employeeId), instructions: 'ditindaklanjuti', dueDate: today() },
  }),
  'POST /surat/masuk/:id/selesai': (t) => ({ url: `/surat/masuk/${t.naskahId}/selesai`, payload: { note: 'Cukup' } }),
  'POST /surat/disposisi/:id/tarik': (t) => ({ url: `/surat/disposisi/${t.dispositionId}/tarik`, payload: {} }),
  'POST /surat/disposisi/:id/lapor': (t) => ({
    url: `/surat/disposisi/${t.dispositionId}/lapor`,
    payload: { report: 'Penyusup melapor' },
    form: true,
  }),
  'GET /surat/agenda': (t) => ({ url: `/surat/agenda?unit=${t.unitId}&dari=2026-01-01&sampai=${today()}&format=csv` }),
  'GET /surat/meja-tu': () => ({ url: '/surat/meja-tu' }),
  'POST /surat/meja-tu': (t) => ({ url: '/surat/meja-tu', payload: { unitId: String(t.unitId), employeeNumber: 'X' } }),
  'POST /surat/meja-tu/hapus': (t) => ({
    url: '/surat/meja-tu/hapus',
    payload: { unitId: String(t.unitId), employeeId: String(t.employeeId) },
  }),
};

/** Searches by POST: they read, never write. */
export const CORRESPONDENCE_POST_READS = ['POST /api/v1/naskah/search', 'POST /surat/masuk/cari'];

/** The target naskah: rahasia, registered by the target employee made the TU desk of the target unit. */
export async function createTargetNaskah(
  t: TestApp,
  admin: { ctx: import('../../../src/kernel/context.js').Ctx },
  unitId: number,
  employee: { nip: string; auth: Record<string, string> },
  perihal: string,
) {
  await t.services.correspondence.addDesk(admin.ctx, unitId, employee.nip);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/naskah',
    headers: employee.auth,
    payload: naskahBody(unitId, { perihal, securityClass: 'rahasia', senderInstansi: 'Instansi Sasaran Sigma' }),
  });
  if (res.statusCode !== 201) throw new Error(`target naskah: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: number }).id;
}

/**
 * The target disposition: a head of the target unit disposes the target naskah to the target employee (unread, so
 * anyone able to withdraw or open it would change it: the scope test's snapshot would show).
 */
export async function createTargetDisposition(
  t: TestApp,
  admin: { ctx: import('../../../src/kernel/context.js').Ctx },
  unitId: number,
  naskahId: number,
  toEmployeeId: number,
  note: string,
) {
  const { createEmployee } = await import('../staff.js');
  const head = await createEmployee(t, admin, { unitId, head: true });
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/naskah/${naskahId}/dispositions`,
    headers: head.auth,
    payload: { to: [toEmployeeId], instructions: ['ditindaklanjuti'], dueDate: today(), note },
  });
  if (res.statusCode !== 201) throw new Error(`target disposition: ${res.statusCode} ${res.body}`);
  return (res.json() as { ids: number[] }).ids[0]!;
}
