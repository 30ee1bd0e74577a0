// E-Kinerja (SKP) per PermenPANRB 6/2022: pure rules — the predikat matrix, the distribution curve check,
// the cascade of results (RHK) and the monthly realisation. No I/O; tested in rules.test.ts.

/** The superior's rating of results (hasil kerja) and of behaviour (perilaku kerja). */
export const RATINGS = ['di_atas', 'sesuai', 'di_bawah'] as const;
export type Rating = (typeof RATINGS)[number];

export const PREDIKATS = ['sangat_baik', 'baik', 'butuh_perbaikan', 'kurang', 'sangat_kurang'] as const;
export type Predikat = (typeof PREDIKATS)[number];

/** The organisation's own rating (predikat kinerja organisasi), entered by the leader above. */
export const ORG_RATINGS = ['istimewa', 'baik', 'butuh_perbaikan', 'kurang', 'sangat_kurang'] as const;
export type OrgRating = (typeof ORG_RATINGS)[number];

export const isRating = (s: string): s is Rating => (RATINGS as readonly string[]).includes(s);
export const isOrgRating = (s: string): s is OrgRating => (ORG_RATINGS as readonly string[]).includes(s);

/**
 * Predikat kinerja pegawai = hasil kerja × perilaku kerja (PermenPANRB 6/2022, Lampiran, matriks predikat):
 * above × above → Sangat Baik; (above or as expected) × (as expected or above), other than above × above → Baik;
 * (above or as expected) × below → Kurang/Misconduct; below × (as expected or above) → Butuh Perbaikan;
 * below × below → Sangat Kurang.
 */
export function predikatOf(result: Rating, behaviour: Rating): Predikat {
  if (result === 'di_bawah') return behaviour === 'di_bawah' ? 'sangat_kurang' : 'butuh_perbaikan';
  if (behaviour === 'di_bawah') return 'kurang';
  return result === 'di_atas' && behaviour === 'di_atas' ? 'sangat_baik' : 'baik';
}

/**
 * The result rating of an SKP from the ratings of its main results (RHK utama): as the regulation leaves the
 * aggregation to the superior's judgement, the form proposes one — below when any main result is below, above
 * when at least half are above and none below, else as expected — and the superior may set another.
 */
export function proposedResultRating(mainRatings: readonly Rating[]): Rating | null {
  if (mainRatings.length === 0) return null;
  if (mainRatings.includes('di_bawah')) return 'di_bawah';
  const above = mainRatings.filter((r) => r === 'di_atas').length;
  return above * 2 >= mainRatings.length ? 'di_atas' : 'sesuai';
}

// ---- Distribution curve (kurva distribusi) -------------------------------------------------------------------

export interface CurveRule {
  orgRating: OrgRating;
  rule: 'maks' | 'min' | 'ada';
  predikat: readonly Predikat[];
  /** Percent for maks/min; unused for ada. */
  percent: number;
}

export interface CurveWarning {
  rule: CurveRule;
  /** How many employees fall in the rule's predikat, of how many rated. */
  count: number;
  total: number;
}

/**
 * Checks the predikat given in one organisation against the curve of its rating. Exact arithmetic (count × 100
 * against percent × total): 70 of 100 under "at most 70 %" passes, 71 warns. Warnings, never a refusal.
 */
export function checkDistribution(
  orgRating: OrgRating,
  given: readonly Predikat[],
  rules: readonly CurveRule[],
): CurveWarning[] {
  const total = given.length;
  if (total === 0) return [];
  const out: CurveWarning[] = [];
  for (const rule of rules) {
    if (rule.orgRating !== orgRating) continue;
    const count = given.filter((p) => rule.predikat.includes(p)).length;
    const broken =
      rule.rule === 'maks'
        ? count * 100 > rule.percent * total
        : rule.rule === 'min'
          ? count * 100 < rule.percent * total
          : count === 0;
    if (broken) out.push({ rule, count, total });
  }
  return out;
}

