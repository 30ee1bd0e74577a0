// Small helpers shared by the benchmarks: a PostgreSQL database of their own,
// timing, percentiles and a bounded concurrent runner.
import pg from 'pg';
import { openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';

export const BENCH_DB = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/pamong_bench';

/** A fresh, migrated bench database on the local PostgreSQL server. */
export async function freshBenchDatabase(poolSize: number) {
  const url = new URL(BENCH_DB);
  const name = url.pathname.slice(1);
  const admin = new pg.Client({ connectionString: BENCH_DB.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  // BENCH_PREPARE=false measures without named prepared statements (src/db/prepared.ts).
  const database = await openDatabase({
    databaseUrl: BENCH_DB,
    dataDir: '',
    poolSize,
    prepare: process.env.BENCH_PREPARE !== 'false',
  });
  await migrate(database.pool);
  return database;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export interface Figures {
  label: string;
  count: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** CPU time this process spent per operation (ms): what one app instance pays, apart from the database. */
  cpuMsPerOp: number;
}

/** Runs `task(i)` for i in [0, total) with `width` in flight; returns throughput and latency. */
export async function measure(
  label: string,
  total: number,
  width: number,
  task: (i: number) => Promise<void>,
): Promise<Figures> {
  const latencies: number[] = [];
  let next = 0;
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        await task(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  latencies.sort((a, b) => a - b);
  return {
    label,
    count: total,
    seconds,
    perSecond: total / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    cpuMsPerOp: (cpu.user + cpu.system) / 1000 / total,
  };
}

export function print(f: Figures) {
  console.log(
    `${f.label.padEnd(42)} ${f.perSecond.toFixed(0).padStart(7)}/s   p50 ${f.p50.toFixed(1).padStart(6)} ms   p99 ${f.p99.toFixed(1).padStart(6)} ms   cpu ${f.cpuMsPerOp.toFixed(2)} ms/op   (${f.count} in ${f.seconds.toFixed(1)} s)`,
  );
}
