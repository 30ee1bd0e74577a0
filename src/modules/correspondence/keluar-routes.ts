// JSON API of naskah keluar, /api/v1/naskah-keluar: draft, revise, act on a step, sign, dispatch, the signed PDF,
// the home counters and the default routing lists. A draft carries its own key (idempotencyKey): a resend answers
// 200 with the first; the other writes are guarded by the state they change (a repeat answers 409 or, for a
// dispatch, 200 with what was sent).
import { Type } from 'typebox';
import { sendStoredFile } from '../../kernel/files/serve.js';
import { ErrorBody, IdParam, type App } from '../../http/types.js';
import type { Services } from '../../wiring.js';
import { correspondencePolicy as P } from './policy.js';
import { ActBody, DefaultsBody, DefaultsQuery, DraftBody, KeluarOut, ReviseBody } from './keluar-schema.js';
import type { KeluarDrafting } from './keluar-service.js';
import { presentNaskah } from './present.js';
import { ListQuery, NaskahOut } from './schema.js';

const tags = ['naskah-keluar'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const A = '/api/v1/naskah-keluar';
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
const files = (list: { name: string; pdf: string }[] | undefined) =>
  (list ?? []).map((a) => ({ name: a.name, content: Buffer.from(a.pdf, 'base64') }));

type Detail = Awaited<ReturnType<KeluarDrafting['detail']>>;
export function presentKeluar(x: Detail) {
  const n = x.naskah;
  return {
    id: n.id,
    unitId: n.unit_id,
    unitName: n.unit_name,
    status: n.status,
    kindCode: n.kind_code,
    perihal: n.perihal,
    classification: { code: n.classification_code, name: n.classification_name },
    securityClass: n.security_class,
    urgency: n.urgency,
    version: n.current_version ?? 1,
    round: n.routing_round ?? 1,
    number: n.letter_number,
    verifyCode: n.verify_code,
    signedAt: iso(n.signed_at),
    sentAt: iso(n.sent_at),
    replyToId: n.reply_to_id,
    fileSha256: n.file_sha256,
    currentStepId: x.current?.id ?? null,
    steps: x.steps.map((s) => ({
      id: s.id,
      round: s.round,
      position: s.position,
      role: s.role,
      status: s.status,
      version: s.version,
      employeeId: s.employee_id,
      name: s.person_name,
      actorName: s.actor_name,
      actingKind: s.acting_kind,
      comment: s.comment,
      actedAt: iso(s.acted_at),
    })),
    versions: x.versions.map((v) => ({ version: v.version, perihal: v.perihal, body: v.body, byName: v.by_name })),
    attachments: x.attachments.map((a) => ({ id: a.id, version: a.version, name: a.name, sha256: a.sha256 })),
    dispatches: x.dispatches.map((d) => ({
      kind: d.kind,
      unitId: d.target_unit_id,
      incomingId: d.incoming_naskah_id,
      agendaNumber: d.agenda_number,
      email: d.email,
      status: d.status,
    })),
  };
}

export function registerKeluarRoutes(app: App, s: Services) {
  const K = s.correspondence.keluar;
  const Created = Type.Object({ id: Type.Integer(), duplicate: Type.Boolean() });

  app.post(
    A,
    {
      config: { access: P.register },
      schema: { tags, body: DraftBody, response: { 200: Created, 201: Created, ...errors } },
    },
    async (req, reply) => {
      const { attachments, ...rest } = req.body;
      const r = await K.draft(req.ctx(), { ...rest, attachments: files(attachments) });
      return reply.code(r.replay ? 200 : 201).send({ id: r.id, duplicate: r.replay });
    },
  );
  // The naskah keluar the caller may see (their units' and those routed or copied to them): the one access rule.
  app.get(
    A,
    {
      config: { access: P.view },
      schema: {
        tags,
        querystring: ListQuery,
        response: { 200: Type.Object({ items: Type.Array(NaskahOut), hasMore: Type.Boolean() }), ...errors },
      },
    },
    async (req) => {
      const r = await s.correspondence.listKeluar(req.ctx(), { page: req.query.page });
      return { items: r.items.map(presentNaskah), hasMore: r.hasMore };
    },
  );
  app.get(
    `${A}/:id`,
    { config: { access: P.view }, schema: { tags, params: IdParam, response: { 200: KeluarOut, ...errors } } },
    async (req) => presentKeluar(await K.detail(req.ctx(), req.params.id)),
  );
  app.post(
    `${A}/:id/revisi`,
    {
      config: { access: P.register },
      schema: { tags, params: IdParam, body: ReviseBody, response: { 200: KeluarOut, ...errors } },
    },
    async (req) => {
      const { attachments, ...rest } = req.body;
      await K.revise(req.ctx(), req.params.id, { ...rest, attachments: files(attachments) });
      return presentKeluar(await K.detail(req.ctx(), req.params.id));
    },
  );
  app.post(
    `${A}/:id/act`,
    {
      config: { access: P.register },
      schema: { tags, params: IdParam, body: ActBody, response: { 200: KeluarOut, ...errors } },
    },
    async (req) => {
      await K.act(req.ctx(), req.params.id, req.body);
      return presentKeluar(await K.detail(req.ctx(), req.params.id));
    },
  );
  app.post(
    `${A}/:id/sign`,
    {
      config: { access: P.register },
      schema: {
        tags,
        params: IdParam,
        response: { 200: Type.Object({ number: Type.String(), verifyCode: Type.String() }), ...errors },
      },
    },
    async (req) => K.sign(req.ctx(), req.params.id),
  );
  app.post(
    `${A}/:id/dispatch`,
    {
      config: { access: P.register },
      schema: {
        tags,
        params: IdParam,
        response: { 200: Type.Object({ duplicate: Type.Boolean(), naskah: KeluarOut }), ...errors },
      },
    },
    async (req) => {
      const r = await K.dispatch(req.ctx(), req.params.id);
      return { duplicate: r.replay, naskah: presentKeluar(await K.detail(req.ctx(), req.params.id)) };
    },
  );
  app.get(`${A}/:id/pdf`, { config: { access: P.view }, schema: { tags, params: IdParam } }, async (req, reply) => {
    const f = await K.file(req.ctx(), req.params.id);
    return sendStoredFile(reply, f, f.name);
  });
  const Queue = Type.Array(
    Type.Object({
      id: Type.Integer(),
      perihal: Type.String(),
      status: Type.String(),
      number: Type.Union([Type.String(), Type.Null()]),
    }),
  );
  app.get(
    `${A}/queues`,
    {
      config: { access: P.view },
      schema: {
        tags,
        response: {
          200: Type.Object({ tandatangan: Queue, verifikasi: Queue, tembusan: Queue, belumKirim: Queue }),
          ...errors,
        },
      },
    },
    async (req) => {
      const q = await K.queues(req.ctx());
      const out = (rows: typeof q.tandatangan) =>
        rows.map((r) => ({ id: r.id, perihal: r.perihal, status: r.status, number: r.letter_number }));
      return {
        tandatangan: out(q.tandatangan),
        verifikasi: out(q.verifikasi),
        tembusan: out(q.tembusan),
        belumKirim: out(q.belum_kirim),
      };
    },
  );
  const Steps = Type.Array(
    Type.Object({ position: Type.Integer(), role: Type.String(), employeeId: Type.Integer(), name: Type.String() }),
  );
  app.get(
    `${A}/defaults`,
    { config: { access: P.view }, schema: { tags, querystring: DefaultsQuery, response: { 200: Steps, ...errors } } },
    async (req) => {
      const units = await K.defaultUnits(req.ctx());
      if (!units.some((u) => u.id === req.query.unitId)) return [];
      return (await K.defaults(req.query.unitId, req.query.kindCode)).map((r) => ({
        position: r.position,
        role: r.role,
        employeeId: r.employee_id,
        name: r.full_name,
      }));
    },
  );
  app.put(
    `${A}/defaults`,
    {
      config: { access: P.view },
      schema: { tags, body: DefaultsBody, response: { 200: Type.Object({ ok: Type.Boolean() }), ...errors } },
    },
    async (req) => {
      await K.setDefaults(req.ctx(), req.body.unitId, req.body.kindCode, req.body.steps);
      return { ok: true };
    },
  );
}
