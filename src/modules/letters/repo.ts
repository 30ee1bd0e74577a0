// SQL for issued letters, their number counters, the signing keys and the PDF-signing certificates.
import type { Db } from '../../db/database.js';

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
  };
}
export type LettersRepo = ReturnType<typeof createLettersRepo>;
