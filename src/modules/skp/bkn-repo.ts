// SQL of the BKN export (issue 16, item 8): the live SKP of a year the viewer may see (the twin of policy.ts
// canSeeSkp, as repo.ts visiblePlans), optionally under one unit, each with its owner's and appraiser's register
// data and the evaluation of the period asked for, if any. Reads the register's tables (employees module).
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/database.js';
import type { EmployeeKind } from '../employees/index.js';
import type { SkpStatus } from './policy.js';
import type { Predikat, Rating } from './rules.js';

export interface BknRow {
  skp_id: number;
  year: number;
  version: number;
  status: SkpStatus;
  agreed_at: Date | null;
  employee_id: number;
  full_name: string;
  kind: EmployeeKind;
  nip: string | null;
  staff_number: string | null;
  position: string;
  grade: string | null;
  unit_code: string;
  unit_name: string;
  unit_path: string;
  appraiser_name: string | null;
  appraiser_kind: EmployeeKind | null;
  appraiser_nip: string | null;
  appraiser_staff_number: string | null;
  appraiser_position: string | null;
  period: string | null;
  result_rating: Rating | null;
  behaviour_rating: Rating | null;
  predikat: Predikat | null;
  rated_at: Date | null;
}

export function createSkpBknRepo() {
  return {
    rows: async (
      db: Db,
      v: { employeeId: number | null; headOf: readonly string[]; cityPrefix: string | null },
      q: { year: number; period: string; unitPath: string | null },
    ): Promise<BknRow[]> => {
      const ors: RawBuilder<unknown>[] = [];
      if (v.cityPrefix) ors.push(sql`p.unit_path like ${v.cityPrefix + '/%'}`);
      if (v.employeeId !== null) ors.push(sql`p.employee_id = ${v.employeeId} or p.appraiser_id = ${v.employeeId}`);
      for (const h of v.headOf) ors.push(sql`p.unit_path = ${h} or p.unit_path like ${h + '/%'}`);
      const visible = ors.length ? sql.join(ors, sql` or `) : sql`false`;
      const under = q.unitPath
        ? sql`and (p.unit_path = ${q.unitPath} or p.unit_path like ${q.unitPath + '/%'})`
        : sql``;
      return (
        await sql<BknRow>`
          select p.id as skp_id, p.year, p.version, p.status, p.agreed_at,
                 p.employee_id, u.full_name, e.kind, e.nip, e.staff_number, e.position, e.grade,
                 o.code as unit_code, o.name as unit_name, p.unit_path,
                 au.full_name as appraiser_name, ae.kind as appraiser_kind, ae.nip as appraiser_nip,
                 ae.staff_number as appraiser_staff_number, ae.position as appraiser_position,
                 v.period, v.result_rating, v.behaviour_rating, v.predikat, v.rated_at
            from skp_plans p
            join employees e on e.id = p.employee_id
            join users u on u.id = e.user_id
            join org_units o on o.id = p.unit_id
            left join employees ae on ae.id = p.appraiser_id
            left join users au on au.id = ae.user_id
            left join skp_evaluations v on v.skp_id = p.id and v.period = ${q.period}
           where p.year = ${q.year} and p.status <> 'diganti' and (${visible}) ${under}
           order by p.unit_path, u.full_name, p.id`.execute(db)
      ).rows;
    },

    /** The behaviours (with the appraiser's expectations) of many SKP at once. */
    behaviours: async (db: Db, skpIds: readonly number[]) =>
      skpIds.length === 0
        ? []
        : (
            await sql<{ skp_id: number; code: string; expectation: string }>`
              select skp_id, code, expectation from skp_behaviours
               where skp_id = any(${[...skpIds]}::int[]) order by skp_id, code`.execute(db)
          ).rows,
  };
}
export type SkpBknRepo = ReturnType<typeof createSkpBknRepo>;
