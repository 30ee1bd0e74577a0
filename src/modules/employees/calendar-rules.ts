// The national calendar as a file (reference/kalender-libur-YYYY.csv, or the
// same format uploaded by a city): its bytes judged as text, its rows read and
// checked one by one (every problem named with its line), what importing it
// changes in a city's calendar, and which years still have no national
// calendar. Pure: no I/O, no clock — the service passes today's date.
//
// The calendar itself is set by the SKB Menteri Agama, Menteri Ketenagakerjaan
// dan MenPAN-RB each year (libur nasional, cuti bersama) and Ramadan by the
// government's sidang isbat: dates are data, never code (reference/*.md).
import { parse } from 'csv-parse/sync';
import type { MessageKey } from '../../i18n/index.js';
import { CONTROL_CHARS, hasInvisible } from '../../lib/text.js';
import { daysBetween, isDate, type CalendarEntry, type CalendarKind } from '../work-schedule/index.js';

export const CALENDAR_KINDS: readonly CalendarKind[] = ['libur_nasional', 'cuti_bersama', 'ramadan'];
/** Kinds that make a year's national calendar (Ramadan alone does not). */
export const NATIONAL_KINDS: readonly CalendarKind[] = ['libur_nasional', 'cuti_bersama'];
export const MAX_CALENDAR_ROWS = 200;
export const MAX_CALENDAR_BYTES = 64 * 1024;
/** calendar_entries' own limit (migration 0006): a range spans at most 45 days after its first. */
export const MAX_RANGE_DAYS = 45;
export const MAX_NAME = 120;
export const MAX_SOURCE = 300;

export interface CalendarProblem {
  /** The line of the file (1 = its first line), or null for the file as a whole. */
  line: number | null;
  key: MessageKey;
  params?: Record<string, string | number>;
}
export type CalendarRow = CalendarEntry & { line: number };
export interface CalendarFile {
  year: number | null;
  /** What the file says it transcribes (`# sumber: …`), or null. */
  source: string | null;
  rows: CalendarRow[];
  problems: CalendarProblem[];
}

/**
 * The uploaded bytes as text, or the problem with them: a calendar is a small
 * UTF-8 CSV, so a spreadsheet (.xlsx/.xls), a PDF, anything with NUL bytes or
 * invalid UTF-8 is refused with what to do, whatever its name or claimed type.
 */
export function calendarText(b: Buffer): { ok: true; text: string } | { ok: false; key: MessageKey } {
  if (!b.length) return { ok: false, key: 'kalender.err.file_empty' };
  if (b.length > MAX_CALENDAR_BYTES) return { ok: false, key: 'kalender.err.file_too_large' };
  const head = b.subarray(0, 8);
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) || head.equals(OLE))
    return { ok: false, key: 'kalender.err.file_spreadsheet' };
  if (b.subarray(0, 5).toString('latin1') === '%PDF-') return { ok: false, key: 'kalender.err.file_pdf' };
  if (b.includes(0)) return { ok: false, key: 'kalender.err.file_not_text' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(b).replace(/^\uFEFF/, '') };
  } catch {
    return { ok: false, key: 'kalender.err.file_encoding' };
  }
}
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]); // .xls, .doc

const COLUMNS: Record<'date' | 'end' | 'kind' | 'name', readonly string[]> = {
  date: ['date', 'tanggal'],
  end: ['end', 'sampai'],
  kind: ['kind', 'jenis'],
  name: ['name', 'nama'],
};

/** '2026-12-25', or '25/12/2026' and '25-12-2026' (day first, as Indonesian spreadsheets write it) → ISO; else null. */
export function calendarDay(raw: string): string | null {
  const s = raw.trim();
  if (isDate(s)) return s;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isDate(iso) ? iso : null;
}

/** 'Libur Nasional', 'cuti-bersama' → the kind; else null. */
export function calendarKind(raw: string): CalendarKind | null {
  const k = raw
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return (CALENDAR_KINDS as readonly string[]).includes(k) ? (k as CalendarKind) : null;
}

/** The `# sumber: …` comment of a file, or null. */
function sourceOf(text: string): string | null {
  const m = /^#\s*sumber\s*:\s*(.+?)\s*$/im.exec(text);
  return m ? m[1]!.slice(0, MAX_SOURCE) : null;
}

/**
 * Reads a calendar file: `date,end,kind,name` (or `tanggal,sampai,jenis,nama`),
 * comma or semicolon, `#` comment lines. Every problem is listed with the line
 * it is on, so the whole file can be fixed at once; one file holds one year.
 */
