// Runs once per test run, before any test file: builds the migrated database
// every test file starts from — a PGlite data-folder dump (loaded per file in
// ~0.4 s), or a fresh schema on the PostgreSQL server when TEST_DATABASE_URL
// is set. The integration and slow projects both name this file; the work is
// done once per run and its result handed to each project (provide/inject).
// The dump goes to a folder of this run's own, so runs from several checkouts
// sharing one node_modules (git worktrees) never read each other's half-written file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { TEST_DATABASE_URL } from './helpers/env.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PGlite template of this run ('' on PostgreSQL). */
    pamongTemplatePath: string;
  }
}

async function prepare(): Promise<{ templatePath: string; dir: string | null }> {
  if (TEST_DATABASE_URL) {
    const d = await openDatabase({ databaseUrl: TEST_DATABASE_URL, dataDir: '' });
    await d.pool.query('drop schema if exists public cascade; create schema public;');
    await migrate(d.pool);
    // Test-only: gives every createArea() a unique city code (see tests/helpers/app.ts).
    await d.pool.query('create sequence test_area_seq');
    await d.close();
    return { templatePath: '', dir: null };
  }
  const d = await openDatabase({ databaseUrl: null, dataDir: '', inMemory: true });
  await migrate(d.pool);
  await d.pool.query('create sequence test_area_seq');
  const dump = await d.pglite!.dumpDataDir('gzip');
  await d.close();
  const dir = mkdtempSync(join(tmpdir(), 'pamong-template-'));
  const templatePath = join(dir, 'template.tar.gz');
  writeFileSync(templatePath, Buffer.from(await dump.arrayBuffer()));
  return { templatePath, dir };
}

const ONCE = Symbol.for('pamong.test-database');
type Holder = { [ONCE]?: ReturnType<typeof prepare> };

export default async function setup(project: TestProject) {
  const holder = globalThis as Holder;
  holder[ONCE] ??= prepare();
  const { templatePath, dir } = await holder[ONCE];
  project.provide('pamongTemplatePath', templatePath);
  return () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}
