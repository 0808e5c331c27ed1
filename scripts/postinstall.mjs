#!/usr/bin/env node
// Runs after `npm install` / `npm ci`.
//
// `electron` is an optional dependency so that `npm install` succeeds where Electron's binary
// cannot be downloaded (offline school PCs, blocked GitHub): its install script then fails, and
// npm removes the package and carries on instead of failing the whole install. The project still
// needs the package itself, without its binary: its TypeScript types (`npm run typecheck`), its
// version (electron-vite, electron-builder), and `npm start`, which sees no binary and opens the
// browser shell instead. So it is put back here with its download script skipped.
// Nothing here ever fails the install: at worst it prints one line.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The electron version the lockfile pins (so the restored package matches `npm ci`). */
function lockedElectronVersion() {
  try {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
    return lock.packages?.['node_modules/electron']?.version ?? null;
  } catch {
    return null;
  }
}

function omitsOptional() {
  return (process.env.npm_config_omit ?? '').split(/[\s,]+/).includes('optional');
}

function main() {
  if (existsSync(join(ROOT, 'node_modules', 'electron', 'package.json'))) return 0;
  // Someone asked for no optional dependencies (e.g. a CLI-only server install): respect it.
  if (omitsOptional()) return 0;
  const version = lockedElectronVersion();
  const spec = version ? `electron@${version}` : 'electron';
  console.log(
    `Electron's binary could not be downloaded here: installing the electron package without it (types and build only); \`npm start\` will open the browser shell instead.`,
  );
  const npmArgs = ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', spec];
  const npmCli = process.env.npm_execpath;
  const result =
    npmCli && /\.(c|m)?js$/.test(npmCli)
      ? spawnSync(process.execPath, [npmCli, ...npmArgs], { cwd: ROOT, stdio: 'inherit' })
      : spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', npmArgs, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.log(
      `Could not install the electron package (${spec}); the browser shell and the tests still work, \`npm run typecheck\` and \`npm run build\` need it.`,
    );
  }
  return 0;
}

process.exit(main());
