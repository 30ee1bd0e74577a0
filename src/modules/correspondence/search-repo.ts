// SQL of E-Surat search: the metadata (naskah.search, 0026) OR the text layer of its PDFs (naskah_texts, 0032),
// ranked, and always under repo.ts `visibleTo` — the one access rule. Which of the two matched is returned so
// the list can say "ditemukan di isi dokumen"; no text of the document leaves the database here.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Viewer } from './policy.js';
import { visibleTo } from './repo.js';
import type { SecurityClass } from './rules.js';
import type { SearchTables } from './search-tables.js';
import type { TextLayer } from './search-text.js';

const x = (db: Db) => db.withTables<SearchTables>();
const day = (col: string) => sql<string>`to_char(${sql.ref(col)}, 'YYYY-MM-DD')`;

/** The columns of a list row (as repo.ts list), so a search result renders like one. */
const COLS = [
  'n.id',
  'n.region_code',
  'n.unit_id',
  'u.name as unit_name',
  'u.path as unit_path',
  'n.direction',
  'n.status',
  'n.kind_code',
  'n.agenda_year',
  'n.agenda_seq',
  'n.agenda_number',
  'n.sender_instansi',
  'n.sender_name',
  'n.sender_number',
  day('n.sender_date').as('sender_date'),
  day('n.received_date').as('received_date'),
  'n.perihal',
  'n.classification_code',
  'n.classification_name',
  'n.retention_active_years',
  'n.retention_inactive_years',
  'n.retention_final',
  'n.retention_source',
  'n.retention_verified',
  'n.security_class',
  'n.urgency',
  'n.file_id',
  'n.file_sha256',
  'n.duplicate_of_id',
  'n.created_at',
  'n.created_by',
  'c.full_name as created_by_name',
  'n.closed_at',
  'n.closed_note',
] as const;

export interface SearchOptions {
  userId: number;
  q: string;
  limit: number;
  offset: number;
}

export function createSearchRepo() {
  return {
    /** The text layer of one PDF of a naskah (written once; a second read of the same file keeps the first). */
    saveText: (trx: Db, naskahId: number, fileId: number, t: TextLayer, at: Date) =>
      x(trx)
        .insertInto('naskah_texts')
        .values({
          naskah_id: naskahId,
          unit_id: sql<number>`(select unit_id from naskah where id = ${naskahId})`,
          file_id: fileId,
          status: t.status,
          pages_read: t.pagesRead,
          pages_total: t.pagesTotal,
          truncated: t.truncated,
          body: t.text,
          extract_ms: t.ms,
          extracted_at: at,
        })
        .onConflict((oc) => oc.columns(['naskah_id', 'file_id']).doNothing())
        .execute(),

    textStatus: (db: Db, naskahId: number) =>
      x(db)
        .selectFrom('naskah_texts')
        .select(['file_id', 'status', 'pages_read', 'pages_total', 'truncated'])
        .where('naskah_id', '=', naskahId)
        .orderBy('file_id')
        .execute(),

    /**
     * Incoming naskah the viewer may see whose metadata or PDF text matches `q` (websearch syntax): metadata
     * matches first, by ts_rank, then matches in the text only; newest first within a rank.
     */
    search: async (db: Db, v: Viewer, restricted: ReadonlySet<SecurityClass>, o: SearchOptions) => {
      const units = await scopeUnitIds(db, v);
      // The planner underestimates reading a text's tsvector (each is detoasted) and picks a sequential scan of
      // naskah_texts for common words: 420 ms instead of 160 ms in bench/naskah-search.ts. Index scans only, for
      // this statement (SET LOCAL ends with the transaction).
      return db.transaction().execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        return searchQuery(trx, v, restricted, o, units).execute();
      });
    },

    /** One incoming naskah by its agenda number, under the same rule (the bench's indexed baseline). */
    byAgendaNumber: (db: Db, v: Viewer, restricted: ReadonlySet<SecurityClass>, agenda: string) =>
      x(db)
        .selectFrom('naskah as n')
        .innerJoin('org_units as u', 'u.id', 'n.unit_id')
        .select(['n.id', 'n.agenda_number', 'n.perihal'])
        .where('n.agenda_number', '=', agenda)
        .where(visibleTo(v, restricted))
        .executeTakeFirst(),
  };
}

/**
 * The units whose naskah the viewer may see by unit (the unit part of visibleTo, evaluated over org_units): a
 * superset used only to narrow the index scans of search; visibleTo on the result still decides. Naskah seen
 * through a disposition (any unit) are added by their own branch.
 */
