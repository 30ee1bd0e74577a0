// JSON API of E-Presensi; registerAttendanceRoutes also registers the pages.
import { addMenu } from '../../kernel/menu.js';
import { Type } from 'typebox';
import { ErrorBody, IdParam, Ok, type App } from '../../http/types.js';
import type { Services } from '../../wiring.js';
import { registerAttendancePages } from './pages.js';
import { registerPermitRoutes } from './permits-routes.js';
import { attendancePolicy as P } from './policy.js';
import { sendRecap } from './recap-export.js';
import type { RecordOut as Rec } from './repo.js';
import { sendStoredFile } from '../../kernel/files/serve.js';
import {
  AbsenceBody,
  CarryoverBody,
  CheckInBody,
  DecisionBody,
  MonthQuery,
  RecapQuery,
  RecordOut,
  RecordParam,
  ReviewBody,
  WhichQuery,
  YearQuery,
} from './schema.js';

const tags = ['presensi'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const List = Type.Object({ items: Type.Array(Type.Unknown()) });

export const presentRecord = (r: Rec, duplicate: boolean) => ({
  id: r.id,
  kind: r.kind,
  takenAt: r.taken_at.toISOString(),
  receivedAt: r.received_at.toISOString(),
  sentLate: r.sent_late,
  flags: r.flags,
  place: r.place,
  distanceM: r.distance_m,
  duplicate,
});

export function registerAttendanceRoutes(app: App, s: Services) {
  addMenu(
    app,
    { href: '/presensi', key: 'presensi.nav', roles: ['pegawai'], order: 120 },
    { href: '/presensi/izin', key: 'presensi.nav_absence', roles: ['pegawai'], order: 130 },
    { href: '/presensi/tim', key: 'presensi.nav_team', roles: ['pegawai', 'admin_kota'], order: 140 },
  );
  const A = s.attendance;
  // 201 for a new record, 200 with the same record for a retry of the same key.
  app.post(
    '/api/v1/attendance/check-ins',
    {
      config: { access: P.own },
      schema: { tags, body: CheckInBody, response: { 200: RecordOut, 201: RecordOut, ...errors } },
    },
    async (req, reply) => {
      const { selfie, ...rest } = req.body;
      const r = await A.checkIn(req.ctx(), { ...rest, selfie: selfie ? Buffer.from(selfie, 'base64') : undefined });
      return reply.code(r.duplicate ? 200 : 201).send(presentRecord(r.record, r.duplicate));
    },
  );
  app.get(
    '/api/v1/attendance/today',
    { config: { access: P.own }, schema: { tags, response: { 200: Type.Unknown(), ...errors } } },
    async (req) => {
      const t = await A.today(req.ctx());
      return {
        date: t.date,
        status: t.status,
        records: t.records,
        employee: {
          id: t.me.id,
          kind: t.me.kind,
          nip: t.me.nip,
          staffNumber: t.me.staff_number,
          name: t.me.full_name,
          unit: t.me.unit_name,
        },
      };
    },
  );
  app.get(
    '/api/v1/attendance/month',
    {
      config: { access: P.oversee },
      schema: { tags, querystring: MonthQuery, response: { 200: Type.Unknown(), ...errors } },
    },
    async (req) => {
      const m = await A.month(req.ctx(), req.query.employeeId ?? null, req.query.month ?? A.thisMonth());
      return {
        employee: {
          id: m.employee.id,
          kind: m.employee.kind,
          nip: m.employee.nip,
          staffNumber: m.employee.staff_number,
          name: m.employee.full_name,
          unit: m.employee.unit_name,
        },
        days: m.days,
        summary: m.summary,
        history: m.history,
      };
    },
  );
  // format=csv|xlsx|pdf answers with the file (recap-export.ts) instead of JSON.
  app.get(
    '/api/v1/attendance/recap',
    {
      config: { access: P.oversee },
      schema: { tags, querystring: RecapQuery, response: { 200: Type.Unknown(), ...errors } },
    },
    async (req, reply) => {
      const r = await A.recap(req.ctx(), req.query.unit, req.query.month ?? A.thisMonth());
      if (req.query.format) return sendRecap(reply, s, req.t, r, req.query.format);
      return {
        unit: { id: r.unit.id, name: r.unit.name, path: r.unit.path },
        month: r.month,
        rows: r.rows.map((x) => ({
          employee: {
            id: x.employee.id,
            kind: x.employee.kind,
            nip: x.employee.nip,
            staffNumber: x.employee.staff_number,
            name: x.employee.full_name,
            unit: x.employee.unit_name,
          },
          ...x.summary,
        })),
      };
    },
  );
  app.get(
    '/api/v1/attendance/board',
    { config: { access: P.oversee }, schema: { tags, response: { 200: List, ...errors } } },
    async (req) => ({ items: await A.board(req.ctx()) }),
  );
  app.get(
    '/api/v1/attendance/flagged',
    { config: { access: P.oversee }, schema: { tags, response: { 200: List, ...errors } } },
    async (req) => ({ items: await A.flagged(req.ctx()) }),
  );
  app.post(
    '/api/v1/attendance/records/:id/review',
    {
      config: { access: P.oversee },
      schema: { tags, params: RecordParam, body: ReviewBody, response: { 200: Ok, ...errors } },
    },
    async (req) => {
      await A.review(req.ctx(), req.params.id, req.body.verdict);
      return { ok: true };
    },
  );

  app.post(
    '/api/v1/attendance/absences',
    {
      config: { access: P.own },
      schema: {
        tags,
        body: AbsenceBody,
        response: {
          200: Type.Object({ id: Type.Integer(), duplicate: Type.Boolean() }),
          201: Type.Object({ id: Type.Integer(), duplicate: Type.Boolean() }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const { attachment, spt, ...rest } = req.body;
      const r = await A.requestAbsence(req.ctx(), {
        ...rest,
        attachment: attachment ? Buffer.from(attachment, 'base64') : undefined,
        spt: spt ? Buffer.from(spt, 'base64') : undefined,
      });
      return reply.code(r.duplicate ? 200 : 201).send(r);
    },
  );
  app.get(
    '/api/v1/attendance/absences',
    { config: { access: P.oversee }, schema: { tags, querystring: WhichQuery, response: { 200: List, ...errors } } },
    async (req) => ({ items: await A.absences(req.ctx(), req.query.which ?? 'mine') }),
  );
  app.post(
    '/api/v1/attendance/absences/:id/decision',
    {
      config: { access: P.oversee },
      schema: { tags, params: IdParam, body: DecisionBody, response: { 200: Type.Unknown(), ...errors } },
    },
    async (req) => A.decideAbsence(req.ctx(), req.params.id, req.body.decision, req.body.note || null),
  );
  app.get(
    '/api/v1/attendance/absences/:id/attachment',
    { config: { access: P.oversee }, schema: { tags, params: IdParam } },
    async (req, reply) => {
      const f = await A.absenceAttachment(req.ctx(), req.params.id);
      return sendStoredFile(reply, f, `lampiran-izin-${req.params.id}`);
    },
  );
  app.post(
    '/api/v1/attendance/absences/:id/cancel',
    { config: { access: P.own }, schema: { tags, params: IdParam, response: { 200: Ok, ...errors } } },
    async (req) => {
      await A.cancelAbsence(req.ctx(), req.params.id);
      return { ok: true };
    },
  );

  const Balance = Type.Object({
    year: Type.Integer(),
    taken: Type.Number(),
    unusedLastYear: Type.Integer(),
    unusedTwoYearsAgo: Type.Integer(),
    available: Type.Number(),
    remaining: Type.Number(),
  });
  app.get(
    '/api/v1/employees/:id/leave',
    {
      config: { access: P.oversee },
      schema: { tags, params: IdParam, querystring: YearQuery, response: { 200: Balance, ...errors } },
    },
    async (req) => A.leaveOf(req.ctx(), req.params.id, req.query.year ?? Number(A.thisMonth().slice(0, 4))),
  );
  app.put(
    '/api/v1/employees/:id/leave-carryover',
    {
      config: { access: ['admin_kota'] },
      schema: { tags, params: IdParam, body: CarryoverBody, response: { 200: Balance, ...errors } },
    },
    async (req) => ({
      year: req.body.year,
      ...(await A.setCarryover(req.ctx(), req.params.id, req.body)),
    }),
  );

  registerAttendancePages(app, s);
  registerPermitRoutes(app, s);
}
