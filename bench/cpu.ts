// CPU accounting for the benches: this process (the load generator), the app
// processes, PostgreSQL's processes working for the bench database, and the
// whole machine, from /proc (Linux). Figures per request show what one
// request costs each party when they share the machine's cores.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type pg from 'pg';

const TICK_MS = 10; // USER_HZ = 100 on Linux

function procTicks(pid: number) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(f[11]) + Number(f[12]);
  } catch {
    return 0;
  }
}

function machineTicks() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return { busy: f[0]! + f[1]! + f[2]! + f[5]! + f[6]! + f[7]!, total: f.reduce((a, b) => a + b, 0) };
}

/** Share of the machine busy with anything over `ms` (other work before a run). */
export function machineBusy(ms: number) {
  const a = machineTicks();
  return new Promise<number>((ok) =>
    setTimeout(() => {
      const b = machineTicks();
      ok((b.busy - a.busy) / (b.total - a.total));
    }, ms),
  );
}

/** Waits up to BENCH_QUIET_WAIT seconds for the machine to calm down; returns how busy it was. */
export async function waitForQuiet() {
  let background = await machineBusy(2000);
  for (
    const until = Date.now() + Number(process.env.BENCH_QUIET_WAIT ?? 0) * 1000;
    background > 0.15 && Date.now() < until;
  )
    background = await machineBusy(5000);
  return background;
}

export type CpuSnapshot = Awaited<ReturnType<ReturnType<typeof cpuMeter>['snapshot']>>;

/**
 * `pool` reaches the bench database (to find PostgreSQL's backends on it and
 * the server's background processes, not other databases' backends); `apps()`
 * gives the pids of the app processes.
 */
export function cpuMeter(pool: pg.Pool, apps: () => number[]) {
  async function postgresTicks(): Promise<Map<number, number>> {
    const pids = (
      await pool.query<{ pid: number }>(
        `select pid from pg_stat_activity where datname = current_database() or backend_type <> 'client backend'`,
      )
    ).rows;
    return new Map(pids.map((r) => [r.pid, procTicks(r.pid)]));
  }
  async function snapshot() {
    const pgTicks = await postgresTicks();
    const u = process.cpuUsage();
    return {
      self: (u.user + u.system) / 1000,
      apps: apps().map((pid) => procTicks(pid) * TICK_MS),
      pg: pgTicks,
      machine: machineTicks(),
    };
  }
  /** CPU since `a`, as a share of one core per party and in ms per request. */
  async function since(a: CpuSnapshot, seconds: number, requests: number) {
    const b = await snapshot();
    let pgMs = 0;
    for (const [pid, t] of b.pg) pgMs += (t - (a.pg.get(pid) ?? 0)) * TICK_MS;
    const pct = (ms: number) => `${((ms / 1000 / seconds) * 100).toFixed(0)} %`;
    const parts = [
      `load generator ${pct(b.self - a.self)}`,
      ...b.apps.map((v, k) => `app #${k + 1} ${pct(v - a.apps[k]!)}`),
      `postgres ${pct(pgMs)}`,
    ];
    const busy = (b.machine.busy - a.machine.busy) / (b.machine.total - a.machine.total);
    const appMs = b.apps.reduce((x, v, k) => x + v - a.apps[k]!, 0);
    const per = (ms: number) => (ms / requests).toFixed(2);
    const perRequest = {
      app: appMs / requests,
      postgres: pgMs / requests,
      loadGenerator: (b.self - a.self) / requests,
    };
    const text = `CPU (100 % = one core; ${cpus().length} cores): ${parts.join(', ')}; machine busy ${(busy * 100).toFixed(0)} %\n    CPU per request: ${b.apps.length ? `app ${per(appMs)} ms, ` : ''}postgres ${per(pgMs)} ms, load generator${b.apps.length ? '' : ' + app'} ${per(b.self - a.self)} ms`;
    return { text, perRequest };
  }
  return { snapshot, since };
}
