// HTML pages of layanan warga: a request's detail with its timeline,
// versions and actions, the submitter's list, and public tracking by code.
// The submission form is in pages-form.tsx, the correction of a returned
// request in pages-correct.tsx, the approver's queue and decision forms in
// pages-queue.tsx.
import { addMenu } from '../../kernel/menu.js';
import { normalizePublicCode } from '../../kernel/codes.js';
import { formatTime } from '../../ui/format.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { safeNext, type FormFailure } from '../../http/forms.js';
import { Form as FormSchema, IdParam, OptStr, type App } from '../../http/types.js';
import type { MessageKey } from '../../i18n/index.js';
import { AppError, notFound } from '../../lib/errors.js';
import { ErrorSummary } from '../../ui/forms.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, redirectWithFlash, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import type { RequestClocks } from './rules.js';
import { requestPolicy } from './policy.js';
import { canActAtStage, formatDuration, STAGES } from './rules.js';
import { TrackParam } from './schema.js';
import { RetentionNote, VersionHistory } from './pages-versions.js';
import { PrivacyNotice } from '../../ui/privacy.js';
import { AlreadyDecided, type Decided } from './decided.js';
import { AlreadyDecidedNotice, DecisionForms, registerApproverPages, Thumbs } from './pages-queue.js';
import { ClockTag, StatusTag, stageName } from './tags.js';

type Detail = Awaited<ReturnType<Services['requests']['get']>>;
type Values = Record<string, string>;

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
const TrackQuery = Type.Object({ kode: Type.Optional(Type.String({ maxLength: 40 })) });
const DetailQuery = Type.Object({ baru: Type.Optional(Type.String({ maxLength: 4 })) });

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
        <p>
          <a class="button" href={`/layanan/${r.id}/perbaiki`} data-testid="correct-link">
            {t('req.correct.link')}
          </a>
        </p>
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
      <RetentionNote pc={p.pc} d={p.d} />
      <VersionHistory pc={p.pc} d={p.d} />
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
              <h2>
                <a href={`/layanan/${r.id}`}>{r.type_snapshot.name}</a>
              </h2>
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
  privacy: ReturnType<Services['requests']['privacy']>;
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
      <PrivacyNotice t={t} kind="tracking" policy={p.privacy} />
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
      <DetailPage pc={pageCtx(req, reply)} d={d} clocks={await s.dashboard.clocksOf(d.request)} {...extra} />,
      status,
    );
  };
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
        <DetailPage pc={pageCtx(req, reply)} d={d} clocks={await s.dashboard.clocksOf(d.request)} notice={notice} />,
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
      // Return and reject share one form and one reason field (`f-reason`).
      const reasonField = 'reason';
      if (req.validationError)
        return detailPage(
          req,
          reply,
          id,
          { values, failure: { errors: [{ field: reasonField, key: 'error.validation' }] } },
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
              failure: {
                errors: err.fields,
                message: err.fields.length ? undefined : err.key,
                params: err.params,
              },
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
    const raw = (req.query.kode ?? '').trim();
    if (!raw) return sendPage(reply, <TrackPage pc={pageCtx(req, reply)} privacy={s.requests.privacy()} />);
    // Lower case, spaces and hyphens as typed are fine: the page's address carries the code as issued.
    const code = normalizePublicCode(raw);
    if (!code)
      return sendPage(
        reply,
        <TrackPage pc={pageCtx(req, reply)} privacy={s.requests.privacy()} error="req.track.bad_code" />,
        400,
      );
    return reply.redirect(`/lacak/${code}`, 303);
  });

  // What a tracking code shows is about a person: never cached (see http/app.ts).
  const tracking = { access: 'public', personalData: true } as const;
  // A code that cannot be one says so on the tracking page (not as a form error on a field named "code").
  const trackingPage = { config: tracking, attachValidation: true, schema: { params: TrackParam } };
  app.get('/lacak/:code', trackingPage, async (req, reply) => {
    const code = normalizePublicCode(String(req.params.code ?? ''));
    if (req.validationError || !code)
      return sendPage(
        reply,
        <TrackPage pc={pageCtx(req, reply)} privacy={s.requests.privacy()} error="req.track.bad_code" />,
        400,
      );
    if (!(await s.requests.allowTrackingLookup(req.ip)))
      return sendPage(
        reply,
        <TrackPage
          pc={pageCtx(req, reply)}
          privacy={s.requests.privacy()}
          code={code}
          error="error.rate_limited"
          params={{ minutes: 15 }}
        />,
        429,
      );
    try {
      const result = await s.requests.track(code);
      return sendPage(
        reply,
        <TrackPage pc={pageCtx(req, reply)} privacy={s.requests.privacy()} code={code} result={result} />,
      );
    } catch (err) {
      if (err instanceof AppError && err.status === 404)
        return sendPage(
          reply,
          <TrackPage pc={pageCtx(req, reply)} privacy={s.requests.privacy()} code={code} error="req.track.not_found" />,
          404,
        );
      throw err;
    }
  });
}
