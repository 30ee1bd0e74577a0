import { defineConfig } from 'vitest/config';

// Three projects (browser journeys live in vitest.browser.config.ts):
//   unit         pure rules beside the code; no database, no global setup.
//   integration  through HTTP against a real database built once per run by
//                tests/global-setup.ts (PGlite, or TEST_DATABASE_URL).
//   slow         races, the crash-restart and the database fault tests: long
//                by nature, run on purpose (`npm run test:slow`, CI).
// `npm test` runs unit + integration. No test asserts a duration: figures
// live in bench/. Timeouts are only there to end a hung run, so they are
// generous, and every wait in the tests is a wait on a condition.
export default defineConfig({
  test: {
    // PGlite uses ~0.5 GB per open database: two workers fit the 2-core machine.
    maxWorkers: 2,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.{ts,tsx}'],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.{ts,tsx}'],
          globalSetup: ['tests/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'slow',
          include: ['tests/slow/**/*.test.{ts,tsx}', 'tests/faults/**/*.test.{ts,tsx}'],
          globalSetup: ['tests/global-setup.ts'],
          testTimeout: 600_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
