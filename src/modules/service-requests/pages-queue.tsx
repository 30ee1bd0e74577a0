// The approver's side of layanan warga: the queue on /layanan and on every
// approver's home (late first, then oldest), each request with its purpose,
// masked requester, clocks and attachment thumbnails beside the buttons; the
// decision forms of the detail page; and "already decided by …" when someone
// else acted first. Forms marked data-decide are queued on the phone by
// public/decide.js when there is no signal and sent once, with the version
// they were taken on, when it returns.
import type { FastifyRequest } from 'fastify';
import { hasThumbnail } from '../../kernel/files/thumbnail.js';
import { addMenu } from '../../kernel/menu.js';
import { assetUrl } from '../../http/static.js';
import type { App } from '../../http/types.js';
import type { Translate } from '../../i18n/index.js';
import { Form } from '../../ui/forms.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { maskName } from '../residents/index.js';
import { decidedMessage, type Decided } from './decided.js';
import { requestPolicy } from './policy.js';
import { isLate, type RequestClocks } from './rules.js';
import { AttachmentParams } from './schema.js';
import { ClockTag, stageName } from './tags.js';

export type QueueItem = Awaited<ReturnType<Services['requests']['approverQueue']>>[number];
export interface QueueEntry {
  r: QueueItem;
  clocks: RequestClocks;
  late: boolean;
}
type Attachment = { id: number; kind: string; mime: string; size_bytes: number };
type Heading = 'h2' | 'h3';

/** The queue rows with their clocks and lateness at the service's clock (what the home and /layanan show). */
export async function loadQueue(s: Services, req: FastifyRequest): Promise<QueueEntry[]> {
  const rows = await s.requests.approverQueue(req.ctx());
  const now = s.dashboard.now();
  return (await s.dashboard.clocksOfAll(rows)).map(({ r, clocks }) => ({ r, clocks, late: isLate(now, r) }));
}

/** The decision forms' script: only on pages that carry such forms, and cached like every asset. */
export const DecideScript = () => <script src={assetUrl('decide.js')} defer></script>;

export function AlreadyDecidedNotice(p: { pc: PageCtx; decided: Decided | null | undefined }) {
  const t = p.pc.t;
  return (
    <div class="notice notice--warning" role="alert" data-testid="already-acted">
      <strong>{t('req.already_acted_title')}</strong>{' '}
      {p.decided !== undefined ? (
        <span data-testid="decided-by">{decidedMessage(t, p.decided, p.pc)}</span>
      ) : (
        t('requests.already_acted')
      )}{' '}
      {t('appr.stale_nothing_written')}
    </div>
  );
}

