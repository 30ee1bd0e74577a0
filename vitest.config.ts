import { defineConfig } from 'vitest/config';

// Unit and integration tests. Browser journeys live in vitest.browser.config.ts.
export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'tests/**/*.test.{ts,tsx}'],
    exclude: ['tests/browser/**', 'node_modules/**'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite uses ~0.5 GB per open database: two workers fit the 2-core machine.
    maxWorkers: 2,
    pool: 'forks',
  },
});
