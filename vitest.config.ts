import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    // the tests spawn bin/siting.mjs: its bundle is rebuilt first if a source changed
    globalSetup: ['tests/helpers/cli_bundle_setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // better-sqlite3 and large typed arrays: forks isolate native state between files
    pool: 'forks',
  },
});
