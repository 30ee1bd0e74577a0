// JSON API of the staff side: units, employees (with CSV import), work
// locations, schedules, the holiday calendar and the attendance rules.
// registerEmployeesRoutes also registers the pages (one call).
import { addMenu } from '../../kernel/menu.js';
import { Type } from 'typebox';
import { ErrorBody, IdParam, Ok, type App } from '../../http/types.js';
import { AppError, fieldError } from '../../lib/errors.js';
import type { Services } from '../../wiring.js';
import { importEmployees } from './import.js';
import { registerEmployeesPages } from './pages.js';
import { registerActingRoutes } from './acting-routes.js';
import { employeesPolicy as P } from './policy.js';
import {
  CalendarBody,
  CalendarImportBody,
  EmployeeBody,
  EmployeeUpdateBody,
  HeadBody,
  ImportBody,
  ListQuery,
  SearchBody,
  LocationBody,
  RulesBody,
  ScheduleBody,
  UnitBody,
  UnitScheduleBody,
  YearQuery,
} from './schema.js';

const tags = ['pegawai'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const Created = Type.Object({ id: Type.Integer() });
const PAGE = 50;
const ImportOut = Type.Object({
  total: Type.Integer(),
  imported: Type.Integer(),
  written: Type.Boolean(),
  refused: Type.Array(Type.Object({ row: Type.Integer(), message: Type.String() })),
  accounts: Type.Array(
    Type.Object({
      nip: Type.Union([Type.String(), Type.Null()]),
      username: Type.String(),
      name: Type.String(),
      password: Type.String(),
    }),
  ),
});

const CalendarImportOut = Type.Object({
  year: Type.Integer(),
  origin: Type.String(),
  source: Type.String(),
  inserted: Type.Integer(),
  kept: Type.Integer(),
  removed: Type.Integer(),
  skipped: Type.Array(
    Type.Object({
      line: Type.Integer(),
      kind: Type.String(),
      start: Type.String(),
      end: Type.String(),
      name: Type.String(),
    }),
  ),
});

export function registerEmployeesRoutes(app: App, s: Services) {
  addMenu(app, { href: '/pegawai', key: 'pegawai.nav', roles: ['admin_kota'], order: 150 });
  registerActingRoutes(app, s);
  const E = s.employees;
  app.get(
    '/api/v1/units',
    {
      config: { access: P.view },
      schema: { tags, response: { 200: Type.Object({ items: Type.Array(Type.Unknown()) }), ...errors } },
    },
    async (req) => ({ items: await E.units(req.ctx()) }),
  );
  app.post(
    '/api/v1/units',
    {
      config: { access: P.manage },
      schema: {
        tags,
        body: UnitBody,
        response: { 201: Type.Object({ id: Type.Integer(), path: Type.String() }), ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await E.createUnit(req.ctx(), req.body)),
  );
  app.post(
    '/api/v1/units/:id/head',
    {
      config: { access: P.manage },
      schema: { tags, params: IdParam, body: HeadBody, response: { 200: Ok, ...errors } },
    },
    async (req) => {
      await E.setUnitHead(req.ctx(), req.params.id, req.body.employeeId);
      return { ok: true };
    },
  );
  app.post(
    '/api/v1/units/:id/schedule',
    {
      config: { access: P.manage },
      schema: { tags, params: IdParam, body: UnitScheduleBody, response: { 200: Ok, ...errors } },
    },
    async (req) => {
      await E.setUnitSchedule(req.ctx(), req.params.id, req.body.scheduleId);
      return { ok: true };
    },
  );

  app.get(
    '/api/v1/employees',
    {
      config: { access: P.view },
      schema: {
        tags,
        querystring: ListQuery,
        response: { 200: Type.Object({ items: Type.Array(Type.Unknown()) }), ...errors },
      },
    },
    async (req) => {
      // A name or NIP in a URL lands in request logs and proxies: the search text goes by POST.
      if (req.query.q) throw new AppError(400, 'error.search_in_url_api', { path: '/api/v1/employees/search' });
      return {
        items: await E.employees(req.ctx(), {
          unitId: req.query.unit,
          limit: PAGE,
          offset: ((req.query.page ?? 1) - 1) * PAGE,
        }),
      };
    },
  );
  app.post(
    '/api/v1/employees/search',
    {
      config: { access: P.view },
      schema: {
        tags,
        body: SearchBody,
        response: { 200: Type.Object({ items: Type.Array(Type.Unknown()) }), ...errors },
      },
    },
    async (req) => ({
      items: await E.employees(req.ctx(), {
        unitId: req.body.unit,
        q: req.body.q,
        limit: PAGE,
        offset: ((req.body.page ?? 1) - 1) * PAGE,
      }),
    }),
  );
  app.post(
    '/api/v1/employees',
    {
      config: { access: P.manage },
      schema: {
        tags,
        body: EmployeeBody,
        response: {
          201: Type.Object({ id: Type.Integer(), username: Type.String(), password: Type.String() }),
          ...errors,
        },
      },
    },
    async (req, reply) => reply.code(201).send(await E.createEmployee(req.ctx(), req.body)),
  );
  // 422 when rows were refused and nothing was written; the temporary passwords are shown once, in this answer.
  app.post(
    '/api/v1/employees/import',
    {
      config: { access: P.manage },
      schema: {
        tags,
        body: ImportBody,
        response: { 200: ImportOut, ...errors, 422: Type.Union([ImportOut, ErrorBody]) },
      },
    },
    async (req, reply) => {
      const r = await importEmployees(E, req.ctx(), req.body.csv, req.body.validOnly ?? false);
      return reply
        .code(!r.written && r.refused.length ? 422 : 200)
        .send({ ...r, refused: r.refused.map((p) => ({ row: p.row, message: req.t(p.key, p.params) })) });
    },
  );
  app.get(
    '/api/v1/employees/:id',
    { config: { access: P.view }, schema: { tags, params: IdParam, response: { 200: Type.Unknown(), ...errors } } },
    async (req) => E.employee(req.ctx(), req.params.id),
  );
  app.patch(
    '/api/v1/employees/:id',
    {
      config: { access: P.manage },
      schema: {
        tags,
        params: IdParam,
        body: EmployeeUpdateBody,
        // username: the account's new username when the number changed, else null.
        response: {
          200: Type.Object({ ok: Type.Boolean(), username: Type.Union([Type.String(), Type.Null()]) }),
          ...errors,
        },
      },
    },
    async (req) => {
      const r = await E.updateEmployee(req.ctx(), req.params.id, req.body);
      return { ok: true, username: r.username };
    },
  );

  app.post(
    '/api/v1/employees/:id/reset-password',
    {
      config: { access: P.manage },
      schema: {
        tags,
        params: IdParam,
        response: {
          200: Type.Object({
            nip: Type.Union([Type.String(), Type.Null()]),
            username: Type.String(),
            name: Type.String(),
            password: Type.String(),
          }),
          ...errors,
        },
      },
    },
    async (req) => E.resetPassword(req.ctx(), req.params.id),
  );
  app.post(
    '/api/v1/employees/:id/deactivate',
    { config: { access: P.manage }, schema: { tags, params: IdParam, response: { 200: Ok, ...errors } } },
    async (req) => {
      await E.deactivate(req.ctx(), req.params.id);
      return { ok: true };
    },
  );

  app.get(
    '/api/v1/work-locations',
    {
      config: { access: P.view },
      schema: { tags, response: { 200: Type.Object({ items: Type.Array(Type.Unknown()) }), ...errors } },
    },
    async (req) => ({ items: await E.locations(req.ctx()) }),
  );
  app.post(
    '/api/v1/work-locations',
    { config: { access: P.manage }, schema: { tags, body: LocationBody, response: { 201: Created, ...errors } } },
    async (req, reply) => reply.code(201).send(await E.createLocation(req.ctx(), req.body)),
  );
  app.get(
    '/api/v1/work-schedules',
    {
      config: { access: P.view },
      schema: {
        tags,
        response: { 200: Type.Object({ items: Type.Array(Type.Unknown()), default: Type.Unknown() }), ...errors },
      },
    },
    async (req) => ({
      items: await E.schedules(req.ctx()),
      default: E.defaultSchedule,
    }),
  );
  app.post(
    '/api/v1/work-schedules',
    { config: { access: P.manage }, schema: { tags, body: ScheduleBody, response: { 201: Created, ...errors } } },
    async (req, reply) => reply.code(201).send(await E.saveSchedule(req.ctx(), req.body.name, req.body.definition)),
  );
  app.get(
    '/api/v1/calendar',
    {
      config: { access: P.view },
      schema: {
        tags,
        querystring: YearQuery,
        response: { 200: Type.Object({ items: Type.Array(Type.Unknown()) }), ...errors },
      },
    },
    async (req) => ({
      items: await E.calendar(req.ctx(), req.query.year),
    }),
  );
  app.post(
    '/api/v1/calendar',
    { config: { access: P.manage }, schema: { tags, body: CalendarBody, response: { 201: Created, ...errors } } },
    async (req, reply) => reply.code(201).send(await E.addCalendarEntry(req.ctx(), req.body)),
  );
  app.delete(
    '/api/v1/calendar/:id',
    { config: { access: P.manage }, schema: { tags, params: IdParam, response: { 200: Ok, ...errors } } },
    async (req) => {
      await E.removeCalendarEntry(req.ctx(), req.params.id);
      return { ok: true };
    },
  );
  // The national calendar of a year: the shipped file ({ year }) or a CSV ({ csv, source? }); the report says what changed.
  app.post(
    '/api/v1/calendar/import',
    {
      config: { access: P.manage },
      schema: { tags, body: CalendarImportBody, response: { 200: CalendarImportOut, ...errors } },
    },
    async (req) => {
      const b = req.body;
      if (b.csv !== undefined)
        return s.calendar.importUpload(req.ctx(), {
          bytes: Buffer.from(b.csv, 'utf8'),
          source: b.source,
          field: 'csv',
        });
      if (b.year === undefined) throw fieldError('year', 'kalender.err.file_missing');
      return s.calendar.importShipped(req.ctx(), b.year);
    },
  );
  app.get(
    '/api/v1/attendance-rules',
    { config: { access: P.view }, schema: { tags, response: { 200: Type.Unknown(), ...errors } } },
    async (req) => E.rules(req.ctx()),
  );
  app.put(
    '/api/v1/attendance-rules',
    { config: { access: P.manage }, schema: { tags, body: RulesBody, response: { 200: Type.Unknown(), ...errors } } },
    async (req) => E.setRules(req.ctx(), req.body.rules),
  );

  registerEmployeesPages(app, s);
}
