// Databases of a test's own on the local PostgreSQL server (TEST_DATABASE_URL's server, else
// postgres://postgres@127.0.0.1:5432): created empty, dropped afterwards. The operations tests
// (restore drill, upgrade, migrate command) run there and skip, saying why, when no server answers.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const base = new URL(process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
base.pathname = '/postgres';
/** Where the tests create and drop their databases from. */
export const adminUrl = base.toString();

/** Null when the server answers; else why not (the skip message). */
export async function pgUnavailable(): Promise<string | null> {
  const c = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3_000 });
  c.on('error', () => undefined);
  try {
    await c.connect();
    await c.query('select 1');
    return null;
  } catch (err) {
    return `no PostgreSQL server at ${adminUrl} (${(err as Error).message})`;
  } finally {
    await c.end().catch(() => undefined);
  }
}

export async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  c.on('error', () => undefined);
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end().catch(() => undefined);
  }
}

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** An empty database `<prefix>_<random>` (from template0, so nothing of template1 comes along). */
export async function createScratchDatabase(prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`create database ${name} template template0`));
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    name,
    url: u.toString(),
    drop: () => admin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}
