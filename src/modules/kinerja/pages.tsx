// Kinerja pages: the ranking of a region's RT/RW heads with roll-ups and
// drill-down (ranking-page.tsx) and its CSV/XLSX/PDF exports (?format=), and a
// head's own scorecard, kept tiny for a phone on a data package.
import type { App } from '../../http/types.js';
import { sendSheet } from '../../kernel/export.js';
import { levelOfCode } from '../../kernel/regions.js';
import { notFound } from '../../lib/errors.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { rankingPdf, rankingSheet } from './export.js';
import { Breakdown, Formula, MonthForm, minutes, pct, scoreText } from './parts.js';
import { RankingPage } from './ranking-page.js';
import { HEAD_ROLES, RANKING_ROLES, type HeadRow } from './service.js';
import type { ScoreWeights } from './rules.js';

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
          <dt>{t('kin.activity')}</dt>
          <dd>{h.activitiesDone}</dd>
        </dl>
      ) : (
        <p>{t('kin.no_card')}</p>
      )}
      {h ? <Breakdown t={t} locale={locale} w={p.weights} h={h} /> : null}
      <Formula t={t} w={p.weights} />
    </Layout>
  );
}

const q = (query: unknown, key: string) => {
  const v = (query as Record<string, unknown> | undefined)?.[key];
  return typeof v === 'string' ? v : undefined;
};
const pageOf = (query: unknown) => {
  const v = Number(q(query, 'hal'));
  return Number.isInteger(v) && v >= 1 && v <= 10000 ? v : 1;
};
/** A drill-down region as typed in the URL: a malformed code names nothing (404, like one outside the scope). */
const wilayahOf = (query: unknown) => {
  const w = q(query, 'wilayah');
  if (w === undefined || w === '') return undefined;
  if (levelOfCode(w) === null) throw notFound();
  return w;
};

export function registerKinerjaPages(app: App, s: Services) {
  app.get('/kinerja', { config: { access: RANKING_ROLES } }, async (req, reply) => {
    const wilayah = wilayahOf(req.query);
    const r = await s.kinerja.ranking(req.ctx(), q(req.query, 'bulan'), wilayah);
    const format = q(req.query, 'format');
    if (format === 'csv' || format === 'xlsx' || format === 'pdf') {
      const sheet = rankingSheet(req.t, r.month, r.heads);
      const name = `kinerja-rtrw-${r.month}${wilayah ? `-${wilayah}` : ''}`;
      if (format !== 'pdf') return sendSheet(reply, sheet, format, name);
      const pdf = await rankingPdf(sheet, `${req.t('kin.month')}: ${r.month}${wilayah ? ` · ${wilayah}` : ''}`);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${name}.pdf"`)
        .send(pdf);
    }
    return sendPage(
      reply,
      <RankingPage
        pc={pageCtx(req, reply)}
        month={r.month}
        weights={r.weights}
        heads={r.heads}
        page={pageOf(req.query)}
        wilayah={wilayah}
      />,
    );
  });
  app.get('/kinerja/saya', { config: { access: HEAD_ROLES } }, async (req, reply) => {
    const r = await s.kinerja.mine(req.ctx(), q(req.query, 'bulan'));
    return sendPage(
      reply,
      <ScorecardPage pc={pageCtx(req, reply)} month={r.month} weights={r.weights} head={r.head} />,
    );
  });
}
