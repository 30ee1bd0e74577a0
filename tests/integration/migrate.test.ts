// migrate() on a real database: checksums recorded and backfilled, and the
// start refused — with nothing applied — when an applied file changed or is
// missing. Each test works in a schema of its own (search_path), with small
// migrations of its own, so it neither needs nor touches the test schema.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { checksumOf, migrate, MigrationRefused, type Migration } from '../../src/db/migrate.js';
import { openTestDatabase } from '../helpers/app.js';
import { TEST_DATABASE_URL } from '../helpers/env.js';

let database: Database;
const pools: pg.Pool[] = [];
const schemas: string[] = [];
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  for (const p of pools) await p.end();
  // On a PostgreSQL server the schemas would outlive the run; a PGlite copy goes with its file.
  if (TEST_DATABASE_URL) for (const s of schemas) await database.pool.query(`drop schema ${s} cascade`);
  await database.close();
});

/** A pool whose tables go to a new, empty schema. */
async function freshSchema(): Promise<pg.Pool> {
  const schema = `mig_${randomBytes(4).toString('hex')}`;
  await database.pool.query(`create schema ${schema}`);
  schemas.push(schema);
  if (!TEST_DATABASE_URL) {
    // PGlite has one session, shared by everything on it.
    await database.pool.query(`set search_path to ${schema}`);
    return database.pool;
  }
  const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 2, options: `-c search_path=${schema}` });
  pools.push(pool);
  return pool;
}

const files: Migration[] = [
  { version: '0001', name: 'first', sql: '-- Why: a table.\ncreate table alpha (id int primary key);\n' },
  { version: '0002', name: 'second', sql: '-- Why: another.\ncreate table beta (id int primary key);\n' },
];
const third: Migration = {
  version: '0003',
  name: 'third',
  sql: '-- Why: a third.\ncreate table gamma (id int primary key);\n',
};

const recorded = async (pool: pg.Pool) =>
  (await pool.query('select version, name, checksum from schema_migrations order by version')).rows;
const tables = async (pool: pg.Pool) =>
  (
    await pool.query(
      `select table_name as t from information_schema.tables where table_schema = current_schema() order by 1`,
    )
  ).rows.map((r) => r.t as string);

describe('migrate', () => {
  it('records each applied file with its SHA-256 and applies nothing twice', async () => {
    const pool = await freshSchema();
    expect(await migrate(pool, files)).toEqual(['0001', '0002']);
    expect(await recorded(pool)).toEqual(
      files.map((m) => ({ version: m.version, name: m.name, checksum: checksumOf(m.sql) })),
    );
    expect(await migrate(pool, files)).toEqual([]);
    // A CRLF checkout of the same files is the same migrations.
    const crlf = files.map((m) => ({ ...m, sql: m.sql.replace(/\n/g, '\r\n') }));
    expect(await migrate(pool, [...crlf, third])).toEqual(['0003']);
  });

  it('fills in the checksum of a database migrated before checksums were kept, from the files here', async () => {
    const pool = await freshSchema();
    // As the old migrate() left it: no checksum column.
    await pool.query(
      `create table schema_migrations (version text primary key, name text not null, applied_at timestamptz not null default now())`,
    );
    for (const m of files) {
      await pool.query(m.sql);
      await pool.query('insert into schema_migrations (version, name) values ($1, $2)', [m.version, m.name]);
    }
    expect(await migrate(pool, [...files, third])).toEqual(['0003']);
    expect(await recorded(pool)).toEqual(
      [...files, third].map((m) => ({ version: m.version, name: m.name, checksum: checksumOf(m.sql) })),
    );
  });

  it('refuses to start when an applied file changed, naming it, and applies nothing', async () => {
    const pool = await freshSchema();
    await migrate(pool, files);
    const edited = [files[0]!, { ...files[1]!, sql: `${files[1]!.sql}alter table beta add column note text;\n` }];
    const err = await migrate(pool, [...edited, third]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationRefused);
    expect((err as Error).message).toContain('0002_second.sql');
    expect((err as Error).message).toContain('Kembalikan berkas itu persis seperti saat dijalankan');
    expect((err as Error).message).toContain('migrasi baru');
    expect(await tables(pool)).toEqual(['alpha', 'beta', 'schema_migrations']);
    expect((await recorded(pool)).map((r) => r.version)).toEqual(['0001', '0002']);
    // The lock was let go: the restored file migrates as before.
    expect(await migrate(pool, [...files, third])).toEqual(['0003']);
  });

  it('refuses to start when the database ran a migration this code does not have', async () => {
    const pool = await freshSchema();
    await migrate(pool, [...files, third]);
    const err = await migrate(pool, files).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationRefused);
    expect((err as Error).message).toContain('0003_third.sql');
    expect((err as Error).message).toContain('lebih baru daripada kode');
  });
});