/** Parses reference/skp-kurva-distribusi.csv (lines starting with '#' are notes). */
export function parseCurve(csv: string): CurveRule[] {
  const rows = csv
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const [head, ...body] = rows;
  if (head !== 'org_rating,rule,predikat,percent') throw new Error('kurva distribusi: kepala kolom tidak dikenal');
  return body.map((line, i) => {
    const [org = '', rule = '', preds = '', pct = ''] = line.split(',');
    const predikat = preds.split('|').map((p) => p.trim());
    const percent = pct.trim() === '' ? 0 : Number(pct);
    if (!isOrgRating(org)) throw new Error(`kurva distribusi baris ${i + 2}: predikat organisasi "${org}"`);
    if (rule !== 'maks' && rule !== 'min' && rule !== 'ada')
      throw new Error(`kurva distribusi baris ${i + 2}: aturan "${rule}"`);
    if (!predikat.every((p): p is Predikat => (PREDIKATS as readonly string[]).includes(p)))
      throw new Error(`kurva distribusi baris ${i + 2}: predikat "${preds}"`);
    if (!Number.isFinite(percent) || percent < 0 || percent > 100)
      throw new Error(`kurva distribusi baris ${i + 2}: persen "${pct}"`);
    return { orgRating: org, rule, predikat, percent };
  });
}

// ---- Cascade of results (cascading RHK) ------------------------------------------------------------------------

export interface ResultNode {
  id: number;
  /** The result this one supports (an RHK of the superior), or null at the top of the tree. */
  parentId: number | null;
  /** The org_units path of the SKP's owner ('35.74/12/3'). */
  unitPath: string;
}

export type CascadeProblem = 'self' | 'cycle' | 'cross_unit' | 'unknown_parent';

const within = (path: string, top: string) => path === top || path.startsWith(top + '/');

/**
 * May result `childId` (owned in `childUnitPath`) point at `parentId`? The parent must exist, must not be the
 * result itself or one of the results that (transitively) support it (a cycle), and must belong to the same unit
 * or a unit above (a result supports its superior's, never another unit's).
 */
export function cascadeProblem(
  nodes: ReadonlyMap<number, ResultNode>,
  child: { id: number | null; unitPath: string },
  parentId: number,
): CascadeProblem | null {
  if (child.id !== null && parentId === child.id) return 'self';
  const parent = nodes.get(parentId);
  if (!parent) return 'unknown_parent';
  if (!within(child.unitPath, parent.unitPath)) return 'cross_unit';
  // Walk up from the parent: meeting the child means the child supports itself through others.
  const seen = new Set<number>();
  for (let at: ResultNode | undefined = parent; at; at = at.parentId === null ? undefined : nodes.get(at.parentId)) {
    if (child.id !== null && at.id === child.id) return 'cycle';
    if (seen.has(at.id)) return 'cycle';
    seen.add(at.id);
  }
  return null;
}

// ---- Monthly realisation ---------------------------------------------------------------------------------------

/** Realisation of an indicator in percent of its target (whole percent, floor), capped at `cap` (default 120). */
export function realisationPercent(achieved: number, target: number, cap = 120): number {
  if (!(target > 0) || !(achieved >= 0)) return 0;
  return Math.min(cap, Math.floor((achieved * 100) / target));
}

/**
 * Monthly targets proposed from an annual one: spread evenly over the months left, the remainder to the first
 * months (12 over 12 → 1 each; 10 over 12 → 1 in each of the first 10 months, 0 after). Editable afterwards.
 */
export function monthlyTargets(annual: number, fromMonth = 1): number[] {
  const months = 13 - fromMonth;
  const whole = Math.max(0, Math.floor(annual));
  const base = Math.floor(whole / months);
  const extra = whole - base * months;
  return Array.from({ length: 12 }, (_, i) => {
    const m = i + 1;
    if (m < fromMonth) return 0;
    return base + (m - fromMonth < extra ? 1 : 0);
  });
}
