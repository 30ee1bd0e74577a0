// Daily logs on the phone (/skp/harian) and the superior's approvals (/skp/persetujuan). The log form shrinks a
// photo on the phone and waits in the outbox without signal, sent later with the same key (public/app.js); the
// approvals page approves one log with one tap, or all ticked at once.
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormFailure } from '../../http/forms.js';
import { IdParam, type App } from '../../http/types.js';
import { addMenu } from '../../kernel/menu.js';
import { sendStoredFile } from '../../kernel/files/serve.js';
import { AppError } from '../../lib/errors.js';
import { ErrorSummary, Form, SelectField, Submit, TextArea, TextField } from '../../ui/forms.js';
import { Layout } from '../../ui/layout.js';
import { TableWrap } from '../../ui/lists.js';
import { pageCtx, redirectWithFlash, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { EVIDENCE_MAX_BYTES } from './logs-service.js';
import { skpPolicy as P } from './policy.js';
import { FeedbackList } from './pages-feedback.js';

type Values = Record<string, string | undefined>;
interface State {
  failure?: FormFailure;
  values?: Values;
  status?: number;
}
type Mine = Awaited<ReturnType<Services['skpLogs']['mine']>>;

const newKey = () => randomUUID().replace(/-/g, '');
const formatDay = (day: string, locale: string) =>
  new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${day}T12:00:00Z`),
  );

function LogForm(p: { pc: PageCtx; plan: NonNullable<Mine['plan']>; st: State; today: string; days: number }) {
  const { t } = p.pc;
  const errs = p.st.failure?.errors;
  const v = p.st.values ?? {};
  const options = p.plan.results.flatMap((r) => {
    const inds = p.plan.indicators.filter((i) => i.result_id === r.id);
    return inds.length
      ? inds.map((i) => ({ value: `${r.id}:${i.id}`, label: `${r.text} — ${i.text} (${i.unit_label})` }))
      : [{ value: `${r.id}:`, label: r.text }];
  });
  const err = (f: string) => errs?.find((e) => e.field === f);
  return (
    <form
      method="post"
      action="/skp/harian"
      enctype="multipart/form-data"
      novalidate
      data-compress
      data-offline={t('skp.log.offline_waiting')}
      data-offline-count={t('skp.log.offline_count', { n: '{n}' })}
      data-offline-title={t('skp.log.offline_title')}
      data-offline-sent={t('skp.log.offline_sent')}
      data-offline-refused={t('skp.log.offline_refused')}
      data-testid="log-form"
    >
      <input type="hidden" name="_csrf" value={p.pc.csrf} />
      <input type="hidden" name="idempotencyKey" value={v.idempotencyKey ?? newKey()} />
      <div class="form-group">
        <label for="f-logDate">{t('skp.log.date')}</label>
        <div class="hint" id="f-logDate-hint">
          {t('skp.log.date_hint', { days: p.days })}
        </div>
        {err('logDate') ? <p class="error-message">{t(err('logDate')!.key, err('logDate')!.params)}</p> : null}
        <input
          id="f-logDate"
          name="logDate"
          type="date"
          max={p.today}
          value={v.logDate ?? p.today}
          aria-describedby="f-logDate-hint"
          data-testid="log-date"
        />
      </div>
      <SelectField
        t={t}
        name="target"
        label="skp.log.target"
        errors={errs}
        value={v.target}
        options={options}
        testid="log-target"
      />
      <TextField
        t={t}
        name="quantity"
        label="skp.log.quantity"
        hint="skp.log.quantity_hint"
        errors={errs}
        value={v.quantity ?? '1'}
        maxLength={12}
        testid="log-quantity"
      />
      <TextField
        t={t}
        name="minutes"
        label="skp.log.minutes"
        hint="skp.log.minutes_hint"
        errors={errs}
        value={v.minutes}
        inputmode="numeric"
        maxLength={4}
        testid="log-minutes"
      />
      <TextArea
        t={t}
        name="description"
        label="skp.log.description"
        errors={errs}
        value={v.description}
        rows={3}
        maxLength={1000}
        testid="log-description"
      />
      <div class="form-group">
        <label for="f-evidence">
          {t('skp.log.evidence')} {t('common.optional')}
        </label>
        <div class="hint" id="f-evidence-hint">
          {t('skp.log.evidence_hint', { max: `${Math.round(EVIDENCE_MAX_BYTES / 1024)} KB` })}
        </div>
        {err('evidence') ? <p class="error-message">{t(err('evidence')!.key, err('evidence')!.params)}</p> : null}
        <input
          id="f-evidence"
          name="evidence"
          type="file"
          accept="image/jpeg,image/png,image/webp,application/pdf"
          data-max-px="1280"
          data-max-bytes={String(EVIDENCE_MAX_BYTES)}
          aria-describedby="f-evidence-hint"
          data-testid="log-evidence"
        />
      </div>
      <Submit label={t('skp.log.submit')} testid="log-submit" />
    </form>
  );
}

function LogList(p: { pc: PageCtx; logs: Mine['logs'] }) {
  const { t, locale } = p.pc;
  if (!p.logs.length) return <p data-testid="log-none">{t('skp.log.none')}</p>;
  return (
    <TableWrap label={t('skp.log.list')}>
      <table class="table" data-testid="log-list">
        <thead>
          <tr>
            <th>{t('skp.log.date')}</th>
            <th>{t('skp.log.what')}</th>
            <th class="num">{t('skp.log.quantity')}</th>
            <th>{t('skp.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {p.logs.map((l) => (
            <tr data-testid={`log-row-${l.id}`}>
              <td>{formatDay(l.log_date, locale)}</td>
              <td>
                {l.description}
                <br />
                <span class="muted">{l.indicator_text ?? l.result_text}</span>
                {l.evidence_file_id ? (
                  <>
                    {' '}
                    · <a href={`/skp/harian/${l.id}/bukti`}>{t('skp.log.evidence_link')}</a>
                  </>
                ) : null}
              </td>
              <td class="num">
                {Number(l.quantity).toLocaleString('id-ID')} {l.unit_label ?? ''}
              </td>
              <td data-testid={`log-status-${l.id}`}>
                {t(`skp.log.status.${l.status}`)}
                {l.return_note ? (
                  <>
                    <br />
                    <span class="muted">{l.return_note}</span>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function registerSkpLogPages(app: App, s: Services) {
  const L = s.skpLogs;
  addMenu(
    app,
    { href: '/skp/harian', key: 'skp.log.nav', roles: P.act, order: 47 },
    { href: '/skp/persetujuan', key: 'skp.review.nav', roles: P.act, order: 48 },
  );

  const render = async (req: FastifyRequest, reply: FastifyReply, st: State = {}) => {
    const pc = pageCtx(req, reply);
    const { t } = pc;
    const m = await L.mine(req.ctx());
    const month = L.today().slice(0, 7);
    const real = m.plan
      ? await L.realisation(req.ctx(), m.plan.p.id, Number(month.slice(0, 4)), Number(month.slice(5, 7)))
      : [];
    const fb = await s.skpFeedback.mine(req.ctx(), Number(month.slice(0, 4)));
    return sendPage(
      reply,
      <Layout pc={pc} title={t('skp.log.title')}>
        <h1>{t('skp.log.title')}</h1>
        <ErrorSummary t={t} errors={st.failure?.errors} message={st.failure?.message} params={st.failure?.params} />
        {m.plan ? (
          <LogForm pc={pc} plan={m.plan} st={st} today={L.today()} days={L.windowDays} />
        ) : (
          <p class="notice" data-testid="log-no-plan">
            {t('skp.log.err.no_plan')} <a href="/skp">{t('skp.title')}</a>
          </p>
        )}
        {fb.items.length ? (
          <section data-testid="log-feedback">
            <h2>{t('skp.fb.mine_title')}</h2>
            {fb.unread ? <p class="notice">{t('skp.fb.unread_count', { n: fb.unread })}</p> : null}
            <FeedbackList pc={pc} items={fb.items.slice(0, 10)} owner back="/skp/harian" />
          </section>
        ) : null}
        <h2>{t('skp.log.list')}</h2>
        <LogList pc={pc} logs={m.logs} />
        {real.length ? (
          <>
            <h2>{t('skp.log.realisation')}</h2>
            <TableWrap label={t('skp.log.realisation')}>
              <table class="table" data-testid="log-realisation">
                <thead>
                  <tr>
                    <th>{t('skp.field.indicator')}</th>
                    <th class="num">{t('skp.field.target')}</th>
                    <th class="num">{t('skp.log.achieved')}</th>
                    <th class="num">%</th>
                  </tr>
                </thead>
                <tbody>
                  {real.map((r) => (
                    <tr>
                      <td>{r.indicator.text}</td>
                      <td class="num">{r.target.toLocaleString('id-ID')}</td>
                      <td class="num">{r.achieved.toLocaleString('id-ID')}</td>
                      <td class="num">{r.percent}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </>
        ) : null}
      </Layout>,
      st.status ?? 200,
    );
  };

  app.get('/skp/harian', { config: { access: P.act } }, (req, reply) => render(req, reply));
  app.post(
    '/skp/harian',
    {
      config: {
        access: P.act,
        multipartOptions: { limits: { files: 1, fileSize: EVIDENCE_MAX_BYTES * 3, fields: 12 } },
      },
    },
    async (req, reply) => {
      const b = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
      const str = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : '');
      const values: Values = {
        idempotencyKey: str('idempotencyKey'),
        logDate: str('logDate'),
        target: str('target'),
        quantity: str('quantity'),
        minutes: str('minutes'),
        description: str('description'),
      };
      try {
        await L.submit(req.ctx(), {
          idempotencyKey: values.idempotencyKey!,
          logDate: values.logDate!,
          target: values.target!,
          quantity: values.quantity!,
          minutes: values.minutes!,
          description: values.description!,
          evidence: Buffer.isBuffer(b.evidence) && b.evidence.length ? b.evidence : undefined,
        });
        return redirectWithFlash(reply, '/skp/harian', 'skp.log.sent');
      } catch (err) {
        if (err instanceof AppError && err.status < 500 && ![401, 403, 404].includes(err.status))
          return render(req, reply, {
            values,
            failure: { errors: err.fields, message: err.fields.length ? undefined : err.key, params: err.params },
            status: err.status,
          });
        throw err;
      }
    },
  );
  app.get('/skp/harian/:id/bukti', { config: { access: P.act }, schema: { params: IdParam } }, async (req, reply) => {
    const f = await L.evidence(req.ctx(), req.params.id);
    return sendStoredFile(reply, f, `bukti-kinerja-${req.params.id}`);
  });

  const queue = async (req: FastifyRequest, reply: FastifyReply, st: State = {}) => {
    const pc = pageCtx(req, reply);
    const { t, locale } = pc;
    const items = await L.queue(req.ctx());
    const now = Date.now();
    return sendPage(
      reply,
      <Layout pc={pc} title={t('skp.review.title')}>
        <h1>{t('skp.review.title')}</h1>
        <p>
          <a href="/skp/pantau">{t('skp.pantau.link')}</a>
        </p>
        <ErrorSummary t={t} errors={st.failure?.errors} message={st.failure?.message} params={st.failure?.params} />
        {items.length ? (
          <>
            <form method="post" action="/skp/persetujuan/setujui" id="review-bulk-form" data-testid="review-bulk">
              <input type="hidden" name="_csrf" value={pc.csrf} />
              <Submit label={t('skp.review.approve_ticked')} testid="review-approve-ticked" />
            </form>
            <TableWrap label={t('skp.review.title')}>
              <table class="table" data-testid="review-list">
                <thead>
                  <tr>
                    <th>{t('skp.review.tick')}</th>
                    <th>{t('skp.col.employee')}</th>
                    <th>{t('skp.log.what')}</th>
                    <th>{t('skp.review.waiting')}</th>
                    <th>{t('common.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((l) => (
                    <tr data-testid={`review-row-${l.id}`}>
                      <td>
                        <input
                          type="checkbox"
                          name="ids"
                          value={String(l.id)}
                          form="review-bulk-form"
                          aria-label={t('skp.review.tick_one', { name: l.employee_name })}
                          data-testid={`review-tick-${l.id}`}
                        />
                      </td>
                      <td>{l.employee_name}</td>
                      <td>
                        {formatDay(l.log_date, locale)}: {l.description}
                        <br />
                        <span class="muted">
                          {Number(l.quantity).toLocaleString('id-ID')} {l.unit_label ?? ''} ·{' '}
                          {t('skp.review.minutes', { n: l.minutes })} · {l.indicator_text ?? l.result_text}
                        </span>
                        {l.evidence_file_id ? (
                          <>
                            {' '}
                            · <a href={`/skp/harian/${l.id}/bukti`}>{t('skp.log.evidence_link')}</a>
                          </>
                        ) : null}{' '}
                        ·{' '}
                        <a href={`/skp/${l.skp_id}/umpan-balik?log=${l.id}`} data-testid={`review-feedback-${l.id}`}>
                          {t('skp.fb.give_link')}
                        </a>
                      </td>
                      <td>
                        {t('skp.review.days', {
                          n: Math.max(0, Math.floor((now - l.created_at.getTime()) / 86_400_000)),
                        })}
                      </td>
                      <td>
                        <Form pc={pc} action="/skp/persetujuan/setujui" class="inline-form">
                          <input type="hidden" name="ids" value={String(l.id)} />
                          <button type="submit" class="button" data-testid={`review-approve-${l.id}`}>
                            {t('skp.review.approve')}
                          </button>
                        </Form>
                        <Form pc={pc} action="/skp/persetujuan/kembalikan" class="inline-form">
                          <input type="hidden" name="ids" value={String(l.id)} />
                          <label for={`note-${l.id}`}>{t('skp.review.note')}</label>{' '}
                          <input id={`note-${l.id}`} name="note" type="text" maxlength={500} />{' '}
                          <button type="submit" class="button button--secondary" data-testid={`review-return-${l.id}`}>
                            {t('skp.review.return')}
                          </button>
                        </Form>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </>
        ) : (
          <p data-testid="review-none">{t('skp.review.none')}</p>
        )}
      </Layout>,
      st.status ?? 200,
    );
  };

  const idsOf = (body: unknown) => {
    const raw = (body as { ids?: string | string[] } | undefined)?.ids;
    return (Array.isArray(raw) ? raw : raw ? [raw] : [])
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0 && n < 2 ** 31)
      .slice(0, 500);
  };
  const decide = (decision: 'disetujui' | 'dikembalikan') => async (req: FastifyRequest, reply: FastifyReply) => {
    const ids = idsOf(req.body);
    const note = String((req.body as { note?: unknown } | undefined)?.note ?? '').slice(0, 2000);
    if (!ids.length)
      return queue(req, reply, { failure: { errors: [], message: 'skp.review.err.none_ticked' }, status: 422 });
    try {
      await L.review(req.ctx(), ids, decision, note);
    } catch (err) {
      if (err instanceof AppError && err.status < 500 && ![401, 403, 404].includes(err.status))
        return queue(req, reply, {
          failure: { errors: err.fields, message: err.fields.length ? undefined : err.key, params: err.params },
          status: err.status,
        });
      throw err;
    }
    return redirectWithFlash(
      reply,
      '/skp/persetujuan',
      decision === 'disetujui' ? 'skp.review.approved' : 'skp.review.returned',
    );
  };
  app.get('/skp/persetujuan', { config: { access: P.act } }, (req, reply) => queue(req, reply));
  app.post('/skp/persetujuan/setujui', { config: { access: P.act } }, decide('disetujui'));
  app.post('/skp/persetujuan/kembalikan', { config: { access: P.act } }, decide('dikembalikan'));
}
