import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests on the browser shell (src-main/browser-shell): each test starts the real shell
 * (core worker + Debian Chromium) on a fresh temporary data folder; Playwright's own browser
 * fixtures are not used, so no Playwright-downloaded browser is needed.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  outputDir: 'test-results/e2e-artifacts',
  globalSetup: './tests/e2e/global-setup.ts',
});
