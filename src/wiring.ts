// The one wiring point: createRepos(db) → createServices(repos, clock, config).
// No module reaches for a global database client; tests wire their own.
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { Clock } from './lib/clock.js';
import { createPiiCipher } from './lib/pii.js';
import { createAccountsRepo } from './modules/accounts/repo.js';
import { createAccountsService } from './modules/accounts/service.js';
import { createAuditRepo } from './modules/audit/repo.js';
import { createAuditService } from './modules/audit/service.js';
import { createRegionsRepo } from './modules/regions/repo.js';
import { createRegionsService } from './modules/regions/service.js';
import { createResidentsRepo } from './modules/residents/repo.js';
import { createResidentsService } from './modules/residents/service.js';
import { sql } from 'kysely';

export function createRepos() {
  return {
    accounts: createAccountsRepo(),
    audit: createAuditRepo(),
    regions: createRegionsRepo(),
    residents: createResidentsRepo(),
  };
}
export type Repos = ReturnType<typeof createRepos>;

export function createServices(database: Database, repos: Repos, clock: Clock, config: Config) {
  const db = database.db;
  const pii = createPiiCipher(config.dataKey);
  const base = { db, clock, ...repos };
  return {
    dbKind: database.kind,
    pii,
    health: () => sql`select 1`.execute(db),
    accounts: createAccountsService({ ...base, pii, config }),
    regions: createRegionsService(base),
    residents: createResidentsService({ ...base, pii }),
    audit: createAuditService(base),
  };
}
export type Services = ReturnType<typeof createServices>;
