// `npm start`: validate configuration, open and migrate the database, serve.
import { ConfigError, loadConfig } from './config.js';
import { bootstrap } from './bootstrap.js';
import { MigrationRefused } from './db/migrate.js';
import { systemClock } from './lib/clock.js';
import { createApp } from './app.js';
import { startJobs } from './jobs/queue.js';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const started = Date.now();
  const { database, services, demo } = await bootstrap(config);
  const app = await createApp({ config, services });
  await app.listen({ port: config.port, host: config.host });
  const dbNote =
    database.kind === 'pglite' ? `PGlite tertanam di ${config.dataDir} (untuk mencoba, bukan produksi)` : 'PostgreSQL';
  console.log(
    `\nPamong berjalan di ${config.publicUrl} — basis data: ${dbNote} — siap dalam ${((Date.now() - started) / 1000).toFixed(1)} detik`,
  );
  if (demo.length) {
    console.log('\nKota demo dimuat. Akun demo (kata sandi sama untuk semua):');
    for (const a of demo)
      console.log(`  ${a.role.padEnd(15)} ${a.username.padEnd(36)} ${a.password}   wilayah ${a.regionCode}`);
    console.log('');
  }
  const jobs = config.workers ? await startJobs({ pool: database.pool, services, config, clock: systemClock }) : null;
  const stop = async () => {
    // /readyz answers 503 from now on; a balancer polling it stops sending traffic before the server closes
    // (SHUTDOWN_DELAY_SECONDS), then requests in flight finish and new ones get 503 while Fastify closes.
    app.beginShutdown();
    if (config.shutdownDelaySeconds) await new Promise((r) => setTimeout(r, config.shutdownDelaySeconds * 1000));
    await jobs?.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  // A module's setting checked while wiring (e.g. KINERJA_WEIGHTS) stops the start like the rest of the
  // configuration; a refused migration says which file and what to do. Messages for the operator, not stack traces.
  if (err instanceof ConfigError || err instanceof MigrationRefused) {
    console.error(err.message);
    process.exit(2);
  }
  console.error('Pamong gagal dijalankan:', err);
  process.exit(1);
});
