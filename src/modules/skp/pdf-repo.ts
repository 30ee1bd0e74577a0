// SQL for the signed SKP and evaluation documents (migration 0038) and the facts their PDFs print. Types here,
// handed to withTables with the other SKP tables. signed_documents is the letters module's: written only through
// its service (issueSignedDocument); this file never touches it.
import type { ColumnType, Generated } from 'kysely';
import type { Db } from '../../db/database.js';
import type { SkpEvalTables } from './eval-repo.js';

export type SkpDocTables = SkpEvalTables & {
  skp_documents: {
    id: Generated<number>;
    kind: 'skp' | 'evaluasi';
    skp_id: number;
    evaluation_id: number | null;
    verify_code: string;
    file_id: number;
    sha256: string;
    signed_by: number;
    signed_at: ColumnType<Date, Date, Date>;
  };
};

const x = (db: Db) => db.withTables<SkpDocTables>();

export interface DocRow {
  id: number;
  kind: 'skp' | 'evaluasi';
  skp_id: number;
  evaluation_id: number | null;
  period: string | null;
  verify_code: string;
  file_id: number;
  sha256: string;
  signed_at: Date;
  signer_name: string;
}

export function createSkpDocRepo() {
  const docs = (db: Db) =>
    x(db)
      .selectFrom('skp_documents as d')
      .leftJoin('skp_evaluations as v', 'v.id', 'd.evaluation_id')
      .innerJoin('employees as e', 'e.id', 'd.signed_by')
      .innerJoin('users as u', 'u.id', 'e.user_id')
      .select([
        'd.id',
        'd.kind',
        'd.skp_id',
        'd.evaluation_id',
        'v.period',
        'd.verify_code',
        'd.file_id',
        'd.sha256',
        'd.signed_at',
        'u.full_name as signer_name',
      ]);

  return {
    documents: (db: Db, skpId: number): Promise<DocRow[]> =>
      docs(db).where('d.skp_id', '=', skpId).orderBy('d.id').execute(),

    documentById: (db: Db, id: number): Promise<DocRow | undefined> =>
      docs(db).where('d.id', '=', id).executeTakeFirst(),

    /** Who a document names: the person, their number (by kind), rank, position and unit. */
    person: (db: Db, employeeId: number) =>
      x(db)
        .selectFrom('employees as e')
        .innerJoin('users as u', 'u.id', 'e.user_id')
        .innerJoin('org_units as o', 'o.id', 'e.unit_id')
        .select([
          'e.id',
          'u.full_name',
          'e.nip',
          'e.staff_number',
          'e.kind',
          'e.position',
          'e.grade',
          'o.name as unit_name',
        ])
        .where('e.id', '=', employeeId)
        .executeTakeFirst(),

    /** Units along paths (the kop names the OPD). */
    unitsAt: (db: Db, paths: string[]) =>
      paths.length
        ? x(db).selectFrom('org_units').select(['id', 'path', 'name', 'kind']).where('path', 'in', paths).execute()
        : Promise.resolve([]),

    /** The organisation ratings of a year for units along paths (the nearest one applies). */
    orgRatingsAt: (db: Db, paths: string[], year: number) =>
      paths.length
        ? x(db)
            .selectFrom('skp_org_ratings as r')
            .innerJoin('org_units as o', 'o.id', 'r.unit_id')
            .select(['o.path', 'r.rating'])
            .where('o.path', 'in', paths)
            .where('r.year', '=', year)
            .execute()
        : Promise.resolve([]),

    /** The texts of the superiors' results an SKP's results support. */
    resultTexts: (db: Db, ids: number[]) =>
      ids.length
        ? x(db).selectFrom('skp_results').select(['id', 'text']).where('id', 'in', ids).execute()
        : Promise.resolve([]),

    indicators: (db: Db, resultIds: number[]) =>
      resultIds.length
        ? x(db)
            .selectFrom('skp_indicators')
            .select(['result_id', 'text', 'aspect', 'target', 'unit_label'])
            .where('result_id', 'in', resultIds)
            .orderBy('id')
            .execute()
        : Promise.resolve([]),

    /** Holds the SKP row until commit: two signing clicks sign once. */
    lockPlan: (trx: Db, skpId: number) =>
      x(trx).selectFrom('skp_plans').select(['id', 'status']).where('id', '=', skpId).forUpdate().executeTakeFirst(),

    /** Holds the evaluation row until commit (an evaluation saved meanwhile waits, then finds it signed). */
    lockEvaluation: (trx: Db, skpId: number, period: string) =>
      x(trx)
        .selectFrom('skp_evaluations')
        .selectAll()
        .where('skp_id', '=', skpId)
        .where('period', '=', period)
        .forUpdate()
        .executeTakeFirst(),

    items: (db: Db, evaluationId: number) =>
      x(db)
        .selectFrom('skp_evaluation_items')
        .select(['result_id', 'behaviour', 'rating'])
        .where('evaluation_id', '=', evaluationId)
        .execute(),

    planDocument: (db: Db, skpId: number) =>
      x(db)
        .selectFrom('skp_documents')
        .select(['id', 'verify_code'])
        .where('skp_id', '=', skpId)
        .where('kind', '=', 'skp')
        .executeTakeFirst(),

    evaluationDocument: (db: Db, evaluationId: number) =>
      x(db)
        .selectFrom('skp_documents')
        .select(['id', 'verify_code'])
        .where('evaluation_id', '=', evaluationId)
        .executeTakeFirst(),

    insert: (
      trx: Db,
      r: {
        kind: 'skp' | 'evaluasi';
        skp_id: number;
        evaluation_id: number | null;
        verify_code: string;
        file_id: number;
        sha256: string;
        signed_by: number;
        signed_at: Date;
      },
    ) => x(trx).insertInto('skp_documents').values(r).returning('id').executeTakeFirstOrThrow(),
  };
}
export type SkpDocRepo = ReturnType<typeof createSkpDocRepo>;
