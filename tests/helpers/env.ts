// Which database the database suites run on: PGlite (default) or the
// PostgreSQL server named by TEST_DATABASE_URL (what `npm run test:pg` does).
import { inject } from 'vitest';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || null;

/** The migrated PGlite template this run's global setup built (tests/global-setup.ts). */
export function templatePath(): string {
  return inject('pamongTemplatePath');
}
