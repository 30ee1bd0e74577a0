// SQL for evaluations and organisation ratings (migration 0035). Types here, handed to withTables.
import { sql, type ColumnType, type Generated } from 'kysely';
import type { Db } from '../../db/database.js';
import type { SkpTables } from './repo.js';
import type { OrgRating, Predikat, Rating } from './rules.js';

type Ts = ColumnType<Date, Date | string | undefined, Date | string>;

export type SkpEvalTables = SkpTables & {
  skp_evaluations: {
    id: Generated<number>;
    skp_id: number;
    period: string;
    result_rating: Rating;
    behaviour_rating: Rating;
    predikat: Predikat;
    note: ColumnType<string, string | undefined, string>;
    rated_by: number;
    rated_at: Ts;
  };
  skp_evaluation_items: {
    evaluation_id: number;
    result_id: number | null;
    behaviour: string | null;
    rating: Rating;
  };
  skp_org_ratings: {
    unit_id: number;
    year: number;
    rating: OrgRating;
    set_by: number;
    set_at: Ts;
  };
};

const x = (db: Db) => db.withTables<SkpEvalTables>();

export function createSkpEvalRepo() {
  return {
    evaluations: (db: Db, skpId: number) =>
      x(db)
        .selectFrom('skp_evaluations as v')
        .innerJoin('employees as e', 'e.id', 'v.rated_by')
        .innerJoin('users as u', 'u.id', 'e.user_id')
        .select([
          'v.id',
          'v.period',
          'v.result_rating',
          'v.behaviour_rating',
          'v.predikat',
          'v.note',
          'v.rated_at',
          'u.full_name as rated_by_name',
        ])
        .where('v.skp_id', '=', skpId)
        .orderBy('v.period')
        .execute(),

    items: (db: Db, evaluationId: number) =>
      x(db)
        .selectFrom('skp_evaluation_items')
        .select(['result_id', 'behaviour', 'rating'])
        .where('evaluation_id', '=', evaluationId)
        .execute(),

    /**
     * Writes (or rewrites) the evaluation of a period with all its items, in the caller's transaction; null when
     * the period's evaluation is signed (skp_documents, 0038): a signed evaluation is final.
     */
    save: async (
      trx: Db,
      e: {
        skpId: number;
        period: string;
        resultRating: Rating;
        behaviourRating: Rating;
        predikat: Predikat;
        note: string;
        ratedBy: number;
        now: Date;
        items: { resultId: number | null; behaviour: string | null; rating: Rating }[];
      },
    ) => {
      const row = await x(trx)
        .insertInto('skp_evaluations')
        .values({
          skp_id: e.skpId,
          period: e.period,
          result_rating: e.resultRating,
          behaviour_rating: e.behaviourRating,
          predikat: e.predikat,
          note: e.note,
          rated_by: e.ratedBy,
          rated_at: e.now,
        })
        .onConflict((oc) =>
          oc
            .columns(['skp_id', 'period'])
            .doUpdateSet({
              result_rating: e.resultRating,
              behaviour_rating: e.behaviourRating,
              predikat: e.predikat,
              note: e.note,
              rated_by: e.ratedBy,
              rated_at: e.now,
            })
            .where(sql<boolean>`not exists (select 1 from skp_documents d where d.evaluation_id = skp_evaluations.id)`),
        )
        .returning('id')
        .executeTakeFirst();
      if (!row) return null;
      await x(trx).deleteFrom('skp_evaluation_items').where('evaluation_id', '=', row.id).execute();
      await x(trx)
        .insertInto('skp_evaluation_items')
        .values(
          e.items.map((i) => ({
            evaluation_id: row.id,
            result_id: i.resultId,
            behaviour: i.behaviour,
            rating: i.rating,
          })),
        )
        .execute();
      return row.id;
    },

    /** Predikat of the annual evaluations of live SKP under a unit path (the unit and below), one per employee. */
    predikatUnder: async (db: Db, unitPath: string, year: number) =>
      (
        await sql<{ predikat: Predikat; employee_id: number; full_name: string }>`
          select v.predikat, p.employee_id, u.full_name
            from skp_evaluations v
            join skp_plans p on p.id = v.skp_id
            join employees e on e.id = p.employee_id
            join users u on u.id = e.user_id
           where p.status <> 'diganti' and p.year = ${year} and v.period = ${String(year)}
             and (p.unit_path = ${unitPath} or p.unit_path like ${unitPath + '/%'})
           order by u.full_name`.execute(db)
      ).rows,

    orgRating: (db: Db, unitId: number, year: number) =>
      x(db)
        .selectFrom('skp_org_ratings')
        .select(['rating', 'set_at'])
        .where('unit_id', '=', unitId)
        .where('year', '=', year)
        .executeTakeFirst(),

    setOrgRating: (trx: Db, v: { unitId: number; year: number; rating: OrgRating; by: number; now: Date }) =>
      x(trx)
        .insertInto('skp_org_ratings')
        .values({ unit_id: v.unitId, year: v.year, rating: v.rating, set_by: v.by, set_at: v.now })
        .onConflict((oc) =>
          oc.columns(['unit_id', 'year']).doUpdateSet({ rating: v.rating, set_by: v.by, set_at: v.now }),
        )
        .execute(),
  };
}
export type SkpEvalRepo = ReturnType<typeof createSkpEvalRepo>;
