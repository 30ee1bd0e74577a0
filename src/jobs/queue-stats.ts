// pg-boss queue figures for /metrics, read from pg-boss's own tables at
// scrape time: jobs waiting per queue and the age of the oldest. Bounded: the
// count stops at COUNT_CAP per queue (a backlog that large is an alarm either
// way) and the statement may run for STATEMENT_TIMEOUT at most. Before any
// instance started the workers the pgboss schema does not exist: no queues.
import type pg from 'pg';
import type { QueueFigures } from '../kernel/metrics.js';

const COUNT_CAP = 10_000;
const STATEMENT_TIMEOUT = '2s';

export async function readQueueFigures(pool: pg.Pool): Promise<QueueFigures[]> {
  const client = await pool.connect();
  try {
    const exists = await client.query<{ t: string | null }>(`select to_regclass('pgboss.queue')::text as t`);
    if (!exists.rows[0]?.t) return [];
    await client.query('begin read only');
    try {
      await client.query(`set local statement_timeout = '${STATEMENT_TIMEOUT}'`);
      // 'created' and 'retry' sort before 'active' in pg-boss's job_state enum (pg-boss compares them so itself).
      const r = await client.query<{ name: string; waiting: string; age: number | null }>(
        `select q.name,
           (select count(*) from (select 1 from pgboss.job j
              where j.name = q.name and j.state < 'active' and j.start_after <= now() limit $1) w) as waiting,
           (select extract(epoch from now() - min(j.start_after))::float8 from pgboss.job j
              where j.name = q.name and j.state < 'active' and j.start_after <= now()) as age
         from pgboss.queue q order by q.name`,
        [COUNT_CAP],
      );
      return r.rows.map((row) => ({
        name: row.name,
        waiting: Number(row.waiting),
        oldestAgeSeconds: Math.max(0, row.age ?? 0),
      }));
    } finally {
      await client.query('rollback').catch(() => undefined);
    }
  } finally {
    client.release();
  }
}
