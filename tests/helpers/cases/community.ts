// Scope/bad-input cases for community activities (kegiatan warga) (see ../route-cases.ts).
import { randomUUID } from 'node:crypto';
import type { TestApp } from '../app.js';
import type { RouteCall, Target } from '../route-cases.js';
import { SMALL_JPEG } from '../uploads.js';

const report = () => ({
  idempotencyKey: `penyusup-${randomUUID().slice(0, 8)}`,
  heldOn: new Date().toISOString().slice(0, 10),
  kind: 'kerja_bakti',
  description: 'Penyusup',
  participants: 12,
  photo: SMALL_JPEG.toString('base64'),
});

/** A report of the caller's own RT/RW: a head in any region may make one (it is theirs, never the target's). */
export const COMMUNITY_CALLER_SCOPED = ['POST /api/v1/kegiatan', 'POST /kegiatan'];

export const communityCases: Record<string, (t: Target) => RouteCall> = {
  'GET /api/v1/kegiatan': (t) => ({ url: `/api/v1/kegiatan?under=${t.kelurahan}` }),
  'POST /api/v1/kegiatan': () => ({ url: '/api/v1/kegiatan', payload: report() }),
  'POST /api/v1/kegiatan/:id/decision': (t) => ({
    url: `/api/v1/kegiatan/${t.activityId}/decision`,
    payload: { decision: 'reject', reason: 'Penyusup' },
  }),
  'GET /kegiatan': () => ({ url: '/kegiatan' }),
  'POST /kegiatan': () => {
    const { photo: _photo, participants, ...rest } = report();
    return { url: '/kegiatan', payload: { ...rest, participants: String(participants) }, form: true };
  },
  'POST /kegiatan/:id/konfirmasi': (t) => ({ url: `/kegiatan/${t.activityId}/konfirmasi`, payload: {} }),
  'POST /kegiatan/:id/tolak': (t) => ({ url: `/kegiatan/${t.activityId}/tolak`, payload: { reason: 'Penyusup' } }),
  'GET /kegiatan/:id/foto': (t) => ({ url: `/kegiatan/${t.activityId}/foto` }),
};

/** The target's activity: reported through the API by the target RT's head. */
export async function reportActivity(t: TestApp, head: { auth: Record<string, string> }): Promise<number> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/kegiatan', headers: head.auth, payload: report() });
  if (res.statusCode !== 201) throw new Error(`target activity: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: number }).id;
}
