// The audit trail: a JSON list and a page for the city admin.
import { addMenu } from '../../kernel/menu.js';
import { Type } from 'typebox';
import type { Role } from '../../kernel/roles.js';
import { ErrorBody, OptStr, Page, type App } from '../../http/types.js';
import { isMessageKey } from '../../i18n/index.js';
import { formatTime } from '../../ui/format.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';

const tags = ['audit'];
const access: readonly Role[] = ['admin_kota'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

export const AuditQuery = Type.Object({ page: Page, action: OptStr(60) });
const AuditOut = Type.Object({
  id: Type.String(),
  at: Type.String({ format: 'date-time' }),
  actor_user_id: Type.Union([Type.Integer(), Type.Null()]),
  actor_name: Type.Union([Type.String(), Type.Null()]),
  actor_role: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  entity_type: Type.String(),
  entity_id: Type.Union([Type.String(), Type.Null()]),
  region_code: Type.Union([Type.String(), Type.Null()]),
  details: Type.Object({}, { additionalProperties: true }),
});

type Entry = Awaited<ReturnType<Services['audit']['list']>>[number];

function entryOut(e: Entry) {
  return {
    id: String(e.id),
    at: new Date(e.at).toISOString(),
    actor_user_id: e.actor_user_id,
    actor_name: e.actor_name,
    actor_role: e.actor_role,
    ip: e.ip,
    action: e.action,
    entity_type: e.entity_type,
    entity_id: e.entity_id,
    region_code: e.region_code,
    details: e.details ?? {},
  };
}

function AuditPage(p: { pc: PageCtx; entries: Entry[]; page: number; action?: string | undefined }) {
  const t = p.pc.t;
  const roleLabel = (r: string | null) => (r ? (isMessageKey(`role.${r}`) ? t(`role.${r}` as 'role.warga') : r) : '');
  const link = (page: number) => `/audit?page=${page}${p.action ? `&action=${encodeURIComponent(p.action)}` : ''}`;
  return (
    <Layout pc={p.pc} title={t('audit.title')}>
      <h1>{t('audit.title')}</h1>
      <form method="get" action="/audit" class="inline-form" data-testid="audit-filter">
        <label for="f-action">{t('audit.filter_action')}</label>{' '}
        <input id="f-action" name="action" value={p.action ?? ''} maxlength={60} />{' '}
        <button class="button button--secondary">{t('common.search')}</button>
      </form>
      {p.entries.length ? (
        <div class="table-wrap">
          <table class="table" data-testid="audit-table">
            <thead>
              <tr>
                <th>{t('audit.at')}</th>
                <th>{t('audit.actor')}</th>
                <th>{t('audit.action')}</th>
                <th>{t('audit.entity')}</th>
                <th>{t('audit.ip')}</th>
              </tr>
            </thead>
            <tbody>
              {p.entries.map((e) => (
                <tr>
                  <td>
                    <time datetime={new Date(e.at).toISOString()}>{formatTime(e.at, p.pc, 'short')}</time>
                  </td>
                  <td>
                    {e.actor_name ?? '—'}
                    {e.actor_role ? <div class="muted">{roleLabel(e.actor_role)}</div> : null}
                  </td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>
                    {e.entity_type}
                    {e.entity_id ? ` ${e.entity_id}` : ''}
                  </td>
                  <td>{e.ip ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p data-testid="audit-empty">{t('audit.none')}</p>
      )}
      <nav class="pagination" aria-label={t('common.page', { page: p.page })}>
        {p.page > 1 ? <a href={link(p.page - 1)}>{t('common.prev')}</a> : null}{' '}
        <span>{t('common.page', { page: p.page })}</span>{' '}
        {p.entries.length === 100 ? <a href={link(p.page + 1)}>{t('common.next')}</a> : null}
      </nav>
    </Layout>
  );
}

export function registerAuditRoutes(app: App, s: Services) {
  addMenu(app, { href: '/audit', key: 'nav.audit', roles: ['admin_kota'], order: 80 });
  app.get(
    '/api/v1/audit',
    {
      config: { access },
      schema: {
        tags,
        querystring: AuditQuery,
        response: { 200: Type.Object({ items: Type.Array(AuditOut) }), ...errors },
      },
    },
    async (req) => ({
      items: (await s.audit.list(req.ctx(), req.query.page ?? 1, req.query.action || undefined)).map(entryOut),
    }),
  );
  app.get('/audit', { config: { access }, schema: { querystring: AuditQuery } }, async (req, reply) => {
    const page = req.query.page ?? 1;
    const action = req.query.action || undefined;
    const entries = await s.audit.list(req.ctx(), page, action);
    return sendPage(reply, <AuditPage pc={pageCtx(req, reply)} entries={entries} page={page} action={action} />);
  });
}
