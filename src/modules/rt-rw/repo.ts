// SQL for RT/RW heads' terms and the integrity pact. Every regional query is
// filtered with inScope; a head's queries are narrowed to their own account.
import { sql } from 'kysely';
import type { ColumnType, Generated, SqlBool } from 'kysely';
import type { Db } from '../../db/database.js';
import { inScope, type Scope } from '../../kernel/scope.js';
import { isHead } from './policy.js';
import type { EndReason, Position } from './rules.js';

type DayCol = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string, string>;

/** The tables of migration 0003, known to this module only. */
export type RtRwTables = {
  rtrw_terms: {
    id: Generated<number>;
    region_code: string;
    position: Position;
    person_name: string;
    phone: Generated<string>;
    user_id: number | null;
    /** The register's person (migration 0018); null for terms typed by name. */
    resident_id: ColumnType<number | null, number | null | undefined, number | null>;
    start_date: DayCol;
    end_date: DayCol;
    decree_number: Generated<string>;
    decree_date: ColumnType<string | null, string | null | undefined, string | null>;
    decree_file_id: number | null;
    ended_at: Date | null;
    end_reason: EndReason | null;
    created_by: number;
    created_at: ColumnType<Date, Date | undefined, Date>;
  };
  pact_versions: {
    id: Generated<number>;
    region_code: string;
    version: number;
    title: string;
    body: string;
    published_at: Date;
    published_by: number;
  };
  pact_signatures: {
    id: Generated<number>;
    term_id: number;
    pact_version_id: number;
    verify_code: string;
    signed_at: Date;
    signer_name: string;
    payload: Json<Record<string, unknown>>;
    signature: string;
    kid: string;
    countersigned_by: number | null;
    countersigned_at: Date | null;
    countersign_payload: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
    countersign_signature: string | null;
  };
};

const x = (db: Db) => db.withTables<RtRwTables>();

/** Dates as 'YYYY-MM-DD' text, so no time zone shifts them. */
const termColumns = [
  't.id',
  't.region_code',
  't.position',
  't.person_name',
  't.phone',
  't.user_id',
  't.resident_id',
  sql<string>`t.start_date::text`.as('start_date'),
  sql<string>`t.end_date::text`.as('end_date'),
  't.decree_number',
  sql<string | null>`t.decree_date::text`.as('decree_date'),
  't.decree_file_id',
  't.ended_at',
  't.end_reason',
  't.created_at',
  'kel.name as kelurahan_name',
] as const;

/** The kelurahan an RW/RT lies in (the first 13 characters of its code), to name it across the city. */
const kelurahanOn = (column: string) =>
  sql<SqlBool>`kel.code = left(${sql.ref(column)}, 13) and kel.level = 'kelurahan'`;

export interface NewTerm {
  region_code: string;
  position: Position;
  person_name: string;
  phone: string;
  user_id: number | null;
  resident_id: number | null;
  start_date: string;
  end_date: string;
  decree_number: string;
  decree_date: string | null;
  created_by: number;
  created_at: Date;
}