export async function scopeUnitIds(db: Db, v: Viewer): Promise<number[]> {
  const path = sql.ref('u.path');
  const parts: Expression<SqlBool>[] = [];
  if (v.role === 'admin_kota') parts.push(sql<SqlBool>`${path} like ${v.city + '/%'}`);
  else if (v.role === 'pegawai') {
    if (v.unitPath) parts.push(sql<SqlBool>`${path} = ${v.unitPath}`);
    for (const h of v.headOf) parts.push(sql<SqlBool>`(${path} = ${h} or ${path} like ${h + '/%'})`);
    if (v.tuOf.length) parts.push(sql<SqlBool>`${path} in (${sql.join([...v.tuOf])})`);
  }
  if (!parts.length) return [];
  const rows = await x(db)
    .selectFrom('org_units as u')
    .select('u.id')
    .where(sql<SqlBool>`(${sql.join(parts, sql` or `)})`)
    .execute();
  return rows.map((r) => r.id);
}

/** The search statement unexecuted (bench/naskah-search.ts prints its plan); `units` from scopeUnitIds. */
export function searchQuery(
  db: Db,
  v: Viewer,
  restricted: ReadonlySet<SecurityClass>,
  o: SearchOptions,
  units: readonly number[],
) {
  const tsq = sql`websearch_to_tsquery('simple', ${o.q})`;
  // The viewer's units, for the index: naskah by unit_id (bitmap AND with naskah_search); the text by the
  // '~u<id>' lexeme inside its own tsvector (migration 0032), so the GIN index intersects words and units.
  const inUnits = units.length ? sql<SqlBool>`m.unit_id = any(${sql.val([...units])}::int[])` : sql<SqlBool>`false`;
  const unitLexemes = sql.val(units.map((u) => `'~u${Number(u)}'`).join(' | '));
  const textInUnits = units.length
    ? // An empty query (only punctuation) && the units would be the units alone: every text. numnode says so.
      sql<SqlBool>`numnode(${tsq}) > 0 and t.search @@ (${tsq} && ${unitLexemes}::tsquery)`
    : sql<SqlBool>`false`;
  const named =
    v.role === 'pegawai' && v.employeeId !== null
      ? sql<SqlBool>`in (select dn.naskah_id from naskah_dispositions dn
                         where dn.to_employee_id = ${v.employeeId} and dn.withdrawn_at is null)`
      : null;
  const meta = (where: Expression<SqlBool>) =>
    x(db)
      .selectFrom('naskah as m')
      .select(['m.id as naskah_id', sql<number>`1`.as('meta'), sql<number>`0`.as('txt')])
      .where(where)
      .where(sql<SqlBool>`m.search @@ ${tsq}`);
  const text = (where: Expression<SqlBool>) =>
    x(db)
      .selectFrom('naskah_texts as t')
      .select(['t.naskah_id', sql<number>`0`.as('meta'), sql<number>`1`.as('txt')])
      .where(where);
  let hits = meta(inUnits).unionAll(text(textInUnits));
  if (named)
    hits = hits
      .unionAll(meta(sql<SqlBool>`m.id ${named}`))
      .unionAll(text(sql<SqlBool>`t.naskah_id ${named} and t.search @@ ${tsq}`));
  const grouped = x(db)
    .selectFrom(hits.as('hh'))
    .select(['hh.naskah_id', sql<boolean>`max(hh.meta) = 1`.as('in_meta'), sql<boolean>`max(hh.txt) = 1`.as('in_text')])
    .groupBy('hh.naskah_id');
  return x(db)
    .selectFrom(grouped.as('h'))
    .innerJoin('naskah as n', 'n.id', 'h.naskah_id')
    .innerJoin('org_units as u', 'u.id', 'n.unit_id')
    .innerJoin('users as c', 'c.id', 'n.created_by')
    .leftJoin('naskah_reads as r', (j) => j.onRef('r.naskah_id', '=', 'n.id').on('r.user_id', '=', o.userId))
    .select([...COLS, 'r.read_at', 'h.in_meta', 'h.in_text'])
    .where('n.direction', '=', 'masuk')
    .where(visibleTo(v, restricted))
    .orderBy('h.in_meta', 'desc')
    .orderBy(sql`ts_rank(n.search, ${tsq})`, 'desc')
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id', 'desc')
    .limit(o.limit)
    .offset(o.offset);
}
export type SearchRepo = ReturnType<typeof createSearchRepo>;
export type SearchRow = Awaited<ReturnType<SearchRepo['search']>>[number];
