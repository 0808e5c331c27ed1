#!/usr/bin/env node
// `npm start`: the desktop app when this machine has an Electron binary, the browser shell
// (`npm run start:browser`) when it does not (its download failed or was skipped at install).
// Electron path: better-sqlite3 rebuilt for Electron if needed, `electron-vite build`, then the
// Electron binary on the built app. Extra arguments and the environment (COUNSEL_DATA_DIR,
// COUNSEL_LOCALE) pass through to whichever host starts.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

/** The Electron executable, or null when the package is installed without its binary. */
export function electronBinary() {
  try {
    const path = createRequire(join(ROOT, 'package.json'))('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** Runs a command with inherited stdio; resolves with its exit code, forwarding Ctrl+C / kill. */
function run(command, commandArgs, options = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, commandArgs, { cwd: ROOT, stdio: 'inherit', ...options });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolvePromise(code ?? (signal ? 1 : 0));
    });
  });
}

/** `npm run <script> -- args`, through the npm that started us when there is one. */
function npmRun(script, scriptArgs) {
  const npmArgs = ['run', script, ...(scriptArgs.length ? ['--', ...scriptArgs] : [])];
  const npmCli = process.env.npm_execpath;
  if (npmCli && /\.(c|m)?js$/.test(npmCli)) return run(process.execPath, [npmCli, ...npmArgs]);
  return run(process.platform === 'win32' ? 'npm.cmd' : 'npm', npmArgs, { shell: process.platform === 'win32' });
}

/** A package's bin script, run with this Node (no shell, same on every platform). */
function binScript(pkg, bin) {
  const pkgDir = join(ROOT, 'node_modules', pkg);
  const { bin: bins } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  return join(pkgDir, typeof bins === 'string' ? bins : bins[bin]);
}

async function main() {
  const electron = electronBinary();
  if (!electron) {
    console.log("Electron's binary is not installed on this machine (it could not be downloaded, or was skipped): starting the browser shell instead.");
    return npmRun('start:browser', args);
  }
  const { ensureNative } = await import('./native.mjs');
  await ensureNative('electron');
  const built = await run(process.execPath, [binScript('electron-vite', 'electron-vite'), 'build']);
  if (built !== 0) return built;
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  return run(electron, ['.', ...args], { env });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(`[start] ${error instanceof Error ? error.message : error}`);
      process.exit(1);
    },
  );
}
