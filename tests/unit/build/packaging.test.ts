import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { minimatch } from 'minimatch';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * The packaging configuration is read as electron-builder reads it: installers cannot be built on
 * these offline machines (no Electron download), so this is what guards the fuses, the unpacked
 * native module and what ships.
 */
const root = join(__dirname, '..', '..', '..');
const require = createRequire(import.meta.url);
const CONFIG = join(root, 'build', 'electron-builder.config.cjs');

function loadConfig(testBuild: boolean) {
  const previous = process.env.COUNSEL_TEST_BUILD;
  if (testBuild) process.env.COUNSEL_TEST_BUILD = '1';
  else delete process.env.COUNSEL_TEST_BUILD;
  delete require.cache[CONFIG];
  try {
    return require(CONFIG);
  } finally {
    if (previous === undefined) delete process.env.COUNSEL_TEST_BUILD;
    else process.env.COUNSEL_TEST_BUILD = previous;
  }
}

/** electron-builder's own `files` semantics, simplified: included by some pattern, excluded by none. */
function ships(files: string[], path: string): boolean {
  const included = files.filter((p) => !p.startsWith('!')).some((p) => minimatch(path, p, { dot: true }));
  const excluded = files.filter((p) => p.startsWith('!')).some((p) => minimatch(path, p.slice(1), { dot: true }));
  return included && !excluded;
}

describe('packaging configuration', () => {
  afterEach(() => {
    delete require.cache[CONFIG];
  });

  it("passes electron-builder's own schema validation", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config');
    const { DebugLogger } = require('builder-util/out/DebugLogger');
    await expect(validateConfiguration(loadConfig(false), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('sets every security fuse in release builds', () => {
    expect(loadConfig(false).electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('keeps only the inspector on in the test build Playwright drives', () => {
    const release = loadConfig(false).electronFuses;
    const test = loadConfig(true).electronFuses;
    expect(test.enableNodeCliInspectArguments).toBe(true);
    expect({ ...test, enableNodeCliInspectArguments: false }).toEqual(release);
    expect(loadConfig(true).directories.output).not.toBe(loadConfig(false).directories.output);
  });

  it('unpacks native modules from the asar archive', () => {
    const config = loadConfig(false);
    expect(config.asar).toBe(true);
    const unpacked = (path: string) => config.asarUnpack.some((p: string) => minimatch(path, p, { dot: true }));
    expect(unpacked('node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(true);
    expect(unpacked('node_modules/some-other/native/addon.node')).toBe(true);
    expect(unpacked('out/main/index.js')).toBe(false);
  });

  it('ships the built app and never the tests, sources or the browser shell', () => {
    const { files } = loadConfig(false);
    for (const path of ['out/main/index.js', 'out/main/core-worker.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'package.json']) {
      expect(ships(files, path), path).toBe(true);
    }
    for (const path of [
      'tests/e2e/census.spec.ts',
      'tests/unit/core/helpers.ts',
      'src-main/browser-shell/run.ts',
      'out/browser-shell/server.js',
      'src-main/core/core.ts',
      'bench/run.ts',
      'out/main/index.js.map',
    ]) {
      expect(ships(files, path), path).toBe(false);
    }
  });

  it('builds a per-machine NSIS installer in Chinese, and AppImage and .deb for Linux', () => {
    const config = loadConfig(false);
    expect(config.win.target.map((t: { target: string }) => t.target)).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({ perMachine: true, oneClick: false, installerLanguages: ['zh_CN'], language: '2052' });
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });

  it('installs where Electron cannot be downloaded: electron is optional, its version given to electron-builder', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
    // A failed binary download of an optional dependency does not fail `npm install`.
    expect(pkg.optionalDependencies?.electron).toBeDefined();
    expect(pkg.devDependencies?.electron).toBeUndefined();
    expect(pkg.dependencies?.electron).toBeUndefined();
    // ...and the package is put back without its binary (types, build), see scripts/postinstall.mjs.
    expect(pkg.scripts.postinstall).toBe('node scripts/postinstall.mjs');
    expect(loadConfig(false).electronVersion).toBe(lock.packages['node_modules/electron'].version);
    // Optional dependencies are production ones to electron-builder: Electron never ships in the app.
    expect(ships(loadConfig(false).files, 'node_modules/electron/dist/electron')).toBe(false);
  });

  it('is what `npm run dist` uses', () => {
    const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts;
    expect(scripts.dist).toContain('electron-builder --config build/electron-builder.config.cjs');
    expect(scripts['dist:test']).toContain('COUNSEL_TEST_BUILD=1');
  });
});
