// Leave pages. /presensi/cuti: the employee's leave requests, length of
// service, annual balance and the form — only the types of their kind, the
// ones not open yet listed with why (multipart, so a doctor's letter travels
// without JavaScript; a hidden idempotency key makes a double submit one
// request). /presensi/cuti/antrean: what waits for the caller's pertimbangan
// (as atasan langsung) or decision (as PyB). /presensi/cuti/:id: one request,
// its steps, its form when it is the caller's turn, and the surat izin cuti
// once granted. /v/cuti/:code: the public check of a letter's code.
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { handleForm, type FormFailure } from '../../http/forms.js';
import { IdParam, type App } from '../../http/types.js';
import { AppError, type FieldError } from '../../lib/errors.js';
import { formatIndonesianDate } from '../../lib/text.js';
import { MAX_UPLOAD_BYTES } from '../../kernel/files/rules.js';
import { ErrorSummary, Form, Submit } from '../../ui/forms.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { isDate } from '../work-schedule/index.js';
import { sendLeaveLetter } from './leave-letter-send.js';
import { LEAVE_OUTCOMES, type LeaveStep } from './leave-rules.js';
import { ACTING_PREFIX } from '../employees/index.js';
import { StepForm, VerifyParam } from './leave-schema.js';
import { refusalMessage } from './leave-service.js';
import { attendancePolicy as P } from './policy.js';

