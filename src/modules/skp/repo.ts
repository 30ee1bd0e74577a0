// SQL for SKP (migration 0033). The tables are typed here and handed to withTables: this module alone writes
// them. Who sees what is decided in service.ts from one Viewer (policy.ts); the list query is its SQL twin.
import { sql, type ColumnType, type Generated } from 'kysely';
import type { Db } from '../../db/database.js';
import type { OrgTables } from '../employees/index.js';
import type { SkpStatus } from './policy.js';

type Ts = ColumnType<Date, Date | string | undefined, Date | string>;

export type SkpTables = OrgTables & {
  skp_plans: {
    id: Generated<number>;
    employee_id: number;
    unit_id: number;
    unit_path: string;
    appraiser_id: number | null;
    year: number;
    version: ColumnType<number, number | undefined, number>;
    status: ColumnType<SkpStatus, SkpStatus | undefined, SkpStatus>;
    return_note: string | null;
    submitted_at: Date | null;
    agreed_at: Date | null;
    agreed_by: number | null;
    replaces_id: number | null;
    created_at: Ts;
    updated_at: Ts;
  };
  skp_results: {
    id: Generated<number>;
    skp_id: number;
    kind: 'utama' | 'tambahan';
    position: number;
    text: string;
    parent_result_id: number | null;
    carried_from_id: number | null;
    created_at: Ts;
  };
  skp_indicators: {
    id: Generated<number>;
    result_id: number;
    text: string;
    aspect: 'kuantitas' | 'kualitas' | 'waktu' | 'biaya';
    target: ColumnType<string, string | number, string | number>;
    unit_label: string;
    created_at: Ts;
  };
  skp_behaviours: {
    skp_id: number;
    code: string;
    expectation: ColumnType<string, string | undefined, string>;
  };
};

const x = (db: Db) => db.withTables<SkpTables>();

export interface PlanRow {
  id: number;
  employee_id: number;
  employee_name: string;
  employee_nip: string | null;
  position: string;
  unit_id: number;
  unit_path: string;
  unit_name: string;
  appraiser_id: number | null;
  appraiser_name: string | null;
  year: number;
  version: number;
  status: SkpStatus;
  return_note: string | null;
  submitted_at: Date | null;
  agreed_at: Date | null;
  replaces_id: number | null;
}

