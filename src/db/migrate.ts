// Applies the numbered plain-SQL files in migrations/ once each, in order,
// under an advisory lock so two instances starting together do not race.
// Each applied file's SHA-256 is recorded; the start is refused when a file
// that was applied has changed since (the database no longer matches what the
// file says) or is missing (a newer database under older code).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'migrations');
const LOCK_ID = 7_402_640; // any constant; shared by every instance

export interface Migration {
  version: string;
  name: string;
  sql: string;
}

/** Why the start stops: the message says what to do, for the operator. */
export class MigrationRefused extends Error {
  override name = 'MigrationRefused';
}

export const fileOf = (m: Pick<Migration, 'version' | 'name'>) => `${m.version}_${m.name}.sql`;

/** SHA-256 (hex) of a migration's text, with line endings normalised: a CRLF checkout hashes the same. */
export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n?/g, '\n')).digest('hex');
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.slice(0, 4), name: f.slice(5, -4), sql: readFileSync(join(dir, f), 'utf8') }));
}

interface Applied {
  version: string;
  name: string;
  checksum: string | null;
}

/**
 * What stops the start, as one message per problem (empty when none):
 * applied migrations without a file here, and applied files that changed.
 */
export function refusals(applied: Applied[], migrations: Migration[]): string[] {
  const files = new Map(migrations.map((m) => [m.version, m]));
  const out: string[] = [];
  const missing = applied.filter((a) => !files.has(a.version));
  if (missing.length)
    out.push(
      `Basis data ini sudah menjalankan migrasi yang tidak ada di kode ini: ${missing.map(fileOf).join(', ')}. ` +
        'Basis datanya lebih baru daripada kode yang dijalankan: jalankan versi Pamong yang membawa migrasi itu ' +
        '(atau yang lebih baru), bukan kode lama di atas basis data baru.',
    );
  for (const a of applied) {
    const m = files.get(a.version);
    if (!m) continue;
    const now = checksumOf(m.sql);
    if (a.name !== m.name || (a.checksum !== null && a.checksum !== now))
      out.push(
        `Berkas migrasi ${fileOf(m)} berubah sejak dijalankan pada basis data ini ` +
          (a.name !== m.name
            ? `(tercatat sebagai ${fileOf(a)}). `
            : `(SHA-256 tercatat ${a.checksum!.slice(0, 12)}…, berkas sekarang ${now.slice(0, 12)}…). `) +
          'Kembalikan berkas itu persis seperti saat dijalankan (mis. `git checkout` versi yang sudah dirilis), ' +
          'lalu tuangkan perubahannya ke migrasi baru dengan nomor berikutnya.',
      );
  }
  return out;
}

export interface MigrateOptions {
  /** Called once when another process (an instance starting, `npm run migrate`) holds the lock and this run waits for it. */
  onWait?: () => void;
  /** Called after each file is applied. */
  onApplied?: (file: string) => void;
}

/**
 * Returns the versions it applied; throws MigrationRefused (applying nothing) when refusals() finds any. A second
 * run at the same time waits for the first on the advisory lock, then finds nothing left to do.
 */
export async function migrate(
  pool: pg.Pool,
  migrations = listMigrations(),
  opts: MigrateOptions = {},
): Promise<string[]> {
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    const [got] = (await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [LOCK_ID])).rows;
    if (!got?.ok) {
      opts.onWait?.();
      await client.query('select pg_advisory_lock($1)', [LOCK_ID]);
    }
    await client.query(`create table if not exists schema_migrations (
      version text primary key, name text not null, applied_at timestamptz not null default now())`);
    // Databases migrated before checksums were kept get the column, then their rows' checksums from the files here.
    await client.query('alter table schema_migrations add column if not exists checksum text');
    const done = (await client.query<Applied>('select version, name, checksum from schema_migrations order by version'))
      .rows;
    const problems = refusals(done, migrations);
    if (problems.length)
      throw new MigrationRefused(`Pamong berhenti sebelum memigrasi basis data:\n- ${problems.join('\n- ')}`);
    const files = new Map(migrations.map((m) => [m.version, m]));
    for (const a of done.filter((d) => d.checksum === null))
      await client.query('update schema_migrations set checksum = $2 where version = $1 and checksum is null', [
        a.version,
        checksumOf(files.get(a.version)!.sql),
      ]);
    const versions = new Set(done.map((d) => d.version));
    for (const m of migrations) {
      if (versions.has(m.version)) continue;
      await client.query('begin');
      try {
        await client.query(m.sql);
        await client.query('insert into schema_migrations (version, name, checksum) values ($1, $2, $3)', [
          m.version,
          m.name,
          checksumOf(m.sql),
        ]);
        await client.query('commit');
      } catch (err) {
        await client.query('rollback');
        throw new Error(`Migrasi ${fileOf(m)} gagal: ${(err as Error).message}`, { cause: err });
      }
      applied.push(m.version);
      opts.onApplied?.(fileOf(m));
    }
  } finally {
    await client.query('select pg_advisory_unlock($1)', [LOCK_ID]).catch(() => undefined);
    client.release();
  }
  return applied;
}
