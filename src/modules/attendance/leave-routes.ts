// Leave's JSON API (the queue, pertimbangan, decision), the surat izin cuti
// PDF (signed inside the file like a letter), a dinas luar's SPT file, and the
// public check of a letter's code; registerLeaveRoutes also registers the pages.
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Config } from '../../config.js';
import { addMenu } from '../../kernel/menu.js';
import { sendStoredFile } from '../../kernel/files/serve.js';
import { ErrorBody, IdParam, type App } from '../../http/types.js';
import { AppError } from '../../lib/errors.js';
import type { Services } from '../../wiring.js';
import { sendLeaveLetter } from './leave-letter-send.js';
import { StepBody } from './leave-schema.js';
import { registerLeavePages } from './pages-leave.js';
import { attendancePolicy as P } from './policy.js';

const tags = ['presensi'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const StepOut = Type.Object({
  id: Type.Integer(),
  status: Type.String(),
  number: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});

export function registerLeaveRoutes(app: App, s: Services, config: Config) {
  addMenu(
    app,
    { href: '/presensi/cuti', key: 'cuti.nav', roles: ['pegawai'], order: 131 },
    { href: '/presensi/cuti/antrean', key: 'cuti.nav_queue', roles: ['pegawai', 'admin_kota'], order: 132 },
  );
  const C = s.attendance.cuti;
  app.get(
    '/api/v1/attendance/leave-queue',
    { config: { access: P.oversee }, schema: { tags, response: { 200: Type.Unknown(), ...errors } } },
    async (req) => C.queues(req.ctx()),
  );
  app.post(
    '/api/v1/attendance/absences/:id/consideration',
    {
      config: { access: ['pegawai'] },
      schema: { tags, params: IdParam, body: StepBody, response: { 200: StepOut, ...errors } },
    },
    async (req) => C.consider(req.ctx(), req.params.id, { ...req.body, note: req.body.note ?? null }),
  );
  app.post(
    '/api/v1/attendance/absences/:id/leave-decision',
    {
      config: { access: P.oversee },
      schema: { tags, params: IdParam, body: StepBody, response: { 200: StepOut, ...errors } },
    },
    async (req) => {
      const r = await C.decide(req.ctx(), req.params.id, { ...req.body, note: req.body.note ?? null });
      return { id: r.id, status: r.status, number: r.number };
    },
  );
  app.get(
    '/api/v1/attendance/absences/:id/leave-letter.pdf',
    { config: { access: P.oversee }, schema: { tags, params: IdParam } },
    async (req, reply) => sendLeaveLetter(req, reply, s, config, req.params.id),
  );
  app.get(
    '/api/v1/attendance/absences/:id/spt',
    { config: { access: P.oversee }, schema: { tags, params: IdParam } },
    async (req, reply) => sendStoredFile(reply, await C.sptFile(req.ctx(), req.params.id), `spt-${req.params.id}`),
  );

  const throttle = async (req: FastifyRequest) => {
    if (!(await s.requests.allowTrackingLookup(req.ip))) throw new AppError(429, 'error.rate_limited', { minutes: 15 });
  };
  registerLeavePages(app, s, config, throttle);
}
