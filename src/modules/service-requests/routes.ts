// JSON API for layanan warga requests.
import { Type } from 'typebox';
import { ErrorBody, IdParam, type App } from '../../http/types.js';
import { AppError } from '../../lib/errors.js';
import { sendStoredFile } from '../../kernel/files/serve.js';
import type { Services } from '../../wiring.js';
import { requestPolicy } from './policy.js';
import { presentRequest } from './present.js';
import {
  ActionBody,
  AttachmentParams,
  CorrectionBody,
  CorrectionOut,
  ActionOut,
  AlreadyDecidedOut,
  ListQuery,
  RequestOut,
  SubmitBody,
  SubmitOut,
  TrackParam,
} from './schema.js';
import { AlreadyDecided, decidedMessage } from './decided.js';

const tags = ['layanan'];
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
/** Two compressed photos in base64 fit well under this. */
export const SUBMIT_BODY_LIMIT = 6 * 1024 * 1024;

export function registerRequestsApi(app: App, s: Services) {
  app.get('/api/v1/letter-types', { config: { access: 'authenticated' }, schema: { tags } }, async () => ({
    items: (await s.catalogue.list()).map((t) => ({
      code: t.code,
      name: t.name,
      route: t.route,
      fields: t.fields,
      attachments: t.attachments,
      totalBudgetMinutes: t.total_budget_minutes,
      validityDays: t.validity_days,
    })),
  }));

  app.post(
    '/api/v1/requests',
    {
      config: { access: requestPolicy.submit },
      bodyLimit: SUBMIT_BODY_LIMIT,
      schema: { tags, body: SubmitBody, response: { 200: SubmitOut, 201: SubmitOut, ...errors } },
    },
    async (req, reply) => {
      const b = req.body;
      const attachments = (b.attachments ?? []).map((a) => ({
        kind: a.kind,
        content: Buffer.from(a.contentBase64, 'base64'),
      }));
      const r = await s.requests.submit(req.ctx(), {
        idempotencyKey: b.idempotencyKey,
        letterType: b.letterType,
        residentId: b.residentId,
        purpose: b.purpose,
        fields: b.fields ?? {},
        attachments,
      });
      return reply.code(r.duplicate ? 200 : 201).send(r);
    },
  );
  app.get(
    '/api/v1/requests',
    {
      config: { access: requestPolicy.list },
      schema: { tags, querystring: ListQuery, response: { 200: Type.Object({ items: Type.Array(RequestOut) }) } },
    },
    async (req) => ({
      items: (
        await s.requests.list(req.ctx(), {
          status: req.query.status || undefined,
          overdue: req.query.overdue,
          page: req.query.page ?? 1,
        })
      ).map(presentRequest),
    }),
  );
  app.get(
    '/api/v1/requests/queue',
    {
      config: { access: requestPolicy.queue },
      schema: { tags, response: { 200: Type.Object({ items: Type.Array(RequestOut) }) } },
    },
    async (req) => ({
      items: (await s.requests.queue(req.ctx())).map(presentRequest),
    }),
  );
  app.get(
    '/api/v1/requests/mine',
    {
      config: { access: requestPolicy.submit },
      schema: { tags, response: { 200: Type.Object({ items: Type.Array(RequestOut) }) } },
    },
    async (req) => ({
      items: (await s.requests.mine(req.ctx())).map(presentRequest),
    }),
  );
  app.get(
    '/api/v1/requests/:id',
    { config: { access: requestPolicy.view }, schema: { tags, params: IdParam } },
    async (req) => {
      const r = await s.requests.get(req.ctx(), req.params.id);
      return {
        request: presentRequest(r.request),
        fields: r.request.field_values,
        purpose: r.request.purpose,
        transitions: r.transitions.map((t) => ({
          seq: t.seq,
          action: t.action,
          fromStage: t.from_stage,
          toStage: t.to_stage,
          actorName: t.actor_name,
          actorRole: t.actor_role,
          reason: t.reason,
          at: t.at.toISOString(),
          stageBudgetMinutes: t.stage_budget_minutes,
          elapsedSeconds: t.elapsed_seconds,
          withinBudget: t.within_budget,
          stageClock: t.stage_clock,
          wallSeconds: t.wall_seconds,
        })),
        attachments: r.attachments.map((a) => ({ id: a.id, kind: a.kind, mime: a.mime, sizeBytes: a.size_bytes })),
        letter: r.letter
          ? {
              number: r.letter.number,
              verifyCode: r.letter.verify_code,
              issuedAt: r.letter.issued_at.toISOString(),
              pdf: `/layanan/${r.request.id}/surat.pdf`,
            }
          : null,
      };
    },
  );
  app.post(
    '/api/v1/requests/:id/actions',
    {
      config: { access: requestPolicy.act },
      schema: {
        tags,
        params: IdParam,
        body: ActionBody,
        response: { 200: ActionOut, ...errors, 409: Type.Union([AlreadyDecidedOut, ErrorBody]) },
      },
    },
    async (req, reply) => {
      const b = req.body;
      try {
        return await s.requests.act(
          req.ctx(),
          req.params.id,
          b.action,
          b.reason ?? '',
          b.expectedVersion,
          b.expectedStage,
        );
      } catch (err) {
        // Someone else decided first: nothing was written; the answer says who, how and when (kept
        // for the Idempotency-Key like any answer, so the phone's retry gets the same one).
        if (!(err instanceof AlreadyDecided)) throw err;
        const d = err.decided;
        return reply.code(409).send({
          error: { code: err.key, message: decidedMessage(req.t, d, req), fields: [] },
          decided: d ? { ...d, at: d.at.toISOString() } : null,
        });
      }
    },
  );
  app.post(
    '/api/v1/requests/:id/corrections',
    {
      config: { access: requestPolicy.submit },
      bodyLimit: SUBMIT_BODY_LIMIT,
      schema: { tags, params: IdParam, body: CorrectionBody, response: { 200: CorrectionOut, ...errors } },
    },
    async (req) => {
      const b = req.body;
      return s.requests.correct(req.ctx(), req.params.id, {
        idempotencyKey: b.idempotencyKey,
        expectedVersion: b.expectedVersion,
        purpose: b.purpose,
        fields: b.fields ?? {},
        attachments: (b.attachments ?? []).map((a) => ({
          kind: a.kind,
          content: Buffer.from(a.contentBase64, 'base64'),
        })),
        note: b.note ?? '',
      });
    },
  );
  app.get(
    '/api/v1/requests/:id/attachments/:attachmentId',
    { config: { access: requestPolicy.view }, schema: { tags, params: AttachmentParams } },
    async (req, reply) => {
      const f = await s.requests.attachment(req.ctx(), req.params.id, req.params.attachmentId);
      return sendStoredFile(reply, f, `lampiran-${req.params.id}-${req.params.attachmentId}`);
    },
  );
  app.get(
    '/api/v1/track/:code',
    { config: { access: 'public' }, schema: { tags, security: [], params: TrackParam } },
    async (req) => {
      if (!(await s.requests.allowTrackingLookup(req.ip)))
        throw new AppError(429, 'error.rate_limited', { minutes: 15 });
      return s.requests.track(req.params.code);
    },
  );
}
