// `npm run migrate`: applies the migrations in migrations/ that this database has not run yet, and says which.
// The app does the same at every start; this command lets an upgrade migrate first, on its own, before the
// instances are restarted (docs/OPERATIONS.md, "Pemutakhiran"). It connects straight to PostgreSQL
// (MIGRATION_DATABASE_URL, else DATABASE_URL): the advisory lock it holds is per session, which PgBouncer in
// transaction mode does not keep. A run that meets another (an instance starting, a second `npm run migrate`)
// waits for it, then finds nothing left to do. An applied file that was edited stops it, applying nothing.
//
//   set -a; . /etc/pamong/env; set +a; npm run migrate
import pg from 'pg';
import { ConfigError, loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { listMigrations, migrate, MigrationRefused } from '../src/db/migrate.js';

async function main() {
  // Only the database matters here; the production checklist is the app's and `npm run doctor`'s.
  const config = loadConfig({ ...process.env, PRODUCTION_CHECKS: 'off' });
  const url = config.migrationDatabaseUrl ?? config.databaseUrl;
  const files = listMigrations();
  const opts = {
    onWait: () =>
      console.log('Migrasi lain sedang berjalan (instans yang sedang mulai atau npm run migrate lain): menunggu…'),
    onApplied: (file: string) => console.log(`  dijalankan: ${file}`),
  };
  let applied: string[];
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: config.dbConnectTimeoutMs });
    pool.on('error', () => undefined);
    try {
      applied = await migrate(pool, files, opts);
    } finally {
      await pool.end();
    }
  } else {
    console.log(`DATABASE_URL kosong: PGlite tertanam di ${config.dataDir} (hentikan aplikasinya dulu)`);
    const database = await openDatabase({ databaseUrl: null, dataDir: config.dataDir });
    try {
      applied = await migrate(database.pool, files, opts);
    } finally {
      await database.close();
    }
  }
  console.log(
    applied.length
      ? `${applied.length} migrasi dijalankan; basis data kini pada ${files.at(-1)?.version}.`
      : `Tidak ada migrasi baru; basis data sudah pada ${files.at(-1)?.version} (${files.length} berkas).`,
  );
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof MigrationRefused) {
    console.error(err.message);
    process.exitCode = 2;
    return;
  }
  // A failed file was rolled back (each runs in its own transaction); what ran before it stays applied.
  console.error(`npm run migrate gagal: ${(err as Error).message}`);
  console.error('Migrasi yang gagal sudah dibatalkan seluruhnya; lihat docs/OPERATIONS.md, "Bila migrasi gagal".');
  process.exitCode = 1;
});
