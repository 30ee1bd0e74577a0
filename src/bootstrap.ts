// Opens the database, applies migrations, makes sure the city's national
// regions exist and (on an empty database, outside production) loads the demo.
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrate } from './db/migrate.js';
import { systemClock, type Clock } from './lib/clock.js';
import { hasAnyAccount, seedDemo, type DemoAccount } from './seed/demo.js';
import { createRepos, createServices } from './wiring.js';

export async function bootstrap(config: Config, clock: Clock = systemClock) {
  const database: Database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.dbPoolSize,
  });
  await migrate(database.pool);
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
