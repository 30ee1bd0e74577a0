// Opens the one database the platform runs on: a real PostgreSQL server when
// DATABASE_URL is set, otherwise an embedded PGlite in the data folder. Both
// go through a stock pg.Pool so the same Kysely code serves both.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { preparingPool } from './prepared.js';
import { consoleDbLog, resilientPool, watchPool, type ConnectionTally, type DbLog } from './resilient-pool.js';
import type { DB } from './schema.js';

export type Db = Kysely<DB>;

export interface Database {
  db: Db;
  pool: pg.Pool;
  kind: 'postgres' | 'pglite';
  /** The embedded engine, when there is one (tests dump it as a template). */
  pglite?: PGlite;
  /** Connection failures seen since it was opened (lost, refused, timed out): /metrics. */
  connectionErrors(): number;
  close(): Promise<void>;
}

// `date` columns as plain 'YYYY-MM-DD' strings would be nicer, but pg's
// default (a Date at local midnight) is shared with pg-boss; we keep the
// default and format dates explicitly in the view layer.

export interface OpenOptions {
  databaseUrl: string | null;
  dataDir: string;
  poolSize?: number;
  /** A PGlite data-folder dump to start from (tests load a migrated template). */
  loadDataDir?: Blob;
  /** Keep the embedded database in memory (tests). */
  inMemory?: boolean;
  /** Send the hot paths' marked queries as named prepared statements (default true; bench/statements.ts compares). */
  prepare?: boolean;
  /** How long to wait for a connection (a new one, or a free one from the pool) before answering 503 (default 5 s). */
  connectTimeoutMs?: number;
  /** Where lost connections are reported (PostgreSQL only; default: one JSON line on stderr). */
  log?: DbLog;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      // A server that vanished without closing the socket (failover, a cut link) is noticed by TCP keepalive.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      // Neither a dead server nor a pool busy for this long leaves a request hanging: it gets a 503.
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 5_000,
      // pg's default, said out loud: idle connections close after 10 s and are made again on demand.
      idleTimeoutMillis: 10_000,
    });
    const tally: ConnectionTally = { errors: 0 };
    watchPool(pool, opts.log ?? consoleDbLog, tally);
    const resilient = resilientPool(opts.prepare === false ? pool : preparingPool(pool), tally);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: resilient }) });
    return { db, pool, kind: 'postgres', connectionErrors: () => tally.errors, close: () => db.destroy() };
  }
  let dataDir: string | undefined;
  if (!opts.inMemory) {
    dataDir = join(opts.dataDir, 'pglite');
    mkdirSync(dataDir, { recursive: true });
  }
  const pglite = await PGlite.create({ dataDir, loadDataDir: opts.loadDataDir });
  // PGlite serves one connection; pg.Pool queues the rest (poolSize = 1).
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: opts.prepare === false ? pool : preparingPool(pool) }),
  });
  return {
    db,
    pool,
    kind: 'pglite',
    pglite,
    // In the process: no connection to lose.
    connectionErrors: () => 0,
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}