export function createSkpRepo() {
  const plans = (db: Db) =>
    x(db)
      .selectFrom('skp_plans as p')
      .innerJoin('employees as e', 'e.id', 'p.employee_id')
      .innerJoin('users as u', 'u.id', 'e.user_id')
      .innerJoin('org_units as o', 'o.id', 'p.unit_id')
      .leftJoin('employees as ae', 'ae.id', 'p.appraiser_id')
      .leftJoin('users as au', 'au.id', 'ae.user_id')
      .select([
        'p.id',
        'p.employee_id',
        'u.full_name as employee_name',
        'e.nip as employee_nip',
        'e.position',
        'p.unit_id',
        'p.unit_path',
        'o.name as unit_name',
        'p.appraiser_id',
        'au.full_name as appraiser_name',
        'p.year',
        'p.version',
        'p.status',
        'p.return_note',
        'p.submitted_at',
        'p.agreed_at',
        'p.replaces_id',
      ]);

  return {
    planById: (db: Db, id: number): Promise<PlanRow | undefined> => plans(db).where('p.id', '=', id).executeTakeFirst(),
    /** Whether the employee appraises anyone's live SKP (the overseers' menu). */
    appraisesAnyone: async (db: Db, employeeId: number) =>
      !!(await x(db)
        .selectFrom('skp_plans')
        .select('id')
        .where('appraiser_id', '=', employeeId)
        .where('status', '!=', 'diganti')
        .limit(1)
        .executeTakeFirst()),

    livePlan: (db: Db, employeeId: number, year: number): Promise<PlanRow | undefined> =>
      plans(db)
        .where('p.employee_id', '=', employeeId)
        .where('p.year', '=', year)
        .where('p.status', '<>', 'diganti')
        .executeTakeFirst(),

    /**
     * Live SKP a viewer may see in a year: their own, those they appraise, those under the units they head, the
     * whole city for its admin (`cityPrefix`). The SQL twin of policy.ts canSeeSkp.
     */
    visiblePlans: (
      db: Db,
      v: { employeeId: number | null; headOf: readonly string[]; cityPrefix: string | null },
      year: number,
    ): Promise<PlanRow[]> =>
      plans(db)
        .where('p.year', '=', year)
        .where('p.status', '<>', 'diganti')
        .where((eb) => {
          const ors = [];
          if (v.cityPrefix) ors.push(eb('p.unit_path', 'like', `${v.cityPrefix}/%`));
          if (v.employeeId !== null) {
            ors.push(eb('p.employee_id', '=', v.employeeId));
            ors.push(eb('p.appraiser_id', '=', v.employeeId));
          }
          for (const h of v.headOf) {
            ors.push(eb('p.unit_path', '=', h));
            ors.push(eb('p.unit_path', 'like', `${h}/%`));
          }
          return ors.length ? eb.or(ors) : sql<boolean>`false`;
        })
        .orderBy('p.unit_path')
        .orderBy('u.full_name')
        .execute(),

    insertPlan: async (
      trx: Db,
      p: {
        employeeId: number;
        unitId: number;
        unitPath: string;
        appraiserId: number | null;
        year: number;
        version: number;
        replacesId: number | null;
      },
    ) =>
      (
        await x(trx)
          .insertInto('skp_plans')
          .values({
            employee_id: p.employeeId,
            unit_id: p.unitId,
            unit_path: p.unitPath,
            appraiser_id: p.appraiserId,
            year: p.year,
            version: p.version,
            replaces_id: p.replacesId,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,

    /** A guarded move: only from the status named; the number of rows says whether it happened. */
    moveStatus: async (
      trx: Db,
      id: number,
      from: SkpStatus,
      set: { status: SkpStatus; return_note?: string | null; agreed_by?: number | null; now: Date },
    ) => {
      const r = await x(trx)
        .updateTable('skp_plans')
        .set({
          status: set.status,
          updated_at: set.now,
          ...(set.return_note !== undefined ? { return_note: set.return_note } : {}),
          ...(set.status === 'diajukan' ? { submitted_at: set.now } : {}),
          ...(set.status === 'disetujui' ? { agreed_at: set.now, agreed_by: set.agreed_by ?? null } : {}),
        })
        .where('id', '=', id)
        .where('status', '=', from)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    lockPlan: (trx: Db, id: number) =>
      x(trx).selectFrom('skp_plans').select(['id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst(),

    results: (db: Db, skpIds: readonly number[]) =>
      skpIds.length === 0
        ? Promise.resolve([])
        : x(db)
            .selectFrom('skp_results as r')
            .leftJoin('skp_results as pr', 'pr.id', 'r.parent_result_id')
            .select([
              'r.id',
              'r.skp_id',
              'r.kind',
              'r.position',
              'r.text',
              'r.parent_result_id',
              'pr.text as parent_text',
            ])
            .where('r.skp_id', 'in', skpIds)
            .orderBy('r.skp_id')
            .orderBy('r.position')
            .execute(),

    indicators: (db: Db, resultIds: readonly number[]) =>
      resultIds.length === 0
        ? Promise.resolve([])
        : x(db)
            .selectFrom('skp_indicators')
            .select(['id', 'result_id', 'text', 'aspect', 'target', 'unit_label'])
            .where('result_id', 'in', resultIds)
            .orderBy('id')
            .execute(),

    behaviours: (db: Db, skpId: number) =>
      x(db).selectFrom('skp_behaviours').select(['code', 'expectation']).where('skp_id', '=', skpId).execute(),

    /** The result and the results above it (the chain of parents), each with its owner's unit path. */
    chainUp: async (db: Db, resultId: number) => {
      const r = await sql<{ id: number; parent_result_id: number | null; unit_path: string; skp_id: number }>`
        with recursive up(id, parent_result_id, unit_path, skp_id, depth) as (
          select r.id, r.parent_result_id, p.unit_path, r.skp_id, 1
            from skp_results r join skp_plans p on p.id = r.skp_id where r.id = ${resultId}
          union all
          select r.id, r.parent_result_id, p.unit_path, r.skp_id, up.depth + 1
            from skp_results r join skp_plans p on p.id = r.skp_id join up on r.id = up.parent_result_id
           where up.depth < 50
        )
        select id, parent_result_id, unit_path, skp_id from up`.execute(db);
      return r.rows;
    },

    nextPosition: async (trx: Db, skpId: number) =>
      Number(
        (
          await x(trx)
            .selectFrom('skp_results')
            .select(sql<number>`coalesce(max(position), 0) + 1`.as('n'))
            .where('skp_id', '=', skpId)
            .executeTakeFirstOrThrow()
        ).n,
      ),

    insertResult: async (
      trx: Db,
      r: {
        skpId: number;
        kind: 'utama' | 'tambahan';
        position: number;
        text: string;
        parentId: number | null;
        carriedFrom?: number | null;
      },
    ) =>
      (
        await x(trx)
          .insertInto('skp_results')
          .values({
            skp_id: r.skpId,
            kind: r.kind,
            position: r.position,
            text: r.text,
            parent_result_id: r.parentId,
            carried_from_id: r.carriedFrom ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,

    insertIndicator: (
      trx: Db,
      i: {
        resultId: number;
        text: string;
        aspect: 'kuantitas' | 'kualitas' | 'waktu' | 'biaya';
        target: number;
        unitLabel: string;
      },
    ) =>
      x(trx)
        .insertInto('skp_indicators')
        .values({ result_id: i.resultId, text: i.text, aspect: i.aspect, target: i.target, unit_label: i.unitLabel })
        .execute(),

    insertBehaviours: (trx: Db, skpId: number, rows: readonly { code: string; expectation: string }[]) =>
      rows.length === 0
        ? Promise.resolve()
        : x(trx)
            .insertInto('skp_behaviours')
            .values(rows.map((r) => ({ skp_id: skpId, code: r.code, expectation: r.expectation })))
            .execute()
            .then(() => undefined),

    setBehaviour: (trx: Db, skpId: number, code: string, expectation: string) =>
      x(trx)
        .updateTable('skp_behaviours')
        .set({ expectation })
        .where('skp_id', '=', skpId)
        .where('code', '=', code)
        .execute(),

    setParent: (trx: Db, resultId: number, parentId: number | null) =>
      x(trx).updateTable('skp_results').set({ parent_result_id: parentId }).where('id', '=', resultId).execute(),

    /**
     * A new version's content: results (same positions, same parents), their indicators and the behaviours; then
     * the results of other SKP that supported the old results support the copies.
     */
    copyPlanContent: async (trx: Db, fromId: number, toId: number) => {
      await sql`
        insert into skp_results (skp_id, kind, position, text, parent_result_id, carried_from_id)
        select ${toId}, kind, position, text, parent_result_id, id from skp_results where skp_id = ${fromId}`.execute(
        trx,
      );
      await sql`
        insert into skp_indicators (result_id, text, aspect, target, unit_label)
        select n.id, i.text, i.aspect, i.target, i.unit_label
          from skp_indicators i join skp_results n on n.carried_from_id = i.result_id and n.skp_id = ${toId}`.execute(
        trx,
      );
      await sql`
        insert into skp_behaviours (skp_id, code, expectation)
        select ${toId}, code, expectation from skp_behaviours where skp_id = ${fromId}`.execute(trx);
      await sql`
        update skp_results c set parent_result_id = n.id
          from skp_results n
         where n.skp_id = ${toId} and c.parent_result_id = n.carried_from_id and c.skp_id <> ${toId}`.execute(trx);
    },

    /** Results of the live SKP of the given employees in a year (the parents a form may offer). */
    resultsOfEmployees: (db: Db, employeeIds: readonly number[], year: number) =>
      employeeIds.length === 0
        ? Promise.resolve([])
        : x(db)
            .selectFrom('skp_results as r')
            .innerJoin('skp_plans as p', 'p.id', 'r.skp_id')
            .innerJoin('employees as e', 'e.id', 'p.employee_id')
            .innerJoin('users as u', 'u.id', 'e.user_id')
            .select(['r.id', 'r.text', 'r.kind', 'p.employee_id', 'u.full_name as employee_name', 'p.unit_path'])
            .where('p.employee_id', 'in', employeeIds)
            .where('p.year', '=', year)
            .where('p.status', '<>', 'diganti')
            .orderBy('p.employee_id')
            .orderBy('r.position')
            .execute(),
  };
}
export type SkpRepo = ReturnType<typeof createSkpRepo>;
