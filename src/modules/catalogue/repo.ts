// SQL for the letter catalogue.
import type { Db } from '../../db/database.js';
import type { LetterTypeSnapshot } from '../../db/schema.js';

export type LetterTypeInput = Omit<LetterTypeSnapshot, 'id' | 'version'> & { description?: string; active?: boolean };

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
  };
}
