// SQL for paying and protecting heads (0019): payment identities, the honor
// payments' tax and transfer proof, and a BPJS claim's heirs, documents and
// children's scholarship. Typed here with withTables like repo.ts.
import { sql, type ColumnType, type Generated } from 'kysely';
import type { Db } from '../../db/database.js';
import { inScope, withinRegion, type Scope } from '../../kernel/scope.js';
import type { ProgrammeTables } from './repo.js';
import { HEAD_ROLES } from './rules.js';

type Ts = ColumnType<Date, Date | string | undefined, Date | string>;

export type MoneyTables = {
  head_payment_identities: {
    user_id: number;
    nik_enc: Buffer | null;
    nik_masked: string | null;
    bank_name: Generated<string>;
    account_enc: Buffer | null;
    account_masked: string | null;
    account_holder: Generated<string>;
    npwp_enc: Buffer | null;
    npwp_masked: string | null;
    updated_at: Ts;
    updated_by: number;
  };
  bpjs_claim_heirs: {
    id: Generated<number>;
    claim_id: number;
    name: string;
    relationship: string;
    nik_enc: Buffer;
    nik_hash: Buffer;
    nik_masked: string;
    bank_name: Generated<string>;
    account_enc: Buffer | null;
    account_masked: string | null;
    added_at: Ts;
    added_by: number;
  };
  bpjs_claim_documents: {
    id: Generated<number>;
    claim_id: number;
    item: string;
    file_id: number;
    uploaded_at: Ts;
    uploaded_by: number;
  };
  bpjs_claim_scholarships: {
    id: Generated<number>;
    claim_id: number;
    child_name: string;
    level: string;
    school_year: string;
    status: Generated<string>;
    added_at: Ts;
    added_by: number;
  };
};

const q = (db: Db) => db.withTables<ProgrammeTables & MoneyTables>();

export type IdentityRow = MoneyTables['head_payment_identities'] & { updated_at: Date; bank_name: string };

