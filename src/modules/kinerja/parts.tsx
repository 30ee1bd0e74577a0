// Pieces of the kinerja pages: number formats, the month form, the formula
// with the weights in force, and a head's points per part.
import type { Translate } from '../../i18n/index.js';
import type { ScoreWeights } from './rules.js';
import type { HeadRow } from './service.js';

export const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);
export const minutes = (t: Translate, s: number | null) =>
  s === null ? t('kin.dash') : t('kin.minutes', { m: String(Math.round((s / 60) * 10) / 10) });
export const scoreText = (n: number, locale: string) => String(n).replace('.', locale === 'id' ? ',' : '.');

export function MonthForm(p: { t: Translate; action: string; month: string; wilayah?: string | undefined }) {
  return (
    <form method="get" action={p.action} class="inline-form">
      {p.wilayah ? <input type="hidden" name="wilayah" value={p.wilayah} /> : null}
      <label for="bulan">{p.t('kin.month')}</label> <input id="bulan" name="bulan" type="month" value={p.month} />{' '}
      <button type="submit">{p.t('kin.show')}</button>
    </form>
  );
}

export function Formula(p: { t: Translate; w: ScoreWeights }) {
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
        })}{' '}
        {p.t('kin.formula_activity', { activity: w.activity, activitiesRequired: w.activitiesRequired })}
      </p>
    </details>
  );
}

/** The head's own points per part against the city's weights (KINERJA_WEIGHTS), so the score can be checked by hand. */
export function Breakdown(p: { t: Translate; locale: string; w: ScoreWeights; h: HeadRow }) {
  const { t, w, h } = p;
  const pts = (x: number | null, max: number) =>
    x === null
      ? t('kin.not_measured')
      : t('kin.points', { got: scoreText(Math.round(x * 10) / 10, p.locale), max: scoreText(max, p.locale) });
  const rows: [string, string, string?][] = [
    [t('kin.within'), pts(h.parts.withinBudget, w.withinBudget)],
    [t('kin.part_speed'), pts(h.parts.speed, w.speed)],
    [t('kin.part_returns'), pts(h.parts.returns, w.returns)],
    [t('kin.pact'), pts(h.parts.pact, w.pact)],
    [t('kin.training'), pts(h.parts.training, w.training)],
    [
      t('kin.activity_part', { done: h.activitiesDone, required: w.activitiesRequired, weight: w.activity }),
      pts(h.parts.activity, w.activity),
      'score-activity',
    ],
    [t('kin.overdue'), `−${scoreText(h.parts.overduePenalty, p.locale)}`],
    [t('kin.total'), `${scoreText(h.score, p.locale)} / 100`, 'score-total'],
  ];
  return (
    <table class="table" data-testid="kin-breakdown">
      <caption>{t('kin.breakdown')}</caption>
      {rows.map(([k, v, testid]) => (
        <tr data-testid={testid}>
          <th>{k}</th>
          <td class="num">{v}</td>
        </tr>
      ))}
    </table>
  );
}
