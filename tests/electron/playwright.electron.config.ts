import { defineConfig } from '@playwright/test';

/**
 * The Electron smoke test only (tests/electron), apart from the browser-shell E2E suite in
 * tests/e2e. Run: npx playwright test -c tests/electron/playwright.electron.config.ts
 * Where no Electron binary is installed every test reports as skipped.
 */
export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  outputDir: '../../test-results/electron',
  timeout: 120_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
});
