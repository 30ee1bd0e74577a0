// The least an HTTP + PostgreSQL service can cost on this machine: a bare
// Fastify 5 server (no hooks, no compression, no logging, no query builder)
// answering a small JSON POST after the round trips to PostgreSQL that
// CEILING_PLAN spells, one letter each: `s` the cheapest statement there is (a
// named prepared `select $1::int`), `i` a single-row INSERT ... ON CONFLICT DO
// NOTHING into a two-column table; letters in [ ] run in one transaction
// (BEGIN and COMMIT are round trips too). Started by bench/ceiling.ts; not
// part of the platform.
import Fastify from 'fastify';
import pg from 'pg';

const plan = process.env.CEILING_PLAN ?? '';
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 10) });
const app = Fastify({ logger: false });

async function step(q: pg.Pool | pg.PoolClient, letter: string, key: string, n: number) {
  if (letter === 's') await q.query({ name: 'one', text: 'select $1::int as n', values: [n] });
  else
    await q.query({
      name: 'ins',
      text: 'insert into ceiling_rows (key, n) values ($1, $2) on conflict (key) do nothing',
      values: [`${key}-${n}`, n],
    });
}

app.post('/x', async (req, reply) => {
  const { key } = req.body as { key: string };
  let trx: pg.PoolClient | null = null;
  let n = 0;
  for (const letter of plan) {
    if (letter === '[') {
      trx = await pool.connect();
      await trx.query('begin');
    } else if (letter === ']') {
      await trx!.query('commit');
      trx!.release();
      trx = null;
    } else await step(trx ?? pool, letter, key, n++);
  }
  return reply.code(201).send({ id: key });
});
app.get('/healthz', async () => ({ status: 'ok' }));

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
