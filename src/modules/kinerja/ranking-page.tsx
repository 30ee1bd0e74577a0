// The ranking page of a region's RT/RW heads: roll-ups per kecamatan (city)
// or kelurahan (kecamatan) with links one level down (?wilayah=<code>, within
// the caller's scope), the chart, then every head with their region named in
// full ("RT 001 / RW 001, Kelurahan Ketapang"), paged; exports of the list.
import { TableWrap } from '../../ui/lists.js';
import type { Translate } from '../../i18n/index.js';
import { levelOfCode, parentCode } from '../../kernel/regions.js';
import { BarChart } from '../../ui/charts.js';
import { Layout } from '../../ui/layout.js';
import type { PageCtx } from '../../ui/page.js';
import { headRegion } from './export.js';
import { kecamatanOf, kelurahanOf, type ScoreWeights } from './rules.js';
import { rollUp, type RollUp } from './rollup.js';
import type { HeadRow } from './service.js';
import { Formula, MonthForm, minutes, pct, scoreText } from './parts.js';

/** Rows per page of the ranking: a city has ~1,200 heads, too many for one phone page. */
const PER_PAGE = 100;

const qs = (o: Record<string, string | number | undefined>) =>
  new URLSearchParams(
    Object.entries(o)
      .filter((e) => e[1] !== undefined && e[1] !== '')
      .map(([k, v]) => [k, String(v)]),
  ).toString();

function RollUpTable(p: {
  t: Translate;
  locale: string;
  title: string;
  rows: RollUp[];
  month: string;
  testid: string;
}) {
  const { t } = p;
  return (
    <TableWrap label={t('kin.nav')}>
      <table class="table" data-testid={p.testid}>
        <caption>{p.title}</caption>
        <thead>
          <tr>
            <th>{t('kin.region')}</th>
            <th class="num">{t('kin.average')}</th>
            <th class="num">{t('kin.head')}</th>
            <th class="num">{t('kin.pact_count')}</th>
            <th class="num">{t('kin.activities_count')}</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr data-testid={`kin-rollup-${r.code}`}>
              <td>
                <a href={`/kinerja?${qs({ bulan: p.month, wilayah: r.code })}`}>{r.name ?? r.code}</a>
              </td>
              <td class="num">{scoreText(r.average, p.locale)}</td>
              <td class="num">{r.heads}</td>
              <td class="num">{r.pactSigned}</td>
              <td class="num">{r.activities}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function RankingPage(p: {
  pc: PageCtx;
  month: string;
  weights: ScoreWeights;
  heads: HeadRow[];
  page: number;
  /** The drill-down region (undefined: the caller's whole scope). */
  wilayah: string | undefined;
}) {
  const { t, locale } = p.pc;
  const pages = Math.max(1, Math.ceil(p.heads.length / PER_PAGE));
  const page = Math.min(p.page, pages);
  const shown = p.heads.slice((page - 1) * PER_PAGE, page * PER_PAGE);
  // Which level to roll up: the region shown is a city → per kecamatan; a kecamatan → per kelurahan.
  const home = p.pc.user?.regionCode ?? '';
  const level = levelOfCode(p.wilayah ?? home);
  const byKec = rollUp(p.heads, kecamatanOf, (h) => h.kecamatanName);
  const byKel = rollUp(p.heads, kelurahanOf, (h) => h.kelurahanName);
  const showKec = (level === 'kabkota' || level === 'provinsi') && byKec.length > 0;
  const showKel = (showKec || level === 'kecamatan') && byKel.length > 1;
  const bars = showKel
    ? byKel.map((k) => ({ label: k.name ?? k.code, value: k.average }))
    : p.heads.map((h) => ({ label: `${headRegion(h)} ${h.name}`, value: h.score }));
  const upCode = p.wilayah ? parentCode(p.wilayah) : null;
  const up = upCode && upCode.length > home.length ? upCode : undefined;
  const here = { bulan: p.month, wilayah: p.wilayah };
  const regionOf = (h: HeadRow) => headRegion(h) + (showKec && h.kecamatanName ? `, Kec. ${h.kecamatanName}` : '');
  return (
    <Layout pc={p.pc} title={t('kin.title')}>
      <h1>{t('kin.title')}</h1>
      <MonthForm t={t} action="/kinerja" month={p.month} wilayah={p.wilayah} />
      {p.wilayah ? (
        <p>
          <a href={`/kinerja?${qs({ bulan: p.month, wilayah: up })}`} data-testid="kin-up">
            {t('kin.up', { name: up ?? t('kin.whole_region') })}
          </a>
        </p>
      ) : null}
      <Formula t={t} w={p.weights} />
      <p>
        {(['csv', 'xlsx', 'pdf'] as const).map((f) => (
          <>
            <a
              class="button button--secondary"
              href={`/kinerja?${qs({ ...here, format: f })}`}
              data-testid={`export-${f}`}
            >
              {t(`kin.export_${f}`)}
            </a>{' '}
          </>
        ))}
      </p>
      {p.heads.length ? (
        <>
          {showKec ? (
            <RollUpTable
              t={t}
              locale={locale}
              title={t('kin.rollup_kec')}
              rows={byKec}
              month={p.month}
              testid="kin-kec"
            />
          ) : null}
          {showKel ? (
            <RollUpTable
              t={t}
              locale={locale}
              title={t('kin.rollup_kel')}
              rows={byKel}
              month={p.month}
              testid="kin-kel"
            />
          ) : null}
          <BarChart
            t={t}
            title={showKel ? t('kin.chart_kel') : t('kin.chart')}
            bars={bars.slice(0, 60)}
            testid="kin-chart"
          />
          <p class="muted">{t('kin.heads_count', { n: p.heads.length })}</p>
          <TableWrap label={t('kin.nav')}>
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
                  <th class="num">{t('kin.activity')}</th>
                  <th class="num">{t('kin.rank_kel')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((h) => (
                  <tr data-testid={`kin-row-${h.userId}`}>
                    <td>{h.rank}</td>
                    <td>{h.name}</td>
                    <td>{regionOf(h)}</td>
                    <td class="num" data-testid={`kin-row-score-${h.userId}`}>
                      {scoreText(h.score, locale)}
                    </td>
                    <td class="num">{h.handled}</td>
                    <td class="num">{minutes(t, h.medianSeconds)}</td>
                    <td class="num">{pct(h.withinShare)}</td>
                    <td class="num">{pct(h.returnShare)}</td>
                    <td class="num">{h.overdue}</td>
                    <td class="num" data-testid={`kin-row-activity-${h.userId}`}>
                      {t('kin.points', { got: String(h.activitiesDone), max: String(p.weights.activitiesRequired) })}
                    </td>
                    <td class="num">{h.rankInKelurahan}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {pages > 1 ? (
            <nav class="pager" aria-label={t('kin.pages')}>
              {page > 1 ? <a href={`/kinerja?${qs({ ...here, hal: page - 1 })}`}>{t('kin.prev')}</a> : null}{' '}
              {t('kin.page_of', { page, pages })}{' '}
              {page < pages ? <a href={`/kinerja?${qs({ ...here, hal: page + 1 })}`}>{t('kin.next')}</a> : null}
            </nav>
          ) : null}
        </>
      ) : (
        <p>{t('kin.none')}</p>
      )}
    </Layout>
  );
}
