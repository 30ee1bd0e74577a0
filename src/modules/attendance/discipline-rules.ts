// Discipline counts under PP 94/2021 (Disiplin PNS): unexcused working days
// (tanpa keterangan) in a calendar year, and the longest unbroken run of them,
// against the regulation's thresholds. Pure rules, no I/O, except
// loadDisciplineTable, which reads the rules table at start.
//
// The thresholds are data, not code: reference/disiplin-pp-94-2021.json holds
// them with the article each comes from. DOMAIN.md marks the numbers "to
// confirm"; the file says what was checked against what. A city that reads the
// regulation differently (or must apply a later amendment) copies the file,
// changes it and points DISCIPLINE_RULES_FILE at its copy; the process refuses
// to start when the file is not a valid table.
import { readFileSync } from 'node:fs';

export type Severity = 'ringan' | 'sedang' | 'berat';

export interface DisciplineThreshold {
  /** The sanction's code ('teguran_lisan' …); the page names it from the catalogue (discipline.sanction.<code>). */
  code: string;
  /** Crossed at this many days or more. */
  minDays: number;
  severity: Severity;
  /** Where the number comes from, shown on the page. */
  article: string;
}

export interface DisciplineTable {
  source: string;
  verification: string;
  /** Cumulative unexcused working days in one calendar year. */
  cumulative: DisciplineThreshold[];
  /** Unexcused working days in a row (days off do not break a run). */
  consecutive: DisciplineThreshold[];
}

export const DEFAULT_DISCIPLINE_FILE = new URL('../../../reference/disiplin-pp-94-2021.json', import.meta.url);

const SEVERITIES: readonly Severity[] = ['ringan', 'sedang', 'berat'];
const RANK: Record<Severity, number> = { ringan: 1, sedang: 2, berat: 3 };

/** Why a rules table is not usable, or null. */
export function disciplineTableProblem(x: unknown): string | null {
  if (!x || typeof x !== 'object') return 'not an object';
  const t = x as Record<string, unknown>;
  if (typeof t.source !== 'string' || !t.source) return '"source" must name the regulation';
  for (const list of ['cumulative', 'consecutive'] as const) {
    const rows = t[list];
    if (!Array.isArray(rows)) return `"${list}" must be a list`;
    let last = 0;
    for (const [i, r] of (rows as unknown[]).entries()) {
      const row = (r ?? {}) as Record<string, unknown>;
      if (typeof row.code !== 'string' || !/^[a-z0-9_]{1,40}$/.test(row.code))
        return `${list}[${i}].code must be 1–40 of a–z, 0–9, _`;
      if (typeof row.minDays !== 'number' || !Number.isInteger(row.minDays) || row.minDays < 1 || row.minDays > 366)
        return `${list}[${i}].minDays must be a whole number 1–366`;
      if (row.minDays <= last) return `${list}[${i}].minDays must be larger than the row before`;
      last = row.minDays;
      if (!SEVERITIES.includes(row.severity as Severity))
        return `${list}[${i}].severity must be ringan, sedang or berat`;
      if (typeof row.article !== 'string' || !row.article) return `${list}[${i}].article must cite the regulation`;
    }
  }
  return null;
}

/** Reads and checks the rules table (the shipped one by default); throws a message naming the file. */
export function loadDisciplineTable(file: string | URL = DEFAULT_DISCIPLINE_FILE): DisciplineTable {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`DISCIPLINE_RULES_FILE ${String(file)}: cannot read JSON (${(err as Error).message})`);
  }
  const problem = disciplineTableProblem(parsed);
  if (problem) throw new Error(`DISCIPLINE_RULES_FILE ${String(file)}: ${problem}`);
  const t = parsed as DisciplineTable;
  return { ...t, verification: typeof t.verification === 'string' ? t.verification : '' };
}

/** The highest threshold of a list that `days` reaches, or null. */
export function thresholdFor(list: readonly DisciplineThreshold[], days: number): DisciplineThreshold | null {
  let hit: DisciplineThreshold | null = null;
  for (const r of list) if (days >= r.minDays && (!hit || r.minDays > hit.minDays)) hit = r;
  return hit;
}

export interface DisciplineVerdict {
  /** The heaviest threshold crossed, by the cumulative count or by the longest run. */
  threshold: DisciplineThreshold | null;
  /** Which count crossed it. */
  by: 'kumulatif' | 'berturut' | null;
}

/** Count → the highest threshold crossed; of the cumulative and the consecutive one, the heavier (ties: cumulative). */
export function disciplineVerdict(table: DisciplineTable, days: number, longestRun: number): DisciplineVerdict {
  const a = thresholdFor(table.cumulative, days);
  const b = thresholdFor(table.consecutive, longestRun);
  if (b && (!a || RANK[b.severity] > RANK[a.severity])) return { threshold: b, by: 'berturut' };
  return a ? { threshold: a, by: 'kumulatif' } : { threshold: null, by: null };
}

/**
 * The longest run of unexcused working days in a list of day statuses in date
 * order: 'libur' (a weekend, a holiday) neither counts nor breaks a run; any
 * other status, or a missing date between two stored days, breaks it.
 */
export function longestUnexcusedRun(days: readonly { date: string; status: string }[]): number {
  let best = 0;
  let run = 0;
  let prev: string | null = null;
  for (const d of days) {
    const gap = prev !== null && Date.parse(d.date) - Date.parse(prev) > 86_400_000;
    prev = d.date;
    if (gap) run = 0;
    if (d.status === 'libur') continue;
    run = d.status === 'tanpa_keterangan' ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}
