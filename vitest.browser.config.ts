import { defineConfig } from 'vitest/config';

// Browser journeys: Debian Chromium driven by playwright-core against an
// in-process server on a fresh PGlite data folder with the demo city.
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
