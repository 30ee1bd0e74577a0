// Kinerja (performance) of RT and RW heads: pure rules, no I/O.
//
// Figures per head and month (months are calendar months in the configured
// time zone):
// - handled: the head's own timed actions — approve, return, reject — at any
//   stage (an RT head filing for a neighbour vouches at submission: that is
//   recorded as an approval at the RT stage with 0 s elapsed, and counts).
// - medianSeconds: median elapsed_seconds of those actions (the stage clock
//   when the head acted, counted on that stage's clock: round the clock for
//   RT/RW by default, service minutes when SLA_SERVICE_HOURS_STAGES names
//   them — recorded on each transition, see service-requests/rules.ts); the
//   median of an even count is the mean of the two middle values, like
//   PostgreSQL's percentile_cont(0.5).
// - withinShare: actions with within_budget = true / handled.
// - returnShare: returns / handled.
// - overdue: requests of the head's own region (their RT; for an RW head every
//   RT below it) whose stage clock at the head's level ran out in that month:
//   an action that month leaving that stage with within_budget = false (by
//   whoever finally acted), plus requests still waiting at that stage whose
//   stage due time fell in the month and has passed.
// - pactSigned / trainingsDone / activitiesDone come from other modules through
//   an optional provider (see service.ts); without one they are false / 0 / 0.
//   activitiesDone: community activities (kerja bakti, gotong royong,
//   musyawarah, siskamling) the head reported, held in the month and confirmed
//   by the kelurahan (community module).
//
// The score (0–100) is data-driven: weights come from configuration.
//   withinBudget × withinShare
//   speed × (1 − medianRatio), medianRatio = median of elapsed / stage budget, clamped 0–1
//   returns × (1 − returnShare)
//   pact × (signed ? 1 : 0)
//   training × min(1, trainingsDone / trainingsRequired)
//   activity × min(1, activitiesDone / activitiesRequired)
// divided by the weights that could be measured (a head who handled nothing
// is judged on pact, training and activity only), × 100, minus overduePenalty points per
// overdue request, clamped to 0–100 and rounded to one decimal.

export interface ScoreWeights {
  withinBudget: number;
  speed: number;
  returns: number;
  pact: number;
  training: number;
  /** Points taken off per overdue request. */
  overduePenalty: number;
  /** Trainings a head needs for full marks on `training`. */
  trainingsRequired: number;
  /** Community activities (confirmed, held in the month). */
  activity: number;
  /** Confirmed activities a month for full marks on `activity`. */
  activitiesRequired: number;
}

// The defaults are the programme's choice, not a regulation's (the Perwali
// leaves the measure to the city): the five measured parts sum to 100, so a
// weight reads as the points it is worth. Community activity (issue 13: the
// heads as movers of gotong royong) takes 10 points, 5 each from the two
// letter-handling parts (before: withinBudget 40, speed 30); full marks at two
// confirmed activities a month (e.g. a kerja bakti and a musyawarah).
// KINERJA_WEIGHTS overrides any of them.
export const DEFAULT_WEIGHTS: ScoreWeights = {
  withinBudget: 35,
  speed: 25,
  returns: 10,
  pact: 10,
  training: 10,
  overduePenalty: 2,
  trainingsRequired: 2,
  activity: 10,
  activitiesRequired: 2,
};

export interface HeadFigures {
  handled: number;
  within: number;
  returns: number;
  /** Median elapsed seconds of the handled actions (null when none). */
  medianSeconds: number | null;
  /** Median of elapsed / stage budget (null when none). */
  medianRatio: number | null;
  overdue: number;
  pactSigned: boolean;
  trainingsDone: number;
  /** Confirmed community activities held in the month (0 without the provider). */
  activitiesDone: number;
}

export interface ScoreParts {
  withinBudget: number | null;
  speed: number | null;
  returns: number | null;
  pact: number;
  training: number;
  activity: number;
  overduePenalty: number;
}

export const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const round1 = (x: number) => Math.round(x * 10) / 10;

/** Median with the midpoint of the two middle values for an even count; null for none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function shares(f: Pick<HeadFigures, 'handled' | 'within' | 'returns'>) {
  return {
    withinShare: f.handled ? f.within / f.handled : null,
    returnShare: f.handled ? f.returns / f.handled : null,
  };
}

/** value × min(1, done / required); full marks when nothing is required. */
const share = (value: number, done: number, required: number) =>
  required > 0 ? value * clamp(done / required, 0, 1) : value;

/** Points earned per part (null: not measurable this month). */
export function scoreParts(f: HeadFigures, w: ScoreWeights = DEFAULT_WEIGHTS): ScoreParts {
  const { withinShare, returnShare } = shares(f);
  return {
    withinBudget: withinShare === null ? null : w.withinBudget * clamp(withinShare, 0, 1),
    speed: f.medianRatio === null || !f.handled ? null : w.speed * (1 - clamp(f.medianRatio, 0, 1)),
    returns: returnShare === null ? null : w.returns * (1 - clamp(returnShare, 0, 1)),
    pact: f.pactSigned ? w.pact : 0,
    training: share(w.training, f.trainingsDone, w.trainingsRequired),
    activity: share(w.activity, f.activitiesDone, w.activitiesRequired),
    overduePenalty: w.overduePenalty * Math.max(0, f.overdue),
  };
}