type Values = Record<string, string>;
type Leave = Awaited<ReturnType<Services['attendance']['cuti']['mine']>>[number];
const KEY = /^[A-Za-z0-9_-]{8,64}$/;
const LEAVE_MULTIPART = { limits: { files: 1, fields: 10, fileSize: MAX_UPLOAD_BYTES + 1 }, throwFileSizeLimit: false };
const TONE: Record<string, string> = {
  diajukan: 'blue',
  dipertimbangkan: 'blue',
  disetujui: 'green',
  ditolak: 'red',
  ditangguhkan: 'orange',
  dibatalkan: 'grey',
};
const newKey = () => randomUUID().replace(/-/g, '');
const day = (pc: PageCtx, d: string) =>
  pc.locale === 'en'
    ? new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`))
    : formatIndonesianDate(d);
const periodText = (pc: PageCtx, a: { start: string; end: string; working_days: number }) =>
  pc.t('cuti.period_value', { from: day(pc, a.start), to: day(pc, a.end), days: a.working_days });

/** A labelled input with a stable test id (the kit's fields carry none). */
function Field(p: {
  pc: PageCtx;
  name: string;
  label: Parameters<PageCtx['t']>[0];
  testid?: string;
  type?: string;
  value?: string | undefined;
  errors?: FieldError[] | undefined;
  optional?: boolean;
  hint?: Parameters<PageCtx['t']>[0];
  id?: string;
}) {
  const { t } = p.pc;
  const id = p.id ?? p.name;
  const err = p.errors?.find((e) => e.field === p.name);
  return (
    <div class={err ? 'form-group form-group--error' : 'form-group'}>
      <label for={`f-${id}`}>
        {t(p.label)}
        {p.optional ? ` ${t('common.optional')}` : ''}
      </label>
      {p.hint ? <div class="hint">{t(p.hint)}</div> : null}
      {err ? <p class="error-message">{t(err.key, err.params)}</p> : null}
      {p.type === 'textarea' ? (
        <textarea id={`f-${id}`} name={p.name} rows={3} maxlength={500} data-testid={p.testid}>
          {p.value ?? ''}
        </textarea>
      ) : (
        <input
          id={`f-${id}`}
          name={p.name}
          type={p.type ?? 'text'}
          value={p.value ?? ''}
          class="input--medium"
          data-testid={p.testid}
          aria-invalid={err ? 'true' : undefined}
        />
      )}
    </div>
  );
}

function StatusTag(p: { pc: PageCtx; status: string }) {
  return (
    <span class={`tag tag--${TONE[p.status] ?? 'grey'}`} data-testid="leave-status">
      {p.pc.t(`cuti.status.${p.status as 'diajukan'}`)}
    </span>
  );
}

/** The pertimbangan (as atasan) or decision (as PyB) form: outcome, note, changed dates, deferral date. */
function StepFormView(p: { pc: PageCtx; id: number; as: 'consider' | 'decide'; failure?: FormFailure | undefined }) {
  const { pc, id, as } = p;
  const t = pc.t;
  const errors = p.failure?.errors;
  const action = `/presensi/cuti/${id}/${as === 'consider' ? 'pertimbangan' : 'keputusan'}`;
  return (
    <Form pc={pc} action={action} testid={`${as}-${id}`}>
      <div class="form-group">
        <label for={`f-outcome-${id}`}>{t('cuti.f.outcome')}</label>
        <div class="hint">{t('cuti.step_hint')}</div>
        <select id={`f-outcome-${id}`} name="outcome" data-testid={`${as}-outcome`}>
          {LEAVE_OUTCOMES.map((o) => (
            <option value={o}>{t(`cuti.outcome.${o}`)}</option>
          ))}
        </select>
      </div>
      <Field pc={pc} name="note" id={`note-${id}`} label="presensi.f.note" type="textarea" errors={errors} optional />
      <Field pc={pc} name="start" id={`start-${id}`} label="cuti.f.new_start" type="date" errors={errors} optional />
      <Field pc={pc} name="end" id={`end-${id}`} label="cuti.f.new_end" type="date" errors={errors} optional />
      <Field pc={pc} name="until" id={`until-${id}`} label="cuti.f.until" type="date" errors={errors} optional />
      <Submit
        label={t(as === 'consider' ? 'cuti.consider_submit' : 'cuti.decide_submit')}
        testid={`${as}-submit-${id}`}
      />
    </Form>
  );
}

function Summary(p: { pc: PageCtx; a: Leave; withName?: boolean }) {
  const { pc, a } = p;
  const t = pc.t;
  return (
    <p>
      {p.withName ? (
        <>
          <strong>{a.full_name}</strong> · {a.nip}
          <br />
        </>
      ) : null}
      <strong>{t(`presensi.type.${a.type}`)}</strong> <StatusTag pc={pc} status={a.status} />
      <br />
      {periodText(pc, a)}
    </p>
  );
}

export function registerLeavePages(
  app: App,
  s: Services,
  config: Config,
  throttle: (req: FastifyRequest) => Promise<void>,
) {
  const A = s.attendance;
  const C = A.cuti;

  const ownPage = async (req: FastifyRequest, reply: FastifyReply, failure?: FormFailure, values: Values = {}) => {
    const pc = pageCtx(req, reply);
    const t = pc.t;
    const ctx = req.ctx();
    const [opts, mine, balance] = await Promise.all([
      C.options(ctx),
      C.mine(ctx),
      A.leave(ctx, Number(A.thisMonth().slice(0, 4))),
    ]);
    const open = opts.options.filter((o) => !o.refusal);
    const closed = opts.options.filter((o) => o.refusal);
    const errors = failure?.errors;
    return (
      <Layout pc={pc} title={t('cuti.title')}>
        <p>
          <a href="/presensi">{t('presensi.title')}</a> · <a href="/presensi/izin">{t('presensi.nav_absence')}</a>
        </p>
        <h1>{t('cuti.title')}</h1>
        <ErrorSummary t={t} errors={errors} message={failure?.message} params={failure?.params ?? {}} />
        <p>{t('cuti.intro')}</p>
        <p data-testid="leave-service">
          {opts.service && opts.serviceStart
            ? t('cuti.service_length', { ...opts.service, since: day(pc, opts.serviceStart) })
            : t('cuti.service_unknown')}
        </p>
        <div class="card" data-testid="leave-balance">
          <p>
            {t('presensi.leave_balance', {
              year: balance.year,
              remaining: balance.remaining,
              available: balance.available,
              taken: balance.taken,
            })}
          </p>
        </div>
        <h2>{t('cuti.mine')}</h2>
        {mine.length ? (
          <ul class="stack" data-testid="leave-list">
            {mine.map((a) => (
              <li class="card" data-testid={`leave-item-${a.id}`}>
                <Summary pc={pc} a={a} />
                <a href={`/presensi/cuti/${a.id}`}>{t('cuti.open')}</a>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('cuti.mine_none')}</p>
        )}
        <h2 id="ajukan">{t('cuti.new')}</h2>
        {!opts.options.length ? (
          <p data-testid="leave-none-for-kind">{t('cuti.none_for_kind')}</p>
        ) : (
          <>
            {closed.length ? (
              <div class="notice" data-testid="leave-unavailable">
                <p>
                  <strong>{t('cuti.unavailable')}</strong>
                </p>
                <ul>
                  {closed.map((o) => {
                    const m = refusalMessage(o.refusal!);
                    return (
                      <li data-testid={`leave-unavailable-${o.type}`}>
                        {t(`presensi.type.${o.type}`)}: {t(m.key, m.params)}
                      </li>
                    );
                  })}
                </ul>
              </div>
            ) : null}
            <p class="hint">{t('cuti.bersama_note')}</p>
            {open.length ? (
              <Form pc={pc} action="/presensi/cuti" multipart testid="leave-form">
                <input
                  type="hidden"
                  name="idempotencyKey"
                  value={KEY.test(values.idempotencyKey ?? '') ? values.idempotencyKey : newKey()}
                />
                <div class={errors?.some((e) => e.field === 'type') ? 'form-group form-group--error' : 'form-group'}>
                  <label for="f-type">{t('presensi.f.type')}</label>
                  {errors
                    ?.filter((e) => e.field === 'type')
                    .map((e) => (
                      <p class="error-message">{t(e.key, e.params)}</p>
                    ))}
                  <select id="f-type" name="type" data-testid="leave-type">
                    {open.map((o) => (
                      <option value={o.type} selected={o.type === values.type}>
                        {t(`presensi.type.${o.type}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <Field
                  pc={pc}
                  name="start"
                  label="presensi.f.start"
                  type="date"
                  testid="leave-start"
                  value={values.start}
                  errors={errors}
                />
                <Field
                  pc={pc}
                  name="end"
                  label="presensi.f.end"
                  type="date"
                  testid="leave-end"
                  value={values.end}
                  errors={errors}
                  hint="presensi.hint.end"
                />
                <Field
                  pc={pc}
                  name="reason"
                  label="presensi.f.reason"
                  type="textarea"
                  testid="leave-reason"
                  value={values.reason}
                  errors={errors}
                />
                {open.some((o) => o.type === 'cuti_melahirkan') ? (
                  <Field
                    pc={pc}
                    name="childOrder"
                    label="cuti.f.child_order"
                    type="number"
                    value={values.childOrder}
                    errors={errors}
                    optional
                    hint="cuti.hint.child_order"
                  />
                ) : null}
                <div
                  class={errors?.some((e) => e.field === 'attachment') ? 'form-group form-group--error' : 'form-group'}
                >
                  <label for="f-attachment">
                    {t('presensi.f.attachment')} {t('common.optional')}
                  </label>
                  <div class="hint">{t(failure ? 'presensi.hint.attachment_again' : 'presensi.hint.attachment')}</div>
                  {errors
                    ?.filter((e) => e.field === 'attachment')
                    .map((e) => (
                      <p class="error-message">{t(e.key, e.params)}</p>
                    ))}
                  <input
                    type="file"
                    id="f-attachment"
                    name="attachment"
                    accept="image/jpeg,image/png,image/webp,application/pdf"
                  />
                </div>
                <Submit label={t('cuti.submit')} testid="leave-submit" />
              </Form>
            ) : null}
          </>
        )}
      </Layout>
    );
  };

  app.get('/presensi/cuti', { config: { access: P.own } }, async (req, reply) =>
    sendPage(reply, await ownPage(req, reply)),
  );

  // Multipart arrives as key/values (the letter as a Buffer) and is checked by hand, then by content in the service.
  app.post('/presensi/cuti', { config: { access: P.own, multipartOptions: LEAVE_MULTIPART } }, async (req, reply) => {
    const b = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
    const str = (k: string) => (typeof b[k] === 'string' ? (b[k] as string).trim().slice(0, 600) : '');
    const values: Values = Object.fromEntries(
      ['idempotencyKey', 'type', 'start', 'end', 'reason', 'childOrder'].map((k) => [k, str(k)]),
    );
    const raw = Array.isArray(b.attachment)
      ? (b.attachment as unknown[]).find((x) => Buffer.isBuffer(x))
      : b.attachment;
    const errors: FieldError[] = [];
    if (!values.type) errors.push({ field: 'type', key: 'cuti.err.type' });
    if (!isDate(values.start))
      errors.push({ field: 'start', key: 'presensi.err.date', params: { field: 'presensi.f.start' } });
    if (!isDate(values.end))
      errors.push({ field: 'end', key: 'presensi.err.date', params: { field: 'presensi.f.end' } });
    if (!values.reason) errors.push({ field: 'reason', key: 'presensi.err.reason' });
    else if (values.reason.length > 500)
      errors.push({ field: 'reason', key: 'field.too_long', params: { field: 'presensi.f.reason', limit: 500 } });
    const child = values.childOrder ? Number(values.childOrder) : undefined;
    if (child !== undefined && !(Number.isInteger(child) && child >= 1 && child <= 20))
      errors.push({ field: 'childOrder', key: 'cuti.err.child_missing' });
    const fail = async (failure: FormFailure, status: number) =>
      sendPage(reply, await ownPage(req, reply, failure, values), status);
    if (!KEY.test(values.idempotencyKey ?? '')) return fail({ errors: [], message: 'presensi.err.bad_form' }, 400);
    if (errors.length) return fail({ errors }, 400);
    const type = (await C.options(req.ctx())).options.find((o) => o.type === values.type)?.type;
    if (!type) return fail({ errors: [{ field: 'type', key: 'cuti.why.kind' }] }, 422);
    let id: number;
    try {
      id = (
        await A.requestAbsence(req.ctx(), {
          idempotencyKey: values.idempotencyKey!,
          type,
          start: values.start!,
          end: values.end!,
          reason: values.reason!,
          childOrder: child,
          attachment: Buffer.isBuffer(raw) && raw.length ? raw : undefined,
        })
      ).id;
    } catch (err) {
      if (err instanceof AppError && err.status < 500 && ![401, 403, 404].includes(err.status))
        return fail(
          { errors: err.fields, message: err.fields.length ? undefined : err.key, params: err.params },
          err.status,
        );
      throw err;
    }
    return reply.redirect(`/presensi/cuti/${id}?diajukan=1`, 303);
  });

  app.get('/presensi/cuti/antrean', { config: { access: P.oversee } }, async (req, reply) => {
    const pc = pageCtx(req, reply);
    const t = pc.t;
    const q = await C.queues(req.ctx());
    const flash = (req.query as Record<string, string | undefined>).ok;
    const list = (items: Leave[], as: 'consider' | 'decide') =>
      items.length ? (
        <ul class="stack" data-testid={`queue-${as}`}>
          {items.map((a) => (
            <li class="card" data-testid={`queue-${as}-${a.id}`}>
              <Summary pc={pc} a={a} withName />
              <p>{a.reason}</p>
              <p>
                <a href={`/presensi/cuti/${a.id}`}>{t('cuti.open')}</a>
              </p>
              <StepFormView pc={pc} id={a.id} as={as} />
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('cuti.queue_none')}</p>
      );
    return sendPage(
      reply,
      <Layout pc={pc} title={t('cuti.queue_title')}>
        <h1>{t('cuti.queue_title')}</h1>
        {flash === 'pertimbangan' ? (
          <div class="notice notice--success" role="status" data-testid="leave-considered">
            {t('cuti.considered')}
          </div>
        ) : null}
        <h2>{t('cuti.queue_consider')}</h2>
        {list(q.consider, 'consider')}
        <h2>{t('cuti.queue_decide')}</h2>
        {list(q.decide, 'decide')}
      </Layout>,
    );
  });

  /** One request's page (loaded first, rendered synchronously for handleForm). */
  const requestView = async (req: FastifyRequest, reply: FastifyReply, id: number) => {
    const pc = pageCtx(req, reply);
    const t = pc.t;
    const v = await C.view(req.ctx(), id);
    const a = v.request;
    const q = (req.query ?? {}) as Record<string, string | undefined>;
    return (failure?: FormFailure) => (
      <Layout pc={pc} title={t('cuti.request_title', { type: t(`presensi.type.${a.type}`) })}>
        <p>
          <a href="/presensi/cuti">{t('cuti.title')}</a> · <a href="/presensi/cuti/antrean">{t('cuti.nav_queue')}</a>
        </p>
        <h1>{t('cuti.request_title', { type: t(`presensi.type.${a.type}`) })}</h1>
        <ErrorSummary t={t} errors={failure?.errors} message={failure?.message} params={failure?.params ?? {}} />
        {q.diajukan === '1' ? (
          <div class="notice notice--success" role="status" data-testid="leave-done">
            {t('cuti.done')}
          </div>
        ) : null}
        {q.diputuskan === '1' ? (
          <div class="notice notice--success" role="status" data-testid="leave-decided">
            {t('cuti.decided')}
          </div>
        ) : null}
        <dl class="summary-list">
          <div>
            <dt>{t('f.name')}</dt>
            <dd>
              {a.full_name} · {a.nip}
            </dd>
          </div>
          <div>
            <dt>{t('cuti.period')}</dt>
            <dd>
              {periodText(pc, a)} <StatusTag pc={pc} status={a.status} />
            </dd>
          </div>
          {a.requested_start && a.requested_end ? (
            <div>
              <dt>{t('cuti.requested_period')}</dt>
              <dd>{`${day(pc, a.requested_start)} – ${day(pc, a.requested_end)}`}</dd>
            </div>
          ) : null}
          {a.child_order ? (
            <div>
              <dt>{t('cuti.f.child_order')}</dt>
              <dd>{t('cuti.child_order', { n: a.child_order })}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t('presensi.f.reason')}</dt>
            <dd>{a.reason}</dd>
          </div>
          <div>
            <dt>{t('cuti.consideration')}</dt>
            <dd data-testid="leave-consideration">
              {a.consideration
                ? [
                    t(`cuti.outcome.${a.consideration}`),
                    a.consideration_start && a.consideration_end
                      ? `${day(pc, a.consideration_start)} – ${day(pc, a.consideration_end)}`
                      : '',
                    a.consideration_until ? t('cuti.deferred_until', { date: day(pc, a.consideration_until) }) : '',
                    a.consideration_note ?? '',
                  ]
                    .filter(Boolean)
                    .join(' · ')
                : a.status === 'diajukan'
                  ? t('cuti.waiting_consideration')
                  : '—'}
            </dd>
          </div>
          <div>
            <dt>{t('cuti.decision')}</dt>
            <dd data-testid="leave-decision">
              {a.decision_outcome
                ? [
                    t(`cuti.outcome.${a.decision_outcome}`),
                    a.deferred_until ? t('cuti.deferred_until', { date: day(pc, a.deferred_until) }) : '',
                    a.decision_note ?? '',
                  ]
                    .filter(Boolean)
                    .join(' · ')
                : a.status === 'dipertimbangkan'
                  ? t('cuti.waiting_decision')
                  : '—'}
            </dd>
          </div>
          {v.acts.length ? (
            <div>
              <dt>{t('acting.trail_label')}</dt>
              <dd data-testid="leave-acting">
                {v.acts.map((x) => (
                  <p>
                    {t(`cuti.${x.step === 'consider' ? 'consideration' : 'decision'}`)}:{' '}
                    {x.holder_name
                      ? t('acting.trail', {
                          actor: x.actor_name,
                          prefix: ACTING_PREFIX[x.kind],
                          post: x.post_title,
                          holder: x.holder_name,
                        })
                      : t('acting.trail_vacant', {
                          actor: x.actor_name,
                          prefix: ACTING_PREFIX[x.kind],
                          post: x.post_title,
                        })}
                  </p>
                ))}
              </dd>
            </div>
          ) : null}
        </dl>
        {a.letter_number ? (
          <section class="card">
            <h2>{t('cuti.letter')}</h2>
            <p data-testid="leave-number">{t('cuti.letter_number', { number: a.letter_number })}</p>
            <p>
              <a href={`/presensi/cuti/${a.id}/surat.pdf`} data-testid="leave-pdf">
                {t('cuti.letter_download')}
              </a>
            </p>
          </section>
        ) : null}
        {v.mayConsider ? <StepFormView pc={pc} id={a.id} as="consider" failure={failure} /> : null}
        {v.mayDecide ? <StepFormView pc={pc} id={a.id} as="decide" failure={failure} /> : null}
      </Layout>
    );
  };

  app.get('/presensi/cuti/:id', { config: { access: P.oversee }, schema: { params: IdParam } }, async (req, reply) =>
    sendPage(reply, (await requestView(req, reply, req.params.id))()),
  );
  app.get(
    '/presensi/cuti/:id/surat.pdf',
    { config: { access: P.oversee }, schema: { params: IdParam } },
    async (req, reply) => sendLeaveLetter(req, reply, s, config, req.params.id),
  );

  const stepOf = (body: Record<string, string | undefined> | undefined): LeaveStep => ({
    outcome: (body?.outcome ?? 'setuju') as LeaveStep['outcome'],
    note: body?.note?.trim() || null,
    start: body?.start || undefined,
    end: body?.end || undefined,
    until: body?.until || undefined,
  });
  const stepRoute = (path: string, as: 'consider' | 'decide') =>
    app.post(
      path,
      {
        config: { access: as === 'consider' ? ['pegawai'] : P.oversee },
        attachValidation: true,
        schema: { params: IdParam, body: StepForm },
      },
      async (req, reply) => {
        const id = Number((req.params as { id: unknown }).id);
        if (!Number.isSafeInteger(id) || id < 1) throw new AppError(404, 'error.not_found'); // params are not checked before the handler with attachValidation
        const view = await requestView(req, reply, id);
        const step = stepOf(req.body as Record<string, string | undefined>);
        return handleForm(req, reply, {
          render: (failure) => view(failure),
          run: () => (as === 'consider' ? C.consider(req.ctx(), id, step) : C.decide(req.ctx(), id, step)),
          done: () =>
            reply.redirect(
              as === 'consider' ? '/presensi/cuti/antrean?ok=pertimbangan' : `/presensi/cuti/${id}?diputuskan=1`,
              303,
            ),
        });
      },
    );
  stepRoute('/presensi/cuti/:id/pertimbangan', 'consider');
  stepRoute('/presensi/cuti/:id/keputusan', 'decide');

  app.get(
    '/v/cuti/:code',
    { config: { access: 'public' }, attachValidation: true, schema: { params: VerifyParam } },
    async (req, reply) => {
      await throttle(req);
      const pc = pageCtx(req, reply);
      const t = pc.t;
      const v = req.validationError ? null : await C.verify((req.params as { code: string }).code);
      reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex');
      return sendPage(
        reply,
        <Layout pc={pc} title={t('cuti.verify_title')}>
          <h1>{t('cuti.verify_title')}</h1>
          <p data-testid="verify-message">{t(v ? 'cuti.verify_ok' : 'cuti.verify_none')}</p>
          {v ? (
            <dl class="summary-list" data-testid="verify-details">
              <div>
                <dt>{t('cuti.letter')}</dt>
                <dd>{`${v.number} · ${day(pc, v.issuedOn)}`}</dd>
              </div>
              <div>
                <dt>{t('presensi.f.type')}</dt>
                <dd>{v.typeName}</dd>
              </div>
              <div>
                <dt>{t('f.name')}</dt>
                <dd>{`${v.employeeName} · ${v.unit}`}</dd>
              </div>
              <div>
                <dt>{t('cuti.period')}</dt>
                <dd>{`${day(pc, v.period.start)} – ${day(pc, v.period.end)}`}</dd>
              </div>
              <div>
                <dt>{t('cuti.decision')}</dt>
                <dd>{`${v.official.name}, ${v.official.position}`}</dd>
              </div>
            </dl>
          ) : null}
        </Layout>,
        v ? 200 : 404,
      );
    },
  );
}
