// JSON API of pemberkasan and export (issue 15 items 6 and 7): /api/v1/berkas (list, open with an idempotency key,
// due list), /api/v1/berkas/:id (detail), …/naskah (file a naskah), …/close, …/decisions (the city admin; optional
// berita acara PDF in base64), …/export and /api/v1/naskah/:id/export (ZIP packages). Access: berkas-policy.ts and
// the one naskah rule (service).
import { Type } from 'typebox';
import { ErrorBody, IdParam, type App } from '../../http/types.js';
import type { Services } from '../../wiring.js';
import { berkasPolicy as B } from './berkas-policy.js';
import type { BerkasRow } from './berkas-repo.js';
import { correspondencePolicy as P } from './policy.js';

const tags = ['berkas'];
const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  410: ErrorBody,
  422: ErrorBody,
};
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 });
const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
const N = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const A = '/api/v1/berkas';

const BerkasOut = Type.Object({
  id: Type.Integer(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  classificationCode: Type.String(),
  title: Type.String(),
  year: Type.Integer(),
  state: Type.String(),
  closedOn: N(Type.String()),
  retention: N(Type.Object({ activeYears: Type.Integer(), inactiveYears: Type.Integer(), final: Type.String() })),
  activeUntil: N(Type.String()),
  inactiveUntil: N(Type.String()),
  due: Type.Optional(N(Type.String())),
});
const present = (b: BerkasRow & { due?: string | null }) => ({
  id: b.id,
  unitId: b.unit_id,
  unitName: b.unit_name,
  classificationCode: b.classification_code,
  title: b.title,
  year: b.year,
  state: b.state,
  closedOn: b.closed_on,
  retention:
    b.retention_final !== null && b.retention_active_years !== null && b.retention_inactive_years !== null
      ? { activeYears: b.retention_active_years, inactiveYears: b.retention_inactive_years, final: b.retention_final }
      : null,
  activeUntil: b.active_until,
  inactiveUntil: b.inactive_until,
  ...(b.due !== undefined ? { due: b.due } : {}),
});

export const OpenBody = Type.Object({
  idempotencyKey: Type.String({ maxLength: 64 }),
  unitId: Id,
  classificationCode: Type.String({ maxLength: 40 }),
  title: Type.String({ maxLength: 300 }),
  year: Type.Integer({ minimum: 0, maximum: 9999 }),
});
export const DecisionBody = Type.Object({
  kind: Type.String({ maxLength: 20 }),
  decree: Type.String({ maxLength: 200 }),
  decidedOn: Day,
  note: Type.Optional(Type.String({ maxLength: 1000 })),
  /** The scanned berita acara, optional, base64 PDF. */
  pdf: Type.Optional(Type.String({ maxLength: 7_000_000, pattern: '^[A-Za-z0-9+/=]*$' })),
});

export function registerBerkasRoutes(app: App, s: Services) {
  const S = s.correspondence.berkas;
  const E = s.correspondence.exports;
  const zip = (reply: import('fastify').FastifyReply, r: { zip: Buffer; name: string }) =>
    reply
      .type('application/zip')
      .header('content-disposition', `attachment; filename="${r.name.replace(/[^A-Za-z0-9-]/g, '-')}.zip"`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(r.zip);

  app.get(
    A,
    {
      config: { access: B.view },
      schema: {
        tags,
        querystring: Type.Object({ unitId: Type.Optional(Id) }),
        response: { 200: Type.Object({ items: Type.Array(BerkasOut) }), ...errors },
      },
    },
    async (req) => ({ items: (await S.list(req.ctx(), { unitId: req.query.unitId })).map(present) }),
  );
  app.get(
    `${A}/due`,
    {
      config: { access: B.view },
      schema: { tags, response: { 200: Type.Object({ items: Type.Array(BerkasOut) }), ...errors } },
    },
    async (req) => ({ items: (await S.due(req.ctx())).map(present) }),
  );
  app.post(
    A,
    {
      config: { access: P.register },
      schema: {
        tags,
        body: OpenBody,
        response: { 200: Type.Object({ id: Type.Integer() }), 201: Type.Object({ id: Type.Integer() }), ...errors },
      },
    },
    async (req, reply) => {
      const r = await S.create(req.ctx(), { ...req.body, key: req.body.idempotencyKey });
      return reply.code(r.replay ? 200 : 201).send({ id: r.id });
    },
  );
  app.get(
    `${A}/:id`,
    {
      config: { access: B.view },
      schema: {
        tags,
        params: IdParam,
        response: {
          200: Type.Object({
            berkas: BerkasOut,
            naskah: Type.Array(
              Type.Object({ id: Type.Integer(), agendaNumber: N(Type.String()), perihal: N(Type.String()) }),
            ),
            decisions: Type.Array(
              Type.Object({
                kind: Type.String(),
                decree: Type.String(),
                decidedOn: Type.String(),
                sha256: N(Type.String()),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const r = await S.detail(req.ctx(), req.params.id);
      return {
        berkas: present({ ...r.berkas, due: r.due }),
        naskah: r.items.map((n) => ({ id: n.id, agendaNumber: n.agenda_number, perihal: n.masked ? null : n.perihal })),
        decisions: r.decisions.map((x) => ({
          kind: x.kind,
          decree: x.decree_number,
          decidedOn: x.decided_on,
          sha256: x.file_sha256,
        })),
      };
    },
  );
  app.post(
    `${A}/:id/naskah`,
    {
      config: { access: P.register },
      schema: {
        tags,
        params: IdParam,
        body: Type.Object({ naskahId: Id }),
        response: { 200: Type.Object({ filed: Type.Boolean() }), ...errors },
      },
    },
    async (req) => {
      await S.fileNaskah(req.ctx(), req.params.id, req.body.naskahId);
      return { filed: true };
    },
  );
  app.post(
    `${A}/:id/close`,
    {
      config: { access: P.register },
      schema: {
        tags,
        params: IdParam,
        body: Type.Object({ closedOn: Type.Optional(Day) }),
        response: {
          200: Type.Object({
            activeYears: Type.Integer(),
            inactiveYears: Type.Integer(),
            final: Type.String(),
            activeUntil: Type.String(),
            inactiveUntil: Type.String(),
          }),
          ...errors,
        },
      },
    },
    async (req) => S.close(req.ctx(), req.params.id, req.body.closedOn),
  );
  app.post(
    `${A}/:id/decisions`,
    {
      config: { access: B.decide },
      schema: {
        tags,
        params: IdParam,
        body: DecisionBody,
        response: { 201: Type.Object({ decisionId: Type.Integer(), state: Type.String() }), ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const r = await S.decide(req.ctx(), req.params.id, {
        kind: b.kind,
        decree: b.decree,
        decidedOn: b.decidedOn,
        note: b.note ?? '',
        pdf: b.pdf ? Buffer.from(b.pdf, 'base64') : undefined,
      });
      return reply.code(201).send(r);
    },
  );
  app.get(`${A}/:id/export`, { config: { access: B.view }, schema: { tags, params: IdParam } }, async (req, reply) =>
    zip(reply, await E.berkasPackage(req.ctx(), req.params.id)),
  );
  app.get(
    '/api/v1/naskah/:id/export',
    { config: { access: P.view }, schema: { tags, params: IdParam } },
    async (req, reply) => zip(reply, await E.naskahPackage(req.ctx(), req.params.id)),
  );
}
export { present as presentBerkas };
