// The discipline counts of PP 94/2021: per calendar year and employee, the
// unexcused working days (tanpa keterangan) stored in attendance_days and the
// longest unbroken run of them, each person with the heaviest threshold of the
// rules table they crossed (discipline-rules.ts). Heads of units see their
// units' people, the city's administrator (BKPSDM) the city's; others nobody.
// Only closed days count: today and days not yet closed by the nightly job do not.
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { Ctx } from '../../kernel/context.js';
import { localDateOf } from '../work-schedule/index.js';
import { disciplineVerdict, longestUnexcusedRun, type DisciplineTable } from './discipline-rules.js';
import type { PermitsRepo } from './permits-repo.js';

export function createDisciplineUseCases(d: {
  db: Db;
  clock: Clock;
  offsetMinutes: number;
  table: DisciplineTable;
  repo: PermitsRepo;
}) {
  return {
    disciplineTable: () => d.table,
    thisYear: () => Number(localDateOf(d.clock.now(), d.offsetMinutes).slice(0, 4)),

    /** Everyone in the caller's units with at least one unexcused day in the year, heaviest first. */
    async discipline(ctx: Ctx, year: number) {
      const from = `${year}-01-01`;
      const to = `${year}-12-31`;
      const people = await d.repo.unexcusedPeople(d.db, ctx.scope, from, to);
      const days = await d.repo.storedDays(
        d.db,
        people.map((p) => p.id),
        from,
        to,
      );
      const byPerson = new Map<number, { date: string; status: string }[]>();
      for (const r of days)
        (byPerson.get(r.employee_id) ?? byPerson.set(r.employee_id, []).get(r.employee_id)!).push(r);
      const rows = people.map((p) => {
        const longestRun = longestUnexcusedRun(byPerson.get(p.id) ?? []);
        return { employee: p, days: p.days, longestRun, ...disciplineVerdict(d.table, p.days, longestRun) };
      });
      const weight = (r: (typeof rows)[number]) => r.threshold?.minDays ?? 0;
      rows.sort((a, b) => Number(!!b.threshold) - Number(!!a.threshold) || b.days - a.days || weight(b) - weight(a));
      return { year, table: d.table, rows };
    },
  };
}
