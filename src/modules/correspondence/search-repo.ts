// SQL of E-Surat search: the metadata (naskah.search, 0026) OR the text layer of its PDFs (naskah_texts, 0032),
// always under repo.ts `visibleTo` — the one access rule. Metadata matches come first, then matches in the text
// only, each newest first; which of the two matched is returned so the list can say "ditemukan di isi dokumen";
// no text of the document leaves the database here.
//
// Fast for common and rare words alike (bench/naskah-search.ts, bench/RESULTS.md): each of the two parts finds its
// newest `k` matches one of two ways, chosen from PostgreSQL's own statistics of the word (pg_stats
// most_common_elems of the tsvector column, read once every few minutes):
// - a common word: walk the naskah newest first — per unit of the viewer on (unit_id, created_at), or, for a wide
//   scope, on the city's (created_at, id) index of migration 0039 — testing the word on each row, and stop at `k`
//   matches (a word in every second naskah stops after ~2k rows);
// - a rare word: the GIN index gives every match (few), intersected with the viewer's units, then the newest `k`.
// Both ways return the same rows; only the cost differs. Nothing counts all matches (the page asks one row more).
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
  'n.letter_number',
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

/** How one part of a search finds its matches (exported for the bench, which prints both plans). */
export type Way = 'walk' | 'gin';
export interface SearchPlan {
  meta: Way;
  text: Way;
  /** The metadata's GIN matches are so few city-wide that filtering them by visibleTo beats naming the units. */
  metaCitywide?: boolean;
}

