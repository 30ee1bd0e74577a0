// SQL of pemberkasan (migration 0030) and of the city's JRA rows (naskah_retention_rules, migration 0026). A berkas
// is seen by whom `berkasVisibleTo` says (the SQL twin of berkas-policy.ts canSeeBerkas). State changes are
// conditional UPDATEs on the state they expect; the row lock on the berkas serialises filing against closing.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Viewer } from './policy.js';
import type { FinalDisposition } from './rules.js';
import type { BerkasState, BerkasTables, DecisionKind } from './berkas-tables.js';

const x = (db: Db) => db.withTables<BerkasTables>();
const day = (col: string) => sql<string>`to_char(${sql.ref(col)}, 'YYYY-MM-DD')`;

/** SQL of canSeeBerkas over `u.path` (the berkas's unit). */
export function berkasVisibleTo(v: Viewer): Expression<SqlBool> {
  const path = sql.ref('u.path');
  if (v.role === 'admin_kota') return sql<SqlBool>`${path} like ${v.city + '/%'}`;
  if (v.role !== 'pegawai') return sql<SqlBool>`false`;
  const parts = [
    ...v.headOf.map((h) => sql<SqlBool>`(${path} = ${h} or ${path} like ${h + '/%'})`),
    ...(v.tuOf.length ? [sql<SqlBool>`${path} in (${sql.join([...v.tuOf])})`] : []),
  ];
  return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` or `)})` : sql<SqlBool>`false`;
}

export interface NewBerkas {
  regionCode: string;
  unitId: number;
  classificationCode: string;
  title: string;
  year: number;
  key: string;
  createdBy: number;
}

export function createBerkasRepo() {
  const berkas = (db: Db) => x(db).selectFrom('naskah_berkas as b').innerJoin('org_units as u', 'u.id', 'b.unit_id');
  const cols = [
    'b.id',
    'b.region_code',
    'b.unit_id',
    'u.name as unit_name',
    'u.path as unit_path',
    'b.classification_code',
    'b.title',
    'b.year',
    'b.state',
    'b.created_at',
    'b.closed_at',
    day('b.closed_on').as('closed_on'),
    'b.retention_active_years',
    'b.retention_inactive_years',
    'b.retention_final',
    day('b.active_until').as('active_until'),
    day('b.inactive_until').as('inactive_until'),
    'b.last_decision_id',
  ] as const;

  return {
    insert: async (trx: Db, r: NewBerkas) =>
      (
        await x(trx)
          .insertInto('naskah_berkas')
          .values({
            region_code: r.regionCode,
            unit_id: r.unitId,
            classification_code: r.classificationCode,
            title: r.title,
            year: r.year,
            idempotency_key: r.key,
            created_by: r.createdBy,
          })
          .onConflict((oc) => oc.columns(['created_by', 'idempotency_key']).doNothing())
          .returning('id')
          .executeTakeFirst()
      )?.id,
    idByKey: async (db: Db, userId: number, key: string) =>
      (
        await x(db)
          .selectFrom('naskah_berkas')
          .select('id')
          .where('created_by', '=', userId)
          .where('idempotency_key', '=', key)
          .executeTakeFirst()
      )?.id,

    byId: (db: Db, v: Viewer, id: number) =>
      berkas(db).select(cols).where('b.id', '=', id).where(berkasVisibleTo(v)).executeTakeFirst(),

    /** The visible berkas, newest first; `due` keeps those whose active or inactive period ended before `today`. */
    list: (db: Db, v: Viewer, o: { unitId?: number | undefined; dueBefore?: string | undefined; limit: number }) => {
      let q = berkas(db).select(cols).where(berkasVisibleTo(v));
      if (o.unitId) q = q.where('b.unit_id', '=', o.unitId);
      if (o.dueBefore) {
        const today = o.dueBefore;
        q = q.where((eb) =>
          eb.or([
            eb.and([eb('b.state', '=', 'ditutup'), eb('b.active_until', '<', today)]),
            eb.and([eb('b.state', '=', 'dipindahkan'), eb('b.inactive_until', '<', today)]),
          ]),
        );
      }
      return q.orderBy('b.id', 'desc').limit(o.limit).execute();
    },

    lock: (trx: Db, id: number) =>
      x(trx)
        .selectFrom('naskah_berkas')
        .select(['id', 'state'])
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirstOrThrow(),

    /** Files a naskah; undefined when it already is in a berkas (the primary key says at most one). */
    file: async (trx: Db, r: { naskahId: number; unitId: number; berkasId: number; by: number; at: Date }) =>
      (
        await x(trx)
          .insertInto('naskah_berkas_items')
          .values({ naskah_id: r.naskahId, unit_id: r.unitId, berkas_id: r.berkasId, filed_by: r.by, filed_at: r.at })
          .onConflict((oc) => oc.column('naskah_id').doNothing())
          .returning('naskah_id')
          .executeTakeFirst()
      )?.naskah_id,

    /** Naskah of the unit, of the code or below it, not in any berkas: what may be filed (the caller filters by sight). */
    candidates: (db: Db, unitId: number, code: string) =>
      x(db)
        .selectFrom('naskah as n')
        .innerJoin('org_units as u', 'u.id', 'n.unit_id')
        .leftJoin('naskah_berkas_items as i', 'i.naskah_id', 'n.id')
        .select(['n.id', 'n.agenda_number', 'n.perihal', 'n.security_class', 'u.path as unit_path'])
        .where('n.unit_id', '=', unitId)
        .where('i.naskah_id', 'is', null)
        .where((eb) =>
          eb.or([eb('n.classification_code', '=', code), eb('n.classification_code', 'like', code + '.%')]),
        )
        .orderBy('n.id', 'desc')
        .limit(200)
        .execute(),

    berkasOf: (db: Db, naskahId: number) =>
      x(db)
        .selectFrom('naskah_berkas_items as i')
        .innerJoin('naskah_berkas as b', 'b.id', 'i.berkas_id')
        .select(['b.id', 'b.title', 'b.state'])
        .where('i.naskah_id', '=', naskahId)
        .executeTakeFirst(),

    /** The naskah of a berkas with what the access rule, the retention and the export need. */
    items: (db: Db, berkasId: number) =>
      x(db)
        .selectFrom('naskah_berkas_items as i')
        .innerJoin('naskah as n', 'n.id', 'i.naskah_id')
        .innerJoin('org_units as u', 'u.id', 'n.unit_id')
        .select([
          'n.id',
          'n.agenda_number',
          'n.perihal',
          'n.classification_code',
          'n.security_class',
          'u.path as unit_path',
          'n.retention_active_years',
          'n.retention_inactive_years',
          'n.retention_final',
          'i.filed_at',
        ])
        .where('i.berkas_id', '=', berkasId)
        .orderBy('n.id')
        .execute(),

    close: async (
      trx: Db,
      id: number,
      r: {
        at: Date;
        on: string;
        by: number;
        activeYears: number;
        inactiveYears: number;
        final: FinalDisposition;
        activeUntil: string;
        inactiveUntil: string;
      },
    ) =>
      (
        await x(trx)
          .updateTable('naskah_berkas')
          .set({
            state: 'ditutup',
            closed_at: r.at,
            closed_on: r.on,
            closed_by: r.by,
            retention_active_years: r.activeYears,
            retention_inactive_years: r.inactiveYears,
            retention_final: r.final,
            active_until: r.activeUntil,
            inactive_until: r.inactiveUntil,
          })
          .where('id', '=', id)
          .where('state', '=', 'terbuka')
          .executeTakeFirst()
      ).numUpdatedRows === 1n,

    insertDecision: async (
      trx: Db,
      r: {
        berkasId: number;
        kind: DecisionKind;
        decree: string;
        on: string;
        by: number;
        note: string;
        fileId: number | null;
        sha256: string | null;
        at: Date;
      },
    ) =>
      (
        await x(trx)
          .insertInto('naskah_berkas_decisions')
          .values({
            berkas_id: r.berkasId,
            kind: r.kind,
            decree_number: r.decree,
            decided_on: r.on,
            decided_by: r.by,
            note: r.note,
            file_id: r.fileId,
            file_sha256: r.sha256,
            created_at: r.at,
          })
          .onConflict((oc) => oc.columns(['berkas_id', 'kind']).doNothing())
          .returning('id')
          .executeTakeFirst()
      )?.id,

    /** Moves the berkas on; the foreign key to the decision row (same berkas, matching state) is the DB's guard. */
    applyDecision: async (trx: Db, id: number, decisionId: number, from: BerkasState[], to: BerkasState) =>
      (
        await x(trx)
          .updateTable('naskah_berkas')
          .set({ state: to, last_decision_id: decisionId })
          .where('id', '=', id)
          .where('state', 'in', from)
          .executeTakeFirst()
      ).numUpdatedRows === 1n,

    decisions: (db: Db, berkasId: number) =>
      x(db)
        .selectFrom('naskah_berkas_decisions as d')
        .innerJoin('users as us', 'us.id', 'd.decided_by')
        .select([
          'd.id',
          'd.kind',
          'd.decree_number',
          day('d.decided_on').as('decided_on'),
          'us.full_name as decided_by_name',
          'd.note',
          'd.file_sha256',
          'd.created_at',
        ])
        .where('d.berkas_id', '=', berkasId)
        .orderBy('d.id')
        .execute(),

    // ── The city's JRA rows ──
    cityRules: (db: Db, city: string) =>
      x(db)
        .selectFrom('naskah_retention_rules')
        .select(['classification_code', 'active_years', 'inactive_years', 'final_disposition', 'note', 'updated_at'])
        .where('region_code', '=', city)
        .orderBy('classification_code')
        .execute(),
    ruleOf: (db: Db, city: string, code: string) =>
      x(db)
        .selectFrom('naskah_retention_rules')
        .select(['active_years', 'inactive_years', 'final_disposition', 'note'])
        .where('region_code', '=', city)
        .where('classification_code', '=', code)
        .executeTakeFirst(),
    upsertRule: (
      trx: Db,
      r: {
        city: string;
        code: string;
        active: number;
        inactive: number;
        final: FinalDisposition;
        note: string;
        by: number;
      },
    ) =>
      x(trx)
        .insertInto('naskah_retention_rules')
        .values({
          region_code: r.city,
          classification_code: r.code,
          active_years: r.active,
          inactive_years: r.inactive,
          final_disposition: r.final,
          note: r.note,
          updated_by: r.by,
        })
        .onConflict((oc) =>
          oc.columns(['region_code', 'classification_code']).doUpdateSet({
            active_years: r.active,
            inactive_years: r.inactive,
            final_disposition: r.final,
            note: r.note,
            updated_by: r.by,
            updated_at: sql`now()`,
          }),
        )
        .execute(),
    deleteRule: async (trx: Db, city: string, code: string) =>
      (
        await x(trx)
          .deleteFrom('naskah_retention_rules')
          .where('region_code', '=', city)
          .where('classification_code', '=', code)
          .executeTakeFirst()
      ).numDeletedRows === 1n,
  };
}
export type BerkasRepo = ReturnType<typeof createBerkasRepo>;
export type BerkasRow = NonNullable<Awaited<ReturnType<BerkasRepo['byId']>>>;