/** Thumbnails of the pictures (the full file one tap away); other files as plain links. */
export function Thumbs(p: { pc: PageCtx; requestId: number; attachments: Attachment[]; labels: Map<string, string> }) {
  const t = p.pc.t;
  if (!p.attachments.length) return null;
  return (
    <ul class="thumbs" aria-label={t('appr.queue.attachments')} data-testid="thumbs">
      {p.attachments.map((a) => {
        const name = p.labels.get(a.kind) ?? a.kind;
        const full = `/api/v1/requests/${p.requestId}/attachments/${a.id}`;
        return (
          <li>
            {hasThumbnail(a.mime, a.size_bytes) ? (
              <a href={full} data-testid="attachment">
                <img
                  src={`/layanan/${p.requestId}/lampiran/${a.id}/mini`}
                  alt={t('appr.queue.photo_alt', { name })}
                  height={64}
                  loading="lazy"
                  data-testid="thumb"
                />
              </a>
            ) : (
              <a href={full} data-testid="attachment">
                {t('appr.queue.file_link', { name })}
              </a>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function Hidden(p: { version: number; stage: string | null; next?: string | undefined }) {
  return (
    <>
      <input type="hidden" name="expectedVersion" value={String(p.version)} />
      <input type="hidden" name="expectedStage" value={p.stage ?? ''} />
      {p.next ? <input type="hidden" name="next" value={p.next} /> : null}
    </>
  );
}

/** Return and reject share one reason field (one id per page): both need it, approve does not. */
function ReasonForm(p: {
  pc: PageCtx;
  id: number;
  version: number;
  stage: string | null;
  next?: string | undefined;
  fieldId: string;
  value?: string | undefined;
  error?: boolean;
}) {
  const t = p.pc.t;
  return (
    <Form pc={p.pc} action={`/layanan/${p.id}/tindakan`} testid="reason-form">
      <Hidden version={p.version} stage={p.stage} next={p.next} />
      <div class={p.error ? 'form-group form-group--error' : 'form-group'}>
        <label for={p.fieldId}>{t('f.reason')}</label>
        <p class="hint" id={`${p.fieldId}-hint`}>
          {t('appr.reason_hint')}
        </p>
        {p.error ? (
          <p class="error-message" id={`${p.fieldId}-error`}>
            {t('requests.reason_required')}
          </p>
        ) : null}
        <textarea
          id={p.fieldId}
          name="reason"
          rows={2}
          maxlength={500}
          aria-describedby={p.error ? `${p.fieldId}-hint ${p.fieldId}-error` : `${p.fieldId}-hint`}
          aria-invalid={p.error ? 'true' : undefined}
          data-need-reason={t('appr.need_reason')}
        >
          {p.value ?? ''}
        </textarea>
      </div>
      <button type="submit" name="action" value="return" class="button button--secondary" data-testid="return">
        {t('req.return')}
      </button>{' '}
      <button type="submit" name="action" value="reject" class="button button--danger" data-testid="reject">
        {t('req.reject')}
      </button>
    </Form>
  );
}

/** Texts decide.js shows, from the catalogue (the script carries none of its own). */
function decideTexts(t: Translate) {
  return {
    'data-pending': t('appr.pending'),
    'data-pending-count': t('appr.pending_count', { n: '{n}' }),
    'data-pending-row': t('appr.pending_row', { action: '{action}' }),
    'data-sent': t('appr.sent', { action: '{action}' }),
    'data-failed': t('appr.failed', { message: '{message}' }),
    'data-approve': t('req.action.approve'),
    'data-return': t('req.action.return'),
    'data-reject': t('req.action.reject'),
  };
}

/** The queue as cards: what is asked and why, who asks (masked), the clock and the photos, then the buttons. */
export function ApproverQueue(p: { pc: PageCtx; rows: QueueEntry[]; next: string; heading: Heading }) {
  const t = p.pc.t;
  if (!p.rows.length) return <p data-testid="queue">{t('req.queue.empty')}</p>;
  const H = p.heading;
  return (
    <>
      <ul class="cards" data-testid="queue" data-decide-texts="" {...decideTexts(t)}>
        {p.rows.map(({ r, clocks, late }) => {
          const ty = r.type_snapshot;
          return (
            <li class="card" data-testid="queue-row" data-request={String(r.id)} data-late={late ? 'true' : undefined}>
              <H class="card__title">
                <a href={`/layanan/${r.id}`}>{ty.name}</a>{' '}
                {late ? (
                  <span class="tag tag--red" data-testid="late-tag">
                    {t('appr.queue.late_tag')}
                  </span>
                ) : null}
              </H>
              <p data-testid="queue-purpose">{t('appr.queue.purpose', { purpose: r.purpose })}</p>
              <p>
                {t('appr.queue.requester', { name: maskName(r.resident_name) })} ·{' '}
                <code data-testid="queue-code">{r.tracking_code}</code>
              </p>
              <p>
                <ClockTag
                  t={t}
                  clock={clocks.stage}
                  label={t('req.clock.stage', { stage: stageName(t, r.stage) })}
                  testid="stage-clock"
                />{' '}
                <ClockTag t={t} clock={clocks.total} label={t('req.clock.total')} testid="total-clock" />
              </p>
              <Thumbs
                pc={p.pc}
                requestId={r.id}
                attachments={r.attachments}
                labels={new Map(ty.attachments.map((a) => [a.kind, a.label]))}
              />
              <Form pc={p.pc} action={`/layanan/${r.id}/tindakan`} class="inline-form" testid="approve-form">
                <input type="hidden" name="action" value="approve" />
                <Hidden version={r.version} stage={r.stage} next={p.next} />
                <button type="submit" class="button" data-testid="approve">
                  {t('req.approve')}
                </button>
              </Form>{' '}
              <a href={`/layanan/${r.id}`}>{t('req.details')}</a>
              <details>
                <summary>{t('appr.queue.other_actions')}</summary>
                <ReasonForm
                  pc={p.pc}
                  id={r.id}
                  version={r.version}
                  stage={r.stage}
                  next={p.next}
                  fieldId={`f-reason-${r.id}`}
                />
              </details>
            </li>
          );
        })}
      </ul>
      <DecideScript />
    </>
  );
}

/** The detail page's decision: approve, or return/reject with one reason field. */
export function DecisionForms(p: {
  pc: PageCtx;
  r: { id: number; version: number; stage: string | null };
  reason?: string | undefined;
  reasonError?: boolean;
}) {
  const t = p.pc.t;
  return (
    <section data-testid="act-forms" data-request={String(p.r.id)} data-decide-texts="" {...decideTexts(t)}>
      <h2>{t('req.detail.act')}</h2>
      <Form pc={p.pc} action={`/layanan/${p.r.id}/tindakan`} testid="approve-form">
        <input type="hidden" name="action" value="approve" />
        <Hidden version={p.r.version} stage={p.r.stage} />
        <button type="submit" class="button" data-testid="approve">
          {t('req.approve')}
        </button>
      </Form>
      <ReasonForm
        pc={p.pc}
        id={p.r.id}
        version={p.r.version}
        stage={p.r.stage}
        fieldId="f-reason"
        value={p.reason}
        error={p.reasonError ?? false}
      />
      <DecideScript />
    </section>
  );
}

function QueuePage(p: { pc: PageCtx; rows: QueueEntry[] }) {
  const t = p.pc.t;
  return (
    <Layout pc={p.pc} title={t('req.queue.title')}>
      <h1>{t('req.queue.title')}</h1>
      {p.rows.length ? <p class="muted">{t('appr.queue.count', { n: p.rows.length })}</p> : null}
      <ApproverQueue pc={p.pc} rows={p.rows} next="/layanan" heading="h2" />
    </Layout>
  );
}

export function registerApproverPages(app: App, s: Services) {
  addMenu(app, { href: '/layanan', key: 'req.nav.queue', roles: requestPolicy.queue, order: 20 });
  app.get('/layanan', { config: { access: requestPolicy.queue } }, async (req, reply) =>
    sendPage(reply, <QueuePage pc={pageCtx(req, reply)} rows={await loadQueue(s, req)} />),
  );
  // A thumbnail is the picture's content: only for those who may see the request (404 otherwise). Kept by
  // the phone for a day (private: never by a shared cache), so a queue seen again costs no bytes.
  app.get(
    '/layanan/:id/lampiran/:attachmentId/mini',
    { config: { access: requestPolicy.view }, schema: { params: AttachmentParams } },
    async (req, reply) => {
      const thumb = await s.requests.thumbnail(req.ctx(), req.params.id, req.params.attachmentId);
      if (!thumb) return reply.code(404).type('text/plain; charset=utf-8').send('');
      return reply
        .type('image/jpeg')
        .header('content-disposition', `inline; filename="mini-${req.params.attachmentId}.jpg"`)
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, max-age=86400')
        .send(thumb);
    },
  );
}
