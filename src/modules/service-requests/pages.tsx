// HTML pages of layanan warga: the submission form (multipart, photos shrunk
// and queued offline by app.js), a request's detail with its timeline and
// actions, the submitter's list, and public tracking by code. The approver's
// queue and decision forms are in pages-queue.tsx.
import { addMenu } from '../../kernel/menu.js';
import { formatTime } from '../../ui/format.js';
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { LetterField } from '../../db/schema.js';
import { safeNext, type FormFailure } from '../../http/forms.js';
import { UPLOAD_LIMIT } from '../../http/cookies.js';
import { Form as FormSchema, IdParam, OptStr, type App } from '../../http/types.js';
import type { MessageKey, Translate } from '../../i18n/index.js';
import { AppError, invalid, notFound, type FieldError } from '../../lib/errors.js';
import { ErrorSummary, Form, SelectField, Submit, TextArea } from '../../ui/forms.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, redirectWithFlash, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import type { RequestClocks } from './rules.js';
import { requestPolicy } from './policy.js';
import { canActAtStage, formatDuration, STAGES, type Action } from './rules.js';
import { TrackParam } from './schema.js';
import { AlreadyDecided, type Decided } from './decided.js';
import { AlreadyDecidedNotice, DecisionForms, registerApproverPages, Thumbs } from './pages-queue.js';
import { ClockTag, StatusTag, stageName } from './tags.js';

type Detail = Awaited<ReturnType<Services['requests']['get']>>;
type LetterTypeRow = Awaited<ReturnType<Services['requests']['listTypes']>>[number];
type Values = Record<string, string>;

const MAX_FILES = 5;

const ActionForm = FormSchema({
  action: Type.Union([
    Type.Literal('approve'),
    Type.Literal('return'),
    Type.Literal('reject'),
    Type.Literal('resubmit'),
  ]),
  reason: OptStr(500),
  expectedVersion: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$' })),
  expectedStage: Type.Optional(Type.Union([Type.Literal(''), ...STAGES.map((x) => Type.Literal(x))])),
  next: OptStr(200),
});
const NewQuery = Type.Object({
  jenis: Type.Optional(Type.String({ maxLength: 40 })),
  warga: Type.Optional(Type.String({ maxLength: 12 })),
});
const TrackQuery = Type.Object({ kode: Type.Optional(Type.String({ maxLength: 40 })) });
const DetailQuery = Type.Object({ baru: Type.Optional(Type.String({ maxLength: 4 })) });

const newKey = () => randomUUID().replace(/-/g, '');

// ---- Submission ----

