// The heads' dashboard page (issue 16, item 7): /skp/pantau — phone first, lists and cards (no wide tables): who has
// not logged this week, what waits for approval per approver and since when, the late approvers, the period's
// predikat against each organisation's curve. The figures come from pantau-service.ts (SQL aggregates).
import type { App } from '../../http/types.js';
import { addMenu } from '../../kernel/menu.js';
import { formatTime } from '../../ui/format.js';
import { Submit } from '../../ui/forms.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { PREDIKATS, type Predikat } from './rules.js';

type Dashboard = Awaited<ReturnType<Services['skpPantau']['dashboard']>>;

const formatDay = (day: string, locale: string) =>
  new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${day}T12:00:00Z`),
  );

function Counts(p: { pc: PageCtx; counts: Record<Predikat, number>; testid: string }) {
  const { t } = p.pc;
  return (
    <dl class="summary-list" data-testid={p.testid}>
      {PREDIKATS.map((x) => (
        <div>
          <dt>{t(`skp.predikat.${x}`)}</dt>
          <dd data-testid={`${p.testid}-${x}`}>{p.counts[x]}</dd>
        </div>
      ))}
    </dl>
  );
}

function Body(p: { pc: PageCtx; d: Dashboard }) {
  const { t, locale } = p.pc;
  const { d } = p;
  return (
    <>
      <dl class="summary-list" data-testid="pantau-summary">
        <div>
          <dt>{t('skp.pantau.people')}</dt>
          <dd data-testid="pantau-people">{d.logging.people}</dd>
        </div>
        <div>
          <dt>{t('skp.pantau.not_logged')}</dt>
          <dd data-testid="pantau-not-logged">{d.logging.notLogged}</dd>
        </div>
        <div>
          <dt>{t('skp.pantau.waiting')}</dt>
          <dd data-testid="pantau-waiting">{d.waiting.total}</dd>
        </div>
        <div>
          <dt>{t('skp.pantau.oldest')}</dt>
          <dd data-testid="pantau-oldest">
            {d.waiting.oldest
              ? t('skp.pantau.since', {
                  at: formatTime(d.waiting.oldest, p.pc, 'long'),
                  days: d.waiting.oldestWorkingDays,
                })
              : '—'}
          </dd>
        </div>
        <div>
          <dt>{t('skp.pantau.late_count', { days: d.lateDays })}</dt>
          <dd data-testid="pantau-late-approvers">{d.lateApprovers.length}</dd>
        </div>
      </dl>

      <h2>{t('skp.pantau.not_logged_title')}</h2>
      <p class="hint">
        {d.logging.workingDays.length
          ? t('skp.pantau.week_days', {
              from: formatDay(d.weekFrom, locale),
              to: formatDay(d.today, locale),
              n: d.logging.workingDays.length,
            })
          : t('skp.pantau.no_working_day')}
      </p>
      {d.logging.list.length ? (
        <ul data-testid="pantau-not-logged-list">
          {d.logging.list.map((e) => (
            <li data-testid={`pantau-nl-${e.id}`}>
              {e.full_name} <span class="muted">({e.unit_name})</span>
              {e.agreed ? null : (
                <>
                  {' '}
                  <span class="tag tag--grey">{t('skp.pantau.no_agreed_skp')}</span>
                </>
              )}
            </li>
          ))}
        </ul>
      ) : d.logging.workingDays.length ? (
        <p>{t('skp.pantau.all_logged')}</p>
      ) : null}
      {d.logging.list.length < d.logging.notLogged ? (
        <p class="muted">{t('skp.pantau.list_cut', { shown: d.logging.list.length, n: d.logging.notLogged })}</p>
      ) : null}

      <h2>{t('skp.pantau.waiting_title')}</h2>
      {d.waiting.perApprover.length ? (
        <ul class="cards" data-testid="pantau-approvers">
          {d.waiting.perApprover.map((a) => (
            <li class="card" data-testid={`pantau-approver-${a.approver_id ?? 0}`}>
              <h3>{a.approver_name ?? t('skp.pantau.no_approver')}</h3>
              <p>
                {t('skp.pantau.approver_line', { n: a.waiting })}
                <br />
                {t('skp.pantau.since', { at: formatTime(a.oldest, p.pc, 'long'), days: a.oldestWorkingDays })}
              </p>
              {a.late ? (
                <p>
                  <span class="tag tag--red">{t('skp.pantau.late_tag', { n: a.late, days: d.lateDays })}</span>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('skp.pantau.nothing_waiting')}</p>
      )}

      <h2>{t('skp.pantau.late_title', { days: d.lateDays })}</h2>
      {d.lateApprovers.length ? (
        <ul data-testid="pantau-late-list">
          {d.lateApprovers.map((a) => (
            <li>
              {a.approver_name ?? t('skp.pantau.no_approver')}:{' '}
              {t('skp.pantau.late_tag', { n: a.late, days: d.lateDays })}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('skp.pantau.none_late')}</p>
      )}

      <h2>{t('skp.pantau.dist_title', { period: d.period })}</h2>
      <Counts pc={p.pc} counts={d.distribution.overall} testid="pantau-dist" />
      {d.distribution.organisations.length ? (
        <ul class="cards" data-testid="pantau-orgs">
          {d.distribution.organisations.map((o) => (
            <li class="card" data-testid={`pantau-org-${o.id}`}>
              <h3>{o.name}</h3>
              <p>{o.rating ? t('skp.dist.org', { rating: t(`skp.org.${o.rating}`) }) : t('skp.dist.org_none')}</p>
              <Counts pc={p.pc} counts={o.counts} testid={`pantau-org-${o.id}-dist`} />
              {o.warnings.length ? (
                <ul class="notice notice--warning" data-testid={`pantau-org-${o.id}-warnings`}>
                  {o.warnings.map((w) => (
                    <li>
                      {t(`skp.dist.warn.${w.rule.rule}`, {
                        predikat: w.rule.predikat.map((x) => t(`skp.predikat.${x}`)).join(' / '),
                        percent: w.rule.percent,
                        count: w.count,
                        total: w.total,
                      })}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

export function registerSkpPantauPages(app: App, s: Services) {
  // Among the pegawai only those who oversee someone (heads, appraisers) get the item; the page answers the rest with
  // an empty dashboard.
  addMenu(app, {
    href: '/skp/pantau',
    key: 'skp.pantau.nav',
    roles: ['pegawai', 'admin_kota'],
    order: 49,
    when: (req) => s.skp.oversees(req.ctx()),
  });
  app.get('/skp/pantau', { config: { access: ['pegawai', 'admin_kota'] } }, async (req, reply) => {
    const pc = pageCtx(req, reply);
    const { t } = pc;
    const q = (req.query ?? {}) as { periode?: string };
    const d = await s.skpPantau.dashboard(req.ctx(), typeof q.periode === 'string' ? q.periode : undefined);
    return sendPage(
      reply,
      <Layout pc={pc} title={t('skp.pantau.title')}>
        <h1>{t('skp.pantau.title')}</h1>
        <form method="get" action="/skp/pantau" class="filters">
          <label for="f-periode">{t('skp.pantau.period')}</label>{' '}
          <input id="f-periode" name="periode" type="text" inputmode="numeric" maxlength={7} value={d.period} />{' '}
          <Submit label={t('skp.open')} variant="secondary" />
        </form>
        {d.hasScope ? <Body pc={pc} d={d} /> : <p data-testid="pantau-none">{t('skp.pantau.no_scope')}</p>}
      </Layout>,
    );
  });
}
