// Whether this code's migrations are all applied: /readyz answers 503 until
// they are (an instance started on a database another instance is still
// migrating, or one whose migration failed, takes no traffic).
import { sql } from 'kysely';
import type { Db } from './database.js';
import { listMigrations } from './migrate.js';

/** Versions of the migration files shipped with this code, read once. */
let shipped: string[] | null = null;

/** The versions of this code's migration files not recorded as applied (rejects when the database does not answer). */
export async function pendingMigrations(db: Db): Promise<string[]> {
  shipped ??= listMigrations().map((m) => m.version);
  const applied = await sql<{ version: string }>`select version from schema_migrations`.execute(db);
  const done = new Set(applied.rows.map((r) => r.version));
  return shipped.filter((v) => !done.has(v));
}
