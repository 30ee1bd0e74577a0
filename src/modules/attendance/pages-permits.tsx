// Hourly-permit pages. /presensi/izin-jam: the civil servant's own permits
// (cancel while pending), the city's limits and the request form — a plain
// form (no script needed) with a hidden idempotency key, so a double submit
// makes one permit; a superior also finds the permits waiting for them there.
// /presensi/izin-jam/putuskan: the superior's queue (a city admin: the city's
// pending permits), approve or refuse with a reason. An approval on a day
// already closed recomputes it (history kept); the page says how many days.
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TIME_ZONES } from '../../config.js';
import { handleForm, type FormFailure } from '../../http/forms.js';
import { IdParam, type App } from '../../http/types.js';
import { AppError } from '../../lib/errors.js';
import { ErrorSummary, Form, SelectField, Submit, TextArea, TextField } from '../../ui/forms.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { attendancePolicy as P } from './policy.js';
import { PERMIT_KINDS, type PermitKind } from './permits-rules.js';
import { PermitDecisionForm, PermitForm } from './permits-schema.js';

type Permit = Awaited<ReturnType<Services['attendance']['permits']>>[number];
type Values = Record<string, string | undefined>;

const KEY = /^[A-Za-z0-9_-]{8,64}$/;
const TONE: Record<string, string> = { diajukan: 'blue', disetujui: 'green', ditolak: 'red', dibatalkan: 'grey' };
const newKey = () => randomUUID().replace(/-/g, '');

/** "2 Desember 2026" (or "2 December 2026"). */
export const longDate = (pc: PageCtx, date: string) =>
  new Intl.DateTimeFormat(pc.locale === 'en' ? 'en-GB' : 'id-ID', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));

export const permitKindLabel = (pc: PageCtx, kind: string) =>
  PERMIT_KINDS.includes(kind as PermitKind) ? pc.t(`permit.kind.${kind as PermitKind}`) : kind;

const windowText = (pc: PageCtx, p: { date: string; start_time: string; end_time: string }) =>
  pc.t('permit.window', {
    date: longDate(pc, p.date),
    from: p.start_time,
    to: p.end_time,
    zone: TIME_ZONES[pc.timeZone],
  });

function PermitStatus(p: { pc: PageCtx; status: string }) {
  return (
    <span class={`tag tag--${TONE[p.status] ?? 'grey'}`}>{p.pc.t(`permit.status.${p.status as 'diajukan'}`)}</span>
  );
}

function RequestForm(p: { pc: PageCtx; values: Values; today: string; failure?: FormFailure | undefined }) {
  const { pc, values } = p;
  const t = pc.t;
  const errors = p.failure?.errors;
  const zone = TIME_ZONES[pc.timeZone];
  return (
    <Form pc={pc} action="/presensi/izin-jam" testid="permit-form">
      <input
        type="hidden"
        name="idempotencyKey"
        value={KEY.test(values.idempotencyKey ?? '') ? values.idempotencyKey : newKey()}
      />
      <SelectField
        t={t}
        name="permitKind"
        label="f.permitKind"
        value={values.permitKind}
        options={PERMIT_KINDS.map((k) => ({ value: k, label: t(`permit.kind.${k}`) }))}
        errors={errors}
        testid="permit-kind"
      />
      <TextField
        t={t}
        name="permitDate"
        label="f.permitDate"
        type="date"
        value={values.permitDate ?? p.today}
        errors={errors}
        class="input--medium"
        testid="permit-date"
      />
      <p class="hint">{t('permit.hint.times', { zone })}</p>
      <TextField
        t={t}
        name="startTime"
        label="f.startTime"
        type="time"
        value={values.startTime}
        errors={errors}
        class="input--medium"
        testid="permit-start"
      />
      <TextField
        t={t}
        name="endTime"
        label="f.endTime"
        type="time"
        value={values.endTime}
        errors={errors}
        class="input--medium"
        testid="permit-end"
      />
      <TextArea
        t={t}
        name="reason"
        label="f.reason"
        value={values.reason}
        maxLength={500}
        rows={3}
        errors={errors}
        testid="permit-reason"
      />
      <Submit label={t('permit.submit')} testid="permit-submit" />
    </Form>
  );
}

