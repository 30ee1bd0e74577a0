// Upgrades, the migration half (issue 19): `npm run migrate` applies what is
// pending and says what; a second run at the same time waits on the advisory
// lock and applies nothing twice; an applied file that was edited stops it
// before anything runs. On the local PostgreSQL, in databases of its own.
import { spawn } from 'node:child_process';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { listMigrations, migrate, MigrationRefused } from '../../src/db/migrate.js';
import { createScratchDatabase, pgUnavailable, type ScratchDatabase } from './scratch-db.js';

const unavailable = await pgUnavailable();
if (unavailable) console.warn(`migrate-command.test.ts skipped: ${unavailable}`);

const made: ScratchDatabase[] = [];
afterAll(async () => {
  for (const d of made) await d.drop();
});
const scratch = async () => {
  const d = await createScratchDatabase('pamong_migrate');
  made.push(d);
  return d;
};

function runMigrate(url: string): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts'], {
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      NODE_ENV: 'production',
      DATABASE_URL: url,
      DATA_DIR: '/nonexistent',
      // What /etc/pamong/env holds besides; only DATABASE_URL matters to the command.
      SESSION_SECRET: 's'.repeat(40),
      DATA_KEY: Buffer.alloc(32, 1).toString('base64'),
      SIGNING_KEY_DIR: '/nonexistent/keys',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (out += String(d)));
  return new Promise((ok) => child.on('exit', (code) => ok({ code, out })));
}

const versionsOf = async (pool: pg.Pool) =>
  (await pool.query<{ version: string }>('select version from schema_migrations order by 1')).rows.map(
    (r) => r.version,
  );

describe.skipIf(!!unavailable)('npm run migrate', () => {
  const files = listMigrations();

  it('applies every pending file, naming each, and finds nothing to do the second time', async () => {
    const db = await scratch();
    const first = await runMigrate(db.url);
    expect(first.code, first.out).toBe(0);
    for (const m of files) expect(first.out).toContain(`dijalankan: ${m.version}_${m.name}.sql`);
    expect(first.out).toContain(`${files.length} migrasi dijalankan`);
    const second = await runMigrate(db.url);
    expect(second.code, second.out).toBe(0);
    expect(second.out).not.toContain('dijalankan:');
    expect(second.out).toContain('Tidak ada migrasi baru');
  });

  it('waits while another run holds the lock, then applies each file once between two concurrent runs', async () => {
    const db = await scratch();
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    await holder.query('select pg_advisory_lock(7402640)');
    const a = new pg.Pool({ connectionString: db.url, max: 1 });
    const b = new pg.Pool({ connectionString: db.url, max: 1 });
    try {
      let waitedA = false;
      let waitedB = false;
      const runA = migrate(a, files, { onWait: () => (waitedA = true) });
      const runB = migrate(b, files, { onWait: () => (waitedB = true) });
      await expect.poll(() => waitedA && waitedB, { timeout: 30_000 }).toBe(true);
      // Neither has touched the schema while the lock is held elsewhere.
      const [t] = (await holder.query("select to_regclass('schema_migrations')::text as t")).rows;
      expect(t.t).toBeNull();
      await holder.query('select pg_advisory_unlock(7402640)');
      const [appliedA, appliedB] = await Promise.all([runA, runB]);
      expect([...appliedA, ...appliedB].sort()).toEqual(files.map((m) => m.version));
      expect([appliedA.length, appliedB.length].sort((x, y) => x - y)).toEqual([0, files.length]);
      expect(await versionsOf(a)).toEqual(files.map((m) => m.version));
    } finally {
      await holder.end();
      await a.end();
      await b.end();
    }
  });

  it('refuses an edited applied migration before applying anything, and the command exits with its message', async () => {
    const db = await scratch();
    const pool = new pg.Pool({ connectionString: db.url, max: 1 });
    try {
      await migrate(pool, files.slice(0, 3));
      const edited = files.map((m, i) => (i === 1 ? { ...m, sql: m.sql.replace('-- Why:', '-- Why (edited):') } : m));
      expect(edited[1]!.sql).not.toBe(files[1]!.sql);
      const err = await migrate(pool, edited).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MigrationRefused);
      expect((err as Error).message).toContain(`Berkas migrasi ${files[1]!.version}_${files[1]!.name}.sql berubah`);
      // Nothing after the three applied ones ran.
      expect(await versionsOf(pool)).toEqual(files.slice(0, 3).map((m) => m.version));
      // The command says the same about a database whose recorded checksum no longer matches the file.
      await pool.query("update schema_migrations set checksum = repeat('0', 64) where version = $1", [
        files[0]!.version,
      ]);
      const run = await runMigrate(db.url);
      expect(run.code, run.out).toBe(2);
      expect(run.out).toContain(`Berkas migrasi ${files[0]!.version}_${files[0]!.name}.sql berubah sejak dijalankan`);
      expect(await versionsOf(pool)).toEqual(files.slice(0, 3).map((m) => m.version));
    } finally {
      await pool.end();
    }
  });
});
