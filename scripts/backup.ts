// `npm run backup -- [file]`: the database as one pg_dump custom-format file (compressed; pg_restore reads it back,
// also table by table). Connects straight to PostgreSQL (MIGRATION_DATABASE_URL, else DATABASE_URL). The file
// holds every table, uploaded files included (stored_files), but NOT the keys kept outside the database:
// SIGNING_KEY_DIR (or SIGNING_KEY_PEM), DATA_KEY, the letter certificate files — back those up once, separately
// and offline (docs/OPERATIONS.md, "Cadangan dan pemulihan"). Without the same DATA_KEY a restored database opens
// no NIK and finds nobody by NIK.
//
//   set -a; . /etc/pamong/env; set +a; npm run backup -- /var/backups/pamong/pamong-$(date +%F).dump
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../src/config.js';

function main() {
  const config = loadConfig({ ...process.env, PRODUCTION_CHECKS: 'off' });
  const url = config.migrationDatabaseUrl ?? config.databaseUrl;
  if (!url) {
    console.error(
      'DATABASE_URL kosong: PGlite tertanam tidak dicadangkan dengan skrip ini (hentikan aplikasi, salin folder DATA_DIR).',
    );
    process.exitCode = 2;
    return;
  }
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const file = resolve(process.argv[2] ?? `pamong-${stamp}.dump`);
  if (existsSync(file)) {
    console.error(`${file} sudah ada: pilih nama lain (cadangan lama tidak ditimpa).`);
    process.exitCode = 2;
    return;
  }
  const pgDump = process.env.PG_DUMP || 'pg_dump';
  // Custom format, compressed; one consistent snapshot of the whole database.
  execFileSync(pgDump, ['--format=custom', '--compress=6', '--file', file, '--dbname', url], { stdio: 'inherit' });
  // Read the table of contents back: a truncated or unreadable file fails here, not on the day of the restore.
  const toc = execFileSync(process.env.PG_RESTORE || 'pg_restore', ['--list', file], { encoding: 'utf8' });
  const tables = toc.split('\n').filter((l) => / TABLE DATA /.test(l)).length;
  console.log(
    `Cadangan basis data: ${file} (${(statSync(file).size / 1024 / 1024).toFixed(1)} MiB, ${tables} tabel berisi data)`,
  );
  console.log(
    'Ingat: kunci di luar basis data tidak ada di berkas ini. ' +
      `Cadangkan terpisah: ${config.letters.signingKeyPem ? 'SIGNING_KEY_PEM' : config.letters.signingKeyDir}, DATA_KEY` +
      (config.letters.certificate.certFile || config.letters.certificate.p12File ? ', berkas LETTER_CERT_*' : '') +
      '.',
  );
}

try {
  main();
} catch (err) {
  console.error(`npm run backup gagal: ${(err as Error).message}`);
  process.exitCode = 1;
}
