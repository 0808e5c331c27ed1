// `npm test`: every test layer in turn, then one line summing them: `N passed, N failed, N skipped`.
// Layers: lint (ESLint, Prettier, tsc), vitest (node core + jsdom renderer), Playwright on the browser shell, and the
// Electron smoke test (which reports itself skipped where no Electron binary exists).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureNative } from './native.mjs';

// Absolute: Playwright resolves a relative report path against the config's folder.
const results = resolve('test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

// `npm start` may have rebuilt better-sqlite3 for Electron; the tests run in plain Node.
await ensureNative('node');

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const outcome = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return outcome.status ?? 1;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const layers = [];

// The architecture's import rules (ESLint) and the one code style (Prettier): each a check that
// passes or fails, counted like a test so a lint failure fails the run.
// The type check is one of them: typed contracts, error-reason tables and i18n keys only protect
// anything if a type error fails the run.
for (const [name, args] of [
  ['lint: layer rules and hooks (ESLint)', ['eslint', '.']],
  ['lint: formatting (Prettier)', ['prettier', '--check', '.']],
  ['lint: types (tsc)', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
]) {
  const exit = run(name, 'npx', args);
  layers.push({ name, exit, passed: exit === 0 ? 1 : 0, failed: exit === 0 ? 0 : 1, skipped: 0 });
}

const vitestExit = run('unit and component tests (vitest)', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${results}/vitest.json`,
]);
const vitest = readJson(`${results}/vitest.json`);
layers.push({
  name: 'vitest',
  exit: vitestExit,
  passed: vitest?.numPassedTests ?? 0,
  failed: vitest ? vitest.numFailedTests + (vitest.numRuntimeErrorTestSuites ?? 0) : 1,
  skipped: (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0),
});

function playwrightLayer(name, config, jsonFile) {
  const exit = run(name, 'npx', ['playwright', 'test', '-c', config, '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: jsonFile });
  const report = readJson(jsonFile);
  const stats = report?.stats;
  layers.push({
    name,
    exit,
    passed: stats ? stats.expected + stats.flaky : 0,
    failed: stats ? stats.unexpected + (report.errors?.length ?? 0) : 1,
    skipped: stats?.skipped ?? 0,
  });
}

playwrightLayer('browser-shell journeys (Playwright, Chromium)', 'playwright.config.ts', `${results}/e2e.json`);
playwrightLayer('Electron smoke test (Playwright _electron)', 'tests/electron/playwright.electron.config.ts', `${results}/electron.json`);

console.log('\n=== summary');
for (const l of layers) console.log(`${l.name}: ${l.passed} passed, ${l.failed} failed, ${l.skipped} skipped (exit ${l.exit})`);
const sum = (key) => layers.reduce((n, l) => n + l[key], 0);
// A layer that exited non-zero without reporting a failure still counts as one failure.
const failed = sum('failed') + layers.filter((l) => l.exit !== 0 && l.failed === 0).length;
console.log(`${sum('passed')} passed, ${failed} failed, ${sum('skipped')} skipped`);
process.exitCode = failed > 0 ? 1 : 0;
