// Feedback pages (issue 16, item 4): /skp/:id/umpan-balik — the superior writes feedback to the SKP's owner (from the
// approval queue about one log, `?log=`), optionally a note on a BerAKHLAK behaviour; the list of the year's feedback
// with read marks. The employee marks a feedback read (POST /skp/umpan-balik/:id/dibaca). FeedbackList is shown on
// the SKP page and the daily-log page too; BehaviourNotes on the evaluation page.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormFailure } from '../../http/forms.js';
import { Form as FormBody, IdParam, OptStr, type App } from '../../http/types.js';
import { AppError } from '../../lib/errors.js';
import { formatTime } from '../../ui/format.js';
import { ErrorSummary, Form, SelectField, Submit, TextArea } from '../../ui/forms.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, redirectWithFlash, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { FEEDBACK_TONES, type FeedbackRow } from './feedback-repo.js';
import { BERAKHLAK, skpPolicy as P } from './policy.js';

type Values = Record<string, string | undefined>;
interface State {
  failure?: FormFailure;
  values?: Values;
  status?: number;
}

const formatDay = (day: string, locale: string) =>
  new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${day}T12:00:00Z`),
  );

/** Where a read mark may send the employee back to: their own pages only. */
const safeBack = (raw: unknown) =>
  typeof raw === 'string' && /^\/skp\/(harian|\d{1,10}(\/umpan-balik)?)$/.test(raw) ? raw : '/skp/harian';

/** Feedback as a list of cards (phone first); the owner gets a "mark read" button on each unread one. */
export function FeedbackList(p: { pc: PageCtx; items: readonly FeedbackRow[]; owner: boolean; back: string }) {
  const { t, locale } = p.pc;
  if (!p.items.length) return <p data-testid="feedback-none">{t('skp.fb.none')}</p>;
  return (
    <ul class="cards" data-testid="feedback-list">
      {p.items.map((f) => (
        <li class="card" data-testid={`feedback-${f.id}`}>
          <p class="muted">
            {formatTime(f.created_at, p.pc, 'long')} · {f.author_name}
          </p>
          {f.behaviour && f.tone ? (
            <p>
              <strong data-testid={`feedback-note-${f.id}`}>
                {t(`skp.fb.tone.${f.tone}`)}: {t(`skp.behaviour.${f.behaviour as (typeof BERAKHLAK)[number]}`)}
              </strong>
            </p>
          ) : null}
          <p>{f.message}</p>
          {f.log_id && f.log_date ? (
            <p class="muted">
              {t('skp.fb.about_log', { date: formatDay(f.log_date, locale), what: f.log_description ?? '' })}
            </p>
          ) : null}
          {f.read_at ? (
            <p class="muted" data-testid={`feedback-read-${f.id}`}>
              {t('skp.fb.read_at', { at: formatTime(f.read_at, p.pc) })}
            </p>
          ) : p.owner ? (
            <Form pc={p.pc} action={`/skp/umpan-balik/${f.id}/dibaca`} class="inline-form">
              <input type="hidden" name="back" value={p.back} />
              <span class="tag" data-testid={`feedback-unread-${f.id}`}>
                {t('skp.fb.unread')}
              </span>{' '}
              <button type="submit" class="button button--secondary" data-testid={`feedback-mark-${f.id}`}>
                {t('skp.fb.mark_read')}
              </button>
            </Form>
          ) : (
            <p class="muted">{t('skp.fb.unread')}</p>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The period's notes on one behaviour, shown beside its rating on the evaluation form. */
export function BehaviourNotes(p: { pc: PageCtx; code: string; notes: readonly FeedbackRow[] }) {
  const { t } = p.pc;
  const mine = p.notes.filter((n) => n.behaviour === p.code);
  if (!mine.length) return null;
  return (
    <ul class="notes" data-testid={`eval-notes-${p.code}`}>
      {mine.map((n) => (
        <li>
          <strong>{t(`skp.fb.tone.${n.tone!}`)}</strong> ({formatTime(n.created_at, p.pc, 'long')}, {n.author_name}):{' '}
          {n.message}
        </li>
      ))}
    </ul>
  );
}

export function registerSkpFeedbackPages(app: App, s: Services) {
  const F = s.skpFeedback;

  const page = async (req: FastifyRequest, reply: FastifyReply, id: number, st: State = {}) => {
    const pc = pageCtx(req, reply);
    const { t } = pc;
    const f = await F.ofPlan(req.ctx(), id);
    const q = (req.query ?? {}) as { log?: string };
    const logId = st.values?.logId ?? (typeof q.log === 'string' && /^\d{1,10}$/.test(q.log) ? q.log : '');
    const errs = st.failure?.errors;
    const title = t('skp.fb.title', { name: f.p.employee_name, year: f.p.year });
    return sendPage(
      reply,
      <Layout pc={pc} title={title}>
        <h1>{title}</h1>
        <ErrorSummary t={t} errors={errs} message={st.failure?.message} params={st.failure?.params} />
        {f.mayGive ? (
          <Form pc={pc} action={`/skp/${id}/umpan-balik`} testid="feedback-form">
            {logId ? (
              <>
                <input type="hidden" name="logId" value={logId} />
                <p class="notice">{t('skp.fb.for_log')}</p>
              </>
            ) : null}
            <TextArea
              t={t}
              name="message"
              label="skp.fb.f.message"
              hint="skp.fb.f.message_hint"
              errors={errs}
              value={st.values?.message}
              rows={4}
              maxLength={2000}
              testid="feedback-message"
            />
            <SelectField
              t={t}
              name="behaviour"
              label="skp.fb.f.behaviour"
              optional
              errors={errs}
              value={st.values?.behaviour ?? ''}
              placeholder={t('skp.fb.no_behaviour')}
              options={BERAKHLAK.map((c) => ({ value: c, label: t(`skp.behaviour.${c}`) }))}
              testid="feedback-behaviour"
            />
            <SelectField
              t={t}
              name="tone"
              label="skp.fb.f.tone"
              hint="skp.fb.f.tone_hint"
              optional
              errors={errs}
              value={st.values?.tone ?? ''}
              placeholder={t('skp.fb.no_tone')}
              options={FEEDBACK_TONES.map((c) => ({ value: c, label: t(`skp.fb.tone.${c}`) }))}
              testid="feedback-tone"
            />
            <Submit label={t('skp.fb.submit')} testid="feedback-submit" />
          </Form>
        ) : null}
        <h2>{t('skp.fb.list')}</h2>
        <FeedbackList pc={pc} items={f.items} owner={f.isOwner} back={`/skp/${id}/umpan-balik`} />
        <p>
          <a href={`/skp/${id}`}>{t('skp.eval.back')}</a>
          {f.mayGive ? (
            <>
              {' '}
              · <a href="/skp/persetujuan">{t('skp.review.title')}</a>
            </>
          ) : null}
        </p>
      </Layout>,
      st.status ?? 200,
    );
  };

  app.get('/skp/:id/umpan-balik', { config: { access: P.view }, schema: { params: IdParam } }, (req, reply) =>
    page(req, reply, req.params.id),
  );
  app.post(
    '/skp/:id/umpan-balik',
    {
      config: { access: P.act },
      attachValidation: true,
      schema: {
        params: IdParam,
        body: FormBody({ message: OptStr(4000), logId: OptStr(12), behaviour: OptStr(40), tone: OptStr(40) }),
      },
    },
    async (req, reply) => {
      const b = (req.body ?? {}) as Values;
      if (req.validationError)
        return page(req, reply, req.params.id, {
          values: b,
          failure: { errors: [], message: 'error.validation' },
          status: 400,
        });
      try {
        await F.give(req.ctx(), req.params.id, {
          message: b.message ?? '',
          logId: b.logId,
          behaviour: b.behaviour,
          tone: b.tone,
        });
      } catch (err) {
        if (err instanceof AppError && err.status < 500 && ![401, 403, 404].includes(err.status))
          return page(req, reply, req.params.id, {
            values: b,
            failure: { errors: err.fields, message: err.fields.length ? undefined : err.key, params: err.params },
            status: err.status,
          });
        throw err;
      }
      return redirectWithFlash(reply, `/skp/${req.params.id}/umpan-balik`, 'skp.fb.sent');
    },
  );
  app.post(
    '/skp/umpan-balik/:id/dibaca',
    {
      config: { access: P.act },
      schema: { params: IdParam },
    },
    async (req, reply) => {
      await F.markRead(req.ctx(), req.params.id);
      return redirectWithFlash(reply, safeBack((req.body as Values | undefined)?.back), 'skp.fb.marked');
    },
  );
}
