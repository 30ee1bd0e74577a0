// SQL for residents and families.
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { ResidentUpdate } from '../../db/schema.js';
import { inScope, withinRegion, type Scope } from '../../kernel/scope.js';
import { escapeLike } from '../../db/like.js';

export interface ResidentSearch {
  q?: string | undefined;
  hash?: Buffer | undefined;
  under?: string | undefined;
  status?: string | undefined;
  limit: number;
  offset: number;
}

const listColumns = [
  'residents.id',
  'residents.full_name',
  'residents.nik_masked',
  'residents.sex',
  'residents.relationship',
  'residents.status',
  'residents.region_code',
  'residents.family_id',
  'families.kk_masked',
] as const;

export interface NewResidentRow {
  nik_hash: Buffer;
  nik_enc: Buffer;
  nik_masked: string;
  family_id: number;
  relationship: string;
  full_name: string;
  sex: 'L' | 'P';
  birth_place: string;
  birth_date: string;
  religion: string;
  occupation: string;
  region_code: string;
  address: string;
  marital_status?: string;
  citizenship?: string;
  passport_no?: string;
  kitas_no?: string;
  education?: string;
  father_name?: string;
  mother_name?: string;
  blood_type?: string;
}

/** The stored register fields an import compares with its row (siak-rules.ts UPDATABLE_FIELDS). */
const importCompareColumns = [
  'residents.id',
  'residents.nik_hash',
  'residents.family_id',
  'residents.region_code',
  'residents.relationship',
  'residents.status',
  'residents.full_name',
  'residents.sex',
  'residents.birth_place',
  'residents.birth_date',
  'residents.religion',
  'residents.occupation',
  'residents.address',
  'residents.marital_status',
  'residents.citizenship',
  'residents.passport_no',
  'residents.kitas_no',
  'residents.education',
  'residents.father_name',
  'residents.mother_name',
  'residents.blood_type',
  'families.kk_hash',
] as const;

