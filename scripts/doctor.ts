// `npm run doctor`: checks this installation (configuration from the environment, as the app reads it) and
// names each problem: database reachable and migrated, autovacuum, keys, disk, clock, mail, webhook.
// Exit code 0: no problem; 1: at least one problem; 2: the configuration itself does not load.
//
//   set -a; . /etc/pamong/env; set +a; npm run doctor
import { ConfigError, loadConfig } from '../src/config.js';
import { formatFindings, runDoctor } from '../src/ops/doctor.js';

async function main() {
  let config;
  try {
    // The production checklist is one of the doctor's findings, named with the rest rather than stopping here.
    config = loadConfig({ ...process.env, PRODUCTION_CHECKS: 'off' });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const p of err.problems) console.log(`MASALAH   [config] ${p}`);
    console.log(
      `\n${err.problems.length} masalah konfigurasi: aplikasi tidak akan mulai. Perbaiki, lalu jalankan npm run doctor lagi.`,
    );
    process.exitCode = 2;
    return;
  }
  const findings = await runDoctor(config);
  console.log(formatFindings(findings));
  process.exitCode = findings.some((f) => f.level === 'problem') ? 1 : 0;
}

main().catch((err) => {
  console.error('npm run doctor gagal:', err);
  process.exitCode = 1;
});
