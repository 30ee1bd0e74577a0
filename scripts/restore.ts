// `npm run restore -- <file>`: loads a backup made by `npm run backup` (pg_dump custom format) into the EMPTY
// database named by MIGRATION_DATABASE_URL or DATABASE_URL. It refuses a database that already has tables: restore
// into a fresh one (createdb), then point DATABASE_URL at it. Afterwards start the app with the SAME keys as when
// the backup was made (SIGNING_KEY_DIR/SIGNING_KEY_PEM, DATA_KEY); the start applies any newer migrations, and
// `npm run doctor` says whether DATA_KEY matches the data.
//
//   createdb -O pamong pamong_pulih
//   DATABASE_URL=postgres://pamong@127.0.0.1/pamong_pulih npm run restore -- /var/backups/pamong/pamong-2026-12-01.dump
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { loadConfig } from '../src/config.js';

async function main() {
  const file = process.argv[2];
  if (!file || !existsSync(file)) {
    console.error(
      'Pakai: npm run restore -- <berkas cadangan .dump>  (DATABASE_URL menunjuk basis data kosong tujuan)',
    );
    process.exitCode = 2;
    return;
  }
  const config = loadConfig({ ...process.env, PRODUCTION_CHECKS: 'off' });
  const url = config.migrationDatabaseUrl ?? config.databaseUrl;
  if (!url) {
    console.error('DATABASE_URL kosong: sebutkan basis data PostgreSQL tujuan.');
    process.exitCode = 2;
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      "select count(*) as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r', 'p')",
    );
    if (Number(rows[0]!.n) > 0) {
      console.error(
        `Basis data tujuan ${client.database} sudah berisi ${rows[0]!.n} tabel: pemulihan hanya ke basis data kosong ` +
          '(createdb nama_baru, lalu arahkan DATABASE_URL ke sana).',
      );
      process.exitCode = 2;
      return;
    }
  } finally {
    await client.end();
  }
  // No owners or grants from the old server: the restoring role owns everything, as the app's role should.
  execFileSync(
    process.env.PG_RESTORE || 'pg_restore',
    ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', '--dbname', url, file],
    { stdio: 'inherit' },
  );
  console.log(
    `Dipulihkan dari ${file}. Jalankan aplikasi dengan kunci yang sama seperti saat pencadangan (DATA_KEY, kunci tanda tangan), ` +
      'lalu npm run doctor.',
  );
}

main().catch((err) => {
  console.error(`npm run restore gagal: ${(err as Error).message}`);
  process.exitCode = 1;
});
