import { defineConfig } from 'vitest/config';

// `npm run test:e2e -- <filter>` runs the end-to-end tests whose file path contains <filter> (e.g. web, case-a1).
export default defineConfig({
  test: {
    root: import.meta.dirname + '/..',
    include: ['e2e/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Each file starts its own server and browser; two cores cannot run several at once without timing noise.
    fileParallelism: false,
    reporters: ['default', './vitest.summary-reporter.ts'],
  },
});