/** The score on 0–100, one decimal. */
export function score(f: HeadFigures, w: ScoreWeights = DEFAULT_WEIGHTS): number {
  const p = scoreParts(f, w);
  const measured: [number | null, number][] = [
    [p.withinBudget, w.withinBudget],
    [p.speed, w.speed],
    [p.returns, w.returns],
    [p.pact, w.pact],
    [p.training, w.training],
    [p.activity, w.activity],
  ];
  let earned = 0;
  let possible = 0;
  for (const [pts, weight] of measured) {
    if (pts === null) continue;
    earned += pts;
    possible += Math.max(0, weight);
  }
  const base = possible > 0 ? (earned / possible) * 100 : 0;
  return round1(clamp(base - p.overduePenalty, 0, 100));
}

/** Weights from configuration: every value a finite, non-negative number; the rest default. */
export function parseWeights(raw: unknown): ScoreWeights {
  const w = { ...DEFAULT_WEIGHTS };
  if (raw && typeof raw === 'object') {
    for (const k of Object.keys(w) as (keyof ScoreWeights)[]) {
      const v = (raw as Record<string, unknown>)[k];
      if (v === undefined) continue;
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
        throw new Error(`kinerja weight ${k} must be a non-negative number`);
      w[k] = v;
    }
  }
  return w;
}

/**
 * KINERJA_WEIGHTS as written in the environment: `key=value` pairs separated
 * by commas, e.g. `withinBudget=50,speed=20,overduePenalty=5`; keys left out
 * keep their default. Returns the weights, or what is wrong (in Indonesian, for
 * the start-up message).
 */
export function parseWeightsText(text: string): { ok: true; weights: ScoreWeights } | { ok: false; problem: string } {
  const raw: Record<string, number> = {};
  const keys = Object.keys(DEFAULT_WEIGHTS);
  for (const pair of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([A-Za-z]+)\s*=\s*(\d+(?:\.\d+)?)$/.exec(pair);
    if (!m) return { ok: false, problem: `"${pair}" harus berbentuk nama=angka (angka ≥ 0, mis. speed=30)` };
    const [, key, value] = m as unknown as [string, string, string];
    if (!keys.includes(key))
      return { ok: false, problem: `"${key}" bukan bobot yang dikenal; pilih dari ${keys.join(', ')}` };
    if (key in raw) return { ok: false, problem: `"${key}" ditulis dua kali` };
    raw[key] = Number(value);
  }
  const w = parseWeights(raw);
  if (w.withinBudget + w.speed + w.returns + w.pact + w.training + w.activity <= 0)
    return {
      ok: false,
      problem: 'jumlah bobot withinBudget, speed, returns, pact, training dan activity harus lebih dari 0',
    };
  if (!Number.isInteger(w.trainingsRequired)) return { ok: false, problem: 'trainingsRequired harus bilangan bulat' };
  if (!Number.isInteger(w.activitiesRequired)) return { ok: false, problem: 'activitiesRequired harus bilangan bulat' };
  return { ok: true, weights: w };
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const isMonth = (s: string) => MONTH.test(s);

/** Offset of a time zone from UTC at an instant, in minutes (e.g. +420 for Asia/Jakarta). */
export function zoneOffsetMinutes(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const n = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** The instants [start, end) of a calendar month `YYYY-MM` in a time zone. */
export function monthRange(month: string, timeZone: string): { start: Date; end: Date } {
  const m = MONTH.exec(month);
  if (!m) throw new Error(`not a month: ${month}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const local = (yy: number, mm: number) => {
    const guess = new Date(Date.UTC(yy, mm - 1, 1));
    return new Date(guess.getTime() - zoneOffsetMinutes(timeZone, guess) * 60_000);
  };
  return { start: local(y, mo), end: mo === 12 ? local(y + 1, 1) : local(y, mo + 1) };
}

/** The month `YYYY-MM` an instant falls in, in a time zone. */
export function monthOf(at: Date, timeZone: string): string {
  const local = new Date(at.getTime() + zoneOffsetMinutes(timeZone, at) * 60_000);
  return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** RT `PP.KK.CC.DDDD.RRR.TTT` → kelurahan `PP.KK.CC.DDDD`; kecamatan likewise. */
export const kelurahanOf = (code: string) => code.split('.').slice(0, 4).join('.');
export const kecamatanOf = (code: string) => code.split('.').slice(0, 3).join('.');

/** Ranks by score (ties share a rank, next rank skips: 1, 1, 3), overall and within each kelurahan. */
export function rank<T extends { regionCode: string; score: number; name: string }>(
  rows: readonly T[],
): (T & { rank: number; rankInKelurahan: number })[] {
  const sorted = [...rows].sort(
    (a, b) => b.score - a.score || a.regionCode.localeCompare(b.regionCode) || a.name.localeCompare(b.name),
  );
  const byKel = new Map<string, { n: number; last: number; lastRank: number }>();
  let last = NaN;
  let lastRank = 0;
  return sorted.map((r, i) => {
    const overall = r.score === last ? lastRank : i + 1;
    last = r.score;
    lastRank = overall;
    const k = kelurahanOf(r.regionCode);
    const s = byKel.get(k) ?? { n: 0, last: NaN, lastRank: 0 };
    s.n++;
    const inKel = r.score === s.last ? s.lastRank : s.n;
    s.last = r.score;
    s.lastRank = inKel;
    byKel.set(k, s);
    return { ...r, rank: overall, rankInKelurahan: inKel };
  });
}
