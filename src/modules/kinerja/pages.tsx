// Kinerja pages: the ranking of a region's RT/RW heads (server-drawn SVG bar
// chart, then the numbers in a table) and a head's own scorecard, kept tiny
// for a phone on a data package.
import type { App } from '../../http/types.js';
import type { Translate } from '../../i18n/index.js';
import { BarChart } from '../../ui/charts.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { formatRtRw } from '../../kernel/regions.js';
import { HEAD_ROLES, RANKING_ROLES, type HeadRow } from './service.js';
import type { ScoreWeights } from './rules.js';

const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);
const minutes = (t: Translate, s: number | null) =>
  s === null ? t('kin.dash') : t('kin.minutes', { m: String(Math.round((s / 60) * 10) / 10) });
const regionLabel = (code: string) => formatRtRw(code) ?? code;
const scoreText = (n: number, locale: string) => String(n).replace('.', locale === 'id' ? ',' : '.');

function MonthForm(p: { t: Translate; action: string; month: string }) {
  return (
    <form method="get" action={p.action} class="inline-form">
      <label for="bulan">{p.t('kin.month')}</label> <input id="bulan" name="bulan" type="month" value={p.month} />{' '}
      <button type="submit">{p.t('kin.show')}</button>
    </form>
  );
}

function Formula(p: { t: Translate; w: ScoreWeights }) {
  const w = p.w;
  return (
    <details>
      <summary>{p.t('kin.formula')}</summary>
      <p>
        {p.t('kin.formula_text', {
          withinBudget: w.withinBudget,
          speed: w.speed,
          returns: w.returns,
          pact: w.pact,
          training: w.training,
          trainingsRequired: w.trainingsRequired,
          overduePenalty: w.overduePenalty,
        })}
      </p>
    </details>
  );
}

/** The head's own points per part against the city's weights (KINERJA_WEIGHTS), so the score can be checked by hand. */
function Breakdown(p: { t: Translate; locale: string; w: ScoreWeights; h: HeadRow }) {
  const { t, w, h } = p;
  const pts = (x: number | null, max: number) =>
    x === null
      ? t('kin.not_measured')
      : t('kin.points', { got: scoreText(Math.round(x * 10) / 10, p.locale), max: scoreText(max, p.locale) });
  const rows: [string, string][] = [
    [t('kin.within'), pts(h.parts.withinBudget, w.withinBudget)],
    [t('kin.part_speed'), pts(h.parts.speed, w.speed)],
    [t('kin.part_returns'), pts(h.parts.returns, w.returns)],
    [t('kin.pact'), pts(h.parts.pact, w.pact)],
    [t('kin.training'), pts(h.parts.training, w.training)],
    [t('kin.overdue'), `−${scoreText(h.parts.overduePenalty, p.locale)}`],
  ];
  return (
    <table class="table" data-testid="kin-breakdown">
      <caption>{t('kin.breakdown')}</caption>
      {rows.map(([k, v]) => (
        <tr>
          <th>{k}</th>
          <td class="num">{v}</td>
        </tr>
      ))}
    </table>
  );
}

/** Rows per page of the ranking: a city has ~1,200 heads, too many for one phone page. */
const PER_PAGE = 100;

