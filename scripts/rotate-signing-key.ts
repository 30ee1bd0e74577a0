// Rotates the city's letter-signing key: a new Ed25519 key becomes active in
// SIGNING_KEY_DIR, its public half is registered in `signing_keys`, and the
// keys used before are marked retired. Retired keys stay in the table, so
// every letter signed with them still verifies (verification looks the key up
// by the letter's kid). Restart the app afterwards: running instances keep
// signing with the key they loaded at start until then.
//
//   npx tsx scripts/rotate-signing-key.ts
import { ConfigError, loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { rotateSigningKey } from '../src/kernel/signing.js';
import { createLettersRepo } from '../src/modules/letters/repo.js';

async function main() {
  // The production checklist asks for the key this script makes (first install): not applied here.
  const config = loadConfig({ ...process.env, PRODUCTION_CHECKS: 'off' });
  if (config.letters.signingKeyPem) {
    console.error(
      'SIGNING_KEY_PEM diatur: kunci dikelola di luar Pamong. Ganti nilai variabel itu dan daftarkan kunci publiknya; skrip ini hanya memutar kunci di SIGNING_KEY_DIR.',
    );
    process.exitCode = 1;
    return;
  }
  // Open the database first: if it is unreachable (or PGlite is held by a running app), no key file changes.
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 1 });
  try {
    await database.db.selectFrom('signing_keys').select('kid').limit(1).execute();
    const key = rotateSigningKey(config.letters.signingKeyDir);
    const letters = createLettersRepo();
    await database.db.transaction().execute(async (trx) => {
      await letters.registerKey(trx, key.kid, key.publicKeyPem);
      await trx
        .updateTable('signing_keys')
        .set({ retired_at: new Date() })
        .where('kid', '!=', key.kid)
        .where('retired_at', 'is', null)
        .execute();
    });
    console.log(`Kunci penandatanganan baru aktif: ${key.kid}`);
    console.log(
      `Kunci lama tetap tersimpan untuk verifikasi. Jalankan ulang aplikasi agar surat baru ditandatangani dengan ${key.kid}.`,
    );
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exitCode = 1;
});