export function parseCalendarCsv(text: string): CalendarFile {
  const source = sourceOf(text);
  const problems: CalendarProblem[] = [];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      comment: '#',
      comment_no_infix: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      delimiter: [',', ';'],
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    return {
      year: null,
      source,
      rows: [],
      problems: [{ line: line ?? null, key: 'kalender.err.csv_unreadable' }],
    };
  }
  const [header, ...data] = records;
  if (!header) return { year: null, source, rows: [], problems: [{ line: null, key: 'kalender.err.csv_empty' }] };
  const names = header.record.map((c) => c.trim().toLowerCase());
  const col = Object.fromEntries(
    Object.entries(COLUMNS).map(([k, aliases]) => [k, names.findIndex((n) => aliases.includes(n))]),
  ) as Record<keyof typeof COLUMNS, number>;
  const missing = (['date', 'kind', 'name'] as const).filter((k) => col[k] < 0);
  if (missing.length)
    return {
      year: null,
      source,
      rows: [],
      problems: [{ line: header.info.lines, key: 'kalender.err.csv_columns', params: { columns: missing.join(', ') } }],
    };
  if (!data.length) return { year: null, source, rows: [], problems: [{ line: null, key: 'kalender.err.csv_empty' }] };
  if (data.length > MAX_CALENDAR_ROWS)
    return {
      year: null,
      source,
      rows: [],
      problems: [{ line: null, key: 'kalender.err.csv_too_many', params: { max: MAX_CALENDAR_ROWS } }],
    };

  let year: number | null = null;
  const rows: CalendarRow[] = [];
  for (const { record, info } of data) {
    const line = info.lines;
    const cell = (k: keyof typeof COLUMNS) => (col[k] < 0 ? '' : (record[col[k]] ?? '').trim());
    const refuse = (key: MessageKey, params: Record<string, string | number> = {}) =>
      void problems.push({ line, key, params: { line, ...params } });
    if (record.some((v) => CONTROL_CHARS.test(v) || hasInvisible(v))) {
      refuse('kalender.err.row_text');
      continue;
    }
    const start = calendarDay(cell('date'));
    if (!start) {
      refuse('kalender.err.row_date', { value: cell('date') });
      continue;
    }
    const end = cell('end') ? calendarDay(cell('end')) : start;
    if (!end) {
      refuse('kalender.err.row_end', { value: cell('end') });
      continue;
    }
    if (end < start) {
      refuse('kalender.err.row_end_before', { start, end });
      continue;
    }
    if (daysBetween(start, end) > MAX_RANGE_DAYS) {
      refuse('kalender.err.row_range_long', { max: MAX_RANGE_DAYS + 1 });
      continue;
    }
    const kind = calendarKind(cell('kind'));
    if (!kind) {
      refuse('kalender.err.row_kind', { value: cell('kind') });
      continue;
    }
    const name = cell('name');
    if (!name || name.length > MAX_NAME) {
      refuse('kalender.err.row_name', { max: MAX_NAME });
      continue;
    }
    const y = Number(start.slice(0, 4));
    year ??= y;
    if (y !== year) {
      refuse('kalender.err.row_year', { year });
      continue;
    }
    const twin = rows.find((r) => r.kind === kind && r.start <= end && start <= r.end);
    if (twin) {
      refuse('kalender.err.row_twice', { other: twin.line });
      continue;
    }
    rows.push({ kind, start, end, name, line });
  }
  if (!problems.length && !rows.some((r) => r.kind === 'libur_nasional'))
    problems.push({ line: null, key: 'kalender.err.no_national' });
  return { year, source, rows, problems };
}

/** An entry of a city's calendar as the import sees it: `importId` null = entered by hand. */
export interface ExistingEntry extends CalendarEntry {
  id: number;
  importId: number | null;
}
export interface CalendarImportPlan {
  /** File rows to write. */
  insert: CalendarRow[];
  /** Entries of an earlier import the file still holds unchanged: kept, re-attributed to this import. */
  keep: number[];
  /** Entries of earlier imports of the year the file no longer holds. */
  remove: number[];
  /** File rows left out because the city entered an entry of that kind over those days by hand (the city's wins). */
  skipped: CalendarRow[];
}

const overlaps = (a: CalendarEntry, b: CalendarEntry) => a.kind === b.kind && a.start <= b.end && b.start <= a.end;
const same = (a: CalendarEntry, b: CalendarEntry) =>
  a.kind === b.kind && a.start === b.start && a.end === b.end && a.name === b.name;

/**
 * What importing a year's rows does to the entries already starting in that
 * year: earlier imports are replaced (an unchanged entry is kept, so importing
 * the same file twice changes nothing), entries the city added by hand stay,
 * and a row of the same kind over a hand entry's days is skipped.
 */
export function planCalendarImport(
  existing: readonly ExistingEntry[],
  rows: readonly CalendarRow[],
): CalendarImportPlan {
  const manual = existing.filter((e) => e.importId === null);
  const imported = existing.filter((e) => e.importId !== null);
  const claimed = new Set<number>();
  const plan: CalendarImportPlan = { insert: [], keep: [], remove: [], skipped: [] };
  for (const r of rows) {
    if (manual.some((m) => overlaps(m, r))) {
      plan.skipped.push(r);
      continue;
    }
    const match = imported.find((e) => !claimed.has(e.id) && same(e, r));
    if (match) {
      claimed.add(match.id);
      plan.keep.push(match.id);
    } else plan.insert.push(r);
  }
  plan.remove = imported.filter((e) => !claimed.has(e.id)).map((e) => e.id);
  return plan;
}

/**
 * The years the admin must be warned about: this year and the coming one
 * (today + 1 year), each when it has no libur nasional or cuti bersama at all.
 * `today` is the city's local date.
 */
export function yearsWithoutNationalCalendar(today: string, yearsWithEntries: ReadonlySet<number>): number[] {
  const year = Number(today.slice(0, 4));
  return [year, year + 1].filter((y) => !yearsWithEntries.has(y));
}

/** The year of a shipped file name `kalender-libur-2026.csv`, or null. */
export function shippedYearOf(fileName: string): number | null {
  const m = /^kalender-libur-(\d{4})\.csv$/.exec(fileName);
  return m ? Number(m[1]) : null;
}
