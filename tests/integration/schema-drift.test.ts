// The Kysely types equal a freshly migrated database: every table and column
// the migrations make is typed, every typed one exists, with the same
// nullability and a type that reads back as the types say (coarsely: string,
// number, boolean, Date, Buffer, array, JSON). The types are read from the
// source with the TypeScript compiler (tests/helpers/kysely-schema.ts): the
// DB interface of src/db/schema.ts and the module-owned `withTables<…>` types.
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMigrations, migrate } from '../../src/db/migrate.js';
import { TEST_DATABASE_URL } from '../helpers/env.js';
import { compareSchema, readKyselyTables, type DbColumn } from '../helpers/kysely-schema.js';

let pool: pg.Pool;
let close: () => Promise<void>;
let types: ReturnType<typeof readKyselyTables>;

beforeAll(async () => {
  if (TEST_DATABASE_URL) {
    // A schema of its own on the server, migrated from nothing.
    const schema = `drift_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 1 });
    await admin.query(`create schema ${schema}`);
    pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 1, options: `-c search_path=${schema}` });
    close = async () => {
      await pool.end();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    };
  } else {
    const pglite = await PGlite.create();
    pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
    close = async () => {
      await pool.end();
      await pglite.close();
    };
  }
  await migrate(pool);
  types = readKyselyTables();
});
afterAll(() => close());

async function databaseColumns(): Promise<DbColumn[]> {
  return (
    await pool.query<DbColumn>(
      `select c.table_name as "table", c.column_name as "column", c.is_nullable = 'YES' as nullable, c.data_type as "dataType"
       from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
       where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'`,
    )
  ).rows;
}

describe('schema drift', () => {
  it('reads the types: the DB interface and every module’s own tables, each typed once', () => {
    expect(types.conflicts).toEqual([]);
    expect(types.tables.get('regions')?.get('parent_code')).toEqual({ nullable: true, kinds: ['string'] });
    expect(types.tables.get('users')?.get('id')).toEqual({ nullable: false, kinds: ['number'] });
    expect(types.tables.get('attendance_records')?.get('taken_at')).toEqual({ nullable: false, kinds: ['Date'] });
  });

  it('a freshly migrated database has exactly the typed tables and columns', async () => {
    expect(compareSchema(await databaseColumns(), types.tables)).toEqual([]);
  });

  it('fails when a migration adds a column the types do not have, or the types name one the database lacks', async () => {
    // The proof that the comparison above can fail: one more migration on the same database.
    const probe = { version: '9999', name: 'drift_probe', sql: 'alter table regions add column drift_probe text' };
    await migrate(pool, [...listMigrations(), probe]);
    const columns = await databaseColumns();
    expect(compareSchema(columns, types.tables)).toEqual([
      'regions.drift_probe: in the database (text), not in the types',
    ]);
    const withoutName = columns.filter((c) => !(c.table === 'regions' && c.column === 'name'));
    expect(compareSchema(withoutName, types.tables)).toContain('regions.name: in the types, not in the database');
    const nullableName = columns.map((c) =>
      c.table === 'users' && c.column === 'username' ? { ...c, nullable: true } : c,
    );
    expect(compareSchema(nullableName, types.tables)).toContain(
      'users.username: nullable in the database, not null in the types',
    );
  });
});
