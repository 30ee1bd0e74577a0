// TPP (tambahan penghasilan pegawai) inputs per employee per month: a pure formula over data a city sets.
// TPP is set by each city's regulation (PP 12/2019 art. 58, after the Minister of Home Affairs approves it) and
// paid monthly from performance (SKP) and discipline (attendance). The split (often 60/40), the factor of each
// predikat, the basic amount per job class and the absence kinds that stop TPP are configuration, not code
// (DOMAIN.md marks the split unverified).
import type { Predikat } from './rules.js';

export interface TppScheme {
  /** Shares of the basic amount, percent; performance + discipline = 100. */
  performanceShare: number;
  disciplineShare: number;
  /** Percent of the performance share paid for each predikat (e.g. Sangat Baik 100, Kurang 60). */
  predikatFactor: Readonly<Record<Predikat, number>>;
}

export interface TppInput {
  /** Basic amount of the job class (Rp, whole). */
  basic: number;
  /** Predikat of the month's evaluation; null: not yet rated (performance factor 0 until rated). */
  predikat: Predikat | null;
  /** Sum of the E-Presensi cuts of the month, percent (0.5 + 1.25 + 3 …), capped at 100. */
  disciplineCutPercent: number;
  /** Working days of the month, and those of them under an absence kind that stops TPP (CLTN, tugas belajar …). */
  workingDays: number;
  stoppedDays: number;
}

export interface TppResult {
  amount: number;
  performancePart: number;
  disciplinePart: number;
  performanceFactor: number;
  disciplineFactor: number;
  /** Share of the month paid (working days not stopped), as a fraction's parts. */
  paidDays: number;
  workingDays: number;
}

export const DEFAULT_TPP_SCHEME: TppScheme = {
  performanceShare: 60,
  disciplineShare: 40,
  // Unverified defaults: each city's Perwali sets these; TPP_PREDIKAT_FACTORS overrides them.
  predikatFactor: { sangat_baik: 100, baik: 100, butuh_perbaikan: 80, kurang: 60, sangat_kurang: 40 },
};

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));
/** Percent with up to two decimals → hundredths of a percent (basis points), as an exact integer. */
const bp = (percent: number) => BigInt(Math.round(clamp(percent, 0, 100) * 100));

/**
 * amount = ⌊ basic × (perfShare × perfFactor + discShare × (100 − cut)) / 100² × paidDays / workingDays ⌋,
 * computed in integers (BigInt) so the rupiah is exact; never below 0, never above the basic amount.
 */
export function computeTpp(input: TppInput, scheme: TppScheme): TppResult {
  const basic = BigInt(Math.max(0, Math.floor(input.basic)));
  const workingDays = Math.max(0, Math.floor(input.workingDays));
  const paidDays = clamp(workingDays - Math.max(0, Math.floor(input.stoppedDays)), 0, workingDays);
  const perfFactor = input.predikat ? clamp(scheme.predikatFactor[input.predikat], 0, 100) : 0;
  const discFactorBp = 10_000n - bp(input.disciplineCutPercent);
  const ps = bp(scheme.performanceShare);
  const ds = bp(scheme.disciplineShare);
  // Parts in Rp × 10⁸ × workingDays before the final division, so both parts and their sum floor exactly.
  const scale = 10_000n * 10_000n;
  const perfNum = basic * ps * bp(perfFactor);
  const discNum = basic * ds * discFactorBp;
  if (workingDays === 0)
    return {
      amount: 0,
      performancePart: 0,
      disciplinePart: 0,
      performanceFactor: perfFactor,
      disciplineFactor: Number(discFactorBp) / 100,
      paidDays: 0,
      workingDays: 0,
    };
  const days = BigInt(paidDays);
  const wd = BigInt(workingDays);
  const amount = ((perfNum + discNum) * days) / (scale * wd);
  const performancePart = (perfNum * days) / (scale * wd);
  return {
    amount: Number(amount > basic ? basic : amount),
    performancePart: Number(performancePart),
    disciplinePart: Number(amount - performancePart),
    performanceFactor: perfFactor,
    disciplineFactor: Number(discFactorBp) / 100,
    paidDays,
    workingDays,
  };
}

/** A scheme from configuration: shares must add up to 100, factors 0–100. Returns the problem in words. */
export function tppSchemeProblem(s: TppScheme): string | null {
  if (s.performanceShare < 0 || s.disciplineShare < 0 || s.performanceShare + s.disciplineShare !== 100)
    return 'porsi kinerja dan disiplin TPP harus berjumlah 100';
  for (const [k, v] of Object.entries(s.predikatFactor))
    if (!(v >= 0 && v <= 100)) return `faktor predikat ${k} harus 0–100`;
  return null;
}

/** A city's TPP data: the scheme, the absence kinds that stop TPP on their days, the basic amount per job class. */
export interface TppData {
  scheme: TppScheme;
  stopAbsences: readonly string[];
  /** Kelas jabatan (1–17) → basic amount (Rp). */
  basicPerClass: ReadonlyMap<number, number>;
}

/** Parses the TPP data file (reference/tpp-skema.json or TPP_SCHEME_FILE); throws the problem in words. */
export function parseTppData(json: string, absenceKinds: readonly string[]): TppData {
  const raw = JSON.parse(json) as Record<string, unknown>;
  const num = (v: unknown, what: string) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new Error(`${what} harus angka 0 atau lebih`);
    return v;
  };
  const factors = (raw.predikatFactor ?? {}) as Record<string, unknown>;
  const scheme: TppScheme = {
    performanceShare: num(raw.performanceShare, 'performanceShare'),
    disciplineShare: num(raw.disciplineShare, 'disciplineShare'),
    predikatFactor: {
      sangat_baik: num(factors.sangat_baik, 'predikatFactor.sangat_baik'),
      baik: num(factors.baik, 'predikatFactor.baik'),
      butuh_perbaikan: num(factors.butuh_perbaikan, 'predikatFactor.butuh_perbaikan'),
      kurang: num(factors.kurang, 'predikatFactor.kurang'),
      sangat_kurang: num(factors.sangat_kurang, 'predikatFactor.sangat_kurang'),
    },
  };
  const problem = tppSchemeProblem(scheme);
  if (problem) throw new Error(problem);
  const stop = Array.isArray(raw.stopAbsences) ? raw.stopAbsences.map(String) : [];
  const unknown = stop.find((k) => !absenceKinds.includes(k));
  if (unknown) throw new Error(`stopAbsences: jenis ketidakhadiran "${unknown}" tidak dikenal`);
  const basic = new Map<number, number>();
  for (const [k, v] of Object.entries((raw.basicPerClass ?? {}) as Record<string, unknown>)) {
    const kelas = Number(k);
    if (!Number.isInteger(kelas) || kelas < 1 || kelas > 17) throw new Error(`basicPerClass: kelas jabatan "${k}"`);
    basic.set(kelas, Math.floor(num(v, `basicPerClass.${k}`)));
  }
  return { scheme, stopAbsences: stop, basicPerClass: basic };
}
