// The heads' dashboard (issue 16, item 7): for the viewer's people — a superior's appraisees, a head's unit subtree,
// the admin's city — who has not logged this week (working days so far, the week from Monday, in the city's zone
// and calendar), what waits for approval and since when (per approver), the period's predikat against the curve of
// each organisation's rating (rules.ts checkDistribution, warnings only), and the approvers with logs waiting more
// than SKP_APPROVAL_LATE_DAYS working days. Every figure is an SQL aggregate (pantau-repo.ts).
import type { Db } from '../../db/database.js';
import type { Ctx } from '../../kernel/context.js';
import type { Clock } from '../../lib/clock.js';
import { cityOfScope, type EmployeesService } from '../employees/service.js';
import { addDays, localDateOf, localInstant } from '../work-schedule/index.js';
import { lateCutoff, weekStart, workingDaysSince, workingDaysThisWeek } from './pantau-rules.js';
import { createSkpPantauRepo, type SkpPantauRepo } from './pantau-repo.js';
import { checkDistribution, PREDIKATS, type CurveRule, type Predikat } from './rules.js';
import type { SkpService } from './service.js';

export interface SkpPantauDeps {
  db: Db;
  clock: Clock;
  skp: SkpService;
  employees: EmployeesService;
  curve: readonly CurveRule[];
  offsetMinutes: number;
  /** Working days a log may wait before its approver is late (SKP_APPROVAL_LATE_DAYS; the city's choice). */
  lateDays: number;
  repo?: SkpPantauRepo;
}

const PERIOD = /^\d{4}(-(0[1-9]|1[0-2]))?$/;
/** At most this many names in the "not logged" list; the count is always complete. */
export const NOT_LOGGED_LIST_MAX = 200;

const counted = (rows: readonly { predikat: Predikat; n: number }[]) =>
  Object.fromEntries(
    PREDIKATS.map((p) => [p, rows.filter((r) => r.predikat === p).reduce((a, r) => a + r.n, 0)]),
  ) as Record<Predikat, number>;
const expand = (c: Record<Predikat, number>) => PREDIKATS.flatMap((p) => Array<Predikat>(c[p]).fill(p));

export function createSkpPantauService(d: SkpPantauDeps) {
  const { db, clock } = d;
  const repo = d.repo ?? createSkpPantauRepo();

  return {
    lateDays: d.lateDays,

    async dashboard(ctx: Ctx, periodIn?: string) {
      const v = await d.skp.viewer(ctx);
      const today = localDateOf(clock.now(), d.offsetMinutes);
      const year = Number(today.slice(0, 4));
      const period = periodIn && PERIOD.test(periodIn) ? periodIn : String(year);
      const scope = { employeeId: v.employeeId, headOf: v.headOf, cityPrefix: v.cityPrefix, year, today };
      const calendar = await d.employees.read.calendar(db, cityOfScope(ctx), addDays(today, -400), today);
      const days = workingDaysThisWeek(today, calendar);
      const cutoff = lateCutoff(today, d.lateDays, calendar);
      const [counts, notLogged, approvers, overall, orgs] = await Promise.all([
        repo.loggingCounts(db, scope, days),
        days.length ? repo.notLogged(db, scope, days, NOT_LOGGED_LIST_MAX) : Promise.resolve([]),
        repo.waitingPerApprover(db, scope, localInstant(cutoff, '00:00', d.offsetMinutes)),
        repo.predikatOfPeople(db, scope, period),
        repo.organisations(db, scope),
      ]);
      const under = await repo.predikatUnder(
        db,
        orgs.map((o) => o.path),
        Number(period.slice(0, 4)),
        period,
      );
      const waitedDays = (at: Date) => workingDaysSince(localDateOf(at, d.offsetMinutes), today, calendar);
      const perApprover = approvers.map((a) => ({ ...a, oldestWorkingDays: waitedDays(a.oldest) }));
      const oldest = approvers.reduce<Date | null>((m, a) => (!m || a.oldest < m ? a.oldest : m), null);
      return {
        today,
        weekFrom: weekStart(today),
        period,
        lateDays: d.lateDays,
        hasScope: counts.total > 0 || !!v.cityPrefix || v.headOf.length > 0,
        logging: {
          workingDays: days,
          people: counts.total,
          // No working day yet this week: nobody is missing a log.
          notLogged: days.length ? counts.not_logged : 0,
          list: notLogged,
        },
        waiting: {
          total: approvers.reduce((n, a) => n + a.waiting, 0),
          oldest,
          oldestWorkingDays: oldest ? waitedDays(oldest) : 0,
          perApprover,
        },
        lateApprovers: perApprover.filter((a) => a.late > 0),
        distribution: {
          overall: counted(overall),
          organisations: orgs.map((o) => {
            const c = counted(under.filter((u) => u.path === o.path));
            return {
              id: o.id,
              name: o.name,
              rating: o.rating,
              counts: c,
              warnings: o.rating ? checkDistribution(o.rating, expand(c), d.curve) : [],
            };
          }),
        },
      };
    },
  };
}
export type SkpPantauService = ReturnType<typeof createSkpPantauService>;
