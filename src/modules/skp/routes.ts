// E-Kinerja (SKP): the HTML pages (pages.tsx) and the JSON API under /api/v1/skp.
import { Type } from 'typebox';
import { IdParam, OptStr, Str, type App } from '../../http/types.js';
import type { Services } from '../../wiring.js';
import type { FeedbackRow } from './feedback-repo.js';
import { registerSkpBknPages } from './pages-bkn.js';
import { registerSkpDocPages } from './pages-doc.js';
import { registerSkpEvalPages } from './pages-eval.js';
import { registerSkpFeedbackPages } from './pages-feedback.js';
import { registerSkpPantauPages } from './pages-pantau.js';
import { registerSkpTppPages } from './pages-tpp.js';
import { registerSkpLogPages } from './pages-logs.js';
import { registerSkpPages } from './pages.js';
import { registerSkpApiRoutes } from './routes-api.js';
import { skpPolicy as P } from './policy.js';

export function registerSkpRoutes(app: App, s: Services) {
  app.get(
    '/api/v1/skp/:id',
    {
      config: { access: P.view },
      schema: { tags: ['skp'], summary: 'One SKP with its results, indicators and behaviours', params: IdParam },
    },
    async (req) => {
      const d = await s.skp.detail(req.ctx(), req.params.id);
      return {
        id: d.p.id,
        employee: { id: d.p.employee_id, name: d.p.employee_name, nip: d.p.employee_nip, position: d.p.position },
        unit: d.p.unit_name,
        appraiser: d.p.appraiser_name,
        year: d.p.year,
        version: d.p.version,
        status: d.p.status,
        results: d.results.map((r) => ({
          id: r.id,
          kind: r.kind,
          text: r.text,
          supports: r.parent_result_id,
          indicators: r.indicators.map((i) => ({
            text: i.text,
            aspect: i.aspect,
            target: Number(i.target),
            unit: i.unit_label,
          })),
        })),
        behaviours: d.behaviours,
      };
    },
  );
  registerSkpApiMore(app, s);
  registerSkpApiRoutes(app, s);
  registerSkpPages(app, s);
  registerSkpFeedbackPages(app, s);
  registerSkpPantauPages(app, s);
  registerSkpBknPages(app, s);
  registerSkpLogPages(app, s);
  registerSkpEvalPages(app, s);
  registerSkpTppPages(app, s);
  registerSkpDocPages(app, s);
}

const feedbackOut = (f: FeedbackRow) => ({
  id: f.id,
  skpId: f.skp_id,
  author: { id: f.author_id, name: f.author_name },
  log: f.log_id ? { id: f.log_id, date: f.log_date, description: f.log_description } : null,
  behaviour: f.behaviour,
  tone: f.tone,
  message: f.message,
  createdAt: f.created_at.toISOString(),
  readAt: f.read_at ? f.read_at.toISOString() : null,
});

/** Feedback (item 4), the heads' dashboard (item 7) and the BKN export (item 8) as JSON. */
function registerSkpApiMore(app: App, s: Services) {
  const tags = ['skp'];
  const overseers = ['pegawai', 'admin_kota'] as const;
  app.get(
    '/api/v1/skp/:id/feedback',
    {
      config: { access: P.view },
      schema: { tags, summary: "Feedback to the SKP's owner in its year, with read marks", params: IdParam },
    },
    async (req) => {
      const f = await s.skpFeedback.ofPlan(req.ctx(), req.params.id);
      return { mayGive: f.mayGive, items: f.items.map(feedbackOut) };
    },
  );
  app.post(
    '/api/v1/skp/:id/feedback',
    {
      config: { access: P.act },
      schema: {
        tags,
        summary: "Feedback to the SKP's owner, optionally about a log and on a BerAKHLAK behaviour",
        params: IdParam,
        body: Type.Object(
          {
            message: Str(4000),
            logId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
            behaviour: OptStr(40),
            tone: OptStr(40),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => {
      const b = req.body;
      const id = await s.skpFeedback.give(req.ctx(), req.params.id, {
        message: b.message,
        logId: b.logId !== undefined ? String(b.logId) : undefined,
        behaviour: b.behaviour,
        tone: b.tone,
      });
      return reply.code(201).send({ id });
    },
  );
  app.post(
    '/api/v1/skp/feedback/:id/read',
    { config: { access: P.act }, schema: { tags, summary: 'The employee marks a feedback read', params: IdParam } },
    async (req) => ({ ok: true, changed: (await s.skpFeedback.markRead(req.ctx(), req.params.id)).changed }),
  );
  app.get(
    '/api/v1/skp/pantau',
    {
      config: { access: overseers },
      schema: {
        tags,
        summary: "Heads' dashboard: logging this week, approvals waiting, late approvers, predikat against the curve",
        querystring: Type.Object({ period: OptStr(7) }, { additionalProperties: false }),
      },
    },
    async (req) => s.skpPantau.dashboard(req.ctx(), req.query.period),
  );
  app.get(
    '/api/v1/skp/bkn-export',
    {
      config: { access: overseers },
      schema: {
        tags,
        summary: 'SKP and predikat per employee for a period, for BKN (docs/BKN-EXPORT.md; mapping to be confirmed)',
        querystring: Type.Object(
          {
            year: Type.Integer({ minimum: 2000, maximum: 2999 }),
            period: OptStr(7),
            unitId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
            format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => {
      const format = req.query.format ?? 'json';
      const out = await s.skpBkn.export(req.ctx(), {
        year: req.query.year,
        period: req.query.period,
        unitId: req.query.unitId,
        format,
      });
      return reply
        .header('x-content-sha256', out.sha256)
        .header('cache-control', 'private, no-store')
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
        .send(out.body);
    },
  );
}
