// The raw single-row INSERT rate of a database: the yardstick every bench
// quotes its API figures against (bench/layanan.ts, bench/presensi.ts).
import type pg from 'pg';
import { measure, type Figures } from './lib.js';

export async function measureRawInsert(pool: pg.Pool, total: number, width: number): Promise<Figures> {
  await pool.query(
    'create table if not exists bench_raw (id bigserial primary key, payload text not null, at timestamptz not null default now())',
  );
  return measure(`raw single-row INSERT (${width} in flight)`, total, width, async (i) => {
    await pool.query('insert into bench_raw (payload) values ($1)', [`row ${i}`]);
  });
}
