// SQL for the letter catalogue.
import type { ColumnType, Generated } from 'kysely';
import type { Db } from '../../db/database.js';
import type { IdentityField, LetterEffect, LetterKind, LetterTypeSnapshot } from '../../db/schema.js';
import type { ClassificationRow } from './classification.js';

type NaskahKeys = 'kind' | 'addressee' | 'identity_fields' | 'effect';
/** A letter type as written; the naskah keys default to a keterangan with the usual identity block and no effect. */
export type LetterTypeInput = Omit<LetterTypeSnapshot, 'id' | 'version' | NaskahKeys> &
  Partial<Pick<LetterTypeSnapshot, NaskahKeys>> & {
    description?: string;
    active?: boolean;
    /** Shown to admins; '' while the type is active. */
    disabled_reason?: string;
  };

type CreatedAt = ColumnType<Date, Date | undefined, Date>;
/** The tables of migration 0011, known to this module only. */
export type ClassificationTables = {
  classification_codes: {
    code: string;
    name: string;
    parent_code: string | null;
    source_version: number;
    active: Generated<boolean>;
    updated_at: CreatedAt;
  };
  classification_imports: {
    id: Generated<number>;
    source_version: number;
    source: string;
    trigger: 'start' | 'admin';
    codes_total: number;
    codes_added: number;
    codes_changed: number;
    codes_deactivated: number;
    actor_user_id: number | null;
    imported_at: CreatedAt;
  };
};
const x = (db: Db) => db.withTables<ClassificationTables>();

export function createCatalogueRepo() {
  return {
    list(db: Db, opts: { activeOnly: boolean }) {
      let q = db.selectFrom('letter_types').selectAll();
      if (opts.activeOnly) q = q.where('active', '=', true);
      return q.orderBy('name').execute();
    },
    byId: (db: Db, id: number) => db.selectFrom('letter_types').selectAll().where('id', '=', id).executeTakeFirst(),
    byCode: (db: Db, code: string) =>
      db.selectFrom('letter_types').selectAll().where('code', '=', code).executeTakeFirst(),
    async insert(db: Db, t: LetterTypeInput) {
      return db
        .insertInto('letter_types')
        .values({ ...toRow(t), code: t.code })
        .onConflict((oc) => oc.column('code').doNothing())
        .returningAll()
        .executeTakeFirst();
    },
    codes: (db: Db) => db.selectFrom('letter_types').select(['code']).execute(),
    /** A new version of the type; requests already submitted keep their own snapshot. */
    async update(db: Db, id: number, t: LetterTypeInput, expectedVersion: number, now: Date) {
      return db
        .updateTable('letter_types')
        .set((eb) => ({ ...toRow(t), version: eb('version', '+', 1), updated_at: now }))
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .returningAll()
        .executeTakeFirst();
    },
  };
}
export type CatalogueRepo = ReturnType<typeof createCatalogueRepo>;

/** Classification codes (Permendagri 83/2022) and the record of each import. */
export function createClassificationRepo() {
  return {
    list: (db: Db) =>
      x(db)
        .selectFrom('classification_codes')
        .select(['code', 'name', 'parent_code', 'active'])
        .orderBy('code')
        .execute(),
    byCode: (db: Db, code: string) =>
      x(db)
        .selectFrom('classification_codes')
        .select(['code', 'name', 'active'])
        .where('code', '=', code)
        .executeTakeFirst(),
    namesOf: async (db: Db, codes: string[]) =>
      codes.length
        ? x(db).selectFrom('classification_codes').select(['code', 'name']).where('code', 'in', codes).execute()
        : [],
    lastImport: (db: Db) =>
      x(db).selectFrom('classification_imports').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst(),
    /** The start import of a version claims it first: a second instance starting at once finds it taken. */
    async claimStart(db: Db, version: number, source: string) {
      const row = await x(db)
        .insertInto('classification_imports')
        .values({
          source_version: version,
          source,
          trigger: 'start',
          codes_total: 0,
          codes_added: 0,
          codes_changed: 0,
          codes_deactivated: 0,
          actor_user_id: null,
        })
        .onConflict((oc) => oc.column('source_version').where('trigger', '=', 'start').doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id ?? null;
    },
    async record(
      db: Db,
      r: { id?: number | null; version: number; source: string; trigger: 'start' | 'admin'; actor: number | null },
      counts: { total: number; added: number; changed: number; deactivated: number },
    ) {
      const values = {
        codes_total: counts.total,
        codes_added: counts.added,
        codes_changed: counts.changed,
        codes_deactivated: counts.deactivated,
      };
      if (r.id) return x(db).updateTable('classification_imports').set(values).where('id', '=', r.id).execute();
      return x(db)
        .insertInto('classification_imports')
        .values({ ...values, source_version: r.version, source: r.source, trigger: r.trigger, actor_user_id: r.actor })
        .execute();
    },
    async upsert(db: Db, rows: ClassificationRow[], version: number, now: Date) {
      if (!rows.length) return;
      await x(db)
        .insertInto('classification_codes')
        .values(
          rows.map((r) => ({
            code: r.code,
            name: r.name,
            parent_code: r.parent,
            source_version: version,
            active: true,
          })),
        )
        .onConflict((oc) =>
          oc.column('code').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            parent_code: eb.ref('excluded.parent_code'),
            source_version: eb.ref('excluded.source_version'),
            active: true,
            updated_at: now,
          })),
        )
        .execute();
    },
    async deactivate(db: Db, codes: string[], now: Date) {
      if (!codes.length) return;
      await x(db)
        .updateTable('classification_codes')
        .set({ active: false, updated_at: now })
        .where('code', 'in', codes)
        .execute();
    },
  };
}
export type ClassificationRepo = ReturnType<typeof createClassificationRepo>;

function toRow(t: LetterTypeInput) {
  return {
    name: t.name,
    description: t.description ?? '',
    fields: JSON.stringify(t.fields),
    attachments: JSON.stringify(t.attachments),
    validity_days: t.validity_days,
    route: t.route,
    stage_budgets: JSON.stringify(t.stage_budgets),
    total_budget_minutes: t.total_budget_minutes,
    classification: t.classification,
    template: t.template,
    active: t.active ?? true,
    kind: t.kind ?? 'keterangan',
    addressee: t.addressee ?? '',
    // Left out, a new row gets the column default (the same list as DEFAULT_IDENTITY_FIELDS) and an edit keeps its own.
    ...(t.identity_fields ? { identity_fields: JSON.stringify(t.identity_fields) } : {}),
    disabled_reason: t.active === false ? (t.disabled_reason ?? '') : '',
    effect: t.effect ?? null,
  };
}

export function snapshotOf(row: {
  id: number;
  code: string;
  name: string;
  version: number;
  fields: unknown;
  attachments: unknown;
  validity_days: number;
  route: string[];
  stage_budgets: unknown;
  total_budget_minutes: number;
  classification: string;
  template: string;
  kind: LetterKind;
  addressee: string;
  identity_fields: IdentityField[];
  effect: LetterEffect | null;
}): LetterTypeSnapshot {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    version: row.version,
    fields: row.fields as LetterTypeSnapshot['fields'],
    attachments: row.attachments as LetterTypeSnapshot['attachments'],
    validity_days: row.validity_days,
    route: row.route as LetterTypeSnapshot['route'],
    stage_budgets: row.stage_budgets as LetterTypeSnapshot['stage_budgets'],
    total_budget_minutes: row.total_budget_minutes,
    classification: row.classification,
    template: row.template,
    kind: row.kind,
    addressee: row.addressee,
    identity_fields: row.identity_fields,
    effect: row.effect,
  };
}
