// JSON API of community activities (and the page registrations, so the app
// wires one call). A phone's report carries its own key (idempotencyKey), so a
// resend answers 200 with the first report; Idempotency-Key works too.
import { Type } from 'typebox';
import { ErrorBody, IdParam, type App } from '../../http/types.js';
import { RegionCode } from '../../http/types.js';
import type { Services } from '../../wiring.js';
import { registerCommunityPages } from './pages.js';
import { communityPolicy as P } from './policy.js';
import type { ActivityRow } from './repo.js';
import { ACTIVITY_KINDS, ACTIVITY_STATUSES, DESCRIPTION_MAX, REASON_MAX } from './rules.js';

const tags = ['kegiatan'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const Status = Type.Union(ACTIVITY_STATUSES.map((s) => Type.Literal(s)));

const ReportBody = Type.Object({
  idempotencyKey: Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$', maxLength: 64 }),
  heldOn: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 }),
  kind: Type.Union(ACTIVITY_KINDS.map((k) => Type.Literal(k))),
  description: Type.String({ minLength: 1, maxLength: DESCRIPTION_MAX }),
  participants: Type.Integer({ minimum: 1, maximum: 10000 }),
  /** JPEG/PNG/WebP, base64, at most 1 MB once decoded (shrink it on the phone first). */
  photo: Type.String({ minLength: 4, maxLength: 1_400_000, pattern: '^[A-Za-z0-9+/=]*$' }),
});
const DecisionBody = Type.Object({
  decision: Type.Union([Type.Literal('confirm'), Type.Literal('reject')]),
  reason: Type.Optional(Type.String({ maxLength: REASON_MAX })),
});
const ListQuery = Type.Object({ under: Type.Optional(RegionCode), status: Type.Optional(Status) });
const ActivityOut = Type.Object({
  id: Type.Integer(),
  regionCode: Type.String(),
  regionName: Type.String(),
  kelurahanName: Type.Union([Type.String(), Type.Null()]),
  reporterName: Type.String(),
  heldOn: Type.String(),
  kind: Type.String(),
  description: Type.String(),
  participants: Type.Integer(),
  status: Type.String(),
  reportedAt: Type.String(),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
  decisionReason: Type.Union([Type.String(), Type.Null()]),
  photoUrl: Type.String(),
  duplicate: Type.Optional(Type.Boolean()),
});

export const presentActivity = (a: ActivityRow) => ({
  id: a.id,
  regionCode: a.region_code,
  regionName: a.region_name,
  kelurahanName: a.kelurahan_name,
  reporterName: a.reporter_name,
  heldOn: a.held_on,
  kind: a.kind,
  description: a.description,
  participants: a.participants,
  status: a.status,
  reportedAt: new Date(a.reported_at).toISOString(),
  decidedAt: a.decided_at ? new Date(a.decided_at).toISOString() : null,
  decisionReason: a.decision_reason,
  photoUrl: `/kegiatan/${a.id}/foto`,
});

export function registerCommunityRoutes(app: App, s: Services) {
  const C = s.community;
  app.get(
    '/api/v1/kegiatan',
    {
      config: { access: P.view },
      schema: {
        tags,
        querystring: ListQuery,
        response: { 200: Type.Object({ items: Type.Array(ActivityOut) }), ...errors },
      },
    },
    async (req) => ({ items: (await C.list(req.ctx(), req.query)).map(presentActivity) }),
  );
  // 201 for a new report, 200 with the first report for a resend of the same key.
  app.post(
    '/api/v1/kegiatan',
    {
      config: { access: P.report },
      schema: { tags, body: ReportBody, response: { 200: ActivityOut, 201: ActivityOut, ...errors } },
    },
    async (req, reply) => {
      const { photo, ...rest } = req.body;
      const r = await C.report(req.ctx(), { ...rest, photo: Buffer.from(photo, 'base64') });
      return reply.code(r.duplicate ? 200 : 201).send({ ...presentActivity(r.activity), duplicate: r.duplicate });
    },
  );
  app.post(
    '/api/v1/kegiatan/:id/decision',
    {
      config: { access: P.decide },
      schema: { tags, params: IdParam, body: DecisionBody, response: { 200: ActivityOut, ...errors } },
    },
    async (req) => {
      await C.decide(req.ctx(), req.params.id, req.body.decision, req.body.reason ?? '');
      return presentActivity(await C.get(req.ctx(), req.params.id));
    },
  );
  registerCommunityPages(app, s);
}
