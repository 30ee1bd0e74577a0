// Runs once per test run: builds the migrated database every test file
// starts from — a PGlite data-folder dump (loaded per file in ~0.4 s), or a
// fresh schema on the PostgreSQL server when TEST_DATABASE_URL is set.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { TEMPLATE_PATH, TEST_DATABASE_URL } from './helpers/env.js';

export default async function setup() {
  if (TEST_DATABASE_URL) {
    const d = await openDatabase({ databaseUrl: TEST_DATABASE_URL, dataDir: '' });
    await d.pool.query('drop schema if exists public cascade; create schema public;');
    await migrate(d.pool);
    // Test-only: gives every createArea() a unique city code (see tests/helpers/app.ts).
    await d.pool.query('create sequence test_area_seq');
    await d.close();
    return;
  }
  const d = await openDatabase({ databaseUrl: null, dataDir: '', inMemory: true });
  await migrate(d.pool);
  await d.pool.query('create sequence test_area_seq');
  const dump = await d.pglite!.dumpDataDir('gzip');
  const path = resolve(TEMPLATE_PATH);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
  await d.close();
}