export function createRtRwRepo() {
  /** Terms the scope may read: its region, and for a head only their own. */
  const terms = (db: Db, scope: Scope) => {
    let q = x(db)
      .selectFrom('rtrw_terms as t')
      .leftJoin('regions as kel', (j) => j.on(kelurahanOn('t.region_code')))
      .where(inScope(scope, 't.region_code'));
    if (isHead(scope.role)) q = q.where('t.user_id', '=', scope.userId);
    return q;
  };

  return {
    /** Of these accounts, those with a pact signature made before `end` (the kinerja score reads it). */
    async pactSignedBy(db: Db, userIds: number[], end: Date) {
      if (!userIds.length) return new Set<number>();
      const r = await sql<{ user_id: number }>`
        select distinct t.user_id from pact_signatures s join rtrw_terms t on t.id = s.term_id
        where t.user_id = any(${sql.val(userIds)}::int[]) and s.signed_at < ${end}::timestamptz`.execute(db);
      return new Set(r.rows.map((x) => x.user_id));
    },
    regionTerms: (db: Db, scope: Scope, code: string) =>
      terms(db, scope)
        .select(termColumns)
        .where('t.region_code', '=', code)
        .orderBy('t.ended_at', (ob) => ob.desc().nullsFirst())
        .orderBy('t.start_date', 'desc')
        .orderBy('t.id', 'desc')
        .execute(),

    activeTerms: (db: Db, scope: Scope, opts: { position?: Position; endingBy?: string } = {}) => {
      let q = terms(db, scope).select(termColumns).where('t.ended_at', 'is', null);
      if (opts.position) q = q.where('t.position', '=', opts.position);
      if (opts.endingBy) q = q.where('t.end_date', '<=', opts.endingBy);
      return q.orderBy('t.region_code').orderBy('t.position').execute();
    },

    /** The active holder, locked so two appointments to one position queue up. */
    activeHolderForUpdate: (trx: Db, code: string, position: Position) =>
      x(trx)
        .selectFrom('rtrw_terms')
        .select(['id', 'person_name', 'resident_id', sql<string>`start_date::text`.as('start_date')])
        .where('region_code', '=', code)
        .where('position', '=', position)
        .where('ended_at', 'is', null)
        .forUpdate()
        .executeTakeFirst(),

    async endTerm(trx: Db, id: number, reason: EndReason, now: Date) {
      const r = await x(trx)
        .updateTable('rtrw_terms')
        .set({ ended_at: now, end_reason: reason })
        .where('id', '=', id)
        .where('ended_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** One term the scope may read (a head: only their own), with its region's name. */
    termById: (db: Db, scope: Scope, id: number) =>
      terms(db, scope)
        .innerJoin('regions as r', 'r.code', 't.region_code')
        .select(termColumns)
        .select('r.name as region_name')
        .where('t.id', '=', id)
        .executeTakeFirst(),

    async setDecreeFile(trx: Db, id: number, fileId: number) {
      const r = await x(trx)
        .updateTable('rtrw_terms')
        .set({ decree_file_id: fileId })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    insertTerm: (trx: Db, t: NewTerm) =>
      x(trx).insertInto('rtrw_terms').values(t).returning('id').executeTakeFirstOrThrow(),

    /** Active RW/RT in scope (the head roles see only their own region). */
    activeRwRt: (db: Db, scope: Scope) =>
      db
        .selectFrom('regions')
        .leftJoin('regions as kel', (j) => j.on(kelurahanOn('regions.code')))
        .select(['regions.code', 'regions.name', 'regions.level', 'regions.parent_code', 'kel.name as kelurahan_name'])
        .where(inScope(scope, 'regions.code'))
        .where('regions.level', 'in', ['rw', 'rt'])
        .where('regions.retired_at', 'is', null)
        .orderBy('regions.code')
        .execute(),

    /** An account that may be linked to a head's term: active, bound exactly to that region. */
    accountIn: (db: Db, scope: Scope, userId: number, code: string) =>
      db
        .selectFrom('users')
        .select(['id', 'role', 'full_name', 'username'])
        .where('id', '=', userId)
        .where('region_code', '=', code)
        .where('active', '=', true)
        .where(inScope(scope, 'region_code'))
        .executeTakeFirst(),

    // --- the pact ---
    currentPact: (db: Db, cityCode: string) =>
      x(db)
        .selectFrom('pact_versions')
        .selectAll()
        .where('region_code', '=', cityCode)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst(),

    async nextPactVersion(trx: Db, cityCode: string) {
      const r = await x(trx)
        .selectFrom('pact_versions')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('region_code', '=', cityCode)
        .executeTakeFirst();
      return Number(r?.v ?? 0) + 1;
    },

    insertPact: (
      trx: Db,
      p: {
        region_code: string;
        version: number;
        title: string;
        body: string;
        published_at: Date;
        published_by: number;
      },
    ) => x(trx).insertInto('pact_versions').values(p).returningAll().executeTakeFirstOrThrow(),

    insertSignature: (
      trx: Db,
      s: {
        term_id: number;
        pact_version_id: number;
        verify_code: string;
        signed_at: Date;
        signer_name: string;
        payload: string;
        signature: string;
        kid: string;
      },
    ) => x(trx).insertInto('pact_signatures').values(s).returning(['id', 'verify_code']).executeTakeFirstOrThrow(),

    /** Signatures of terms in scope (a head: their own), with their term's region. */
    signatures: (db: Db, scope: Scope, opts: { id?: number; versionId?: number } = {}) => {
      let q = x(db)
        .selectFrom('pact_signatures as s')
        .innerJoin('rtrw_terms as t', 't.id', 's.term_id')
        .innerJoin('pact_versions as v', 'v.id', 's.pact_version_id')
        .leftJoin('regions as kel', (j) => j.on(kelurahanOn('t.region_code')))
        .select([
          's.id',
          's.term_id',
          's.verify_code',
          's.signed_at',
          's.signer_name',
          's.payload',
          's.signature',
          's.kid',
          's.countersigned_at',
          's.countersigned_by',
          's.countersign_payload',
          's.countersign_signature',
        ])
        .select([
          't.region_code',
          't.position',
          't.person_name',
          't.resident_id',
          'v.version',
          'v.title',
          'v.body',
          'kel.name as kelurahan_name',
        ])
        .where(inScope(scope, 't.region_code'));
      if (isHead(scope.role)) q = q.where('t.user_id', '=', scope.userId);
      if (opts.id !== undefined) q = q.where('s.id', '=', opts.id);
      if (opts.versionId !== undefined) q = q.where('s.pact_version_id', '=', opts.versionId);
      return q.orderBy('t.region_code').orderBy('s.id').execute();
    },

    async countersign(trx: Db, id: number, c: { by: number; at: Date; payload: string; signature: string }) {
      const r = await x(trx)
        .updateTable('pact_signatures')
        .set({
          countersigned_by: c.by,
          countersigned_at: c.at,
          countersign_payload: c.payload,
          countersign_signature: c.signature,
        })
        .where('id', '=', id)
        .where('countersigned_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** Public verification by code: no scope, the code is the capability. */
    signatureByCode: (db: Db, code: string) =>
      x(db)
        .selectFrom('pact_signatures as s')
        .leftJoin('users as u', 'u.id', 's.countersigned_by')
        .select([
          's.verify_code',
          's.payload',
          's.signature',
          's.kid',
          's.countersigned_at',
          's.countersign_payload',
          's.countersign_signature',
          'u.full_name as countersigner',
        ])
        .where('s.verify_code', '=', code)
        .executeTakeFirst(),
  };
}
export type RtRwRepo = ReturnType<typeof createRtRwRepo>;
