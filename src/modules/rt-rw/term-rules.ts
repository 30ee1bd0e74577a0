// Pure rules for appointing a head: the term's default end, the warnings the
// city's Perwali rules give (term length, consecutive terms of one person in
// one post), the account name proposed from the person's name, and how a
// post is written on documents. No I/O.
import { formatRtRw } from '../../kernel/regions.js';
import { addDays } from './rules.js';

/** The city's term rules (config `rtrwTerms`: RTRW_TERM_YEARS, RTRW_MAX_CONSECUTIVE_TERMS). */
export interface TermPolicy {
  years: number;
  maxConsecutive: number;
}

/** The same calendar day `years` later (29 February falls back to 28 February). */
export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) return addDays(`${y + years}-${String(m).padStart(2, '0')}-01`, d - 2);
  return target.toISOString().slice(0, 10);
}

/** A term's end when none is typed: start plus the configured years. */
export const defaultEndDate = (start: string, policy: TermPolicy) => addYears(start, policy.years);

export type TermWarning =
  | { key: 'heads.warn_term_long'; params: { years: number } }
  | { key: 'heads.warn_consecutive'; params: { count: number; max: number } };

/**
 * Warnings, not refusals: the lurah's decree may have reasons the register
 * does not know. `history` is the post's terms (any order); consecutive terms
 * are the person's terms with no other holder between them.
 */
export function termWarnings(a: {
  startDate: string;
  endDate: string;
  residentId: number | null;
  history: readonly { residentId: number | null; startDate: string }[];
  policy: TermPolicy;
}): TermWarning[] {
  const out: TermWarning[] = [];
  if (a.endDate > addYears(a.startDate, a.policy.years))
    out.push({ key: 'heads.warn_term_long', params: { years: a.policy.years } });
  if (a.residentId !== null) {
    const newestFirst = [...a.history]
      .filter((h) => h.startDate <= a.startDate)
      .sort((x, y) => (x.startDate < y.startDate ? 1 : x.startDate > y.startDate ? -1 : 0));
    let run = 0;
    for (const h of newestFirst) {
      if (h.residentId !== a.residentId) break;
      run++;
    }
    if (run + 1 > a.policy.maxConsecutive)
      out.push({ key: 'heads.warn_consecutive', params: { count: run + 1, max: a.policy.maxConsecutive } });
  }
  return out;
}

/** A login name from a person's name: "Siti Nur'aini" → "siti.nuraini", then "siti.nuraini2" … when taken. */
export function proposeUsername(name: string, taken: ReadonlySet<string>): string {
  let base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '')
    .slice(0, 32)
    .replace(/\.+$/, '');
  if (base.length < 3) base = `ketua.${base || 'rtrw'}`.replace(/\.$/, '');
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

/** "Ketua RT 001 / RW 001", "Sekretaris RW 002": the post as documents write it. */
export function postTitle(position: string, regionCode: string): string {
  const word = position.charAt(0).toUpperCase() + position.slice(1);
  return `${word} ${formatRtRw(regionCode) ?? regionCode}`;
}
