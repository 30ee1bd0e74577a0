// Small charts drawn on the server as inline SVG: no chart library, no
// script, a few hundred bytes each. Text nodes are escaped like any JSX child;
// values only set lengths. Each chart is meant to be followed by its numbers
// in a table or list, for screen readers and for people who want the figures.
import type { Translate } from '../i18n/index.js';

export interface Bar {
  label: string;
  value: number;
  text?: string;
}
/** A part of a whole: `done` of `total` (e.g. heads trained, packages handed out, rupiah paid). */
export interface Progress {
  label: string;
  done: number;
  total: number;
  text?: string;
}

const BAR_H = 22;
const GAP = 6;
const LABEL_W = 150;
const WIDTH = 320;
const BAR_MAX = WIDTH - LABEL_W - 40;

const short = (s: string) => (s.length > 24 ? `${s.slice(0, 23)}…` : s);

function Frame(p: { t: Translate; title: string; rows: number; testid?: string | undefined; children?: unknown }) {
  const height = p.rows * (BAR_H + GAP) + GAP;
  return (
    <svg
      class="chart"
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      role="img"
      aria-label={p.t('req.dash.chart', { title: p.title })}
      data-testid={p.testid}
    >
      <title>{p.title}</title>
      {p.children}
    </svg>
  );
}

function Row(p: { i: number; label: string; text: string; children?: unknown; textX: number }) {
  const y = GAP + p.i * (BAR_H + GAP);
  return (
    <g transform={`translate(0 ${y})`}>
      <text x="0" y="15" font-size="12" fill="#0b0c0c">
        {short(p.label)}
      </text>
      {p.children}
      <text x={p.textX} y="15" font-size="12" fill="#0b0c0c">
        {p.text}
      </text>
    </g>
  );
}

/** A horizontal bar chart, bars scaled to the largest value. */
export function BarChart(p: { t: Translate; title: string; bars: Bar[]; testid?: string }) {
  const max = Math.max(1, ...p.bars.map((b) => b.value));
  return (
    <Frame t={p.t} title={p.title} rows={p.bars.length} testid={p.testid}>
      {p.bars.map((b, i) => {
        const w = Math.max(b.value > 0 ? 2 : 0, Math.round((b.value / max) * BAR_MAX));
        return (
          <Row i={i} label={b.label} text={b.text ?? String(b.value)} textX={LABEL_W + w + 4}>
            <rect x={LABEL_W} width={w} height={BAR_H} fill="#1d70b8" />
          </Row>
        );
      })}
    </Frame>
  );
}

/** One full-width bar per row, filled to the share done; the text says "done/total" unless given. */
export function ProgressChart(p: { t: Translate; title: string; rows: Progress[]; testid?: string }) {
  return (
    <Frame t={p.t} title={p.title} rows={p.rows.length} testid={p.testid}>
      {p.rows.map((r, i) => {
        const share = r.total > 0 ? Math.min(1, Math.max(0, r.done / r.total)) : 0;
        const w = Math.round(share * BAR_MAX);
        return (
          <Row i={i} label={r.label} text={r.text ?? `${r.done}/${r.total}`} textX={LABEL_W + BAR_MAX + 4}>
            <rect x={LABEL_W} width={BAR_MAX} height={BAR_H} fill="#dfe1e3" />
            {w > 0 ? <rect x={LABEL_W} width={w} height={BAR_H} fill="#00703c" /> : null}
          </Row>
        );
      })}
    </Frame>
  );
}
