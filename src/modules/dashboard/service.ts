// The service dashboard of a region: how many requests of which kind, where
// they stand, which are late, how long each stage takes, and how often the
// whole chain kept its promise. Also the clocks shown on queue rows, so every
// page reads "now" from the one injected clock (and the service hours of the
// request's office: service-requests/service-time.ts).
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { Role } from '../../kernel/roles.js';
import type { Ctx } from '../../kernel/context.js';
import { requestClocks, STAGES, type RequestClocks } from '../service-requests/index.js';
import type { ServiceTimes } from '../service-requests/service.js';
export { requestClocks };
import type { DashboardRepo } from './repo.js';

/** Officials above the RT see the figures of their region. */
export const DASHBOARD_ROLES: readonly Role[] = [
  'ketua_rw',
  'lurah',
  'staf_kelurahan',
  'camat',
  'staf_kecamatan',
  'admin_kota',
];

export interface DashboardDeps {
  db: Db;
  clock: Clock;
  dashboard: DashboardRepo;
  times: Pick<ServiceTimes, 'clocksOf'>;
}

const rwOf = (rt: string) => rt.split('.').slice(0, 5).join('.');

export function createDashboardService(d: DashboardDeps) {
  const { db, clock } = d;
  return {
    now: () => clock.now(),
    /** The stage and end-to-end clocks of a request now, each counted on its own clock. */
    clocksOf: (r: Parameters<ServiceTimes['clocksOf']>[1]): Promise<RequestClocks> => d.times.clocksOf(clock.now(), r),
    /** clocksOf for a list (a queue). */
    clocksOfAll<R extends Parameters<ServiceTimes['clocksOf']>[1]>(rows: readonly R[]) {
      const now = clock.now();
      return Promise.all(rows.map(async (r) => ({ r, clocks: await d.times.clocksOf(now, r) })));
    },

    async figures(ctx: Ctx) {
      const now = clock.now();
      const s = ctx.scope;
      const [byType, byStatus, overdue, medians, within, byRt] = await Promise.all([
        d.dashboard.byType(db, s),
        d.dashboard.byStatus(db, s),
        d.dashboard.overdue(db, s, now),
        d.dashboard.stageMedians(db, s),
        d.dashboard.withinBudget(db, s),
        d.dashboard.byRt(db, s, now),
      ]);
      const statusCounts = { in_progress: 0, returned: 0, rejected: 0, completed: 0 };
      for (const r of byStatus) statusCounts[r.status] = Number(r.n);
      const rw = new Map<string, { code: string; total: number; open: number; completed: number; overdue: number }>();
      for (const r of byRt) {
        const code = r.region_code.split('.').length >= 6 ? rwOf(r.region_code) : r.region_code;
        const x = rw.get(code) ?? { code, total: 0, open: 0, completed: 0, overdue: 0 };
        x.total += Number(r.total);
        x.open += Number(r.open);
        x.completed += Number(r.completed);
        x.overdue += Number(r.overdue);
        rw.set(code, x);
      }
      const medianByStage = new Map(medians.map((m) => [m.stage, m]));
      return {
        at: now,
        total: Object.values(statusCounts).reduce((a, b) => a + b, 0),
        byType: byType.map((r) => ({ code: r.code, name: r.name, n: Number(r.n) })),
        byStatus: statusCounts,
        overdue,
        stageMedians: STAGES.filter((st) => medianByStage.has(st)).map((st) => {
          const m = medianByStage.get(st)!;
          return { stage: st, medianMinutes: Math.round((Number(m.median_seconds) / 60) * 10) / 10, n: Number(m.n) };
        }),
        withinBudget: { ...within, share: within.completed ? within.within / within.completed : null },
        byRt: byRt.map((r) => ({
          code: r.region_code,
          total: Number(r.total),
          open: Number(r.open),
          completed: Number(r.completed),
          overdue: Number(r.overdue),
        })),
        byRw: [...rw.values()],
      };
    },
  };
}
export type DashboardService = ReturnType<typeof createDashboardService>;
