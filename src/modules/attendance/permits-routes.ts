// JSON API of hourly permits and the discipline counts; registers their pages too.
// /api/v1/attendance/permits: list (GET ?which=), ask (POST, idempotent by key:
// 201 new, 200 the same permit again), decide, cancel.
// /api/v1/attendance/discipline?year=: PP 94/2021 counts of the caller's units.
import { Type } from 'typebox';
import { addMenu } from '../../kernel/menu.js';
import { ErrorBody, IdParam, Ok, type App } from '../../http/types.js';
import type { Services } from '../../wiring.js';
import { registerDisciplinePage } from './pages-discipline.js';
import { registerPermitPages } from './pages-permits.js';
import { attendancePolicy as P } from './policy.js';
import { DisciplineQuery, PermitBody, PermitDecisionBody, PermitWhichQuery } from './permits-schema.js';

const tags = ['presensi'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const List = Type.Object({ items: Type.Array(Type.Unknown()) });
const Created = Type.Object({ id: Type.Integer(), duplicate: Type.Boolean() });
const A = '/api/v1/attendance';

export function registerPermitRoutes(app: App, s: Services) {
  addMenu(
    app,
    { href: '/presensi/izin-jam', key: 'permit.nav', roles: ['pegawai'], order: 135 },
    { href: '/presensi/disiplin', key: 'discipline.nav', roles: ['pegawai', 'admin_kota'], order: 145 },
  );
  const S = s.attendance;

  app.get(
    `${A}/permits`,
    {
      config: { access: P.oversee },
      schema: { tags, querystring: PermitWhichQuery, response: { 200: List, ...errors } },
    },
    async (req) => ({ items: await S.permits(req.ctx(), req.query.which ?? 'mine') }),
  );
  app.post(
    `${A}/permits`,
    {
      config: { access: P.own },
      schema: { tags, body: PermitBody, response: { 200: Created, 201: Created, ...errors } },
    },
    async (req, reply) => {
      const r = await S.requestPermit(req.ctx(), req.body);
      return reply.code(r.duplicate ? 200 : 201).send(r);
    },
  );
  app.post(
    `${A}/permits/:id/decision`,
    {
      config: { access: P.oversee },
      schema: { tags, params: IdParam, body: PermitDecisionBody, response: { 200: Type.Unknown(), ...errors } },
    },
    async (req) => S.decidePermit(req.ctx(), req.params.id, req.body.decision, req.body.note?.trim() || null),
  );
  app.post(
    `${A}/permits/:id/cancel`,
    { config: { access: P.own }, schema: { tags, params: IdParam, response: { 200: Ok, ...errors } } },
    async (req) => {
      await S.cancelPermit(req.ctx(), req.params.id);
      return { ok: true };
    },
  );
  app.get(
    `${A}/discipline`,
    {
      config: { access: P.oversee },
      schema: { tags, querystring: DisciplineQuery, response: { 200: Type.Unknown(), ...errors } },
    },
    async (req) => {
      const r = await S.discipline(req.ctx(), req.query.year ?? S.thisYear());
      return {
        year: r.year,
        source: r.table.source,
        rows: r.rows.map((x) => ({
          employee: { id: x.employee.id, nip: x.employee.nip, name: x.employee.full_name, unit: x.employee.unit_name },
          days: x.days,
          longestRun: x.longestRun,
          threshold: x.threshold,
          by: x.by,
        })),
      };
    },
  );

  registerPermitPages(app, s);
  registerDisciplinePage(app, s);
}
