// JSON API of the RT/RW programme (/api/v1/program-rtrw/...), the one
// registration function for the module, and the portal-usage counter.
import { Type } from 'typebox';
import { ErrorBody, IdParam, Ok, type App } from '../../http/types.js';
import type { Services } from '../../wiring.js';
import { addMenu } from '../../kernel/menu.js';
import { registerAllowancePages } from './allowance-pages.js';
import { registerBpjsPages } from './bpjs-pages.js';
import { registerClaimFilePages } from './claims-pages.js';
import { registerHonorPages } from './honor-pages.js';
import { registerProgrammePages } from './pages.js';
import { programmePolicy } from './policy.js';
import { allowanceSheet, bpjsSheet, completionSheet, dataSheet, sendSheet } from './present.js';
import {
  AttendanceBody,
  ClaimBody,
  ClaimStatusBody,
  DistributionBody,
  EnrolmentBody,
  ListQuery,
  MonthQuery,
  PaymentBody,
  PeriodQuery,
  RateBody,
  TrainingBody,
} from './schema.js';

const tags = ['program-rtrw'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const API = '/api/v1/program-rtrw';

export function registerRtRwProgrammeRoutes(app: App, s: Services) {
  recordUsage(app, s);
  registerProgrammeApi(app, s);
  registerProgrammePages(app, s);
  registerBpjsPages(app, s);
  registerAllowancePages(app, s);
  registerHonorPages(app, s);
  registerClaimFilePages(app, s);
  // One entry for everyone in the programme: the offices get the lists, a head their own record.
  addMenu(app, {
    href: '/program-rtrw',
    key: 'nav.programme',
    roles: [...programmePolicy.view, ...programmePolicy.own],
    order: 64,
  });
}

/**
 * Estimates each head's portal data use from the bytes the platform sends to
 * their sessions. Counts gather in memory and are added to portal_usage every
 * 10 s and when the app closes; a crash loses at most those few seconds, which
 * is acceptable for an estimate and spares a write per request.
 */
export function recordUsage(app: App, s: Services) {
  app.addHook('onSend', async (req, reply, payload) => {
    if (!req.user) return payload;
    let bytes = Number(reply.getHeader('content-length')) || 0;
    if (!bytes) {
      if (typeof payload === 'string') bytes = Buffer.byteLength(payload);
      else if (Buffer.isBuffer(payload)) bytes = payload.length;
    }
    s.programme.countBytes(req.user.id, bytes);
    return payload;
  });
  const flush = () =>
    s.programme.flushUsage().catch((err: unknown) => app.log.warn({ err }, 'portal usage flush failed'));
  const timer = setInterval(() => void flush(), 10_000);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await flush();
  });
}