/** Pending permits with approve/refuse; a refusal's missing reason is shown at that permit's note. */
export function PermitDecisions(p: {
  pc: PageCtx;
  list: Permit[];
  failure?: FormFailure | undefined;
  failedId?: number;
}) {
  const { pc } = p;
  const t = pc.t;
  if (!p.list.length) return <p data-testid="permit-to-decide-none">{t('permit.to_decide_none')}</p>;
  return (
    <ul class="stack" data-testid="permit-to-decide">
      {p.list.map((x) => {
        const errors =
          p.failedId === x.id ? p.failure?.errors.map((e) => ({ ...e, field: `${e.field}-${x.id}` })) : undefined;
        return (
          <li class="card" data-testid={`permit-row-${x.id}`}>
            <p>
              <strong>{x.full_name}</strong> · NIP {x.nip}
              <br />
              {permitKindLabel(pc, x.kind)} · {windowText(pc, x)}
            </p>
            <p>{x.reason}</p>
            <Form pc={pc} action={`/presensi/izin-jam/${x.id}/putuskan`} testid={`permit-decide-${x.id}`}>
              <TextField
                t={t}
                name="note"
                id={`note-${x.id}`}
                label="permit.note_label"
                maxLength={500}
                optional
                errors={errors}
                testid={`permit-note-${x.id}`}
              />
              <div class="button-group">
                <button
                  type="submit"
                  name="decision"
                  value="disetujui"
                  class="button"
                  data-testid={`permit-approve-${x.id}`}
                >
                  {t('permit.approve')}
                </button>
                <button
                  type="submit"
                  name="decision"
                  value="ditolak"
                  class="button button--danger"
                  data-testid={`permit-refuse-${x.id}`}
                >
                  {t('permit.refuse')}
                </button>
              </div>
            </Form>
          </li>
        );
      })}
    </ul>
  );
}

