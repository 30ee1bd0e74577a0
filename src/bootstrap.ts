// Opens the database, applies migrations, makes sure the city's national
// regions exist and (on an empty database, outside production) loads the demo.
import pg from 'pg';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrate } from './db/migrate.js';
import { consoleDbLog, type DbLog } from './db/resilient-pool.js';
import { systemClock, type Clock } from './lib/clock.js';
import { hasAnyAccount, seedDemo, type DemoAccount } from './seed/demo.js';
import { createRepos, createServices } from './wiring.js';

const quiet: DbLog = { warn: () => undefined };

export async function bootstrap(config: Config, clock: Clock = systemClock) {
  const database: Database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.dbPoolSize,
    prepare: config.dbPreparedStatements,
    connectTimeoutMs: config.dbConnectTimeoutMs,
    log: ['trace', 'debug', 'info', 'warn'].includes(config.logLevel) ? consoleDbLog : quiet,
  });
  await migrateDatabase(config, database);
  const repos = createRepos();
  const services = createServices(database, repos, clock, config);
  await services.regions.importCity(config.cityCode);
  await services.letters.ensureKeyRegistered();
  await services.catalogue.seedDefaults();
  let demo: DemoAccount[] = [];
  if (config.demoSeed && !(await hasAnyAccount(database)))
    demo = await seedDemo(database, repos, services, config.cityCode);
  return { database, repos, services, demo };
}

/**
 * migrate() holds a session advisory lock across its statements, which a
 * PgBouncer in transaction mode does not keep (each statement may run on
 * another server connection). MIGRATION_DATABASE_URL points straight at
 * PostgreSQL for that one connection; without it the app's own pool is used.
 */
async function migrateDatabase(config: Config, database: Database) {
  if (!config.migrationDatabaseUrl) return migrate(database.pool);
  const direct = new pg.Pool({
    connectionString: config.migrationDatabaseUrl,
    max: 1,
    connectionTimeoutMillis: config.dbConnectTimeoutMs,
  });
  // migrate() holds the one connection throughout and fails loudly if it dies; after release it is only closed.
  direct.on('error', () => undefined);
  try {
    return await migrate(direct);
  } finally {
    await direct.end();
  }
}