function registerProgrammeApi(app: App, s: Services) {
  const fmt = (req: { query: { format?: string | undefined } }) =>
    req.query.format === 'csv' || req.query.format === 'xlsx' ? req.query.format : null;

  app.get(`${API}/me`, { config: { access: programmePolicy.own }, schema: { tags } }, async (req) =>
    s.programme.mine(req.ctx()),
  );

  app.post(
    `${API}/trainings`,
    { config: { access: programmePolicy.manage }, schema: { tags, body: TrainingBody } },
    async (req, reply) => {
      const t = await s.programme.createTraining(req.ctx(), req.body);
      return reply.code(201).send({
        id: t.id,
        regionCode: t.region_code,
        topic: t.topic,
        title: t.title,
        place: t.place,
        startsAt: t.starts_at,
        attendanceUrl: `/pelatihan/hadir/${t.attendance_token}`,
      });
    },
  );
  app.get(
    `${API}/trainings`,
    { config: { access: programmePolicy.view }, schema: { tags, querystring: ListQuery } },
    async (req) => ({
      items: (await s.programme.trainings(req.ctx(), req.query.under)).map((t) => ({
        id: t.id,
        regionCode: t.region_code,
        topic: t.topic,
        title: t.title,
        place: t.place,
        startsAt: t.starts_at,
      })),
    }),
  );
  app.get(
    `${API}/trainings/:id`,
    { config: { access: programmePolicy.view }, schema: { tags, params: IdParam } },
    async (req) => {
      const r = await s.programme.training(req.ctx(), req.params.id);
      const present = new Set(r.attendance.map((a) => a.user_id));
      return {
        id: r.training.id,
        title: r.training.title,
        topic: r.training.topic,
        invited: r.invited.map((h) => ({
          userId: h.id,
          name: h.full_name,
          regionCode: h.region_code,
          attended: present.has(h.id),
        })),
      };
    },
  );
  app.post(
    `${API}/trainings/:id/attendance`,
    {
      config: { access: programmePolicy.manage },
      schema: { tags, params: IdParam, body: AttendanceBody, response: { 200: Ok, ...errors } },
    },
    async (req) => {
      await s.programme.tickAttendance(req.ctx(), req.params.id, req.body.userId);
      return { ok: true };
    },
  );
  app.get(
    `${API}/training-completion`,
    { config: { access: programmePolicy.view }, schema: { tags, querystring: ListQuery } },
    async (req, reply) => {
      const list = await s.programme.completion(req.ctx(), req.query.under);
      const f = fmt(req);
      if (f) return sendSheet(reply, completionSheet(req.t, list), f, 'kelengkapan-pelatihan');
      return {
        items: list.map((r) => ({
          userId: r.head.id,
          name: r.head.full_name,
          regionCode: r.head.region_code,
          topics: [...new Set(r.attended.map((a) => a.topic))],
          missing: r.missing,
        })),
      };
    },
  );

  app.post(
    `${API}/bpjs/enrolments`,
    {
      config: { access: programmePolicy.manage },
      schema: { tags, body: EnrolmentBody, response: { 200: Ok, ...errors } },
    },
    async (req) => {
      const { userId, ...e } = req.body;
      await s.programme.enrol(req.ctx(), userId, e);
      return { ok: true };
    },
  );
  app.get(
    `${API}/bpjs/enrolments`,
    { config: { access: programmePolicy.view }, schema: { tags, querystring: ListQuery } },
    async (req) => {
      const r = await s.programme.bpjsMonthly(req.ctx(), req.query.under);
      const enrolled = new Map(r.enrolments.map((e) => [e.user_id, e]));
      return {
        counts: r.counts,
        items: r.heads.map((h) => {
          const e = enrolled.get(h.id);
          return {
            userId: h.id,
            name: h.full_name,
            regionCode: h.region_code,
            enrolment: e
              ? {
                  membershipNumber: e.membership_number,
                  startDate: e.start_date,
                  paidByCity: e.paid_by_city,
                  monthlyContribution: e.monthly_contribution,
                  status: e.status,
                }
              : null,
          };
        }),
      };
    },
  );
  app.post(
    `${API}/bpjs/claims`,
    { config: { access: programmePolicy.manage }, schema: { tags, body: ClaimBody } },
    async (req, reply) => {
      const c = await s.programme.reportClaim(req.ctx(), req.body.userId, req.body);
      return reply.code(201).send({ id: c.id, status: c.status });
    },
  );
  app.get(
    `${API}/bpjs/claims`,
    { config: { access: programmePolicy.view }, schema: { tags, querystring: ListQuery } },
    async (req) => ({
      items: (await s.programme.claimsList(req.ctx(), req.query.under)).rows.map((x) => ({
        id: x.claim.id,
        userId: x.claim.user_id,
        name: x.claim.full_name,
        regionCode: x.claim.region_code,
        kind: x.claim.kind,
        occurredOn: x.claim.occurred_on,
        reportedAt: x.claim.reported_at,
        description: x.claim.description,
        status: x.claim.status,
        next: x.next,
        history: x.events.map((e) => ({
          from: e.from_status,
          to: e.to_status,
          effectiveOn: e.effective_on,
          note: e.note,
          recordedAt: e.recorded_at,
          recordedBy: e.recorded_by_name,
        })),
      })),
    }),
  );
  app.post(
    `${API}/bpjs/claims/:id/status`,
    {
      config: { access: programmePolicy.manage },
      schema: {
        tags,
        params: IdParam,
        body: ClaimStatusBody,
        response: { 200: Type.Object({ id: Type.Integer(), status: Type.String() }), ...errors },
      },
    },
    async (req) => s.programme.updateClaim(req.ctx(), req.params.id, req.body),
  );
  app.get(
    `${API}/bpjs/monthly`,
    { config: { access: programmePolicy.view }, schema: { tags, querystring: ListQuery } },
    async (req, reply) => {
      const r = await s.programme.bpjsMonthly(req.ctx(), req.query.under);
      const f = fmt(req);
      if (f) return sendSheet(reply, bpjsSheet(req.t, r, req.timeZone), f, 'iuran-bpjs');
      return {
        items: r.rows.map((x) => ({
          userId: x.head.id,
          name: x.head.full_name,
          regionCode: x.head.region_code,
          membershipNumber: x.enrolment.membership_number,
          monthlyContribution: x.enrolment.monthly_contribution,
        })),
        total: r.total,
      };
    },
  );

  app.post(
    `${API}/data-allocations`,
    {
      config: { access: programmePolicy.manage },
      schema: { tags, body: DistributionBody, response: { 200: Ok, ...errors } },
    },
    async (req) => {
      await s.programme.distribute(req.ctx(), req.body);
      return { ok: true };
    },
  );
  app.get(
    `${API}/data-allocations`,
    { config: { access: programmePolicy.view }, schema: { tags, querystring: MonthQuery } },
    async (req, reply) => {
      const month = req.query.month ?? s.programme.currentMonth();
      const r = await s.programme.dataList(req.ctx(), month, req.query.under);
      const f = fmt(req);
      if (f) return sendSheet(reply, dataSheet(req.t, r, req.timeZone), f, `paket-data-${month}`);
      return {
        month,
        items: r.rows.map((x) => ({
          userId: x.head.id,
          name: x.head.full_name,
          regionCode: x.head.region_code,
          quotaMb: x.quotaMb,
          portalMb: x.portalMb,
          usedMb: x.usedMb,
          phone: x.allocation?.phone ?? null,
          operator: x.allocation?.operator ?? null,
          distributedAt: x.allocation?.distributed_at ?? null,
        })),
        distributed: r.distributed,
        totalQuotaMb: r.totalQuotaMb,
      };
    },
  );

  app.get(
    `${API}/allowance-rates`,
    { config: { access: programmePolicy.view }, schema: { tags, querystring: ListQuery } },
    async (req) => ({
      items: (await s.programme.rates(req.ctx(), req.query.under)).map((r) => ({
        regionCode: r.region_code,
        role: r.role,
        amount: r.amount,
        period: r.period,
        validFrom: r.valid_from,
      })),
    }),
  );
  app.post(
    `${API}/allowance-rates`,
    {
      config: { access: programmePolicy.setRates },
      schema: { tags, body: RateBody, response: { 200: Ok, ...errors } },
    },
    async (req) => {
      await s.programme.setRate(req.ctx(), req.body);
      return { ok: true };
    },
  );
  app.get(
    `${API}/allowance-payments`,
    { config: { access: programmePolicy.view }, schema: { tags, querystring: PeriodQuery } },
    async (req, reply) => {
      const period = req.query.period ?? s.programme.currentMonth();
      const r = await s.programme.payList(req.ctx(), period, req.query.under);
      const f = fmt(req);
      if (f) return sendSheet(reply, allowanceSheet(req.t, r, req.timeZone), f, `honor-${period}`);
      return {
        period,
        items: r.rows.map((x) => ({
          userId: x.head.id,
          name: x.head.full_name,
          regionCode: x.head.region_code,
          amount: x.amount,
          paidAt: x.paidAt,
        })),
        total: r.total,
        totalPaid: r.totalPaid,
      };
    },
  );
  app.post(
    `${API}/allowance-payments`,
    {
      config: { access: programmePolicy.manage },
      schema: { tags, body: PaymentBody, response: { 200: Ok, ...errors } },
    },
    async (req) => {
      await s.programme.markPaid(req.ctx(), req.body.period, req.body.userId);
      return { ok: true };
    },
  );
}
