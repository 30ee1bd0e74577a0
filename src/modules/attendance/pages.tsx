// The civil servant's attendance page (/presensi): today's plan and status,
// the day's records, and the two check-in forms. app.js fills in the
// location and the device time, shrinks the optional selfie, and keeps the
// form on the phone when there is no signal (data-offline), sending it later
// with the same idempotency key and marked as queued.
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../lib/errors.js';
import type { App } from '../../http/types.js';
import { ErrorSummary, Submit } from '../../ui/forms.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, sendPage, type PageCtx } from '../../ui/page.js';
import type { FormFailure } from '../../http/forms.js';
import type { Services } from '../../wiring.js';
import { registerAbsencePages } from './pages-absence.js';
import { registerOverseePages } from './pages-oversee.js';
import { attendancePolicy as P } from './policy.js';
import { DayTag } from './day-tag.js';
import { SELFIE_MAX_BYTES } from './service.js';
import { identityText } from '../employees/index.js';
import { ActingNotice } from '../employees/ui.js';

const newKey = () => randomUUID().replace(/-/g, '');
const hhmm = (d: Date | string, pc: PageCtx) =>
  new Intl.DateTimeFormat('id-ID', { hour: '2-digit', minute: '2-digit', timeZone: pc.timeZone }).format(new Date(d));
const KEY = /^[A-Za-z0-9_-]{8,64}$/;

function CheckInForm(p: { pc: PageCtx; kind: 'masuk' | 'pulang' }) {
  const t = p.pc.t;
  return (
    <form
      method="post"
      action="/presensi/absen"
      enctype="multipart/form-data"
      novalidate
      data-geo
      data-compress
      data-offline={t('presensi.offline_waiting')}
      data-offline-count={t('presensi.offline_count')}
      data-testid={`checkin-${p.kind}`}
      class="checkin-form"
    >
      <input type="hidden" name="_csrf" value={p.pc.csrf} />
      <input type="hidden" name="idempotencyKey" value={newKey()} />
      <input type="hidden" name="kind" value={p.kind} />
      <input type="hidden" name="lat" value="" />
      <input type="hidden" name="lon" value="" />
      <input type="hidden" name="accuracy" value="" />
      <input type="hidden" name="deviceTime" value="" />
      <input type="hidden" name="mock" value="" />
      <input type="hidden" name="queued" value="" />
      <details>
        <summary>{t('presensi.selfie_optional')}</summary>
        <input
          type="file"
          name="selfie"
          accept="image/jpeg,image/png,image/webp"
          capture="user"
          data-max-px="480"
          aria-label={t('presensi.selfie_optional')}
        />
      </details>
      <Submit label={t(p.kind === 'masuk' ? 'presensi.check_in' : 'presensi.check_out')} testid={`submit-${p.kind}`} />
    </form>
  );
}

/** Reads the check-in form (multipart or urlencoded): strings, and the selfie as a Buffer. */
function readCheckIn(body: unknown) {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const str = (k: string) => (typeof b[k] === 'string' ? (b[k] as string).trim() : '');
  // Browsers hand over coordinates at full double precision (String(-7.754205066475027)): up to 20 decimals.
  const num = (k: string) =>
    /^-?[0-9]{1,3}(\.[0-9]{1,20})?$|^[0-9]{1,6}(\.[0-9]{1,6})?$/.test(str(k)) ? Number(str(k)) : undefined;
  const selfie = Buffer.isBuffer(b.selfie) && b.selfie.length ? b.selfie : undefined;
  const kind = str('kind');
  const device = str('deviceTime');
  return {
    idempotencyKey: str('idempotencyKey'),
    kind: kind === 'masuk' || kind === 'pulang' ? (kind as 'masuk' | 'pulang') : null,
    lat: num('lat'),
    lon: num('lon'),
    accuracy: num('accuracy'),
    deviceTime: /^\d{4}-\d{2}-\d{2}T[0-9:.]+Z$/.test(device) ? device : undefined,
    mock: str('mock') === '1',
    queued: str('queued') === '1',
    selfie,
  };
}