export function createResidentsRepo() {
  return {
    /**
     * One resident by id, for a letter being issued on a request the caller already holds in scope:
     * every register field (codes: label them with `identityLabels` from index.ts) and the family's
     * masked No. KK (the full number only through kkEncOf, at print time).
     */
    byId(db: Db, id: number) {
      return db
        .selectFrom('residents')
        .innerJoin('families', 'families.id', 'residents.family_id')
        .selectAll('residents')
        .select('families.kk_masked')
        .where('residents.id', '=', id)
        .executeTakeFirstOrThrow();
    },
    /** The encrypted NIK of one resident (printed on a letter, never stored in it). */
    async nikEncOf(db: Db, id: number) {
      const r = await db.selectFrom('residents').select('nik_enc').where('id', '=', id).executeTakeFirst();
      return r?.nik_enc ?? null;
    },
    /** The encrypted No. KK of a resident's family (printed on a letter, never stored in it). */
    async kkEncOf(db: Db, residentId: number) {
      const r = await db
        .selectFrom('residents')
        .innerJoin('families', 'families.id', 'residents.family_id')
        .select('families.kk_enc')
        .where('residents.id', '=', residentId)
        .executeTakeFirst();
      return r?.kk_enc ?? null;
    },
    /** A resident about to be marked deceased, locked for the caller's transaction. */
    forStatusChange(db: Db, by: { id: number } | { nikHash: Buffer }) {
      let q = db.selectFrom('residents').select(['id', 'status', 'region_code']);
      q = 'id' in by ? q.where('id', '=', by.id) : q.where('nik_hash', '=', by.nikHash);
      return q.forUpdate().executeTakeFirst();
    },
    /** Registered residents among these NIK hashes, with what an import compares. */
    residentsForImport(db: Db, nikHashes: Buffer[]) {
      if (!nikHashes.length) return Promise.resolve([]);
      return db
        .selectFrom('residents')
        .innerJoin('families', 'families.id', 'residents.family_id')
        .select(importCompareColumns)
        .where('residents.nik_hash', 'in', nikHashes)
        .execute();
    },
    /** Families among these KK hashes, and whether each has a living head. */
    familiesForImport(db: Db, kkHashes: Buffer[]) {
      if (!kkHashes.length) return Promise.resolve([]);
      return db
        .selectFrom('families')
        .select((eb) => [
          'families.id',
          'families.kk_hash',
          'families.region_code',
          eb
            .exists(
              eb
                .selectFrom('residents')
                .select('residents.id')
                .whereRef('residents.family_id', '=', 'families.id')
                .where('residents.relationship', '=', 'kepala_keluarga')
                .where('residents.status', '=', 'hidup'),
            )
            .as('has_head'),
        ])
        .where('families.kk_hash', 'in', kkHashes)
        .execute();
    },
    /** Several families in one statement. */
    insertFamilies(
      db: Db,
      rows: { kk_hash: Buffer; kk_enc: Buffer; kk_masked: string; region_code: string; address: string }[],
    ) {
      if (!rows.length) return Promise.resolve([]);
      return db.insertInto('families').values(rows).returning(['id', 'kk_hash']).execute();
    },
    /** Several residents in one statement (callers keep a batch well under PostgreSQL's 65,535 parameters). */
    async insertResidents(db: Db, rows: NewResidentRow[]) {
      if (!rows.length) return;
      await db.insertInto('residents').values(rows).execute();
    },
    /** Registration has no scope yet: it is the one unscoped lookup, by blind index only. */
    findForRegistration(db: Db, nikHash: Buffer) {
      return db
        .selectFrom('residents')
        .innerJoin('families', 'families.id', 'residents.family_id')
        .select([
          'residents.id',
          'residents.full_name',
          'residents.status',
          'residents.birth_date',
          'residents.region_code',
          'residents.nik_hash',
          'families.kk_hash',
        ])
        .where('residents.nik_hash', '=', nikHash)
        .executeTakeFirst();
    },
    search(db: Db, scope: Scope, s: ResidentSearch) {
      let q = db
        .selectFrom('residents')
        .innerJoin('families', 'families.id', 'residents.family_id')
        .select(listColumns)
        .where(inScope(scope, 'residents.region_code'));
      if (s.hash)
        q = q.where((eb) => eb.or([eb('residents.nik_hash', '=', s.hash!), eb('families.kk_hash', '=', s.hash!)]));
      else if (s.q) q = q.where(sql`lower(residents.full_name)`, 'like', `%${escapeLike(s.q.toLowerCase())}%`);
      if (s.under) q = q.where(withinRegion('residents.region_code', s.under));
      if (s.status) q = q.where('residents.status', '=', s.status as 'hidup');
      return q
        .orderBy('residents.region_code')
        .orderBy('families.id')
        .orderBy('residents.id')
        .limit(s.limit)
        .offset(s.offset)
        .execute();
    },
    findInScope(db: Db, scope: Scope, id: number) {
      return db
        .selectFrom('residents')
        .innerJoin('families', 'families.id', 'residents.family_id')
        .selectAll('residents')
        .select(['families.kk_enc', 'families.kk_masked', 'families.address as family_address'])
        .where('residents.id', '=', id)
        .where((eb) =>
          scope.role === 'warga'
            ? eb('residents.id', '=', scope.residentId ?? -1)
            : inScope(scope, 'residents.region_code'),
        )
        .executeTakeFirst();
    },
    familyMembers(db: Db, scope: Scope, familyId: number) {
      return db
        .selectFrom('residents')
        .innerJoin('families', 'families.id', 'residents.family_id')
        .select(listColumns)
        .where('residents.family_id', '=', familyId)
        .where(inScope(scope, 'residents.region_code'))
        .orderBy('residents.id')
        .execute();
    },
    findFamilyByHash(db: Db, kkHash: Buffer) {
      return db.selectFrom('families').select(['id', 'region_code']).where('kk_hash', '=', kkHash).executeTakeFirst();
    },
    async insertFamily(
      db: Db,
      f: { kk_hash: Buffer; kk_enc: Buffer; kk_masked: string; region_code: string; address: string },
    ) {
      return (await db.insertInto('families').values(f).returning('id').executeTakeFirstOrThrow()).id;
    },
    async insertResident(db: Db, r: NewResidentRow) {
      return (await db.insertInto('residents').values(r).returning('id').executeTakeFirstOrThrow()).id;
    },
    async update(db: Db, id: number, patch: ResidentUpdate) {
      await db.updateTable('residents').set(patch).where('id', '=', id).execute();
    },
    async moveFamily(db: Db, familyId: number, regionCode: string, now: Date) {
      await db
        .updateTable('families')
        .set({ region_code: regionCode, updated_at: now })
        .where('id', '=', familyId)
        .execute();
      await db
        .updateTable('residents')
        .set({ region_code: regionCode, updated_at: now })
        .where('family_id', '=', familyId)
        .execute();
    },
    async counts(db: Db, scope: Scope) {
      const r = await db
        .selectFrom('residents')
        .select((eb) => [
          eb.fn.countAll<string>().as('residents'),
          sql<string>`count(distinct family_id)`.as('families'),
        ])
        .where(inScope(scope, 'region_code'))
        .where('status', '=', 'hidup')
        .executeTakeFirstOrThrow();
      return { residents: Number(r.residents), families: Number(r.families) };
    },
  };
}
export type ResidentsRepo = ReturnType<typeof createResidentsRepo>;
