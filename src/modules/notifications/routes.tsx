// The inbox (JSON and page), each person's channel choices, and the city
// admin's view of outgoing deliveries (to see what failed and why).
import { addMenu } from '../../kernel/menu.js';
import { Type } from 'typebox';
import { handleForm, safeNext, type FormFailure } from '../../http/forms.js';
import { ErrorBody, Form as FormBody, Ok, OptStr, Page, type App } from '../../http/types.js';
import { ErrorSummary, Form, Submit, TextField } from '../../ui/forms.js';
import { formatTime } from '../../ui/format.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, redirectWithFlash, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import type { Role } from '../../kernel/roles.js';

const tags = ['notifications'];
const admin: readonly Role[] = ['admin_kota'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const NotificationId = Type.String({ pattern: '^[1-9][0-9]{0,17}$', maxLength: 18 });

const ReadBody = Type.Object(
  { ids: Type.Optional(Type.Array(NotificationId, { maxItems: 500 })) },
  { additionalProperties: false },
);
const InboxReadForm = FormBody({ id: Type.Optional(NotificationId) });
const SettingsForm = FormBody({
  email: OptStr(254),
  phone: OptStr(30),
  notifyEmail: OptStr(5),
  notifyWebhook: OptStr(5),
});
const Status = Type.Optional(
  Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('failed'), Type.Literal('')]),
);
const DeliveriesQuery = Type.Object({ status: Status, page: Page });

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const NotificationOut = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  body: Type.String(),
  link: Nullable(Type.String()),
  requestId: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Nullable(Type.String({ format: 'date-time' })),
});
const DeliveryOut = Type.Object({
  id: Type.String(),
  channel: Type.String(),
  target: Type.String(),
  status: Type.String(),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  nextAttemptAt: Type.String({ format: 'date-time' }),
  createdAt: Type.String({ format: 'date-time' }),
  sentAt: Nullable(Type.String({ format: 'date-time' })),
  kind: Type.String(),
  title: Type.String(),
  requestId: Type.Union([Type.Integer(), Type.Null()]),
  recipient: Type.String(),
});

type Note = Awaited<ReturnType<Services['notify']['inbox']>>[number];
type Delivery = Awaited<ReturnType<Services['notify']['listDeliveries']>>[number];
type Settings = Awaited<ReturnType<Services['notify']['settings']>>;

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d ? iso(d) : null);
const when = (d: Date | string, pc: PageCtx) => <time datetime={iso(d)}>{formatTime(d, pc, 'short')}</time>;
const checked = (v: string | undefined) => v === 'on' || v === '1' || v === 'true';

function noteOut(n: Note) {
  return {
    id: String(n.id),
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: n.link,
    requestId: n.request_id,
    createdAt: iso(n.created_at),
    readAt: isoOrNull(n.read_at),
  };
}
function deliveryOut(d: Delivery) {
  return {
    id: String(d.id),
    channel: d.channel,
    target: d.target,
    status: d.status,
    attempts: d.attempts,
    lastError: d.last_error,
    nextAttemptAt: iso(d.next_attempt_at),
    createdAt: iso(d.created_at),
    sentAt: isoOrNull(d.sent_at),
    kind: d.kind,
    title: d.title,
    requestId: d.request_id,
    recipient: d.recipient,
  };
}

