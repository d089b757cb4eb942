import { defineConfig } from '@playwright/test';

/**
 * Browser tests against the real app: `node scripts/serve.mjs` on a fresh project per test (see
 * tests/e2e/fixtures.ts) and the built renderer in dist/ (`npm run test:browser` builds it first).
 * Chromium comes from Debian (/usr/bin/chromium); Playwright downloads no browser.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  use: {
    viewport: { width: 1440, height: 900 },
    locale: 'en-US',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
