// SQL for issued letters, their number counters, the signing keys, the PDF-signing
// certificates, the offices' kop and unit codes, signing delegations and kelurahan endorsements.
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { DelegationMode } from '../../db/schema.js';

export interface OfficeInput {
  kode_unit: string;
  address: string;
  phone: string;
  email: string;
  website: string;
  postal_code: string;
}

export function createLettersRepo() {
  return {
    /** Next number for a unit and year. The upsert's row lock makes concurrent issuers wait their turn. */
    async nextSequence(db: Db, unitCode: string, year: number): Promise<number> {
      const row = await db
        .insertInto('letter_sequences')
        .values({ unit_code: unitCode, year, last_value: 1 })
        .onConflict((oc) =>
          oc
            .columns(['unit_code', 'year'])
            .doUpdateSet((eb) => ({ last_value: eb('letter_sequences.last_value', '+', 1) })),
        )
        .returning('last_value')
        .executeTakeFirstOrThrow();
      return row.last_value;
    },
    async insert(
      db: Db,
      l: {
        request_id: number;
        verify_code: string;
        number: string;
        unit_code: string;
        year: number;
        seq: number;
        issued_at: Date;
        valid_until: string;
        payload: string;
        signature: string;
        kid: string;
      },
    ) {
      return db.insertInto('letters').values(l).returningAll().executeTakeFirstOrThrow();
    },
    byVerifyCode: (db: Db, code: string) =>
      db.selectFrom('letters').selectAll().where('verify_code', '=', code).executeTakeFirst(),
    /** Signed records of other documents (outgoing naskah, migration 0029), looked up like letters at /v/. */
    documentByVerifyCode: (db: Db, code: string) =>
      db
        .selectFrom('signed_documents')
        .select(['verify_code', 'number', 'payload', 'signature', 'kid'])
        .where('verify_code', '=', code)
        .executeTakeFirst(),
    verifyCodeTaken: async (db: Db, code: string) =>
      !!(await db.selectFrom('letters').select('id').where('verify_code', '=', code).executeTakeFirst()) ||
      !!(await db.selectFrom('signed_documents').select('id').where('verify_code', '=', code).executeTakeFirst()),
    insertDocument: (
      db: Db,
      r: {
        verify_code: string;
        source: 'naskah_keluar' | 'skp' | 'skp_evaluasi';
        source_id: number;
        number: string;
        issued_at: Date;
        payload: string;
        signature: string;
        kid: string;
      },
    ) => db.insertInto('signed_documents').values(r).returning(['id', 'verify_code']).executeTakeFirstOrThrow(),
    byRequest: (db: Db, requestId: number) =>
      db.selectFrom('letters').selectAll().where('request_id', '=', requestId).executeTakeFirst(),
    publicKey: (db: Db, kid: string) =>
      db.selectFrom('signing_keys').select(['public_key']).where('kid', '=', kid).executeTakeFirst(),
    async registerKey(db: Db, kid: string, publicKeyPem: string) {
      await db
        .insertInto('signing_keys')
        .values({ kid, public_key: publicKeyPem })
        .onConflict((oc) => oc.column('kid').doNothing())
        .execute();
    },
    /** The PDF-signing certificate with this SHA-256 fingerprint, if the city ever registered it. */
    certificate: (db: Db, fingerprint: string) =>
      db
        .selectFrom('letter_certificates')
        .select(['fingerprint', 'subject', 'certified'])
        .where('fingerprint', '=', fingerprint)
        .executeTakeFirst(),
    async registerCertificate(
      db: Db,
      c: { fingerprint: string; certificate_pem: string; subject: string; certified: boolean },
    ) {
      await db
        .insertInto('letter_certificates')
        .values(c)
        .onConflict((oc) => oc.column('fingerprint').doNothing())
        .execute();
    },

    /** The offices' kop rows for the given region codes (an office without a row has none). */
    offices: (db: Db, codes: string[]) =>
      codes.length === 0
        ? Promise.resolve([])
        : db.selectFrom('letter_offices').selectAll().where('region_code', 'in', codes).execute(),
    async saveOffice(db: Db, code: string, v: OfficeInput, by: number, now: Date) {
      await db
        .insertInto('letter_offices')
        .values({ region_code: code, ...v, updated_by: by, updated_at: now })
        .onConflict((oc) => oc.column('region_code').doUpdateSet({ ...v, updated_by: by, updated_at: now }))
        .execute();
    },
    async setLambang(db: Db, code: string, fileId: number, by: number, now: Date) {
      await db
        .insertInto('letter_offices')
        .values({ region_code: code, lambang_file_id: fileId, updated_by: by, updated_at: now })
        .onConflict((oc) =>
          oc.column('region_code').doUpdateSet({ lambang_file_id: fileId, updated_by: by, updated_at: now }),
        )
        .execute();
    },

    /** Delegations of an office (newest first), with the delegate's name. */
    delegations: (db: Db, regionCode: string) =>
      db
        .selectFrom('signing_delegations as d')
        .innerJoin('users as u', 'u.id', 'd.user_id')
        .select([
          'd.id',
          'd.user_id',
          'd.mode',
          'd.via_jabatan',
          sql<string>`to_char(d.valid_from, 'YYYY-MM-DD')`.as('valid_from'),
          sql<string | null>`to_char(d.valid_to, 'YYYY-MM-DD')`.as('valid_to'),
          'd.revoked_at',
          'u.full_name',
        ])
        .where('d.region_code', '=', regionCode)
        .orderBy('d.id', 'desc')
        .limit(200)
        .execute(),
    /** The delegations a person holds for an office, to check at signing time. */
    delegationsOf: (db: Db, regionCode: string, userId: number) =>
      db
        .selectFrom('signing_delegations')
        .select([
          'mode',
          'via_jabatan',
          sql<string>`to_char(valid_from, 'YYYY-MM-DD')`.as('valid_from'),
          sql<string | null>`to_char(valid_to, 'YYYY-MM-DD')`.as('valid_to'),
          'revoked_at',
        ])
        .where('region_code', '=', regionCode)
        .where('user_id', '=', userId)
        .orderBy('id', 'desc')
        .execute(),
    insertDelegation: (
      db: Db,
      v: {
        region_code: string;
        user_id: number;
        mode: DelegationMode;
        via_jabatan: string;
        valid_from: string;
        valid_to: string | null;
        created_by: number;
      },
    ) => db.insertInto('signing_delegations').values(v).returning('id').executeTakeFirstOrThrow(),
    revokeDelegation: (db: Db, id: number, regionCode: string, now: Date) =>
      db
        .updateTable('signing_delegations')
        .set({ revoked_at: now })
        .where('id', '=', id)
        .where('region_code', '=', regionCode)
        .where('revoked_at', 'is', null)
        .executeTakeFirst(),

    insertEndorsement: (
      db: Db,
      v: { request_id: number; unit_code: string; number: string; year: number; seq: number; at: Date; signer: string },
    ) =>
      db
        .insertInto('letter_endorsements')
        .values(v)
        .onConflict((oc) => oc.columns(['request_id', 'unit_code']).doNothing())
        .execute(),
    endorsements: (db: Db, requestId: number) =>
      db.selectFrom('letter_endorsements').selectAll().where('request_id', '=', requestId).execute(),
  };
}
export type LettersRepo = ReturnType<typeof createLettersRepo>;