function InboxPage(p: { pc: PageCtx; items: Note[]; unread: number; failure?: FormFailure }) {
  const t = p.pc.t;
  return (
    <Layout pc={p.pc} title={t('jobs.inbox_title')}>
      <h1>{t('jobs.inbox_title')}</h1>
      <ErrorSummary t={t} errors={p.failure?.errors} message={p.failure?.message} params={p.failure?.params} />
      <p data-testid="inbox-unread">{t('jobs.inbox_unread', { n: p.unread })}</p>
      {p.unread ? (
        <Form pc={p.pc} action="/kotak-masuk/baca" testid="inbox-read-all">
          <Submit label={t('jobs.mark_all_read')} variant="secondary" />
        </Form>
      ) : null}
      {p.items.length ? (
        <ul class="inbox" data-testid="inbox-list">
          {p.items.map((n) => (
            <li class={n.read_at ? 'inbox__item' : 'inbox__item inbox__item--unread'} data-testid="inbox-item">
              {n.read_at ? <span>{n.title}</span> : <strong>{n.title}</strong>}
              {n.read_at ? null : <span class="tag"> {t('jobs.inbox_unread_badge')}</span>}
              <div>{n.body}</div>
              <div class="muted">
                {when(n.created_at, p.pc)}
                {n.link ? (
                  <>
                    {' · '}
                    <a href={safeNext(n.link, '/kotak-masuk')}>{t('jobs.inbox_open')}</a>
                  </>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p data-testid="inbox-empty">{t('jobs.inbox_empty')}</p>
      )}
      <p>
        <a href="/pengaturan/notifikasi">{t('jobs.settings_link')}</a>
      </p>
    </Layout>
  );
}

type SettingsValues = {
  email?: string | undefined;
  phone?: string | undefined;
  notifyEmail?: boolean;
  notifyWebhook?: boolean;
};

function SettingsPage(p: {
  pc: PageCtx;
  values: SettingsValues;
  channels: Settings['channels'];
  failure?: FormFailure;
}) {
  const t = p.pc.t;
  const v = p.values;
  return (
    <Layout pc={p.pc} title={t('jobs.settings_title')}>
      <h1>{t('jobs.settings_title')}</h1>
      <p>{t('jobs.settings_intro')}</p>
      <ErrorSummary t={t} errors={p.failure?.errors} message={p.failure?.message} params={p.failure?.params} />
      <Form pc={p.pc} action="/pengaturan/notifikasi" testid="notify-settings-form">
        <div class="form-group">
          <label class="choice" for="f-notifyEmail">
            <input id="f-notifyEmail" name="notifyEmail" type="checkbox" value="on" checked={!!v.notifyEmail} />
            {t('jobs.f_notify_email')}
          </label>
          {p.channels.email ? null : <div class="hint">{t('jobs.channel_unavailable')}</div>}
        </div>
        <TextField
          t={t}
          name="email"
          label="jobs.f_email"
          type="email"
          autocomplete="email"
          inputmode="email"
          maxLength={254}
          value={v.email}
          optional
          errors={p.failure?.errors}
        />
        <div class="form-group">
          <label class="choice" for="f-notifyWebhook">
            <input id="f-notifyWebhook" name="notifyWebhook" type="checkbox" value="on" checked={!!v.notifyWebhook} />
            {t('jobs.f_notify_webhook')}
          </label>
          {p.channels.webhook ? null : <div class="hint">{t('jobs.channel_unavailable')}</div>}
        </div>
        <TextField
          t={t}
          name="phone"
          label="jobs.f_phone"
          hint="jobs.phone_hint"
          type="tel"
          autocomplete="tel"
          inputmode="tel"
          maxLength={30}
          value={v.phone}
          optional
          errors={p.failure?.errors}
        />
        <Submit label={t('common.save')} testid="notify-settings-submit" />
      </Form>
    </Layout>
  );
}

function DeliveriesPage(p: { pc: PageCtx; items: Delivery[]; status: string; page: number }) {
  const t = p.pc.t;
  const statusLabel = (s: string) =>
    s === 'sent' ? t('jobs.status_sent') : s === 'failed' ? t('jobs.status_failed') : t('jobs.status_pending');
  const link = (page: number) => `/admin/pengiriman?page=${page}${p.status ? `&status=${p.status}` : ''}`;
  return (
    <Layout pc={p.pc} title={t('jobs.deliveries_title')}>
      <h1>{t('jobs.deliveries_title')}</h1>
      <form method="get" action="/admin/pengiriman" class="inline-form" data-testid="deliveries-filter">
        <label for="f-status">{t('jobs.filter_status')}</label>{' '}
        <select id="f-status" name="status">
          <option value="">{t('jobs.filter_all')}</option>
          {(['pending', 'sent', 'failed'] as const).map((s) => (
            <option value={s} selected={p.status === s}>
              {statusLabel(s)}
            </option>
          ))}
        </select>{' '}
        <button class="button button--secondary">{t('common.search')}</button>
      </form>
      {p.items.length ? (
        <div class="table-wrap">
          <table class="table" data-testid="deliveries-table">
            <thead>
              <tr>
                <th>{t('jobs.col_created')}</th>
                <th>{t('jobs.col_recipient')}</th>
                <th>{t('jobs.col_channel')}</th>
                <th>{t('jobs.col_target')}</th>
                <th>{t('jobs.col_status')}</th>
                <th>{t('jobs.col_attempts')}</th>
                <th>{t('jobs.col_next_attempt')}</th>
                <th>{t('jobs.col_last_error')}</th>
              </tr>
            </thead>
            <tbody>
              {p.items.map((d) => (
                <tr data-testid="delivery-row" data-status={d.status}>
                  <td>{when(d.created_at, p.pc)}</td>
                  <td>
                    {d.recipient}
                    <div class="muted">{d.title}</div>
                  </td>
                  <td>{d.channel === 'email' ? t('jobs.channel_email') : t('jobs.channel_webhook')}</td>
                  <td>{d.target}</td>
                  <td>{statusLabel(d.status)}</td>
                  <td>{d.attempts}</td>
                  <td>{d.status === 'pending' ? when(d.next_attempt_at, p.pc) : '—'}</td>
                  <td>{d.last_error ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p data-testid="deliveries-empty">{t('jobs.deliveries_empty')}</p>
      )}
      <nav class="pagination" aria-label={t('common.page', { page: p.page })}>
        {p.page > 1 ? <a href={link(p.page - 1)}>{t('common.prev')}</a> : null}{' '}
        <span>{t('common.page', { page: p.page })}</span>{' '}
        {p.items.length === 100 ? <a href={link(p.page + 1)}>{t('common.next')}</a> : null}
      </nav>
    </Layout>
  );
}

export function registerNotificationsRoutes(app: App, s: Services) {
  addMenu(app, { href: '/admin/pengiriman', key: 'nav.deliveries', roles: ['admin_kota'], order: 100 });
  const authenticated = 'authenticated' as const;

  // JSON
  app.get(
    '/api/v1/notifications',
    {
      config: { access: authenticated },
      schema: {
        tags,
        response: { 200: Type.Object({ items: Type.Array(NotificationOut), unread: Type.Integer() }), ...errors },
      },
    },
    async (req) => {
      const userId = req.ctx().scope.userId;
      return { items: (await s.notify.inbox(userId)).map(noteOut), unread: await s.notify.unreadCount(userId) };
    },
  );
  app.post(
    '/api/v1/notifications/read',
    {
      config: { access: authenticated },
      schema: { tags, body: ReadBody, response: { 200: Ok, ...errors } },
      // "All" may be asked with no body at all.
      preValidation: async (req) => {
        if (req.body === undefined || req.body === null) req.body = {};
      },
    },
    async (req) => {
      await s.notify.markOwnRead(req.ctx(), req.body?.ids ?? 'all');
      return { ok: true };
    },
  );
  app.get(
    '/api/v1/admin/deliveries',
    {
      config: { access: admin },
      schema: {
        tags,
        querystring: DeliveriesQuery,
        response: { 200: Type.Object({ items: Type.Array(DeliveryOut) }), ...errors },
      },
    },
    async (req) => ({
      items: (
        await s.notify.listDeliveries(req.ctx(), { status: req.query.status || undefined, page: req.query.page ?? 1 })
      ).map(deliveryOut),
    }),
  );

  // Pages
  const inbox = async (userId: number) => ({
    items: await s.notify.inbox(userId),
    unread: await s.notify.unreadCount(userId),
  });
  app.get('/kotak-masuk', { config: { access: authenticated } }, async (req, reply) =>
    sendPage(reply, <InboxPage pc={pageCtx(req, reply)} {...await inbox(req.ctx().scope.userId)} />),
  );
  app.post(
    '/kotak-masuk/baca',
    { config: { access: authenticated }, attachValidation: true, schema: { body: InboxReadForm } },
    async (req, reply) => {
      const userId = req.ctx().scope.userId;
      const data = await inbox(userId);
      return handleForm(req, reply, {
        render: (failure) => <InboxPage pc={pageCtx(req, reply)} {...data} failure={failure} />,
        run: () => s.notify.markOwnRead(req.ctx(), req.body?.id ? [req.body.id] : 'all'),
        done: () => redirectWithFlash(reply, '/kotak-masuk', 'jobs.flash_all_read'),
      });
    },
  );
  app.get('/pengaturan/notifikasi', { config: { access: authenticated } }, async (req, reply) => {
    const cur = await s.notify.settings(req.ctx());
    const values = {
      email: cur.email ?? '',
      phone: cur.phone ?? '',
      notifyEmail: cur.notify_email,
      notifyWebhook: cur.notify_webhook,
    };
    return sendPage(reply, <SettingsPage pc={pageCtx(req, reply)} values={values} channels={cur.channels} />);
  });
  app.post(
    '/pengaturan/notifikasi',
    { config: { access: authenticated }, attachValidation: true, schema: { body: SettingsForm } },
    async (req, reply) => {
      const { channels } = await s.notify.settings(req.ctx());
      const b = req.validationError ? {} : (req.body ?? {});
      const values = {
        email: b.email,
        phone: b.phone,
        notifyEmail: checked(b.notifyEmail),
        notifyWebhook: checked(b.notifyWebhook),
      };
      return handleForm(req, reply, {
        render: (failure) => (
          <SettingsPage pc={pageCtx(req, reply)} values={values} channels={channels} failure={failure} />
        ),
        run: () => s.notify.saveSettings(req.ctx(), values),
        done: () => redirectWithFlash(reply, '/pengaturan/notifikasi', 'jobs.flash_settings_saved'),
      });
    },
  );
  app.get(
    '/admin/pengiriman',
    { config: { access: admin }, schema: { querystring: DeliveriesQuery } },
    async (req, reply) => {
      const status = req.query.status || undefined;
      const page = req.query.page ?? 1;
      const items = await s.notify.listDeliveries(req.ctx(), { status, page });
      return sendPage(
        reply,
        <DeliveriesPage pc={pageCtx(req, reply)} items={items} status={status ?? ''} page={page} />,
      );
    },
  );
}
