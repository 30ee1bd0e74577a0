import { defineConfig } from 'vitest/config';

// Three projects (browser journeys live in vitest.browser.config.ts):
//   unit         pure rules beside the code, and the structure check; no database, no global setup.
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
          include: ['src/**/*.test.{ts,tsx}', 'tests/structure/**/*.test.ts'],
          // Pure code: the files can share one module graph per worker instead of importing it each.
          isolate: false,
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.{ts,tsx}'],
          globalSetup: ['tests/global-setup.ts'],
          // Every file builds its own app on its own database (tests/helpers/app.ts) and no test mocks a
          // module, so the files of a worker share one module graph: importing the app once per worker
          // instead of once per file was the largest cost of a run (import 124 s of 342 s, measured).
          isolate: false,
          // Hang guards, not speed limits: the longest test (bad-input's hostile strings, walking every
          // route) took 60 s on a lightly loaded run and 118 s at load average 13 on these 2 cores.
          testTimeout: 300_000,
          hookTimeout: 300_000,
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
