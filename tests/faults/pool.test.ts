// The pool's own rules against a real PostgreSQL (a fresh database of its
// own), with connections ended at chosen moments by pg_terminate_backend:
// which statements are sent again on a new connection (a read, a BEGIN) and
// which never are (a write, anything inside a transaction under way), idle
// connections that die are discarded with a log line, no connection at all is
// a DatabaseUnavailableError, and pg-boss's unawaited "job done" statement
// survives the database going away while a job runs.
import { sql } from 'kysely';
import PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, isConnectionError } from '../../src/db/connection-errors.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { bossDb } from '../../src/jobs/queue.js';
import { adminUrl, createFreshDatabase, faultsEnabled, waitFor, withClient, type FreshDatabase } from './support.js';

describe.skipIf(!faultsEnabled)('the PostgreSQL pool when connections end', () => {
  let fresh: FreshDatabase;
  let database: Database;
  const logged: { code: string; message: string }[] = [];

  beforeAll(async () => {
    fresh = await createFreshDatabase();
    database = await openDatabase({
      databaseUrl: fresh.url,
      dataDir: '',
      poolSize: 3,
      log: { warn: (fields) => logged.push(fields.db as { code: string; message: string }) },
    });
    await database.pool.query('create table t (id serial primary key, v text not null)');
  }, 60_000);

  afterAll(async () => {
    await database?.close();
    await fresh?.drop();
  });

  /** Ends the server process running `pattern` once it is running it; returns its pid. */
  async function endWhileRunning(pattern: string) {
    const pid = await waitFor(`a backend running ${pattern}`, 10_000, () =>
      withClient(adminUrl, async (c) => {
        const r = await c.query<{ pid: number }>(
          `select pid from pg_stat_activity where datname = $1 and state = 'active' and query like $2 and pid <> pg_backend_pid()`,
          [fresh.name, `%${pattern}%`],
        );
        return r.rows[0]?.pid;
      }),
    );
    await withClient(adminUrl, (c) => c.query('select pg_terminate_backend($1)', [pid]));
    return pid;
  }
  const count = async (v: string) =>
    Number((await database.pool.query<{ n: string }>('select count(*) as n from t where v = $1', [v])).rows[0]!.n);

  it('a read whose connection ends under it is sent again on a new connection', async () => {
    const read = sql<{ pid: number }>`select pg_backend_pid() as pid, pg_sleep(0.8) as read_marker_1`.execute(
      database.db,
    );
    const ended = await endWhileRunning('read_marker_1');
    const { rows } = await read;
    expect(rows[0]!.pid).not.toBe(ended);
  });

  it('a read whose connection ends while no new one can be had fails as DatabaseUnavailableError', async () => {
    const read = sql`select pg_sleep(0.8) as read_marker_2`.execute(database.db);
    const outcome = read.then(
      () => null,
      (err: unknown) => err,
    );
    await waitFor('the read to run', 10_000, () =>
      withClient(adminUrl, async (c) => {
        const r = await c.query(
          `select 1 from pg_stat_activity where datname = $1 and state = 'active' and query like '%read_marker_2%'`,
          [fresh.name],
        );
        return r.rowCount ? true : undefined;
      }),
    );
    await fresh.acceptConnections(false);
    try {
      await endWhileRunning('read_marker_2');
      // Not the dead client released twice (pg-pool would throw, and the request would get a 500).
      expect(await outcome).toBeInstanceOf(DatabaseUnavailableError);
    } finally {
      await fresh.acceptConnections(true);
    }
    expect((await sql<{ one: number }>`select 1 as one`.execute(database.db)).rows).toEqual([{ one: 1 }]);
  });

  it('a write whose connection ends under it is not sent again: it fails with a connection error, and its connection is dropped', async () => {
    // One connection, so a dead client given back to the pool would be the very next one used.
    const single = await openDatabase({
      databaseUrl: fresh.url,
      dataDir: '',
      poolSize: 1,
      log: { warn: () => undefined },
    });
    try {
      const write = sql`insert into t (v) select 'write-1' from pg_sleep(0.8)`.execute(single.db);
      const outcome = write.then(
        () => null,
        (err: unknown) => err,
      );
      await endWhileRunning("'write-1'");
      const err = await outcome;
      expect(isConnectionError(err), String(err)).toBe(true);
      // The dead client was not given back: the next write, which is never sent twice, finds a live connection.
      await sql`insert into t (v) values ('write-2')`.execute(single.db);
    } finally {
      await single.close();
    }
    expect(await count('write-1')).toBe(0); // ended mid-statement: rolled back, and not run a second time
    expect(await count('write-2')).toBe(1);
  });

  it('a transaction whose connection ends is not carried on elsewhere: it fails and nothing of it stays', async () => {
    const tx = database.db.transaction().execute(async (trx) => {
      await sql`insert into t (v) values ('tx-1')`.execute(trx);
      // A read inside the transaction: were it sent again on another connection, the COMMIT after it
      // would "succeed" there with the insert lost.
      await sql`select pg_sleep(0.8) as tx_marker_1`.execute(trx);
    });
    const outcome = tx.then(
      () => null,
      (err: unknown) => err,
    );
    await endWhileRunning('tx_marker_1');
    const err = await outcome;
    expect(err).not.toBeNull();
    expect(isConnectionError(err), String(err)).toBe(true);
    expect(await count('tx-1')).toBe(0);
  });

  it('idle connections that end are logged and discarded; the next statement opens a new one', async () => {
    await Promise.all([1, 2, 3].map(() => sql`select pg_sleep(0.05)`.execute(database.db)));
    await waitFor('three idle connections', 5_000, async () => database.pool.idleCount === 3 || undefined);
    const before = logged.length;
    const t = await fresh.terminateAll();
    expect(t.total).toBe(3);
    await waitFor('the pool to drop them', 5_000, async () => database.pool.totalCount === 0 || undefined);
    expect(logged.slice(before)).toEqual(
      Array(3).fill({ code: '57P01', message: 'terminating connection due to administrator command' }),
    );
    expect((await sql<{ one: number }>`select 1 as one`.execute(database.db)).rows).toEqual([{ one: 1 }]);
  });

  it('no connection to be had is a DatabaseUnavailableError (the HTTP layer answers 503), and passes', async () => {
    await fresh.acceptConnections(false);
    try {
      await fresh.terminateAll();
      await waitFor('the pool to drop its connections', 5_000, async () => database.pool.totalCount === 0 || undefined);
      const err = await sql`select 1`.execute(database.db).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(DatabaseUnavailableError);
    } finally {
      await fresh.acceptConnections(true);
    }
    expect((await sql<{ one: number }>`select 1 as one`.execute(database.db)).rows).toEqual([{ one: 1 }]);
  });

  it('pg-boss: a job that finishes while the database is away is still marked done once it is back', async () => {
    const said: string[] = [];
    const log = { info: (m: string) => said.push(m), error: (m: string) => said.push(`error: ${m}`) };
    const boss = new PgBoss({ db: bossDb(database.pool, log, 50) });
    boss.on('error', () => undefined);
    await boss.start();
    try {
      await boss.createQueue('faults', { name: 'faults', policy: 'stately' });
      let started = false;
      let finish = () => undefined as void;
      const gate = new Promise<void>((ok) => (finish = ok));
      await boss.work('faults', { pollingIntervalSeconds: 0.5 }, async () => {
        started = true;
        await gate;
      });
      const id = await boss.send('faults', {});
      await waitFor('the job to start', 10_000, async () => started);

      await fresh.acceptConnections(false);
      try {
        await fresh.terminateAll();
        finish(); // the handler returns; pg-boss sends "done" without awaiting it
        await waitFor('"done" to fail while the database is away', 10_000, async () =>
          said.some((m) => m.startsWith('pg-boss: recording a finished job failed')),
        );
      } finally {
        await fresh.acceptConnections(true);
      }
      const state = await waitFor('the job to be completed', 10_000, () =>
        withClient(fresh.url, async (c) => {
          const r = await c.query<{ state: string }>('select state from pgboss.job where id = $1', [id]);
          return r.rows[0]?.state === 'completed' ? r.rows[0].state : undefined;
        }),
      );
      expect(state).toBe('completed');
      expect(said.filter((m) => m.startsWith('error:'))).toEqual([]);
    } finally {
      await boss.stop({ graceful: false, close: false, wait: true });
    }
  });
});
