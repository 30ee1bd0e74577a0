// JSON API of the RT/RW heads programme, the pact's PDF and public
// verification; registerRtRwRoutes also registers the pages (one call).
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Config } from '../../config.js';
import { CodeParam, ErrorBody, IdParam, Ok, type App } from '../../http/types.js';
import { AppError, notFound } from '../../lib/errors.js';
import { addMenu } from '../../kernel/menu.js';
import type { Services } from '../../wiring.js';
import { registerDecreePages, sendScan } from './decree-pages.js';
import { registerRtRwPages } from './pages.js';
import { registerAppointPages } from './pages-appoint.js';
import { renderPactPdf } from './pdf.js';
import { rtrwPolicy } from './policy.js';
import { presentPactVerification } from './present.js';
import { TIME_ZONES } from '../../config.js';
import {
  AppointBody,
  AppointOut,
  appointOut,
  ResidentSearchBody,
  ResidentSearchOut,
  CityParam,
  DecreeBody,
  EndBody,
  PositionParam,
  PublishBody,
  signatureOut,
  SignatureOut,
  termOut,
  TermOut,
  VerifyCodeParam,
  VerifyOut,
} from './schema.js';

const tags = ['rt-rw'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const Created = Type.Object({ id: Type.Integer() });

export function registerRtRwRoutes(app: App, s: Services, config: Config) {
  app.get(
    '/api/v1/rt-rw',
    {
      config: { access: rtrwPolicy.view },
      schema: {
        tags,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                code: Type.String(),
                name: Type.String(),
                level: Type.String(),
                ketua: Type.Union([TermOut, Type.Null()]),
              }),
            ),
            vacancies: Type.Array(Type.String()),
            endingSoon: Type.Array(TermOut),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const o = await s.rtrw.overview(req.ctx());
      return {
        items: o.regions.map((r) => ({
          code: r.code,
          name: r.name,
          level: r.level,
          ketua: r.ketua ? termOut(r.ketua) : null,
        })),
        vacancies: o.vacancies.map((v) => v.code),
        endingSoon: o.endingSoon.map(termOut),
      };
    },
  );
  app.get(
    '/api/v1/rt-rw/regions/:code/terms',
    {
      config: { access: rtrwPolicy.view },
      schema: { tags, params: CodeParam, response: { 200: Type.Object({ items: Type.Array(TermOut) }), ...errors } },
    },
    async (req) => ({
      items: (await s.rtrw.regionTerms(req.ctx(), req.params.code)).terms.map(termOut),
    }),
  );
  app.post(
    '/api/v1/rt-rw/regions/:code/terms',
    {
      config: { access: rtrwPolicy.manage },
      schema: {
        tags,
        params: CodeParam,
        body: AppointBody,
        response: { 201: AppointOut, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(appointOut(await s.rtrw.appoint(req.ctx(), req.params.code, req.body))),
  );
  // Choosing the person: a POST, so a name or NIK never travels in a URL; masked NIK only in the answer.
  app.post(
    '/api/v1/rt-rw/regions/:code/residents/search',
    {
      config: { access: rtrwPolicy.manage },
      schema: { tags, params: CodeParam, body: ResidentSearchBody, response: { 200: ResidentSearchOut, ...errors } },
    },
    async (req) => ({ items: await s.rtrw.searchResidents(req.ctx(), req.params.code, req.body.q) }),
  );
  app.post(
    '/api/v1/rt-rw/regions/:code/terms/:position/end',
    {
      config: { access: rtrwPolicy.manage },
      schema: {
        tags,
        params: PositionParam,
        body: Type.Pick(EndBody, ['reason']),
        response: { 200: Created, ...errors },
      },
    },
    async (req) => s.rtrw.endTerm(req.ctx(), req.params.code, req.params.position, req.body.reason),
  );

  // The scanned decree (SK) of a term: base64 in JSON like request attachments; the body limit leaves room
  // for a file over 2 MB so it gets the clear "too large" answer rather than a bare 413.
  app.post(
    '/api/v1/rt-rw/terms/:id/decree',
    {
      bodyLimit: 4 * 1024 * 1024,
      config: { access: rtrwPolicy.manage },
      schema: {
        tags,
        params: IdParam,
        body: DecreeBody,
        response: { 201: Type.Object({ fileId: Type.Integer(), mime: Type.String() }), ...errors },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await s.rtrw.uploadDecree(req.ctx(), req.params.id, Buffer.from(req.body.contentBase64, 'base64'))),
  );
  app.get(
    '/api/v1/rt-rw/terms/:id/decree',
    { config: { access: rtrwPolicy.view }, schema: { tags, params: IdParam } },
    async (req, reply) => sendScan(reply, req.params.id, await s.rtrw.decreeScan(req.ctx(), req.params.id)),
  );

  app.get(
    '/api/v1/rt-rw/pakta',
    {
      config: { access: rtrwPolicy.view },
      schema: {
        tags,
        response: {
          200: Type.Object({
            current: Type.Union([
              Type.Object({ id: Type.Integer(), version: Type.Integer(), title: Type.String(), body: Type.String() }),
              Type.Null(),
            ]),
            signatures: Type.Array(SignatureOut),
            unsigned: Type.Array(TermOut),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const p = await s.rtrw.pactStatus(req.ctx());
      return {
        current: p.current
          ? { id: p.current.id, version: p.current.version, title: p.current.title, body: p.current.body }
          : null,
        signatures: p.signatures.map(signatureOut),
        unsigned: p.unsigned.map(termOut),
      };
    },
  );
  app.post(
    '/api/v1/rt-rw/pakta/versions/:code',
    {
      config: { access: rtrwPolicy.publish },
      schema: {
        tags,
        params: CityParam,
        body: PublishBody,
        response: { 201: Type.Object({ id: Type.Integer(), version: Type.Integer() }), ...errors },
      },
    },
    async (req, reply) => {
      const p = await s.rtrw.publishPact(req.ctx(), req.params.code, req.body);
      return reply.code(201).send({ id: p.id, version: p.version });
    },
  );
  app.post(
    '/api/v1/rt-rw/pakta/sign',
    {
      config: { access: rtrwPolicy.sign },
      schema: { tags, response: { 201: Type.Object({ id: Type.Integer(), verifyCode: Type.String() }), ...errors } },
    },
    async (req, reply) => {
      const r = await s.rtrw.signPact(req.ctx());
      return reply.code(201).send({ id: r.id, verifyCode: r.verify_code });
    },
  );
  app.post(
    '/api/v1/rt-rw/pakta/signatures/:id/countersign',
    { config: { access: rtrwPolicy.countersign }, schema: { tags, params: IdParam, response: { 200: Ok, ...errors } } },
    async (req) => {
      await s.rtrw.countersign(req.ctx(), req.params.id);
      return { ok: true };
    },
  );

  const throttle = async (req: FastifyRequest) => {
    if (!(await s.requests.allowTrackingLookup(req.ip))) throw new AppError(429, 'error.rate_limited', { minutes: 15 });
  };
  app.get(
    '/api/v1/rt-rw/pakta/:code/verify',
    {
      config: { access: 'public' },
      schema: {
        tags,
        security: [],
        params: VerifyCodeParam,
        response: { 200: VerifyOut, 400: ErrorBody, 404: ErrorBody, 429: ErrorBody },
      },
    },
    async (req, reply) => {
      await throttle(req);
      const v = await s.rtrw.verifyPact(req.params.code);
      if (!v) throw notFound();
      reply.header('cache-control', 'no-store');
      return presentPactVerification(v);
    },
  );

  app.get(
    '/rt-rw/pakta/:id.pdf',
    { config: { access: rtrwPolicy.view }, schema: { params: IdParam } },
    async (req, reply) => {
      const p = await s.rtrw.pactPrint(req.ctx(), req.params.id);
      const when = (iso: string) =>
        `${new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeStyle: 'short', timeZone: config.timeZone }).format(new Date(iso))} ${TIME_ZONES[config.timeZone]}`;
      const pdf = await renderPactPdf({
        ...p,
        signedAt: when(p.signedAt),
        countersignedAt: p.countersignedAt ? when(p.countersignedAt) : null,
        verifyUrl: `${config.publicUrl}/v/pakta/${p.verifyCode}`,
      });
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="pakta-integritas-${p.verifyCode}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  registerRtRwPages(app, s, config, throttle);
  // The heads' overview for the offices; the pact for the heads who sign it and the offices who follow it.
  addMenu(
    app,
    {
      href: '/rt-rw',
      key: 'nav.heads',
      roles: ['lurah', 'staf_kelurahan', 'camat', 'staf_kecamatan', 'admin_kota'],
      order: 62,
    },
    {
      href: '/rt-rw/pakta',
      key: 'nav.pact',
      roles: ['ketua_rt', 'ketua_rw', 'lurah', 'staf_kelurahan', 'camat', 'admin_kota'],
      order: 63,
    },
  );
  registerDecreePages(app, s);
  registerAppointPages(app, s);
}
