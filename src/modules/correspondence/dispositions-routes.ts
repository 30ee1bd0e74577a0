// JSON API of disposisi: POST/GET /api/v1/naskah/:id/dispositions (dispose; the tree), POST /api/v1/naskah/:id/close
// ("tidak perlu disposisi"), GET /api/v1/dispositions (mine), GET /api/v1/dispositions/:id (opening it: the
// recipient's read receipt), POST …/withdraw (409 once read), POST …/report (text, optional PDF in base64).
import { Type } from 'typebox';
import { ErrorBody, IdParam, type App } from '../../http/types.js';
import type { Services } from '../../wiring.js';
import type { DispositionRow } from './dispositions-repo.js';
import { DISPOSITION_NOTE_MAX, RECIPIENTS_MAX, REPORT_MAX } from './dispositions-rules.js';
import { correspondencePolicy as P } from './policy.js';

const tags = ['naskah'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 });
const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const DisposeBody = Type.Object({
  parentId: Type.Optional(Nullable(Id)),
  to: Type.Array(Id, { minItems: 1, maxItems: RECIPIENTS_MAX }),
  instructions: Type.Array(Type.String({ pattern: '^[a-z_]{2,40}$', maxLength: 40 }), { minItems: 1, maxItems: 20 }),
  dueDate: Day,
  note: Type.Optional(Type.String({ maxLength: DISPOSITION_NOTE_MAX })),
});
export const ReportBody = Type.Object({
  report: Type.String({ minLength: 1, maxLength: REPORT_MAX }),
  /** An optional PDF, base64, at most NASKAH_PDF_MAX_BYTES once decoded. */
  pdf: Type.Optional(Type.String({ maxLength: 7_000_000, pattern: '^[A-Za-z0-9+/=]*$' })),
});
export const CloseBody = Type.Object({ note: Type.String({ minLength: 1, maxLength: DISPOSITION_NOTE_MAX }) });

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
const DispositionOut = Type.Object({
  id: Type.Integer(),
  naskahId: Type.Integer(),
  parentId: Nullable(Type.Integer()),
  from: Type.Object({ employeeId: Type.Integer(), name: Type.String() }),
  to: Type.Object({ employeeId: Type.Integer(), name: Type.String(), unit: Type.String() }),
  instructions: Type.Array(Type.String()),
  note: Type.String(),
  dueDate: Type.String(),
  sentAt: Type.String(),
  readAt: Nullable(Type.String()),
  withdrawnAt: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  closedKind: Nullable(Type.String()),
  report: Nullable(Type.String()),
  reportSha256: Nullable(Type.String()),
});
export const presentDisposition = (r: DispositionRow) => ({
  id: r.id,
  naskahId: r.naskah_id,
  parentId: r.parent_id,
  from: { employeeId: r.from_employee_id, name: r.from_name },
  to: { employeeId: r.to_employee_id, name: r.to_name, unit: r.to_unit_name },
  instructions: r.instructions,
  note: r.note,
  dueDate: r.due_date,
  sentAt: iso(r.created_at)!,
  readAt: iso(r.read_at),
  withdrawnAt: iso(r.withdrawn_at),
  closedAt: iso(r.closed_at),
  closedKind: r.closed_kind,
  report: r.report_text,
  reportSha256: r.report_sha256,
});

export function registerDispositionRoutes(app: App, s: Services) {
  const D = s.correspondence.dispositions;
  const N = '/api/v1/naskah/:id';
  const A = '/api/v1/dispositions';

  app.post(
    `${N}/dispositions`,
    {
      config: { access: P.view },
      schema: {
        tags,
        params: IdParam,
        body: DisposeBody,
        response: { 201: Type.Object({ ids: Type.Array(Type.Integer()) }), ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const r = await D.dispose(req.ctx(), req.params.id, {
        parentId: b.parentId ?? null,
        to: b.to,
        instructions: b.instructions,
        dueDate: b.dueDate,
        note: b.note ?? '',
      });
      return reply.code(201).send(r);
    },
  );
  app.get(
    `${N}/dispositions`,
    {
      config: { access: P.view },
      schema: {
        tags,
        params: IdParam,
        response: {
          200: Type.Object({ status: Type.String(), items: Type.Array(DispositionOut) }),
          ...errors,
        },
      },
    },
    async (req) => {
      const r = await D.tree(req.ctx(), req.params.id);
      return { status: r.naskah.status, items: r.nodes.map(presentDisposition) };
    },
  );
  app.post(
    `${N}/close`,
    {
      config: { access: P.view },
      schema: {
        tags,
        params: IdParam,
        body: CloseBody,
        response: { 200: Type.Object({ ok: Type.Boolean() }), ...errors },
      },
    },
    async (req) => {
      await D.closeWithoutDisposition(req.ctx(), req.params.id, req.body.note);
      return { ok: true };
    },
  );
  app.get(
    A,
    {
      config: { access: P.view },
      schema: { tags, response: { 200: Type.Object({ items: Type.Array(DispositionOut) }), ...errors } },
    },
    async (req) => ({ items: (await D.mine(req.ctx())).map(presentDisposition) }),
  );
  app.get(
    `${A}/:id`,
    { config: { access: P.view }, schema: { tags, params: IdParam, response: { 200: DispositionOut, ...errors } } },
    async (req) => presentDisposition(await D.open(req.ctx(), req.params.id)),
  );
  app.post(
    `${A}/:id/withdraw`,
    {
      config: { access: P.view },
      schema: { tags, params: IdParam, response: { 200: Type.Object({ ok: Type.Boolean() }), ...errors } },
    },
    async (req) => {
      await D.withdraw(req.ctx(), req.params.id);
      return { ok: true };
    },
  );
  app.post(
    `${A}/:id/report`,
    {
      config: { access: P.view },
      schema: {
        tags,
        params: IdParam,
        body: ReportBody,
        response: { 200: Type.Object({ ok: Type.Boolean() }), ...errors },
      },
    },
    async (req) => {
      await D.report(req.ctx(), req.params.id, {
        text: req.body.report,
        pdf: req.body.pdf ? Buffer.from(req.body.pdf, 'base64') : undefined,
      });
      return { ok: true };
    },
  );
}
