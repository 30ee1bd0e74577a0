// JSON API of E-Kinerja beside the SKP detail (routes.ts): the daily logs (issue 16, item 3) for a phone app and the
// month-end bench — the same service as the HTML form (/skp/harian), the same idempotency key: 201 for a new log,
// 200 with the same log for a replay of its key — the superior's queue and bulk decision; an SKP's evaluations and
// a unit's TPP rows, scoped as their pages are.
import { Type } from 'typebox';
import { ErrorBody, type App } from '../../http/types.js';
import type { Services } from '../../wiring.js';
import type { LogRow } from './logs-repo.js';
import { EVIDENCE_MAX_BYTES } from './logs-service.js';
import { skpPolicy as P } from './policy.js';

const tags = ['skp'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

const LogBody = Type.Object({
  idempotencyKey: Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$', maxLength: 64 }),
  logDate: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 }),
  resultId: Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 }),
  indicatorId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 })),
  quantity: Type.Number({ minimum: 0, maximum: 999_999_999 }),
  minutes: Type.Integer({ minimum: 1, maximum: 1440 }),
  description: Type.String({ maxLength: 1000 }),
  /** A photo (shrunk on the phone) or a PDF, base64, at most EVIDENCE_MAX_BYTES once decoded. */
  evidence: Type.Optional(
    Type.String({ maxLength: Math.ceil((EVIDENCE_MAX_BYTES * 4) / 3) + 4, pattern: '^[A-Za-z0-9+/=]*$' }),
  ),
});
const MonthQuery = Type.Object({ month: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}$', maxLength: 7 })) });
const ReviewBody = Type.Object({
  logIds: Type.Array(Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 }), { minItems: 1, maxItems: 500 }),
  decision: Type.Union([Type.Literal('disetujui'), Type.Literal('dikembalikan')]),
  note: Type.Optional(Type.String({ maxLength: 500 })),
});

const IdParam = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 }) });
const TppQuery = Type.Object({
  unitId: Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 }),
  month: Type.String({ pattern: '^\\d{4}-\\d{2}$', maxLength: 7 }),
});

const presentLog = (l: LogRow) => ({
  id: l.id,
  employee: { id: l.employee_id, name: l.employee_name },
  skpId: l.skp_id,
  result: l.result_text,
  indicator: l.indicator_text,
  logDate: l.log_date,
  quantity: Number(l.quantity),
  minutes: l.minutes,
  description: l.description,
  hasEvidence: l.evidence_file_id !== null,
  status: l.status,
  returnNote: l.return_note,
  createdAt: l.created_at.toISOString(),
});

export function registerSkpApiRoutes(app: App, s: Services) {
  const L = s.skpLogs;
  app.post(
    '/api/v1/skp/logs',
    {
      bodyLimit: EVIDENCE_MAX_BYTES * 2,
      config: { access: P.act },
      schema: { tags, summary: 'Writes a daily log (a replay of its key answers 200 with the first)', body: LogBody },
    },
    async (req, reply) => {
      const b = req.body;
      const r = await L.submit(req.ctx(), {
        idempotencyKey: b.idempotencyKey,
        logDate: b.logDate,
        target: `${b.resultId}:${b.indicatorId ?? ''}`,
        quantity: String(b.quantity),
        minutes: String(b.minutes),
        description: b.description,
        evidence: b.evidence ? Buffer.from(b.evidence, 'base64') : undefined,
      });
      return reply.code(r.duplicate ? 200 : 201).send({ ...presentLog(r.log), duplicate: r.duplicate });
    },
  );
  app.get(
    '/api/v1/skp/logs',
    {
      config: { access: P.act },
      schema: { tags, summary: "The caller's own daily logs of a month", querystring: MonthQuery },
    },
    async (req) => ({ items: (await L.own(req.ctx(), req.query.month ?? null)).map(presentLog) }),
  );
  app.get(
    '/api/v1/skp/logs/queue',
    {
      config: { access: P.act },
      schema: { tags, summary: 'Daily logs waiting for the caller (as appraiser or head), oldest first' },
    },
    async (req) => ({ items: (await L.queue(req.ctx())).map(presentLog) }),
  );
  app.post(
    '/api/v1/skp/logs/review',
    {
      config: { access: P.act },
      schema: {
        tags,
        summary: 'Approves or returns daily logs in bulk (only those waiting for the caller move)',
        body: ReviewBody,
        response: { 200: Type.Object({ moved: Type.Integer(), already: Type.Integer() }), ...errors },
      },
    },
    async (req) => L.review(req.ctx(), req.body.logIds, req.body.decision, req.body.note ?? ''),
  );
  app.get(
    '/api/v1/skp/:id/evaluations',
    {
      config: { access: P.view },
      schema: {
        tags,
        summary: "An SKP's evaluations (periodic and annual), for whoever may see the SKP",
        params: IdParam,
      },
    },
    async (req) => ({
      items: (await s.skpEval.list(req.ctx(), req.params.id)).map((v) => ({
        id: v.id,
        period: v.period,
        resultRating: v.result_rating,
        behaviourRating: v.behaviour_rating,
        predikat: v.predikat,
        note: v.note,
        ratedBy: v.rated_by_name,
        ratedAt: v.rated_at.toISOString(),
      })),
    }),
  );
  app.get(
    '/api/v1/skp/tpp',
    {
      config: { access: P.view },
      schema: {
        tags,
        summary: "A unit's TPP rows of a month (heads of the unit and above, the city admin)",
        querystring: TppQuery,
      },
    },
    async (req) => {
      const r = await s.skpTpp.rows(req.ctx(), req.query.unitId, req.query.month);
      return { unit: r.unit, month: req.query.month, items: r.rows };
    },
  );
}
