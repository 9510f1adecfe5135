import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    reporters: ['default', './test/support/summary-reporter.ts'],
    env: { LOG_LEVEL: 'SILENT' },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        // One local stack (DynamoDB Local, fauxqs, gateway) for the integration suites.
        test: { name: 'integration', include: ['test/integration/**/*.test.ts'], globalSetup: ['test/support/global-setup.ts'] },
      },
      { extends: true, test: { name: 'infra', include: ['test/infra/**/*.test.ts'] } },
      {
        extends: true,
        // Real headless Chromium against the web app of a stack of its own; after the others, so
        // the two stacks do not compete for the 2 cores.
        // One file at a time: Chromium, the stack and the pages share 2 cores.
        test: { name: 'browser', include: ['test/browser/**/*.test.ts'], globalSetup: ['test/support/browser-setup.ts'], testTimeout: 120_000, fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