export function registerPermitPages(app: App, s: Services) {
  const A = s.attendance;

  /** Loads first, then renders synchronously (handleForm's render is not async). */
  const ownView = async (req: FastifyRequest, reply: FastifyReply) => {
    const pc = pageCtx(req, reply);
    const t = pc.t;
    const ctx = req.ctx();
    const [mine, toDecide] = await Promise.all([A.permits(ctx, 'mine'), A.permits(ctx, 'to_decide')]);
    const limits = A.permitLimits();
    const q = (req.query ?? {}) as Record<string, string | undefined>;
    return (failure?: FormFailure, values: Values = {}) => (
      <Layout pc={pc} title={t('permit.title')}>
        <p>
          <a href="/presensi">{t('presensi.title')}</a>
        </p>
        <h1>{t('permit.title')}</h1>
        <ErrorSummary t={t} errors={failure?.errors} message={failure?.message} params={failure?.params ?? {}} />
        {q.diajukan === '1' ? (
          <div class="notice notice--success" role="status" data-testid="permit-done">
            {t('permit.done')}
          </div>
        ) : null}
        {q.dibatalkan === '1' ? (
          <div class="notice notice--success" role="status" data-testid="permit-cancelled">
            {t('permit.cancelled')}
          </div>
        ) : null}
        <p>{t('permit.intro')}</p>
        <p class="hint" data-testid="permit-limits">
          {t('permit.limits', { max: limits.maxPerMonth, minutes: limits.maxMinutes, days: limits.daysBack })}
        </p>
        {toDecide.length ? (
          <section>
            <h2>{t('permit.to_decide')}</h2>
            <p>
              <a href="/presensi/izin-jam/putuskan">{t('permit.to_decide')}</a>
            </p>
          </section>
        ) : null}
        <h2>{t('permit.mine')}</h2>
        {mine.length ? (
          <ul class="stack" data-testid="permit-list">
            {mine.map((x) => (
              <li class="card" data-testid={`permit-row-${x.id}`}>
                <p>
                  <strong>{permitKindLabel(pc, x.kind)}</strong> <PermitStatus pc={pc} status={x.status} />
                  <br />
                  {windowText(pc, x)}
                </p>
                {x.decision_note ? (
                  <p>
                    {t('permit.decision_note')}: {x.decision_note}
                  </p>
                ) : null}
                {x.status === 'diajukan' ? (
                  <Form
                    pc={pc}
                    action={`/presensi/izin-jam/${x.id}/batal`}
                    class="inline-form"
                    testid={`permit-cancel-${x.id}`}
                  >
                    <Submit label={t('permit.cancel')} variant="secondary" />
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p data-testid="permit-none">{t('permit.none')}</p>
        )}
        <h2 id="ajukan">{t('permit.new')}</h2>
        <p class="hint">{t('permit.cover_hint')}</p>
        <RequestForm pc={pc} values={values} today={A.localToday()} failure={failure} />
      </Layout>
    );
  };

  app.get('/presensi/izin-jam', { config: { access: P.own } }, async (req, reply) =>
    sendPage(reply, (await ownView(req, reply))()),
  );

  app.post(
    '/presensi/izin-jam',
    { config: { access: P.own }, attachValidation: true, schema: { body: PermitForm } },
    async (req, reply) => {
      const view = await ownView(req, reply);
      const raw = (req.body ?? {}) as Values;
      const values = Object.fromEntries(
        ['idempotencyKey', 'permitKind', 'permitDate', 'startTime', 'endTime', 'reason'].map((k) => [
          k,
          typeof raw[k] === 'string' ? raw[k]!.slice(0, 600) : undefined,
        ]),
      );
      return handleForm(req, reply, {
        render: (failure) => view(failure, values),
        run: () => A.requestPermit(req.ctx(), req.body),
        done: () => reply.redirect('/presensi/izin-jam?diajukan=1', 303),
      });
    },
  );

  app.post(
    '/presensi/izin-jam/:id/batal',
    { config: { access: P.own }, attachValidation: true, schema: { params: IdParam } },
    async (req, reply) => {
      const id = Number((req.params as { id: unknown }).id);
      if (!Number.isSafeInteger(id) || id < 1) throw new AppError(404, 'error.not_found');
      const view = await ownView(req, reply);
      return handleForm(req, reply, {
        render: (failure) => view(failure),
        run: () => A.cancelPermit(req.ctx(), id),
        done: () => reply.redirect('/presensi/izin-jam?dibatalkan=1', 303),
      });
    },
  );

  const decideView = async (req: FastifyRequest, reply: FastifyReply) => {
    const pc = pageCtx(req, reply);
    const t = pc.t;
    const list = await A.permits(req.ctx(), 'to_decide');
    const q = (req.query ?? {}) as Record<string, string | undefined>;
    const days = Number(q.hari);
    return (failure?: FormFailure, failedId?: number) => (
      <Layout pc={pc} title={t('permit.to_decide')}>
        <p>
          <a href="/presensi/tim">{t('presensi.nav_team')}</a>
        </p>
        <h1>{t('permit.to_decide')}</h1>
        <ErrorSummary
          t={t}
          errors={failure?.errors.map((e) => ({ ...e, field: `${e.field}-${failedId}` }))}
          message={failure?.message}
          params={failure?.params ?? {}}
        />
        {q.keputusan === 'disetujui' || q.keputusan === 'ditolak' ? (
          <div class="notice notice--success" role="status" data-testid="permit-decision-done">
            {t(q.keputusan === 'disetujui' ? 'permit.decided_approved' : 'permit.decided_refused')}
            {Number.isInteger(days) && days > 0 ? ` ${t('presensi.days_recomputed', { n: days })}` : ''}
          </div>
        ) : null}
        <PermitDecisions pc={pc} list={list} failure={failure} {...(failedId ? { failedId } : {})} />
      </Layout>
    );
  };

  app.get('/presensi/izin-jam/putuskan', { config: { access: P.oversee } }, async (req, reply) =>
    sendPage(reply, (await decideView(req, reply))()),
  );

  app.post(
    '/presensi/izin-jam/:id/putuskan',
    { config: { access: P.oversee }, attachValidation: true, schema: { params: IdParam, body: PermitDecisionForm } },
    async (req, reply) => {
      const id = Number((req.params as { id: unknown }).id);
      if (!Number.isSafeInteger(id) || id < 1) throw new AppError(404, 'error.not_found'); // params are not checked before the handler with attachValidation
      const view = await decideView(req, reply);
      return handleForm(req, reply, {
        render: (failure) => view(failure, id),
        run: () => A.decidePermit(req.ctx(), id, req.body.decision, req.body.note?.trim() || null),
        done: (r) => reply.redirect(`/presensi/izin-jam/putuskan?keputusan=${r.status}&hari=${r.recomputedDays}`, 303),
      });
    },
  );
}
