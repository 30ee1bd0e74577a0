// Use cases of the national calendar: the city's BKPSDM (admin_kota) imports a
// year — the file shipped in reference/kalender-libur-YYYY.csv, or a CSV it
// uploads, checked by content and row by row — and is warned while this year
// or the coming one has no national calendar. An import replaces what earlier
// imports of the year wrote, keeps what the city entered by hand, and records
// where every entry came from (calendar-rules.ts has the rules).
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { fieldError, forbidden, invalid } from '../../lib/errors.js';
import type { AuditRepo } from '../../kernel/audit.js';
import { auditFrom, type Ctx } from '../../kernel/context.js';
import { localDateOf } from '../work-schedule/index.js';
import { createCalendarRepo, type CalendarRepo } from './calendar-repo.js';
import {
  calendarText,
  MAX_SOURCE,
  parseCalendarCsv,
  planCalendarImport,
  shippedYearOf,
  yearsWithoutNationalCalendar,
  type CalendarFile,
} from './calendar-rules.js';
import { cityOfScope } from './service.js';

export const REFERENCE_DIR = new URL('../../../reference/', import.meta.url);

export interface CalendarDeps {
  db: Db;
  clock: Clock;
  audit: AuditRepo;
  /** The city's UTC offset in minutes: "this year" is the city's. */
  offsetMinutes: number;
  /** Where the shipped year files are (tests may point elsewhere). */
  referenceDir?: URL;
  calendar?: CalendarRepo;
}

export interface ShippedYear {
  year: number;
  source: string;
  bytes: Buffer;
  file: CalendarFile;
}

export interface CalendarImportReport {
  year: number;
  origin: 'bawaan' | 'unggahan';
  source: string;
  inserted: number;
  kept: number;
  removed: number;
  skipped: { line: number; kind: string; start: string; end: string; name: string }[];
}

const needAdmin = (ctx: Ctx) => {
  if (ctx.scope.role !== 'admin_kota') throw forbidden();
};

export function createCalendarService(d: CalendarDeps) {
  const { db, clock } = d;
  const repo = d.calendar ?? createCalendarRepo();
  const dir = d.referenceDir ?? REFERENCE_DIR;
  const today = () => localDateOf(clock.now(), d.offsetMinutes);

  // The shipped files do not change while the process runs: read once.
  let shippedCache: Promise<ShippedYear[]> | null = null;
  function shipped(): Promise<ShippedYear[]> {
    shippedCache ??= (async () => {
      const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => shippedYearOf(n) !== null).sort();
      const out: ShippedYear[] = [];
      for (const name of names) {
        const bytes = await readFile(new URL(name, dir));
        const text = calendarText(bytes);
        const file = text.ok ? parseCalendarCsv(text.text) : null;
        // A shipped file that does not read is a defect of the release: say which, do not offer it.
        if (!file || file.problems.length || file.year !== shippedYearOf(name) || !file.source)
          throw new Error(`reference/${name}: not a valid calendar file (${JSON.stringify(file?.problems ?? [])})`);
        out.push({ year: file.year!, source: file.source, bytes, file });
      }
      return out;
    })();
    shippedCache.catch(() => (shippedCache = null));
    return shippedCache;
  }

  async function importFile(
    ctx: Ctx,
    f: { file: CalendarFile; bytes: Buffer; origin: 'bawaan' | 'unggahan'; source?: string | undefined; field: string },
  ): Promise<CalendarImportReport> {
    if (f.file.problems.length)
      throw invalid(
        f.file.problems.map((p) => ({ field: f.field, key: p.key, ...(p.params ? { params: p.params } : {}) })),
      );
    const source = (f.source?.trim() || f.file.source || '').slice(0, MAX_SOURCE);
    if (!source) throw fieldError('source', 'kalender.err.source_missing');
    const year = f.file.year!;
    const city = cityOfScope(ctx);
    return db.transaction().execute(async (trx) => {
      await repo.lockCity(trx, city);
      const existing = (await repo.entriesOfYear(trx, city, year)).filter((e) => e.start.startsWith(`${year}-`));
      const plan = planCalendarImport(existing, f.file.rows);
      const imp = await repo.insertImport(trx, {
        cityCode: city,
        year,
        origin: f.origin,
        source,
        sha256: createHash('sha256').update(f.bytes).digest('hex'),
        entries: plan.insert.length + plan.keep.length,
        userId: ctx.scope.userId,
        now: clock.now(),
      });
      await repo.removeEntries(trx, city, plan.remove);
      await repo.reattribute(trx, city, plan.keep, imp.id);
      await repo.insertImportedEntries(trx, city, imp.id, plan.insert);
      const report: CalendarImportReport = {
        year,
        origin: f.origin,
        source,
        inserted: plan.insert.length,
        kept: plan.keep.length,
        removed: plan.remove.length,
        skipped: plan.skipped.map((r) => ({ line: r.line, kind: r.kind, start: r.start, end: r.end, name: r.name })),
      };
      await d.audit.append(
        trx,
        auditFrom(ctx, {
          action: 'calendar.imported',
          entityType: 'calendar_import',
          entityId: imp.id,
          regionCode: city,
          details: { ...report, skipped: report.skipped.length },
        }),
      );
      return report;
    });
  }

  return {
    /** The city's local date today (the injected clock). */
    today,
    /** Years of the shipped files, with what each transcribes. */
    shippedYears: async () => (await shipped()).map((s) => ({ year: s.year, source: s.source })),

    /** Imports the year's shipped file (reference/kalender-libur-YYYY.csv). */
    async importShipped(ctx: Ctx, year: number) {
      needAdmin(ctx);
      const s = (await shipped()).find((x) => x.year === year);
      if (!s) throw fieldError('year', 'kalender.err.not_shipped', { year });
      return importFile(ctx, { file: s.file, bytes: s.bytes, origin: 'bawaan', field: 'year' });
    },

    /** Imports an uploaded (or pasted) calendar CSV; `field` names the form field its problems belong to. */
    async importUpload(ctx: Ctx, input: { bytes: Buffer; source?: string | undefined; field: 'file' | 'csv' }) {
      needAdmin(ctx);
      const text = calendarText(input.bytes);
      if (!text.ok) throw fieldError(input.field, text.key);
      return importFile(ctx, {
        file: parseCalendarCsv(text.text),
        bytes: input.bytes,
        origin: 'unggahan',
        source: input.source,
        field: input.field,
      });
    },

    /** A year's entries (any that touch it) with their origin, and the latest import of each year. */
    async year(ctx: Ctx, year: number) {
      const city = cityOfScope(ctx);
      const [entries, imports] = await Promise.all([repo.entriesOfYear(db, city, year), repo.latestImports(db, city)]);
      return { entries, imports };
    },

    /**
     * This year and the coming one (today + 1 year, in the city's zone) when
     * they have no libur nasional or cuti bersama: each with whether a shipped
     * file could fill it at once.
     */
    async warnings(ctx: Ctx) {
      const now = today();
      const y = Number(now.slice(0, 4));
      const [have, files] = await Promise.all([repo.yearsWithNational(db, cityOfScope(ctx), [y, y + 1]), shipped()]);
      return yearsWithoutNationalCalendar(now, have).map((year) => ({
        year,
        shipped: files.some((f) => f.year === year),
      }));
    },
  };
}
export type CalendarService = ReturnType<typeof createCalendarService>;