export function registerAttendancePages(app: App, s: Services) {
  const A = s.attendance;

  const home = async (req: FastifyRequest, reply: FastifyReply, failure?: FormFailure, status = 200) => {
    const pc = pageCtx(req, reply);
    const t = pc.t;
    const d = await A.today(req.ctx());
    const acting = await s.employees.acting.mine(req.ctx());
    const q = req.query as { tercatat?: string } | undefined;
    const plan = d.plan;
    return sendPage(
      reply,
      <Layout pc={pc} title={t('presensi.title')}>
        <h1>{t('presensi.title')}</h1>
        <p>
          {d.me.full_name} · {identityText(t, d.me)}
          <br />
          {d.me.unit_name}
        </p>
        <ActingNotice pc={pc} items={acting} />
        {failure ? (
          <ErrorSummary t={t} errors={failure.errors} message={failure.message} params={failure.params ?? {}} />
        ) : null}
        {q?.tercatat === 'masuk' || q?.tercatat === 'pulang' ? (
          <div class="notice notice--success" role="status" data-testid="checkin-done">
            {t(q.tercatat === 'masuk' ? 'presensi.done_in' : 'presensi.done_out')}
          </div>
        ) : null}
        <div class="card" data-testid="today">
          <p>
            <strong>
              {new Intl.DateTimeFormat(pc.locale === 'en' ? 'en-GB' : 'id-ID', {
                dateStyle: 'full',
                timeZone: pc.timeZone,
              }).format(new Date(d.date + 'T12:00:00Z'))}
            </strong>
          </p>
          <p>
            {plan.work
              ? t('presensi.plan_hours', { start: hhmm(plan.start, pc), end: hhmm(plan.end, pc) })
              : t('presensi.plan_off', { reason: plan.name ?? t(`presensi.off.${plan.reason}`) })}
          </p>
          <p>
            {t('presensi.status_today')}: <DayTag pc={pc} status={d.status} />
          </p>
        </div>
        <h2>{t('presensi.records_today')}</h2>
        {d.records.length ? (
          <ul data-testid="records-today">
            {d.records.map((r) => (
              <li data-testid={`record-${r.kind}`}>
                {t(r.kind === 'masuk' ? 'presensi.kind.masuk' : 'presensi.kind.pulang')} {hhmm(r.taken_at, pc)} ·{' '}
                {r.place ?? '–'}
                {r.sent_late ? ` · ${t('presensi.sent_late')}` : ''}
                {r.flags
                  .filter((f) => f !== 'dikirim_terlambat')
                  .map((f) => ` · ${t(`presensi.flag.${f as 'akurasi_rendah'}`)}`)}
              </li>
            ))}
          </ul>
        ) : (
          <p data-testid="records-none">{t('presensi.records_none')}</p>
        )}
        <div class="checkin-actions">
          <CheckInForm pc={pc} kind="masuk" />
          <CheckInForm pc={pc} kind="pulang" />
        </div>
        <p class="hint">{t('presensi.location_hint', { max: Math.round(SELFIE_MAX_BYTES / 1024) })}</p>
        <p>
          <a href="/presensi/izin">{t('presensi.nav_absence')}</a> · <a href="/presensi/izin-jam">{t('permit.nav')}</a>{' '}
          · <a href="/presensi/bulan">{t('presensi.nav_month')}</a>
        </p>
      </Layout>,
      status,
    );
  };

  app.get('/presensi', { config: { access: P.own } }, async (req, reply) => home(req, reply));

  // No body schema: multipart arrives as key/values (the selfie as a Buffer) and is checked by hand.
  app.post(
    '/presensi/absen',
    {
      config: { access: P.own, multipartOptions: { limits: { files: 1, fileSize: SELFIE_MAX_BYTES * 3, fields: 12 } } },
    },
    async (req, reply) => {
      const x = readCheckIn(req.body);
      try {
        if (!KEY.test(x.idempotencyKey) || !x.kind) throw new AppError(400, 'presensi.err.bad_form');
        const r = await A.checkIn(req.ctx(), { ...x, kind: x.kind });
        return reply.redirect(`/presensi?tercatat=${r.record.kind}`, 303);
      } catch (err) {
        if (err instanceof AppError && err.status < 500 && ![401, 403, 404].includes(err.status)) {
          return home(
            req,
            reply,
            { errors: err.fields, message: err.fields.length ? undefined : err.key, params: err.params },
            err.status,
          );
        }
        throw err;
      }
    },
  );

  registerAbsencePages(app, s);
  registerOverseePages(app, s);
}
