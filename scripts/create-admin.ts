// `npm run create-admin -- <username> "<full name>"`: the first city administrator (admin_kota over CITY_CODE) of
// a production installation, where no demo city is loaded. Prints a one-time password once; the administrator
// changes it at /akun/sandi and creates the other accounts from the app. Refuses a username that exists.
// Runs the same start as the app first (migrations, the city's regions, the signing key's registration).
//
//   set -a; . /etc/pamong/env; set +a; npm run create-admin -- admin.kota "Admin Diskominfo"
import { randomBytes } from 'node:crypto';
import { bootstrap } from '../src/bootstrap.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { MigrationRefused } from '../src/db/migrate.js';
import { createAccount } from '../src/seed/factories.js';

async function main() {
  const [username, fullName = 'Admin Kota'] = process.argv.slice(2);
  if (!username || !/^[a-z0-9][a-z0-9._-]{2,39}$/.test(username)) {
    console.error('Pakai: npm run create-admin -- <nama.pengguna> "<Nama Lengkap>"  (3–40 huruf kecil, angka, . _ -)');
    process.exitCode = 2;
    return;
  }
  const config = loadConfig();
  const { database, repos } = await bootstrap({ ...config, demoSeed: false });
  try {
    const taken = await database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirst();
    if (taken) {
      console.error(`Nama pengguna ${username} sudah ada.`);
      process.exitCode = 2;
      return;
    }
    const password = randomBytes(12).toString('base64url');
    await createAccount(database.db, repos, {
      username,
      fullName: fullName.slice(0, 120),
      role: 'admin_kota',
      regionCode: config.cityCode,
      password,
    });
    console.log(
      `Akun admin_kota ${username} (wilayah ${config.cityCode}) dibuat. Kata sandi sekali pakai: ${password}`,
    );
    console.log('Masuk, lalu ganti kata sandinya di /akun/sandi. Kata sandi ini tidak ditampilkan lagi.');
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof MigrationRefused) console.error(err.message);
  else console.error(`npm run create-admin gagal: ${(err as Error).message}`);
  process.exitCode = 1;
});
