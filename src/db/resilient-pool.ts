// The pg.Pool of a real PostgreSQL server, made to outlive its connections.
// When the server (a restart, a failover, pg_terminate_backend) or PgBouncer
// ends them, pg reports it as an 'error' event on the client and then on the
// pool; an 'error' event nobody listens to ends the Node process. Here:
//   - the pool's and every client's 'error' events are listened to: an idle
//     client that dies is logged (code and pg's short message, never a query
//     or its values) and discarded by pg-pool; a client in use that dies
//     fails its statement and is discarded when released (pg-pool drops a
//     client that is no longer queryable). New connections are made on demand.
//   - a statement that met a dead connection is sent once more on a new one
//     when that is safe (connection-errors.ts mayRetry): the first statement
//     of a connection's use that never reached the server, or that only
//     reads (a SELECT, a BEGIN). Anything else fails with the connection
//     error, which the HTTP layer answers with 503 and Retry-After.
//   - a failure to get a connection at all is a DatabaseUnavailableError.
import type pg from 'pg';
import { DatabaseUnavailableError, describe, isConnectionError, mayRetry } from './connection-errors.js';

export interface DbLog {
  warn(fields: Record<string, unknown>, msg: string): void;
}

/** Connection failures seen on a pool (idle connections lost, statements that met a dead one, refusals), for /metrics. */
export interface ConnectionTally {
  errors: number;
}

/** One line per event on stderr, like the app's log; tests and `LOG_LEVEL=silent` pass their own. */
export const consoleDbLog: DbLog = {
  warn: (fields, msg) => console.warn(JSON.stringify({ level: 40, time: Date.now(), msg, ...fields })),
};

/** Listens to the pool's and its clients' 'error' events, so a lost connection is logged, not fatal. */
export function watchPool(pool: pg.Pool, log: DbLog, tally?: ConnectionTally): void {
  pool.on('error', (err) => {
    if (tally) tally.errors++;
    log.warn({ db: describe(err) }, 'database connection lost while idle; discarded, a new one is made on demand');
  });
  pool.on('connect', (client) => {
    // A client in use has no listener of pg-pool's: without this one, a connection that dies
    // between two statements of a transaction would end the process. Its statement fails
    // (and is answered) on its own; pg-pool discards the client when it is released.
    client.on('error', () => undefined);
  });
}

type Query = (text: unknown, values?: unknown) => Promise<unknown>;

/** pool.connect(), with any failure to get a connection reported as DatabaseUnavailableError. */
async function connectOrUnavailable(pool: pg.Pool, tally?: ConnectionTally): Promise<pg.PoolClient> {
  try {
    return await pool.connect();
  } catch (err) {
    if (tally) tally.errors++;
    throw new DatabaseUnavailableError(err);
  }
}

/**
 * pool.query() for callers outside Kysely (pg-boss's adapter): the same, but a
 * failure to connect (refused, "not accepting connections", too many clients)
 * is a DatabaseUnavailableError, and a client that failed is never reused.
 */
export async function queryPool(pool: pg.Pool, text: string, values?: unknown[]): Promise<pg.QueryResult> {
  const client = await connectOrUnavailable(pool);
  try {
    const result = await client.query(text, values);
    client.release();
    return result;
  } catch (err) {
    client.release(err as Error);
    throw err;
  }
}

/**
 * A pool for Kysely's PostgresDialect: `connect()` hands out a client whose
 * first statement is sent once more on a new connection when it met a dead
 * one and that is safe. Everything else passes through to the pool.
 */
export function resilientPool(pool: pg.Pool, tally?: ConnectionTally): pg.Pool {
  const acquire = () => connectOrUnavailable(pool, tally);
  const connect = async (): Promise<pg.PoolClient> => {
    let current = await acquire();
    let sent = false;
    // A client whose statement met a lost connection is not given back: pg may not have seen the
    // socket close yet when Kysely releases it, and the next request would meet it dead.
    let lost: Error | null = null;
    // Between giving a dead client back and getting a new one nothing is held: if no new one can be
    // had, Kysely's release of this lease must not release the dead one a second time.
    let held = true;
    const run = async (text: unknown, values: unknown) => {
      try {
        return await (current.query as unknown as Query).call(current, text, values);
      } catch (err) {
        if (isConnectionError(err)) {
          lost = err as Error;
          if (tally) tally.errors++;
        }
        throw err;
      }
    };
    const query = async (text: unknown, values?: unknown) => {
      const first = !sent;
      sent = true;
      if (!first || typeof text !== 'string') return run(text, values);
      try {
        return await run(text, values);
      } catch (err) {
        if (!mayRetry(err, text, true)) throw err;
        current.release(err as Error); // pg-pool ends and forgets it
        held = false;
        lost = null;
        current = await acquire();
        held = true;
        return run(text, values);
      }
    };
    const release = (err?: Error | boolean) => {
      if (held) current.release(err || lost || undefined);
      held = false;
    };
    return new Proxy(current, {
      get: (_target, prop) => {
        if (prop === 'query') return query;
        if (prop === 'release') return release;
        const v = Reflect.get(current, prop, current) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(current) : v;
      },
    });
  };
  return new Proxy(pool, {
    get: (target, prop) => (prop === 'connect' ? connect : (Reflect.get(target, prop, target) as unknown)),
  });
}