export function createMoneyRepo() {
  return {
    /** Names of regions by code (the kuitansi names the city and kelurahan). */
    async regionNames(db: Db, codes: string[]) {
      if (!codes.length) return new Map<string, string>();
      const rows = await q(db).selectFrom('regions').select(['code', 'name']).where('code', 'in', codes).execute();
      return new Map(rows.map((r) => [r.code, r.name]));
    },
    /** Holds a claim's row while its children are counted and one is added. */
    lockClaim: (trx: Db, id: number) =>
      q(trx).selectFrom('bpjs_claims').select('id').where('id', '=', id).forUpdate().executeTakeFirst(),
    identity: (db: Db, userId: number) =>
      q(db).selectFrom('head_payment_identities').selectAll().where('user_id', '=', userId).executeTakeFirst(),
    identities: (db: Db, userIds: number[]) =>
      userIds.length
        ? q(db).selectFrom('head_payment_identities').selectAll().where('user_id', 'in', userIds).execute()
        : Promise.resolve([]),
    saveIdentity: (
      trx: Db,
      v: {
        user_id: number;
        nik_enc: Buffer | null;
        nik_masked: string | null;
        bank_name: string;
        account_enc: Buffer | null;
        account_masked: string | null;
        account_holder: string;
        npwp_enc: Buffer | null;
        npwp_masked: string | null;
        updated_at: Date;
        updated_by: number;
      },
    ) =>
      q(trx)
        .insertInto('head_payment_identities')
        .values(v)
        .onConflict((oc) => {
          const { user_id: _u, ...rest } = v;
          return oc.column('user_id').doUpdateSet(rest);
        })
        .execute(),

    /** Serialises payments to one person: the yearly cumulative tax base is read and extended under this lock. */
    lockPayee: (trx: Db, userId: number) =>
      sql`select pg_advisory_xact_lock(hashtext('pamong.honor'), ${userId}::int)`.execute(trx),
    /** Tax base already paid to a person in a calendar year (city time zone). */
    async priorDpp(trx: Db, userId: number, year: string, timeZone: string) {
      const r = await q(trx)
        .selectFrom('allowance_payments')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('dpp'), sql<string>`0`).as('dpp'))
        .where('user_id', '=', userId)
        .where(sql<string>`to_char(paid_at at time zone ${timeZone}, 'YYYY')`, '=', year)
        .executeTakeFirstOrThrow();
      return Number(r.dpp);
    },
    /** One payment of a head in scope, with the head's name and region. */
    findPayment: (db: Db, scope: Scope, id: number) =>
      q(db)
        .selectFrom('allowance_payments as p')
        .innerJoin('users', 'users.id', 'p.user_id')
        .innerJoin('regions', 'regions.code', 'users.region_code')
        .selectAll('p')
        .select(['users.full_name', 'users.role', 'users.region_code', 'regions.name as region_name'])
        .where('p.id', '=', id)
        .where(inScope(scope, 'users.region_code'))
        .executeTakeFirst(),
    /** A period's payments to heads under a region (in scope), by region. */
    paymentsUnder: (db: Db, scope: Scope, under: string, period: string) =>
      q(db)
        .selectFrom('allowance_payments as p')
        .innerJoin('users', 'users.id', 'p.user_id')
        .innerJoin('regions', 'regions.code', 'users.region_code')
        .selectAll('p')
        .select(['users.full_name', 'users.role', 'users.region_code', 'regions.name as region_name'])
        .where('p.period', '=', period)
        .where('users.role', 'in', [...HEAD_ROLES])
        .where(inScope(scope, 'users.region_code'))
        .where(withinRegion('users.region_code', under))
        .orderBy('users.region_code')
        .orderBy('users.id')
        .execute(),
    /** Records the transfer once: a second attempt finds it done and changes nothing. */
    async markTransferred(
      trx: Db,
      id: number,
      v: { transfer_ref: string; proof_file_id: number; transferred_at: Date; transferred_by: number },
    ) {
      const r = await q(trx)
        .updateTable('allowance_payments')
        .set(v)
        .where('id', '=', id)
        .where('transferred_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** 0019 details of a claim. */
    setClaimDetails: (
      trx: Db,
      id: number,
      v: { incident_place: string; chronology: string; road_accident: boolean; occurred_on: string | null },
    ) => q(trx).updateTable('bpjs_claims').set(v).where('id', '=', id).execute(),
    claimExtras: (db: Db, id: number) =>
      q(db)
        .selectFrom('bpjs_claims')
        .select(['incident_place', 'chronology', 'road_accident'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow(),
    insertHeir: (
      trx: Db,
      h: {
        claim_id: number;
        name: string;
        relationship: string;
        nik_enc: Buffer;
        nik_hash: Buffer;
        nik_masked: string;
        bank_name: string;
        account_enc: Buffer | null;
        account_masked: string | null;
        added_at: Date;
        added_by: number;
      },
    ) =>
      q(trx)
        .insertInto('bpjs_claim_heirs')
        .values(h)
        .onConflict((oc) => oc.columns(['claim_id', 'nik_hash']).doNothing())
        .returning('id')
        .executeTakeFirst(),
    heirs: (db: Db, claimId: number) =>
      q(db)
        .selectFrom('bpjs_claim_heirs')
        .select(['id', 'name', 'relationship', 'nik_masked', 'bank_name', 'account_masked', 'added_at'])
        .where('claim_id', '=', claimId)
        .orderBy('id')
        .execute(),
    insertDocument: (
      trx: Db,
      d: { claim_id: number; item: string; file_id: number; uploaded_at: Date; uploaded_by: number },
    ) => q(trx).insertInto('bpjs_claim_documents').values(d).returning('id').executeTakeFirstOrThrow(),
    documents: (db: Db, claimId: number) =>
      q(db)
        .selectFrom('bpjs_claim_documents')
        .select(['id', 'item', 'file_id', 'uploaded_at'])
        .where('claim_id', '=', claimId)
        .orderBy('id')
        .execute(),
    insertScholarship: (
      trx: Db,
      s: { claim_id: number; child_name: string; level: string; school_year: string; added_at: Date; added_by: number },
    ) =>
      q(trx)
        .insertInto('bpjs_claim_scholarships')
        .values(s)
        .onConflict((oc) => oc.columns(['claim_id', 'child_name', 'school_year']).doNothing())
        .returning('id')
        .executeTakeFirst(),
    scholarships: (db: Db, claimId: number) =>
      q(db)
        .selectFrom('bpjs_claim_scholarships')
        .select(['id', 'child_name', 'level', 'school_year', 'status'])
        .where('claim_id', '=', claimId)
        .orderBy('id')
        .execute(),
  };
}
export type MoneyRepo = ReturnType<typeof createMoneyRepo>;
