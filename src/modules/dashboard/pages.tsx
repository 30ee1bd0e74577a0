// The service dashboard page: figures for the person's region with small
// bar charts drawn on the server as inline SVG (labels escaped by hono/jsx,
// no chart library, no script), each chart followed by its numbers in a table.
import { addMenu } from '../../kernel/menu.js';
import type { Child } from 'hono/jsx';
import type { App } from '../../http/types.js';
import type { Translate } from '../../i18n/index.js';
import { BarChart } from '../../ui/charts.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { formatRtRw } from '../../kernel/regions.js';
import { stageName, StatusTag } from '../service-requests/ui.js';
import { formatTime } from '../../ui/format.js';
import { DASHBOARD_ROLES } from './service.js';

type Figures = Awaited<ReturnType<Services['dashboard']['figures']>>;
/** A table that may overflow a phone's width: a named region that takes keyboard focus, so arrow keys scroll it. */
function CountTable(p: { t: Translate; title: string; head: string[]; rows: Child[][]; testid?: string }) {
  return (
    <div class="table-wrap" role="region" tabindex={0} aria-label={p.t('req.dash.table_region', { title: p.title })}>
      <table class="table" data-testid={p.testid}>
        <thead>
          <tr>
            {p.head.map((h, i) => (
              <th class={i ? 'num' : undefined}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              {r.map((c, i) => (
                <td class={i ? 'num' : undefined}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const regionLabel = (code: string) => formatRtRw(code) ?? code;
const STATUSES = ['in_progress', 'returned', 'rejected', 'completed'] as const;

function DashboardPage(p: { pc: PageCtx; f: Figures }) {
  const t = p.pc.t;
  const f = p.f;
  const share = f.withinBudget.share;
  const minutes = (m: number) => t('req.dash.minutes', { m: String(m).replace('.', p.pc.locale === 'id' ? ',' : '.') });
  return (
    <Layout pc={p.pc} title={t('req.dash.title')}>
      <h1>{t('req.dash.title')}</h1>
      <div class="cards">
        <div class="card" data-testid="dash-total">
          <strong>{f.total}</strong> {t('req.dash.total')}
        </div>
        <div class="card" data-testid="dash-within">
          <strong>{t('req.dash.within')}</strong>
          <br />
          {share === null
            ? t('req.dash.within_none')
            : t('req.dash.within_value', {
                pct: Math.round(share * 100),
                within: f.withinBudget.within,
                completed: f.withinBudget.completed,
              })}
        </div>
      </div>

      <h2>{t('req.dash.by_status')}</h2>
      <BarChart
        t={t}
        title={t('req.dash.by_status')}
        bars={STATUSES.map((s) => ({ label: t(`req.status.${s}`), value: f.byStatus[s] }))}
        testid="chart-status"
      />
      <CountTable
        t={t}
        title={t('req.dash.by_status')}
        head={[t('common.status'), t('req.dash.count')]}
        rows={STATUSES.map((s) => [
          <StatusTag t={t} status={s} />,
          <span data-testid={`status-${s}`}>{f.byStatus[s]}</span>,
        ])}
        testid="dash-status"
      />

      <h2>{t('req.dash.by_type')}</h2>
      <BarChart
        t={t}
        title={t('req.dash.by_type')}
        bars={f.byType.map((x) => ({ label: x.name, value: x.n }))}
        testid="chart-type"
      />
      <CountTable
        t={t}
        title={t('req.dash.by_type')}
        head={[t('req.type'), t('req.dash.count')]}
        rows={f.byType.map((x) => [x.name, x.n])}
        testid="dash-type"
      />

      <h2>{t('req.dash.medians')}</h2>
      {f.stageMedians.length ? (
        <>
          <BarChart
            t={t}
            title={t('req.dash.medians')}
            bars={f.stageMedians.map((m) => ({
              label: stageName(t, m.stage),
              value: m.medianMinutes,
              text: minutes(m.medianMinutes),
            }))}
            testid="chart-medians"
          />
          <CountTable
            t={t}
            title={t('req.dash.medians')}
            head={[t('req.stage_now'), t('req.dash.medians'), t('req.dash.count')]}
            rows={f.stageMedians.map((m) => [stageName(t, m.stage), minutes(m.medianMinutes), m.n])}
            testid="dash-medians"
          />
        </>
      ) : (
        <p>{t('common.none')}</p>
      )}

      <h2>{t('req.dash.overdue')}</h2>
      {f.overdue.length ? (
        <ul class="stack" data-testid="dash-overdue">
          {f.overdue.map((o) => (
            <li>
              <a href={`/layanan/${o.id}`}>{o.type_name}</a> · <code>{o.tracking_code}</code> · {stageName(t, o.stage)}{' '}
              · {regionLabel(o.region_code)} · <span class="muted">{formatTime(o.submitted_at, p.pc)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p data-testid="dash-overdue">{t('req.dash.overdue_none')}</p>
      )}

      {f.byRw.length > 1 ? (
        <>
          <h2>{t('req.dash.by_rw')}</h2>
          <CountTable
            t={t}
            title={t('req.dash.by_rw')}
            head={[
              t('req.dash.region'),
              t('common.total'),
              t('req.dash.open'),
              t('req.dash.completed'),
              t('req.dash.late'),
            ]}
            rows={f.byRw.map((r) => [regionLabel(r.code), r.total, r.open, r.completed, r.overdue])}
            testid="dash-rw"
          />
        </>
      ) : null}
      <h2>{t('req.dash.by_rt')}</h2>
      <BarChart
        t={t}
        title={t('req.dash.by_rt')}
        bars={f.byRt.map((r) => ({ label: regionLabel(r.code), value: r.total }))}
        testid="chart-rt"
      />
      <CountTable
        t={t}
        title={t('req.dash.by_rt')}
        head={[
          t('req.dash.region'),
          t('common.total'),
          t('req.dash.open'),
          t('req.dash.completed'),
          t('req.dash.late'),
        ]}
        rows={f.byRt.map((r) => [regionLabel(r.code), r.total, r.open, r.completed, r.overdue])}
        testid="dash-rt"
      />
    </Layout>
  );
}

export function registerDashboardPages(app: App, s: Services) {
  addMenu(app, { href: '/dasbor', key: 'req.nav.dashboard', roles: DASHBOARD_ROLES, order: 40 });
  app.get('/dasbor', { config: { access: DASHBOARD_ROLES } }, async (req, reply) =>
    sendPage(reply, <DashboardPage pc={pageCtx(req, reply)} f={await s.dashboard.figures(req.ctx())} />),
  );
  // The same figures for other systems (SPBE: integrate and expose, do not silo).
  app.get('/api/v1/dashboard', { config: { access: DASHBOARD_ROLES }, schema: { tags: ['layanan'] } }, async (req) =>
    s.dashboard.figures(req.ctx()),
  );
}
