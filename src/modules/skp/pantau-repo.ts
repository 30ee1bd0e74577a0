// SQL of the heads' dashboard (issue 16, item 7): aggregates over the viewer's people, never their rows. The people
// are one SQL fragment (`people`): the city's employees for its admin; for a civil servant, those below the units
// they head and those whose live SKP of the year they appraise — never themself. Reads the register's tables
// (employees, org_units, users), which the employees module owns.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/database.js';
import type { OrgRating, Predikat } from './rules.js';

export interface PantauScope {
  employeeId: number | null;
  headOf: readonly string[];
  cityPrefix: string | null;
  year: number;
  /** The city's today, 'YYYY-MM-DD': people whose service ended before it are left out. */
  today: string;
}

/** The people a viewer oversees, as a `select id, unit_id, unit_path, unit_name, full_name` (an empty set if none). */
function people(s: PantauScope): RawBuilder<unknown> {
  const ors: RawBuilder<unknown>[] = [];
  if (s.cityPrefix) ors.push(sql`o.path like ${s.cityPrefix + '/%'}`);
  for (const h of s.headOf) ors.push(sql`(o.path = ${h} or o.path like ${h + '/%'})`);
  if (s.employeeId !== null)
    ors.push(sql`exists (select 1 from skp_plans ap where ap.employee_id = e.id and ap.appraiser_id = ${s.employeeId}
                           and ap.year = ${s.year} and ap.status <> 'diganti')`);
  const within = ors.length ? sql.join(ors, sql` or `) : sql`false`;
  return sql`
    select e.id, e.unit_id, o.path as unit_path, o.name as unit_name, u.full_name
      from employees e
      join org_units o on o.id = e.unit_id
      join users u on u.id = e.user_id
     where e.active and (e.end_date is null or e.end_date >= ${s.today}::date)
       and e.id <> ${s.employeeId ?? 0}
       and (${within})`;
}

export interface ApproverRow {
  approver_id: number | null;
  approver_name: string | null;
  waiting: number;
  late: number;
  oldest: Date;
}

export function createSkpPantauRepo() {
  return {
    /** How many people, and how many wrote no log on any of `days` (this week's working days so far). */
    loggingCounts: async (db: Db, s: PantauScope, days: readonly string[]) =>
      (
        await sql<{ total: number; not_logged: number }>`
          with s as (${people(s)})
          select count(*)::int as total,
                 count(*) filter (where not exists (
                   select 1 from skp_daily_logs l where l.employee_id = s.id and l.log_date = any(${days}::date[])
                 ))::int as not_logged
            from s`.execute(db)
      ).rows[0]!,

    /** Who wrote no log on any of `days`, by unit and name; whether they have an agreed SKP this year. */
    notLogged: async (db: Db, s: PantauScope, days: readonly string[], limit: number) =>
      (
        await sql<{ id: number; full_name: string; unit_name: string; agreed: boolean }>`
          with s as (${people(s)})
          select s.id, s.full_name, s.unit_name,
                 exists (select 1 from skp_plans p where p.employee_id = s.id and p.year = ${s.year}
                           and p.status = 'disetujui') as agreed
            from s
           where not exists (
             select 1 from skp_daily_logs l where l.employee_id = s.id and l.log_date = any(${days}::date[])
           )
           order by s.unit_path, s.full_name, s.id
           limit ${limit}`.execute(db)
      ).rows,

    /**
     * Logs of the viewer's people waiting for approval, per approver (the appraiser of the log's SKP): how many, the
     * oldest submission, how many were submitted before `lateBefore` (late).
     */
    waitingPerApprover: async (db: Db, s: PantauScope, lateBefore: Date): Promise<ApproverRow[]> =>
      (
        await sql<ApproverRow>`
          with s as (${people(s)})
          select p.appraiser_id as approver_id, au.full_name as approver_name,
                 count(*)::int as waiting,
                 count(*) filter (where l.created_at < ${lateBefore})::int as late,
                 min(l.created_at) as oldest
            from skp_daily_logs l
            join s on s.id = l.employee_id
            join skp_plans p on p.id = l.skp_id
            left join employees ae on ae.id = p.appraiser_id
            left join users au on au.id = ae.user_id
           where l.status = 'diajukan'
           group by p.appraiser_id, au.full_name
           order by late desc, waiting desc, approver_name`.execute(db)
      ).rows,

    /** Predikat of a period's evaluations of the viewer's people (live SKP), counted. */
    predikatOfPeople: async (db: Db, s: PantauScope, period: string) =>
      (
        await sql<{ predikat: Predikat; n: number }>`
          with s as (${people(s)})
          select v.predikat, count(*)::int as n
            from s
            join skp_plans p on p.employee_id = s.id and p.year = ${s.year} and p.status <> 'diganti'
            join skp_evaluations v on v.skp_id = p.id and v.period = ${period}
           group by v.predikat`.execute(db)
      ).rows,

    /**
     * The organisations whose distribution is shown: the units the viewer heads, and every unit of the viewer's
     * reach (the city, or below the units headed) that has an organisation rating for the year.
     */
    organisations: async (db: Db, s: PantauScope) => {
      const reach: RawBuilder<unknown>[] = [];
      if (s.cityPrefix) reach.push(sql`o.path like ${s.cityPrefix + '/%'}`);
      for (const h of s.headOf) reach.push(sql`(o.path = ${h} or o.path like ${h + '/%'})`);
      if (!reach.length) return [];
      return (
        await sql<{ id: number; path: string; name: string; rating: OrgRating | null }>`
          select o.id, o.path, o.name, r.rating
            from org_units o
            left join skp_org_ratings r on r.unit_id = o.id and r.year = ${s.year}
           where o.path = any(${[...s.headOf, '']}::text[])
              or (r.rating is not null and (${sql.join(reach, sql` or `)}))
           order by o.path
           limit 200`.execute(db)
      ).rows;
    },

    /** Predikat of a period's evaluations of live SKP under each of `paths` (the unit and below), counted. */
    predikatUnder: async (db: Db, paths: readonly string[], year: number, period: string) =>
      paths.length === 0
        ? []
        : (
            await sql<{ path: string; predikat: Predikat; n: number }>`
              select r.path, v.predikat, count(*)::int as n
                from unnest(${paths}::text[]) as r(path)
                join skp_plans p on (p.unit_path = r.path or p.unit_path like r.path || '/%')
                                and p.year = ${year} and p.status <> 'diganti'
                join skp_evaluations v on v.skp_id = p.id and v.period = ${period}
               group by r.path, v.predikat`.execute(db)
          ).rows,
  };
}
export type SkpPantauRepo = ReturnType<typeof createSkpPantauRepo>;
