// JSON API of acting officials and delegation windows; registers their page too.
// /api/v1/employees/acting: list (GET ?unitId=), name one (POST), end early
// (POST /:id/end); /for?unitId=|employeeId=&date=: who acts for a post or a
// person; /mine?date=: whom the caller stands in for.
import { Type } from 'typebox';
import { addMenu } from '../../kernel/menu.js';
import { ErrorBody, IdParam, type App } from '../../http/types.js';
import type { Services } from '../../wiring.js';
import { ActingBody, ActingDateQuery, ActingEndBody, ActingForQuery, ActingListQuery } from './acting-schema.js';
import { registerActingPages } from './pages-acting.js';
import { employeesPolicy as P } from './policy.js';

const tags = ['pegawai'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const A = '/api/v1/employees/acting';

export function registerActingRoutes(app: App, s: Services) {
  // Heads of units find it too (they may name a Plh. for their own absence); the page tells others why not.
  addMenu(app, { href: '/pegawai/pelaksana', key: 'acting.nav', roles: ['admin_kota', 'pegawai'], order: 151 });
  const E = s.employees.acting;

  app.get(
    A,
    {
      config: { access: P.view },
      schema: { tags, querystring: ActingListQuery, response: { 200: Type.Unknown(), ...errors } },
    },
    async (req) => ({ items: await E.list(req.ctx(), { unitId: req.query.unitId }) }),
  );
  app.get(
    `${A}/for`,
    {
      config: { access: P.view },
      schema: { tags, querystring: ActingForQuery, response: { 200: Type.Unknown(), ...errors } },
    },
    async (req) => ({
      acting: await E.actingForVisible(
        req.ctx(),
        { unitId: req.query.unitId, employeeId: req.query.employeeId },
        req.query.date ?? E.today(),
      ),
    }),
  );
  app.get(
    `${A}/mine`,
    {
      config: { access: P.view },
      schema: { tags, querystring: ActingDateQuery, response: { 200: Type.Unknown(), ...errors } },
    },
    async (req) => ({ items: await E.whomDoIActFor(req.ctx(), req.query.date ?? E.today()) }),
  );
  app.post(
    A,
    {
      config: { access: P.view },
      schema: { tags, body: ActingBody, response: { 201: Type.Object({ id: Type.Integer() }), ...errors } },
    },
    async (req, reply) => reply.code(201).send(await E.create(req.ctx(), req.body)),
  );
  app.post(
    `${A}/:id/end`,
    {
      config: { access: P.view },
      schema: { tags, params: IdParam, body: ActingEndBody, response: { 200: Type.Unknown(), ...errors } },
    },
    async (req) => E.end(req.ctx(), req.params.id, req.body.lastDay || undefined),
  );

  registerActingPages(app, s);
}
