// SQL of the national calendar import: the imports of a city (calendar_imports),
// and the entries they wrote in calendar_entries (import_id; null = entered by
// hand). The employees module owns both tables (repo.ts keeps the plain reads
// and the hand entries).
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { CalendarKind } from '../work-schedule/index.js';
import type { OrgTables } from './tables.js';

const x = (db: Db) => db.withTables<OrgTables>();
const dayText = (col: string) => sql<string>`to_char(${sql.ref(col)}, 'YYYY-MM-DD')`;

export function createCalendarRepo() {
  return {
    /** One import of a city at a time: the plan is made from what the transaction reads. */
    lockCity: (trx: Db, cityCode: string) =>
      sql`select pg_advisory_xact_lock(hashtext('pamong.calendar'), hashtext(${cityCode}))`.execute(trx),

    /** The entries that touch a year, with where each came from (the import's origin and source), in date order. */
    entriesOfYear: (db: Db, cityCode: string, year: number) =>
      x(db)
        .selectFrom('calendar_entries as c')
        .leftJoin('calendar_imports as i', 'i.id', 'c.import_id')
        .select([
          'c.id',
          'c.kind',
          'c.name',
          'c.import_id as importId',
          'i.origin',
          'i.source',
          dayText('c.start_date').as('start'),
          dayText('c.end_date').as('end'),
        ])
        .where('c.region_code', '=', cityCode)
        .where('c.end_date', '>=', `${year}-01-01`)
        .where('c.start_date', '<=', `${year}-12-31`)
        .orderBy('c.start_date')
        .orderBy('c.id')
        .execute(),

    insertImport: (
      trx: Db,
      v: {
        cityCode: string;
        year: number;
        origin: 'bawaan' | 'unggahan';
        source: string;
        sha256: string;
        entries: number;
        userId: number;
        now: Date;
      },
    ) =>
      x(trx)
        .insertInto('calendar_imports')
        .values({
          region_code: v.cityCode,
          year: v.year,
          origin: v.origin,
          source: v.source,
          file_sha256: v.sha256,
          entries: v.entries,
          imported_by: v.userId,
          created_at: v.now,
        })
        .returning('id')
        .executeTakeFirstOrThrow(),

    insertImportedEntries: (
      trx: Db,
      cityCode: string,
      importId: number,
      rows: readonly { kind: CalendarKind; start: string; end: string; name: string }[],
    ) =>
      rows.length
        ? x(trx)
            .insertInto('calendar_entries')
            .values(
              rows.map((r) => ({
                region_code: cityCode,
                kind: r.kind,
                start_date: r.start,
                end_date: r.end,
                name: r.name,
                import_id: importId,
              })),
            )
            .execute()
        : Promise.resolve([]),

    reattribute: (trx: Db, cityCode: string, ids: readonly number[], importId: number) =>
      ids.length
        ? x(trx)
            .updateTable('calendar_entries')
            .set({ import_id: importId })
            .where('region_code', '=', cityCode)
            .where('id', 'in', ids)
            .execute()
        : Promise.resolve([]),

    removeEntries: (trx: Db, cityCode: string, ids: readonly number[]) =>
      ids.length
        ? x(trx).deleteFrom('calendar_entries').where('region_code', '=', cityCode).where('id', 'in', ids).execute()
        : Promise.resolve([]),

    /** Of these years, those with at least one libur nasional or cuti bersama in the city. */
    yearsWithNational: async (db: Db, cityCode: string, years: readonly number[]) =>
      new Set(
        (
          await x(db)
            .selectFrom('calendar_entries')
            .select(sql<number>`extract(year from start_date)::int`.as('year'))
            .where('region_code', '=', cityCode)
            .where('kind', 'in', ['libur_nasional', 'cuti_bersama'])
            .where('start_date', '>=', `${Math.min(...years)}-01-01`)
            .where('start_date', '<=', `${Math.max(...years)}-12-31`)
            .groupBy(sql`extract(year from start_date)`)
            .execute()
        ).map((r) => Number(r.year)),
      ),

    /** The latest import of each year of a city, with who did it. */
    latestImports: (db: Db, cityCode: string) =>
      x(db)
        .selectFrom('calendar_imports as i')
        .leftJoin('users as u', 'u.id', 'i.imported_by')
        .select(['i.year', 'i.origin', 'i.source', 'i.entries', 'i.created_at', 'u.full_name'])
        .distinctOn('i.year')
        .where('i.region_code', '=', cityCode)
        .orderBy('i.year')
        .orderBy('i.id', 'desc')
        .execute(),
  };
}
export type CalendarRepo = ReturnType<typeof createCalendarRepo>;