/** Words of a query as the 'simple' configuration makes them (lower case, letters and digits); `or` joins. */
export function queryWords(q: string): { words: string[]; any: boolean } {
  const tokens: string[] = q.toLowerCase().match(/-?"?[\p{L}\p{N}]+/gu) ?? [];
  const words = tokens.filter((w) => !w.startsWith('-') && w !== 'or').map((w) => w.replace(/^"/, ''));
  return { words, any: tokens.includes('or') };
}

/**
 * The share of rows whose tsvector holds the query's words, from the column's statistics: most_common_elems
 * with their frequencies (the last three numbers are the minimum, the maximum and the share of nulls). A word
 * not listed is rarer than the least frequent one listed. All words: the product, as if independent — words that
 * never meet (a perihal's "posyandu" and another's "imunisasi") must not be walked for, and underestimating only
 * sends a search to the GIN index, whose cost is bounded by the matches; `or`: the sum.
 */
export function estimateShare(stats: WordStats | undefined, q: string): number {
  if (!stats) return 0;
  const { words, any } = queryWords(q);
  if (!words.length) return 0;
  const f = words.map((w) => stats.freq.get(w) ?? stats.floor / 2);
  return any
    ? Math.min(
        1,
        f.reduce((a, b) => a + b, 0),
      )
    : f.reduce((a, b) => a * b, 1);
}
export interface WordStats {
  freq: Map<string, number>;
  floor: number;
}

/**
 * A walk stops after about k ÷ share rows: taken when that is at most this many (a metadata row is tested in
 * microseconds; a text means reading its tsvector, so fewer). Above it, the GIN index's few matches are cheaper.
 */
const WALK_ROWS = { meta: 4000, text: 1500 };
/** More units than this walk the city's (created_at, id) index with the units as a filter, not unit by unit. */
const UNIT_BY_UNIT = 6;
/** Below this share of naskah a metadata word's GIN matches are read city-wide and filtered by visibleTo. */
const CITYWIDE_SHARE = 0.002;
/** pg_stats are re-read after this long (ANALYZE, by autovacuum or by hand, changes them rarely). */
const STATS_TTL_MS = 10 * 60_000;

export function createSearchRepo() {
  let stats: { at: number; meta?: WordStats; text?: WordStats } | null = null;
  async function wordStats(db: Db) {
    if (stats && Date.now() - stats.at < STATS_TTL_MS) return stats;
    const { rows } = await sql<{ tablename: string; elems: string[] | null; freqs: number[] | null }>`
      select tablename, most_common_elems::text::text[] as elems, most_common_elem_freqs as freqs
      from pg_stats where schemaname = current_schema() and attname = 'search'
        and tablename in ('naskah', 'naskah_texts')`.execute(db);
    const of = (table: string): WordStats | undefined => {
      const r = rows.find((x) => x.tablename === table);
      if (!r?.elems || !r.freqs) return undefined;
      const freq = new Map(r.elems.map((e, i) => [e, r.freqs![i]!]));
      return { freq, floor: r.freqs[r.elems.length] ?? 0 };
    };
    stats = { at: Date.now(), meta: of('naskah'), text: of('naskah_texts') };
    return stats;
  }

  async function plan(db: Db, q: string, o: { offset: number; limit: number }): Promise<SearchPlan> {
    const st = await wordStats(db);
    const k = o.offset + o.limit;
    const way = (share: number, max: number): Way => (share > 0 && k / share <= max ? 'walk' : 'gin');
    const metaShare = estimateShare(st.meta, q);
    return {
      meta: way(metaShare, WALK_ROWS.meta),
      text: way(estimateShare(st.text, q), WALK_ROWS.text),
      metaCitywide: metaShare < CITYWIDE_SHARE,
    };
  }

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

    /** How each part of this search would run (the statistics of its words). */
    plan,

    /**
     * Naskah the viewer may see (incoming, and outgoing ones by their metadata) whose metadata or PDF text matches
     * `q` (websearch syntax): metadata matches first, then text-only matches, newest first within each. `force`
     * picks the ways (the bench compares them); otherwise the word's statistics do.
     */
    async search(
      db: Db,
      v: Viewer,
      restricted: ReadonlySet<SecurityClass>,
      o: SearchOptions,
      force?: SearchPlan,
    ): Promise<SearchRow[]> {
      const [units, ways] = await Promise.all([
        v.role === 'admin_kota' ? [] : scopeUnitIds(db, v),
        force ?? plan(db, o.q, o),
      ]);
      const k = o.offset + o.limit;
      const s = { v, restricted, units, q: o.q, k, citywide: !!ways.metaCitywide };
      // A walk stops after a page: a parallel plan makes each worker walk its own share of the city's index with
      // the unit as a filter (EXPLAIN: 700 ms instead of 60 ms for one unit). Off for this transaction only.
      return db.transaction().execute(async (trx) => {
        await sql`set local max_parallel_workers_per_gather = 0`.execute(trx);
        const meta = await newestMatches(trx, 'meta', ways.meta, s);
        const text = meta.length < k ? await newestMatches(trx, 'text', ways.text, { ...s, k: k - meta.length }) : [];
        const ids = [...meta, ...text].slice(o.offset, k);
        return ids.length ? rowsOf(trx, ids, o) : [];
      });
    },

    /** One naskah by its agenda number, under the same rule, as a list row (what search answers for it). */
    byAgendaNumber: (db: Db, v: Viewer, restricted: ReadonlySet<SecurityClass>, agenda: string, userId: number) =>
      x(db)
        .selectFrom('naskah as n')
        .innerJoin('org_units as u', 'u.id', 'n.unit_id')
        .innerJoin('users as c', 'c.id', 'n.created_by')
        .leftJoin('naskah_reads as r', (j) => j.onRef('r.naskah_id', '=', 'n.id').on('r.user_id', '=', userId))
        .select([...COLS, 'r.read_at', sql<boolean>`true`.as('in_meta'), sql<boolean>`false`.as('in_text')])
        .where('n.agenda_number', '=', agenda)
        .where(visibleTo(v, restricted))
        .orderBy('n.created_at', 'desc')
        .limit(2)
        .execute(),
  };
}

interface Scope {
  v: Viewer;
  restricted: ReadonlySet<SecurityClass>;
  units: readonly number[];
  q: string;
  k: number;
  citywide: boolean;
}

/**
 * The newest `k` naskah in scope matching in the metadata ('meta') or in the text only ('text'), by one of the two
 * ways. Sources (the viewer's units, one by one or together; the naskah named to them) each give their newest k
 * under visibleTo; their union's newest k is the answer.
 */
async function newestMatches(db: Db, part: 'meta' | 'text', way: Way, s: Scope): Promise<number[]> {
  const tsq = sql`websearch_to_tsquery('simple', ${s.q})`;
  const inText = sql<SqlBool>`exists (select 1 from naskah_texts t where t.naskah_id = n.id and t.search @@ ${tsq})`;
  const match =
    part === 'meta'
      ? sql<SqlBool>`n.search @@ ${tsq}`
      : sql<SqlBool>`numnode(${tsq}) > 0 and not (n.search @@ ${tsq}) and ${inText}`;
  const people = s.v.role === 'pegawai' && s.v.employeeId !== null ? [s.v.employeeId, ...(s.v.actsFor ?? [])] : [];
  const sources: Expression<SqlBool>[] = [];
  const anyUnit = sql<SqlBool>`n.unit_id = any(${sql.val([...s.units])}::int[])`;
  // The city's admin sees every unit of the city: listing them narrows nothing (visibleTo keeps the city), and
  // hundreds of unit lexemes would make the text's GIN lookup read hundreds of posting lists.
  // A rare word by the metadata's GIN index: its few matches, filtered by visibleTo alone (which also admits the
  // naskah named to the viewer). Naming the units here made the planner AND the GIN bitmap with the units' whole
  // b-tree bitmap (20,000 rows for a head of three units: 3 ms for a word with no match; EXPLAIN ANALYZE).
  if (part === 'meta' && way === 'gin' && s.citywide) return newestOf(db, [sql<SqlBool>`true`], match, s);
  if (s.v.role === 'admin_kota')
    sources.push(
      way === 'gin' && part === 'text'
        ? sql<SqlBool>`n.id in (select t.naskah_id from naskah_texts t where numnode(${tsq}) > 0 and t.search @@ ${tsq})`
        : sql<SqlBool>`true`,
    );
  else if (s.units.length && way === 'walk' && s.units.length <= UNIT_BY_UNIT)
    for (const u of s.units) sources.push(sql<SqlBool>`n.unit_id = ${u}`);
  else if (s.units.length && (way === 'walk' || part === 'meta')) sources.push(anyUnit);
  else if (s.units.length) {
    // The text's own tsvector holds its unit as a '~u<id>' lexeme (0032): the GIN index ANDs words and units.
    const unitLexemes = sql.val(s.units.map((u) => `'~u${Number(u)}'`).join(' | '));
    sources.push(sql<SqlBool>`n.id in (select t.naskah_id from naskah_texts t
      where numnode(${tsq}) > 0 and t.search @@ (${tsq} && ${unitLexemes}::tsquery))`);
  }
  // Seen by name, whatever the unit: disposed to them (or whom they act for), routed or copied to them.
  if (people.length)
    sources.push(sql<SqlBool>`n.id in (select dn.naskah_id from naskah_dispositions dn
      where dn.to_employee_id in (${sql.join(people)}) and dn.withdrawn_at is null
      union select rn.naskah_id from naskah_routing_steps rn where rn.employee_id in (${sql.join(people)}))`);
  return newestOf(db, sources, match, s);
}

/** The newest `k` naskah of the union of these sources that match and that the viewer may see. */
async function newestOf(db: Db, sources: Expression<SqlBool>[], match: Expression<SqlBool>, s: Scope) {
  if (!sources.length) return [];
  const one = (src: Expression<SqlBool>) => sql`(select n.id, n.created_at from naskah n
      join org_units u on u.id = n.unit_id
      where ${src} and ${match} and ${visibleTo(s.v, s.restricted)}
      order by n.created_at desc, n.id desc limit ${s.k})`;
  const { rows } = await sql<{ id: number }>`select h.id from (${sql.join(sources.map(one), sql` union `)}) h
    order by h.created_at desc, h.id desc limit ${s.k}`.execute(db);
  return rows.map((r) => r.id);
}

/** The list rows of these naskah, in this order, with where each matched. */
async function rowsOf(db: Db, ids: number[], o: SearchOptions) {
  const tsq = sql`websearch_to_tsquery('simple', ${o.q})`;
  const rows = await x(db)
    .selectFrom('naskah as n')
    .innerJoin('org_units as u', 'u.id', 'n.unit_id')
    .innerJoin('users as c', 'c.id', 'n.created_by')
    .leftJoin('naskah_reads as r', (j) => j.onRef('r.naskah_id', '=', 'n.id').on('r.user_id', '=', o.userId))
    .select([
      ...COLS,
      'r.read_at',
      sql<boolean>`n.search @@ ${tsq}`.as('in_meta'),
      sql<boolean>`exists (select 1 from naskah_texts t where t.naskah_id = n.id and t.search @@ ${tsq})`.as('in_text'),
    ])
    .where('n.id', 'in', ids)
    .execute();
  const at = new Map(ids.map((id, i) => [id, i]));
  return rows.sort((a, b) => at.get(a.id)! - at.get(b.id)!);
}

/**
 * The units whose naskah the viewer may see by unit (the unit part of visibleTo, evaluated over org_units): a
 * superset used only to narrow the index scans of search; visibleTo on the result still decides. Naskah seen
 * through a disposition or a routing step (any unit) are added by their own source.
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

export type SearchRepo = ReturnType<typeof createSearchRepo>;
export type SearchRow = Awaited<ReturnType<typeof rowsOf>>[number];