function RankingPage(p: { pc: PageCtx; month: string; weights: ScoreWeights; heads: HeadRow[]; page: number }) {
  const { t, locale } = p.pc;
  const pages = Math.max(1, Math.ceil(p.heads.length / PER_PAGE));
  const page = Math.min(p.page, pages);
  const shown = p.heads.slice((page - 1) * PER_PAGE, page * PER_PAGE);
  // Within one kelurahan a bar per head; above it, a bar per kelurahan (average), so the chart stays readable.
  const kels = new Map<string, { sum: number; n: number }>();
  for (const h of p.heads) {
    const k = kels.get(h.kelurahan) ?? { sum: 0, n: 0 };
    k.sum += h.score;
    k.n++;
    kels.set(h.kelurahan, k);
  }
  const perKel = kels.size > 1;
  const bars = perKel
    ? [...kels.entries()]
        .map(([code, k]) => ({ label: code, value: Math.round((k.sum / k.n) * 10) / 10, n: k.n }))
        .sort((a, b) => b.value - a.value)
    : p.heads.map((h) => ({ label: `${regionLabel(h.regionCode)} ${h.name}`, value: h.score }));
  return (
    <Layout pc={p.pc} title={t('kin.title')}>
      <h1>{t('kin.title')}</h1>
      <MonthForm t={t} action="/kinerja" month={p.month} />
      <Formula t={t} w={p.weights} />
      {p.heads.length ? (
        <>
          <BarChart t={t} title={perKel ? t('kin.chart_kel') : t('kin.chart')} bars={bars} testid="kin-chart" />
          {perKel ? (
            <div class="table-wrap">
              <table class="table" data-testid="kin-kel">
                <thead>
                  <tr>
                    <th>{t('kin.region')}</th>
                    <th class="num">{t('kin.score')}</th>
                    <th class="num">{t('kin.head')}</th>
                  </tr>
                </thead>
                <tbody>
                  {bars.map((b) => (
                    <tr>
                      <td>{b.label}</td>
                      <td class="num">{scoreText(b.value, locale)}</td>
                      <td class="num">{'n' in b ? b.n : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <p class="muted">{t('kin.heads_count', { n: p.heads.length })}</p>
          <div class="table-wrap">
            <table class="table" data-testid="kin-table">
              <thead>
                <tr>
                  <th>{t('kin.rank')}</th>
                  <th>{t('kin.head')}</th>
                  <th>{t('kin.region')}</th>
                  <th class="num">{t('kin.score')}</th>
                  <th class="num">{t('kin.handled')}</th>
                  <th class="num">{t('kin.median')}</th>
                  <th class="num">{t('kin.within')}</th>
                  <th class="num">{t('kin.returned')}</th>
                  <th class="num">{t('kin.overdue')}</th>
                  {perKel ? <th class="num">{t('kin.rank_kel')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {shown.map((h) => (
                  <tr>
                    <td>{h.rank}</td>
                    <td>{h.name}</td>
                    <td>{perKel ? `${regionLabel(h.regionCode)} · ${h.kelurahan}` : regionLabel(h.regionCode)}</td>
                    <td class="num">{scoreText(h.score, locale)}</td>
                    <td class="num">{h.handled}</td>
                    <td class="num">{minutes(t, h.medianSeconds)}</td>
                    <td class="num">{pct(h.withinShare)}</td>
                    <td class="num">{pct(h.returnShare)}</td>
                    <td class="num">{h.overdue}</td>
                    {perKel ? <td class="num">{h.rankInKelurahan}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pages > 1 ? (
            <nav class="pager" aria-label={t('kin.pages')}>
              {page > 1 ? <a href={`/kinerja?bulan=${p.month}&hal=${page - 1}`}>{t('kin.prev')}</a> : null}{' '}
              {t('kin.page_of', { page, pages })}{' '}
              {page < pages ? <a href={`/kinerja?bulan=${p.month}&hal=${page + 1}`}>{t('kin.next')}</a> : null}
            </nav>
          ) : null}
        </>
      ) : (
        <p>{t('kin.none')}</p>
      )}
    </Layout>
  );
}

function ScorecardPage(p: { pc: PageCtx; month: string; weights: ScoreWeights; head: HeadRow | null }) {
  const { t, locale } = p.pc;
  const h = p.head;
  return (
    <Layout pc={p.pc} title={t('kin.mine_title')}>
      <h1>{t('kin.mine_title')}</h1>
      <MonthForm t={t} action="/kinerja/saya" month={p.month} />
      {h ? (
        <dl class="summary" data-testid="kin-card">
          <dt>{t('kin.score')}</dt>
          <dd data-testid="kin-score">
            <strong>{scoreText(h.score, locale)}</strong> / 100
          </dd>
          <dt>{t('kin.handled')}</dt>
          <dd>{h.handled}</dd>
          <dt>{t('kin.median')}</dt>
          <dd>{minutes(t, h.medianSeconds)}</dd>
          <dt>{t('kin.within')}</dt>
          <dd>{pct(h.withinShare)}</dd>
          <dt>{t('kin.returned')}</dt>
          <dd>{pct(h.returnShare)}</dd>
          <dt>{t('kin.overdue')}</dt>
          <dd>{h.overdue}</dd>
          <dt>{t('kin.pact')}</dt>
          <dd>{h.pactSigned ? t('kin.signed') : t('kin.not_signed')}</dd>
          <dt>{t('kin.training')}</dt>
          <dd>{h.trainingsDone}</dd>
        </dl>
      ) : (
        <p>{t('kin.no_card')}</p>
      )}
      {h ? <Breakdown t={t} locale={locale} w={p.weights} h={h} /> : null}
      <Formula t={t} w={p.weights} />
    </Layout>
  );
}

const bulanOf = (q: unknown) => {
  const v = (q as { bulan?: unknown } | undefined)?.bulan;
  return typeof v === 'string' ? v : undefined;
};
const pageOf = (q: unknown) => {
  const v = Number((q as { hal?: unknown } | undefined)?.hal);
  return Number.isInteger(v) && v >= 1 && v <= 10000 ? v : 1;
};

export function registerKinerjaPages(app: App, s: Services) {
  app.get('/kinerja', { config: { access: RANKING_ROLES } }, async (req, reply) => {
    const r = await s.kinerja.ranking(req.ctx(), bulanOf(req.query));
    return sendPage(
      reply,
      <RankingPage
        pc={pageCtx(req, reply)}
        month={r.month}
        weights={r.weights}
        heads={r.heads}
        page={pageOf(req.query)}
      />,
    );
  });
  app.get('/kinerja/saya', { config: { access: HEAD_ROLES } }, async (req, reply) => {
    const r = await s.kinerja.mine(req.ctx(), bulanOf(req.query));
    return sendPage(
      reply,
      <ScorecardPage pc={pageCtx(req, reply)} month={r.month} weights={r.weights} head={r.head} />,
    );
  });
}