function TypeList(p: { pc: PageCtx; types: LetterTypeRow[]; warga?: string | undefined }) {
  const t = p.pc.t;
  return (
    <Layout pc={p.pc} title={t('req.new.title')}>
      <h1>{t('req.new.choose')}</h1>
      <ul class="stack" data-testid="letter-types">
        {p.types.map((ty) => (
          <li>
            <a
              href={`/layanan/baru?jenis=${encodeURIComponent(ty.code)}${p.warga ? `&warga=${encodeURIComponent(p.warga)}` : ''}`}
            >
              {ty.name}
            </a>
            <br />
            <span class="muted">
              {t('req.new.route', {
                route: ty.route.map((s) => stageName(t, s)).join(' → '),
                minutes: ty.total_budget_minutes,
              })}
            </span>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

function DynamicField(p: { t: Translate; f: LetterField; value: string; errors: FieldError[] }) {
  const name = `field_${p.f.name}`;
  const err = p.errors.find((e) => e.field === name);
  const common = {
    id: `f-${name}`,
    name,
    maxlength: p.f.maxLength ?? 500,
    'aria-invalid': err ? 'true' : undefined,
    'aria-describedby': err ? `f-${name}-error` : undefined,
  };
  return (
    <div class={err ? 'form-group form-group--error' : 'form-group'}>
      <label for={`f-${name}`}>{p.f.label}</label>
      {err ? <ErrorLine t={p.t} id={`f-${name}-error`} err={err} /> : null}
      {p.f.type === 'textarea' ? (
        <textarea {...common} rows={3}>
          {p.value}
        </textarea>
      ) : (
        <input
          {...common}
          type={p.f.type === 'date' ? 'date' : 'text'}
          inputmode={p.f.type === 'number' ? 'numeric' : undefined}
          value={p.value}
        />
      )}
    </div>
  );
}

function ErrorLine(p: { t: Translate; id: string; err: FieldError }) {
  return (
    <p class="error-message" id={p.id}>
      {p.t(p.err.key, p.err.params)}
    </p>
  );
}

interface NewFormProps {
  pc: PageCtx;
  type: LetterTypeRow;
  residents: { value: string; label: string }[] | null;
  values: Values;
  idempotencyKey: string;
  failure?: FormFailure | undefined;
}

function NewRequestPage(p: NewFormProps) {
  const t = p.pc.t;
  const errors = p.failure?.errors ?? [];
  const ty = p.type;
  return (
    <Layout pc={p.pc} title={t('req.new.title')}>
      <ErrorSummary t={t} errors={errors} message={p.failure?.message} params={p.failure?.params} />
      <p>
        <a href="/layanan/baru">{t('req.new.change_type')}</a>
      </p>
      <h1>{ty.name}</h1>
      <p class="muted">
        {t('req.new.route', {
          route: ty.route.map((s) => stageName(t, s)).join(' → '),
          minutes: ty.total_budget_minutes,
        })}
      </p>
      <form
        method="post"
        action="/layanan"
        enctype="multipart/form-data"
        novalidate
        data-testid="request-form"
        data-compress=""
        data-offline={t('req.offline.queued')}
        data-offline-count={t('req.offline.count', { n: '{n}' })}
      >
        <input type="hidden" name="_csrf" value={p.pc.csrf} />
        <input type="hidden" name="letterType" value={ty.code} />
        <input type="hidden" name="idempotencyKey" value={p.idempotencyKey} />
        {p.residents ? (
          <SelectField
            t={t}
            name="residentId"
            label="f.resident"
            value={p.values.residentId}
            placeholder={t('req.new.pick_resident')}
            options={p.residents}
            errors={errors}
          />
        ) : (
          <p data-testid="for-yourself">{t('req.new.yourself', { name: p.pc.user?.fullName ?? '' })}</p>
        )}
        <TextArea
          t={t}
          name="purpose"
          label="f.purpose"
          value={p.values.purpose}
          rows={2}
          maxLength={300}
          errors={errors}
        />
        {ty.fields.map((f) => (
          <DynamicField t={t} f={f} value={p.values[`field_${f.name}`] ?? ''} errors={errors} />
        ))}
        <h2>{t('req.new.attachments')}</h2>
        <p class="hint">{t('req.new.attachment_hint')}</p>
        {p.failure ? <p class="hint">{t('req.new.reattach')}</p> : null}
        {ty.attachments.map((a) => {
          const name = `file_${a.kind}`;
          const err = errors.find((e) => e.field === name);
          return (
            <div class={err ? 'form-group form-group--error' : 'form-group'}>
              <label for={`f-${name}`}>
                {a.label}
                {a.required ? '' : ` ${t('common.optional')}`}
              </label>
              {err ? <ErrorLine t={t} id={`f-${name}-error`} err={err} /> : null}
              <input
                id={`f-${name}`}
                name={name}
                type="file"
                accept="image/*,application/pdf"
                capture="environment"
                data-max-bytes={String(UPLOAD_LIMIT * 4)}
              />
            </div>
          );
        })}
        <Submit label={t('req.new.submit')} testid="request-submit" />
      </form>
    </Layout>
  );
}

/** Reads the multipart (or urlencoded) body by hand: fields as strings, files as Buffers. */
function readSubmission(body: unknown, type: LetterTypeRow | undefined) {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const str = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : '');
  const values: Values = { residentId: str('residentId').slice(0, 12), purpose: str('purpose').slice(0, 1000) };
  const fields: Record<string, string> = {};
  for (const f of type?.fields ?? []) {
    const v = str(`field_${f.name}`);
    values[`field_${f.name}`] = v.slice(0, 1000);
    fields[f.name] = v;
  }
  const attachments: { kind: string; content: Buffer }[] = [];
  for (const a of type?.attachments ?? []) {
    const raw = b[`file_${a.kind}`];
    const buf = Array.isArray(raw) ? raw.find((x) => Buffer.isBuffer(x)) : raw;
    if (Buffer.isBuffer(buf) && buf.length > 0) attachments.push({ kind: a.kind, content: buf });
  }
  return { key: str('idempotencyKey'), letterType: str('letterType'), values, fields, attachments };
}

function checkSubmission(
  x: ReturnType<typeof readSubmission>,
  type: LetterTypeRow | undefined,
  forOthers: boolean,
): FieldError[] {
  const errors: FieldError[] = [];
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(x.key) || !type) errors.push({ field: 'letterType', key: 'req.new.bad_form' });
  if (forOthers && !/^[1-9][0-9]{0,9}$/.test(x.values.residentId ?? ''))
    errors.push({ field: 'residentId', key: 'field.required', params: { field: 'f.resident' } });
  const purpose = (x.values.purpose ?? '').trim();
  if (!purpose) errors.push({ field: 'purpose', key: 'field.required', params: { field: 'f.purpose' } });
  else if (purpose.length > 300)
    errors.push({ field: 'purpose', key: 'field.too_long', params: { field: 'f.purpose', limit: 300 } });
  return errors;
}

// ---- Detail ----

function Timeline(p: { pc: PageCtx; transitions: Detail['transitions'] }) {
  const t = p.pc.t;
  return (
    <ol class="stack" data-testid="timeline">
      {p.transitions.map((x) => (
        <li data-testid="transition">
          <strong>{t(`req.action.${x.action}`)}</strong>
          {x.from_stage ? ` (${stageName(t, x.from_stage)})` : ''} — {x.actor_name ?? ''}
          {x.actor_role ? `, ${t(`role.${x.actor_role as 'lurah'}`)}` : ''} · {formatTime(x.at, p.pc)}
          {x.stage_budget_minutes !== null && x.elapsed_seconds !== null ? (
            <>
              <br />
              <span class={x.within_budget === false ? 'tag tag--red' : 'muted'}>
                {t('req.detail.elapsed', {
                  elapsed: formatDuration(x.elapsed_seconds),
                  budget: x.stage_budget_minutes,
                })}
              </span>
            </>
          ) : null}
          {x.reason && x.action !== 'issue' ? (
            <>
              <br />
              {t('req.detail.reason', { reason: x.reason })}
            </>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

function ActionForms(p: { pc: PageCtx; d: Detail; values: Values; failure?: FormFailure | undefined }) {
  const t = p.pc.t;
  const r = p.d.request;
  const user = p.pc.user;
  if (!user) return null;
  const errors = p.failure?.errors ?? [];
  const hidden = (action: Action) => (
    <>
      <input type="hidden" name="action" value={action} />
      <input type="hidden" name="expectedVersion" value={String(r.version)} />
    </>
  );
  if (r.status === 'in_progress' && canActAtStage(user.role, r.stage)) {
    const reasonError = errors.some((e) => e.field === 'reason');
    return (
      <DecisionForms
        pc={p.pc}
        r={r}
        reason={p.values.action === 'return' || p.values.action === 'reject' ? p.values.reason : undefined}
        reasonError={reasonError}
      />
    );
  }
  if (r.status === 'returned' && (r.submitted_by === user.id || user.role === 'ketua_rt')) {
    return (
      <section data-testid="act-forms">
        <p class="notice notice--warning">{t('req.detail.returned_note')}</p>
        <Form pc={p.pc} action={`/layanan/${r.id}/tindakan`} testid="resubmit-form">
          {hidden('resubmit')}
          <TextArea
            t={t}
            name="reason"
            label="req.detail.note"
            value={p.values.reason}
            rows={2}
            maxLength={500}
            optional
            errors={errors}
          />
          <Submit label={t('req.resubmit')} testid="resubmit" />
        </Form>
      </section>
    );
  }
  return null;
}

function DetailPage(p: {
  pc: PageCtx;
  d: Detail;
  clocks: RequestClocks;
  notice?: string | undefined;
  values?: Values;
  failure?: FormFailure | undefined;
  decided?: Decided | null | undefined;
}) {
  const t = p.pc.t;
  const r = p.d.request;
  const ty = r.type_snapshot;
  const fieldLabel = new Map(ty.fields.map((f) => [f.name, f.label]));
  const attLabel = new Map(ty.attachments.map((a) => [a.kind, a.label]));
  return (
    <Layout pc={p.pc} title={t('req.detail.title', { code: r.tracking_code })}>
      {p.notice ? (
        <div class="notice notice--success" role="status" data-testid="submitted-notice">
          {p.notice}
        </div>
      ) : null}
      {p.failure?.message === 'requests.already_acted' ? (
        <AlreadyDecidedNotice pc={p.pc} decided={p.decided} />
      ) : (
        <ErrorSummary
          t={t}
          errors={p.failure?.errors}
          message={p.failure?.message}
          params={p.failure?.params}
          title={p.failure?.message === 'requests.not_your_stage' ? 'appr.not_your_stage_title' : undefined}
        />
      )}
      <h1>{ty.name}</h1>
      <dl class="summary-list">
        <div>
          <dt>{t('req.code')}</dt>
          <dd>
            <code data-testid="tracking-code">{r.tracking_code}</code>
          </dd>
        </div>
        <div>
          <dt>{t('common.status')}</dt>
          <dd data-testid="status">
            <StatusTag t={t} status={r.status} />
            {r.stage ? ` ${t('req.stage_now')}: ${stageName(t, r.stage)}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('req.resident')}</dt>
          <dd>
            {r.resident_name} · {r.nik_masked}
          </dd>
        </div>
        <div>
          <dt>{t('req.submitted_at')}</dt>
          <dd>{formatTime(r.submitted_at, p.pc)}</dd>
        </div>
        <div>
          <dt>{t('req.detail.clocks')}</dt>
          <dd>
            <ClockTag
              t={t}
              clock={p.clocks.stage}
              label={t('req.clock.stage', { stage: stageName(t, r.stage) })}
              testid="stage-clock"
            />{' '}
            <ClockTag t={t} clock={p.clocks.total} label={t('req.clock.total')} testid="total-clock" />{' '}
            <span class="muted">{t('req.detail.total_budget', { minutes: ty.total_budget_minutes })}</span>
          </dd>
        </div>
        <div>
          <dt>{t('f.purpose')}</dt>
          <dd>{r.purpose}</dd>
        </div>
        {Object.entries(r.field_values).map(([k, v]) => (
          <div>
            <dt>{fieldLabel.get(k) ?? k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {p.d.letter ? (
        <p data-testid="letter">
          <a class="button" href={`/layanan/${r.id}/surat.pdf`} data-testid="download-pdf">
            {t('req.detail.download')}
          </a>
          <br />
          {t('req.detail.letter_number', { number: p.d.letter.number })}
          <br />
          <span data-testid="verify-code">{t('req.detail.verify_code', { code: p.d.letter.verify_code })}</span>
        </p>
      ) : null}
      {p.d.attachments.length ? (
        <>
          <h2>{t('req.detail.attachments')}</h2>
          <Thumbs pc={p.pc} requestId={r.id} attachments={p.d.attachments} labels={attLabel} />
        </>
      ) : null}
      {/* The facts (purpose, fields, attachments) come before the buttons that decide on them. */}
      <ActionForms pc={p.pc} d={p.d} values={p.values ?? {}} failure={p.failure} />
      <h2>{t('req.detail.timeline')}</h2>
      <Timeline pc={p.pc} transitions={p.d.transitions} />
    </Layout>
  );
}

// ---- Mine and tracking ----

function MinePage(p: { pc: PageCtx; rows: Awaited<ReturnType<Services['requests']['mine']>> }) {
  const t = p.pc.t;
  return (
    <Layout pc={p.pc} title={t('req.mine.title')}>
      <h1>{t('req.mine.title')}</h1>
      <p>
        <a class="button" href="/layanan/baru" data-testid="new-request">
          {t('req.new.link')}
        </a>
      </p>
      {p.rows.length ? (
        <ul class="cards" data-testid="mine">
          {p.rows.map((r) => (
            <li class="card" data-testid="mine-row">
              <h3>
                <a href={`/layanan/${r.id}`}>{r.type_snapshot.name}</a>
              </h3>
              <p>
                {r.resident_name} · <code>{r.tracking_code}</code>
              </p>
              <p>
                <StatusTag t={t} status={r.status} /> {r.stage ? stageName(t, r.stage) : ''}{' '}
                <span class="muted">{formatTime(r.submitted_at, p.pc)}</span>
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('req.mine.empty')}</p>
      )}
    </Layout>
  );
}

type Tracked = Awaited<ReturnType<Services['requests']['track']>>;

function TrackPage(p: {
  pc: PageCtx;
  code?: string | undefined;
  result?: Tracked | undefined;
  error?: MessageKey | undefined;
  params?: Record<string, string | number>;
}) {
  const t = p.pc.t;
  const r = p.result;
  return (
    <Layout pc={p.pc} title={t('req.track.title')}>
      {p.error ? (
        <ErrorSummary t={t} errors={[{ field: 'kode', key: p.error, ...(p.params ? { params: p.params } : {}) }]} />
      ) : null}
      <h1>{t('req.track.title')}</h1>
      {r ? (
        <section data-testid="tracked">
          <h2>{r.type}</h2>
          <p>
            <code>{r.trackingCode}</code> · <StatusTag t={t} status={r.status} />{' '}
            {r.overdue && r.status === 'in_progress' ? (
              <span class="tag tag--red">{t('req.track.overdue')}</span>
            ) : null}
          </p>
          <ol class="stack" data-testid="track-stages">
            {r.route.map((st, i) => {
              const current = r.status !== 'completed' && r.status !== 'rejected' && i === r.stageIndex;
              const done = r.status === 'completed' || i < r.stageIndex;
              return (
                <li aria-current={current ? 'step' : undefined} data-current={current ? 'true' : undefined}>
                  {current ? <strong>{stageName(t, st)}</strong> : stageName(t, st)}{' '}
                  {current ? (
                    <span class="tag tag--blue">{t('req.track.current')}</span>
                  ) : done ? (
                    <span class="tag tag--green">{t('req.track.done')}</span>
                  ) : null}
                </li>
              );
            })}
          </ol>
          <p>
            {t('req.submitted_at')}: {formatTime(r.submittedAt, p.pc)}
            {r.completedAt ? ` · ${t('req.track.completed_at')}: ${formatTime(r.completedAt, p.pc)}` : ''}
          </p>
        </section>
      ) : null}
      <form method="get" action="/lacak" data-testid="track-form">
        <div class="form-group">
          <label for="f-kode">{t('req.code')}</label>
          <div class="hint" id="f-kode-hint">
            {t('req.track.code_hint')}
          </div>
          <input
            id="f-kode"
            name="kode"
            value={p.code ?? ''}
            maxlength={16}
            autocomplete="off"
            autocapitalize="characters"
            aria-describedby="f-kode-hint"
            class="input--medium"
          />
        </div>
        <button class="button button--secondary">{t('req.track.submit')}</button>
      </form>
    </Layout>
  );
}

export function registerRequestsPages(app: App, s: Services) {
  registerApproverPages(app, s);
  addMenu(app, { href: '/layanan/saya', key: 'req.nav.mine', roles: ['warga', 'ketua_rt'], order: 30 });
  const detailPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    extra: { notice?: string; values?: Values; failure?: FormFailure; decided?: Decided | null } = {},
    status = 200,
  ) => {
    const d = await s.requests.get(req.ctx(), id);
    return sendPage(
      reply,
      <DetailPage pc={pageCtx(req, reply)} d={d} clocks={s.dashboard.clocksOf(d.request)} {...extra} />,
      status,
    );
  };
  const residentOptions = async (req: FastifyRequest) => {
    if (req.user?.role === 'warga') return null;
    const out: { value: string; label: string }[] = [];
    for (let page = 1; page <= 4; page++) {
      const res = await s.residents.search(req.ctx(), { page, status: 'hidup' });
      out.push(...res.rows.map((r) => ({ value: String(r.id), label: `${r.full_name} — ${r.nik_masked}` })));
      if (!res.hasMore) break;
    }
    return out;
  };
  const activeType = async (code: string) => (await s.requests.listTypes()).find((x) => x.code === code);

  app.get(
    '/layanan/baru',
    { config: { access: requestPolicy.submit }, schema: { querystring: NewQuery } },
    async (req, reply) => {
      const type = req.query.jenis ? await activeType(req.query.jenis) : undefined;
      const pc = pageCtx(req, reply);
      if (!type)
        return sendPage(reply, <TypeList pc={pc} types={await s.requests.listTypes()} warga={req.query.warga} />);
      const warga = /^[0-9]{1,10}$/.test(req.query.warga ?? '') ? req.query.warga! : '';
      return sendPage(
        reply,
        <NewRequestPage
          pc={pc}
          type={type}
          residents={await residentOptions(req)}
          values={{ residentId: warga }}
          idempotencyKey={newKey()}
        />,
      );
    },
  );

  // No body schema: multipart arrives as key/values (files as Buffers) and is checked by hand.
  app.post(
    '/layanan',
    {
      config: {
        access: requestPolicy.submit,
        multipartOptions: { limits: { files: MAX_FILES, fileSize: UPLOAD_LIMIT, fields: 40 } },
      },
    },
    async (req, reply) => {
      const raw = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
      const type = typeof raw.letterType === 'string' ? await activeType(raw.letterType) : undefined;
      const x = readSubmission(req.body, type);
      const forOthers = req.user?.role !== 'warga';
      const render = async (failure: FormFailure) => {
        const pc = pageCtx(req, reply);
        if (!type) return <TypeList pc={pc} types={await s.requests.listTypes()} />;
        const key = /^[A-Za-z0-9_-]{8,64}$/.test(x.key) ? x.key : newKey();
        return (
          <NewRequestPage
            pc={pc}
            type={type}
            residents={await residentOptions(req)}
            values={x.values}
            idempotencyKey={key}
            failure={failure}
          />
        );
      };
      try {
        const errors = checkSubmission(x, type, forOthers);
        if (errors.length) throw invalid(errors);
        const r = await s.requests.submit(req.ctx(), {
          idempotencyKey: x.key,
          letterType: x.letterType,
          residentId: forOthers ? Number(x.values.residentId) : undefined,
          purpose: (x.values.purpose ?? '').trim(),
          fields: x.fields,
          attachments: x.attachments,
        });
        return reply.redirect(`/layanan/${r.id}?baru=1`, 303);
      } catch (err) {
        // Like handleForm: a refused submission re-renders the form with the entries kept; 403/404 stay errors.
        if (err instanceof AppError && err.status < 500 && ![401, 403, 404].includes(err.status)) {
          return sendPage(
            reply,
            await render({ errors: err.fields, message: err.fields.length ? undefined : err.key, params: err.params }),
            err.status,
          );
        }
        throw err;
      }
    },
  );

  app.get('/layanan/saya', { config: { access: requestPolicy.submit } }, async (req, reply) =>
    sendPage(reply, <MinePage pc={pageCtx(req, reply)} rows={await s.requests.mine(req.ctx())} />),
  );

  app.get(
    '/layanan/:id',
    { config: { access: requestPolicy.view }, schema: { params: IdParam, querystring: DetailQuery } },
    async (req, reply) => {
      const d = await s.requests.get(req.ctx(), req.params.id);
      const notice = req.query.baru ? req.t('req.submitted', { code: d.request.tracking_code }) : undefined;
      return sendPage(
        reply,
        <DetailPage pc={pageCtx(req, reply)} d={d} clocks={s.dashboard.clocksOf(d.request)} notice={notice} />,
      );
    },
  );

  app.post(
    '/layanan/:id/tindakan',
    { config: { access: requestPolicy.act }, attachValidation: true, schema: { params: IdParam, body: ActionForm } },
    async (req, reply) => {
      if (!Number.isInteger(req.params?.id)) throw notFound();
      const id = req.params.id;
      const b = (req.body ?? {}) as Record<string, unknown>;
      const values: Values = {
        action: typeof b.action === 'string' ? b.action : '',
        reason: typeof b.reason === 'string' ? b.reason : '',
      };
      await s.requests.get(req.ctx(), id); // 404 outside the scope, before anything else
      if (req.validationError)
        return detailPage(
          req,
          reply,
          id,
          { values, failure: { errors: [{ field: 'reason', key: 'error.validation' }] } },
          400,
        );
      const body = req.body;
      try {
        await s.requests.act(
          req.ctx(),
          id,
          body.action,
          body.reason ?? '',
          body.expectedVersion ? Number(body.expectedVersion) : undefined,
          body.expectedStage || undefined,
        );
      } catch (err) {
        // A stale form (someone else decided first) is answered with what happened; nothing was written.
        if (err instanceof AlreadyDecided)
          return detailPage(
            req,
            reply,
            id,
            { values, failure: { errors: [], message: err.key }, decided: err.decided },
            409,
          );
        if (err instanceof AppError && (err.status === 409 || err.status === 422 || err.status === 403)) {
          return detailPage(
            req,
            reply,
            id,
            {
              values,
              failure: { errors: err.fields, message: err.fields.length ? undefined : err.key, params: err.params },
            },
            err.status,
          );
        }
        throw err;
      }
      return redirectWithFlash(reply, safeNext(body.next, `/layanan/${id}`), 'req.flash.acted');
    },
  );

  app.get('/lacak', { config: { access: 'public' }, schema: { querystring: TrackQuery } }, async (req, reply) => {
    const raw = (req.query.kode ?? '').trim().toUpperCase();
    if (!raw) return sendPage(reply, <TrackPage pc={pageCtx(req, reply)} />);
    if (!/^[A-Z0-9]{6,16}$/.test(raw))
      return sendPage(reply, <TrackPage pc={pageCtx(req, reply)} error="req.track.bad_code" />, 400);
    return reply.redirect(`/lacak/${raw}`, 303);
  });

  // What a tracking code shows is about a person: never cached (see http/app.ts).
  const tracking = { access: 'public', personalData: true } as const;
  app.get('/lacak/:code', { config: tracking, schema: { params: TrackParam } }, async (req, reply) => {
    const code = req.params.code;
    if (!(await s.requests.allowTrackingLookup(req.ip)))
      return sendPage(
        reply,
        <TrackPage pc={pageCtx(req, reply)} code={code} error="error.rate_limited" params={{ minutes: 15 }} />,
        429,
      );
    try {
      const result = await s.requests.track(code);
      return sendPage(reply, <TrackPage pc={pageCtx(req, reply)} code={code} result={result} />);
    } catch (err) {
      if (err instanceof AppError && err.status === 404)
        return sendPage(reply, <TrackPage pc={pageCtx(req, reply)} code={code} error="req.track.not_found" />, 404);
      throw err;
    }
  });
}
