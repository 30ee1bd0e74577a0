// Named prepared statements for the hot paths. A query that carries the
// marker /*prepare:<name>*/ (see `prepared` below) is sent as a named
// statement, so PostgreSQL parses and plans it once per connection instead
// of on every call; everything else goes through unchanged. Opt-in only:
// statements whose text varies (IN lists of different lengths) would fill
// every connection with prepared plans.
import { createHash } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type pg from 'pg';

const MARKER = /\/\*prepare:([a-z0-9_]+)\*\//;

/** The marker for a hot query (Kysely: `.modifyFront(prepared('name'))`, or first in a `sql` template). */
export const prepared = (name: string): RawBuilder<unknown> => sql.raw(`/*prepare:${name}*/`);

function wrapClient(client: pg.PoolClient): pg.PoolClient {
  const names = new Map<string, string>();
  const query = (text: unknown, values?: unknown) => {
    if (typeof text === 'string') {
      const m = MARKER.exec(text);
      if (m) {
        // The name carries a hash of the text, so a changed query never meets an older plan under the same name.
        let name = names.get(text);
        if (!name) names.set(text, (name = `${m[1]}_${createHash('sha1').update(text).digest('hex').slice(0, 10)}`));
        return client.query({ name, text, values: values as unknown[] });
      }
    }
    return (client.query as (...a: unknown[]) => unknown).call(client, text, values);
  };
  return new Proxy(client, {
    get: (target, prop) => (prop === 'query' ? query : (Reflect.get(target, prop, target) as unknown)),
  });
}

/** A pool for Kysely's PostgresDialect that sends marked queries as named prepared statements. */
export function preparingPool(pool: pg.Pool): pg.Pool {
  const wrapped = new WeakMap<pg.PoolClient, pg.PoolClient>();
  const connect = async () => {
    const client = await pool.connect();
    let w = wrapped.get(client);
    if (!w) wrapped.set(client, (w = wrapClient(client)));
    return w;
  };
  return new Proxy(pool, {
    get: (target, prop) => (prop === 'connect' ? connect : (Reflect.get(target, prop, target) as unknown)),
  });
}
