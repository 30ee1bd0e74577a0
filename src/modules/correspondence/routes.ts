// JSON API of E-Surat, /api/v1/naskah (and the page registrations, so the app wires one call).
// Registering carries its own key (idempotencyKey): a resend answers 200 with the first naskah; a likely
// duplicate answers 409 until the body says confirmDuplicate: true. Search goes by POST: its text never
// reaches a URL (logs, proxies, history).
import { Type } from 'typebox';
import { addMenu } from '../../kernel/menu.js';
import { sendStoredFile } from '../../kernel/files/serve.js';
import { ErrorBody, IdParam, type App } from '../../http/types.js';
import type { Services } from '../../wiring.js';
import { registerCorrespondencePages } from './pages.js';
import { registerAgendaPages } from './pages-agenda.js';
import { registerDeskPages } from './pages-desks.js';
import { registerPantauPages } from './pages-pantau.js';
import { registerDispositionRoutes } from './dispositions-routes.js';
import { registerBerkasRoutes } from './berkas-routes.js';
import { berkasPolicy as B } from './berkas-policy.js';
import { registerBerkasPages } from './pages-berkas.js';
import { registerBerkasDetailPages } from './pages-berkas-detail.js';
import { registerJraPages } from './pages-jra.js';
import { registerKeluarRoutes } from './keluar-routes.js';
import { registerKeluarPages } from './pages-keluar.js';
import { registerKeluarListPage } from './pages-keluar-list.js';
import { correspondencePolicy as P } from './policy.js';
import { presentNaskah } from './present.js';
import { ListQuery, NaskahOut, RegisterBody, Registered, SearchBody } from './schema.js';

const tags = ['naskah'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const List = Type.Object({ items: Type.Array(NaskahOut), hasMore: Type.Boolean() });
const A = '/api/v1/naskah';

export function registerCorrespondenceRoutes(app: App, s: Services) {
  addMenu(
    app,
    { href: '/surat', key: 'surat.nav', roles: P.view, order: 150 },
    { href: '/surat/meja-tu', key: 'surat.nav_desks', roles: P.manageDesks, order: 151 },
    { href: '/surat/disposisi', key: 'disposisi.nav', roles: P.register, order: 152 },
    { href: '/surat/berkas', key: 'berkas.nav', roles: B.view, order: 156 },
    { href: '/surat/jra', key: 'jra.nav', roles: B.editJra, order: 157 },
    { href: '/surat/keluar', key: 'keluar.nav', roles: P.register, order: 153 },
  );
  const S = s.correspondence;

  app.get(
    A,
    { config: { access: P.view }, schema: { tags, querystring: ListQuery, response: { 200: List, ...errors } } },
    async (req) => {
      const r = await S.list(req.ctx(), { page: req.query.page });
      return { items: r.items.map(presentNaskah), hasMore: r.hasMore };
    },
  );
  app.post(
    `${A}/search`,
    { config: { access: P.view }, schema: { tags, body: SearchBody, response: { 200: List, ...errors } } },
    async (req) => {
      const r = await S.list(req.ctx(), { q: req.body.q, page: req.body.page });
      return { items: r.items.map(presentNaskah), hasMore: r.hasMore };
    },
  );
  app.post(
    A,
    {
      config: { access: P.register },
      schema: { tags, body: RegisterBody, response: { 200: Registered, 201: Registered, ...errors } },
    },
    async (req, reply) => {
      const { pdf, ...rest } = req.body;
      const r = await S.registerIncoming(req.ctx(), {
        ...rest,
        senderName: rest.senderName ?? '',
        confirmDuplicate: rest.confirmDuplicate ?? false,
        pdf: Buffer.from(pdf, 'base64'),
      });
      const { naskah } = await S.open(req.ctx(), r.id);
      return reply
        .code(r.replay ? 200 : 201)
        .send({ id: r.id, agendaNumber: naskah.agenda_number, duplicate: r.replay });
    },
  );
  app.get(
    `${A}/:id`,
    {
      config: { access: P.view },
      schema: {
        tags,
        params: IdParam,
        response: {
          200: Type.Object({
            naskah: NaskahOut,
            readers: Type.Array(Type.Object({ name: Type.String(), readAt: Type.String() })),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const r = await S.open(req.ctx(), req.params.id);
      return {
        naskah: presentNaskah(r.naskah),
        readers: r.readers.map((x) => ({ name: x.full_name, readAt: new Date(x.read_at).toISOString() })),
      };
    },
  );
  app.get(`${A}/:id/pdf`, { config: { access: P.view }, schema: { tags, params: IdParam } }, async (req, reply) => {
    const f = await S.file(req.ctx(), req.params.id);
    return sendStoredFile(reply, f, f.name);
  });

  registerDispositionRoutes(app, s);
  registerKeluarRoutes(app, s);
  registerKeluarPages(app, s);
  registerKeluarListPage(app, s);
  registerCorrespondencePages(app, s);
  registerAgendaPages(app, s);
  registerDeskPages(app, s);
  registerPantauPages(app, s);
  registerBerkasRoutes(app, s);
  registerBerkasPages(app, s);
  registerBerkasDetailPages(app, s);
  registerJraPages(app, s);
}
