#!/usr/bin/env node
// better-sqlite3 (an npm alias of better-sqlite3-multiple-ciphers) is a native module: its
// build/Release/better_sqlite3.node is compiled for ONE runtime ABI, either this Node (tests, the
// CLI, the browser shell) or Electron (the desktop app). `ensureNative(target)` makes sure the
// binary in place is the one `target` loads:
//   1. quick path: the binary's sha256 matches the marker written last time for that target;
//   2. otherwise find out what the binary in place is built for (load it in a child Node);
//   3. switch from a cached copy of a previous build for that target when there is one
//      (node_modules/.counsel-native/<runtime>-<abi>-<platform>-<arch>/), so going back and forth
//      between `npm test` and `npm start` costs a file copy, not a compile;
//   4. else rebuild: `npm rebuild better-sqlite3` for Node, `electron-builder install-app-deps`
//      (or @electron/rebuild) for Electron, and cache the result.
// The marker is node_modules/.counsel-native-runtime. CLI: node scripts/native.mjs node|electron [--status]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NODE_MODULES = join(ROOT, 'node_modules');
const MODULE_NAME = 'better-sqlite3';
const MODULE_DIR = join(NODE_MODULES, MODULE_NAME);
export const BINARY = join(MODULE_DIR, 'build', 'Release', 'better_sqlite3.node');
export const MARKER = join(NODE_MODULES, '.counsel-native-runtime');
const CACHE_DIR = join(NODE_MODULES, '.counsel-native');

/** @typedef {'node' | 'electron'} Target */
/** @typedef {{ runtime: Target | 'unknown', abi: string, sha256: string, recordedAt?: string }} Marker */

/** The ABI (NODE_MODULE_VERSION) the target loads native modules with. */
export function targetAbi(/** @type {Target} */ target) {
  if (target === 'node') return process.versions.modules;
  const file = join(NODE_MODULES, 'electron', 'abi_version');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  throw new Error('cannot tell the Electron ABI: node_modules/electron/abi_version is missing');
}

function electronAbiOrNull() {
  try {
    return targetAbi('electron');
  } catch {
    return null;
  }
}

function sha256(file) {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

export function readMarker() {
  try {
    const marker = JSON.parse(readFileSync(MARKER, 'utf8'));
    return marker && typeof marker === 'object' ? /** @type {Marker} */ (marker) : null;
  } catch {
    return null;
  }
}

function writeMarker(/** @type {Marker} */ marker) {
  writeFileSync(MARKER, `${JSON.stringify({ ...marker, recordedAt: new Date().toISOString() }, null, 2)}\n`);
}

/**
 * What the binary in place is built for, found by loading it in a child Node: it loads (this
 * Node's ABI) or fails naming the NODE_MODULE_VERSION it was compiled against.
 * @returns {{ runtime: Target | 'unknown', abi: string }}
 */
export function probeBinary(file = BINARY) {
  const script = 'const m = { exports: {} }; process.dlopen(m, process.argv[1]);';
  const child = spawnSync(process.execPath, ['-e', script, file], { encoding: 'utf8' });
  if (child.status === 0) return { runtime: 'node', abi: process.versions.modules };
  const compiled = /NODE_MODULE_VERSION (\d+)/.exec(`${child.stderr}`)?.[1];
  if (compiled && compiled === electronAbiOrNull()) return { runtime: 'electron', abi: compiled };
  return { runtime: 'unknown', abi: compiled ?? 'unknown' };
}

/**
 * Pure decision: what to do given the binary's fingerprint, the marker and the target.
 * @param {{ target: Target, abi: string, sha256: string | null, marker: Marker | null }} state
 * @returns {'ok' | 'probe' | 'build'}
 */
export function decide({ target, abi, sha256: hash, marker }) {
  if (hash === null) return 'build';
  if (marker && marker.sha256 === hash) return marker.runtime === target && marker.abi === abi ? 'ok' : 'build';
  return 'probe';
}

function cacheFile(/** @type {string} */ runtime, /** @type {string} */ abi) {
  return join(CACHE_DIR, `${runtime}-${abi}-${process.platform}-${process.arch}`, 'better_sqlite3.node');
}

/** Keep a copy of the binary in place under its runtime, for a quick switch back later. */
function stash(/** @type {{ runtime: string, abi: string }} */ built) {
  if (built.runtime === 'unknown' || !existsSync(BINARY)) return;
  const target = cacheFile(built.runtime, built.abi);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(BINARY, target);
}

/** Copy into place through a temporary file and a rename, so a hard-linked original is left alone. */
function install(/** @type {string} */ from) {
  mkdirSync(dirname(BINARY), { recursive: true });
  const tmp = `${BINARY}.${process.pid}.tmp`;
  copyFileSync(from, tmp);
  rmSync(BINARY, { force: true });
  renameSync(tmp, BINARY);
}

/** The JS file behind a package's bin, run with this Node: no shell, same on every platform. */
function binScript(/** @type {string} */ pkg, /** @type {string} */ bin) {
  const pkgDir = join(NODE_MODULES, ...pkg.split('/'));
  const manifest = join(pkgDir, 'package.json');
  if (!existsSync(manifest)) return null;
  const { bin: bins } = JSON.parse(readFileSync(manifest, 'utf8'));
  const rel = typeof bins === 'string' ? bins : bins?.[bin];
  return rel ? join(pkgDir, rel) : null;
}

function run(/** @type {string} */ command, /** @type {string[]} */ args, log) {
  log(`$ ${[command === process.execPath ? 'node' : command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' && command !== process.execPath });
  return result.status === 0;
}

function rebuild(/** @type {Target} */ target, log) {
  if (target === 'node') {
    const npmCli = process.env.npm_execpath;
    return npmCli && npmCli.endsWith('.js')
      ? run(process.execPath, [npmCli, 'rebuild', MODULE_NAME], log)
      : run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['rebuild', MODULE_NAME], log);
  }
  const builder = binScript('electron-builder', 'electron-builder');
  if (builder && run(process.execPath, [builder, 'install-app-deps'], log)) return true;
  const electronRebuild = binScript('@electron/rebuild', 'electron-rebuild');
  if (electronRebuild) return run(process.execPath, [electronRebuild, '--force', '--only', MODULE_NAME, '--module-dir', ROOT], log);
  return false;
}

/**
 * Make better-sqlite3 loadable by `target`. Quick and silent when nothing changes.
 * @param {Target} target
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {Promise<{ target: Target, abi: string, action: 'none' | 'cache' | 'rebuild' }>}
 */
export async function ensureNative(target, { log = (line) => console.log(`[native] ${line}`) } = {}) {
  if (target !== 'node' && target !== 'electron') throw new Error(`ensureNative: target must be "node" or "electron", not ${target}`);
  const abi = targetAbi(target);
  const hash = existsSync(BINARY) ? sha256(BINARY) : null;
  const marker = readMarker();
  let step = decide({ target, abi, sha256: hash, marker });
  if (step === 'ok') return { target, abi, action: 'none' };

  // What is in place now (from the marker when it still describes this exact file).
  let current = marker && hash && marker.sha256 === hash ? { runtime: marker.runtime, abi: marker.abi } : null;
  if (step === 'probe' && hash) {
    current = probeBinary();
    writeMarker({ ...current, sha256: hash });
    if (current.runtime === target && current.abi === abi) return { target, abi, action: 'none' };
  }
  if (current) stash(current);

  const cached = cacheFile(target, abi);
  if (existsSync(cached)) {
    install(cached);
    const now = sha256(BINARY);
    const check = probeBinary();
    if (check.runtime === target && check.abi === abi) {
      writeMarker({ runtime: target, abi, sha256: now });
      log(`better-sqlite3: switched to the cached ${target} build (ABI ${abi})`);
      return { target, abi, action: 'cache' };
    }
    rmSync(cached, { force: true });
  }

  log(`better-sqlite3: building for ${target} (ABI ${abi}); this needs a compiler or network access for prebuilt binaries`);
  if (!rebuild(target, log) || !existsSync(BINARY)) throw new Error(`rebuilding better-sqlite3 for ${target} failed`);
  const built = probeBinary();
  if (built.runtime !== target || built.abi !== abi) {
    writeMarker({ ...built, sha256: sha256(BINARY) });
    throw new Error(`better-sqlite3 was rebuilt but still does not load in ${target}`);
  }
  writeMarker({ runtime: target, abi, sha256: sha256(BINARY) });
  stash({ runtime: target, abi });
  return { target, abi, action: 'rebuild' };
}

/** What the binary in place is built for, without changing anything. */
export function nativeStatus() {
  if (!existsSync(BINARY)) return { present: false };
  const hash = sha256(BINARY);
  const marker = readMarker();
  const current = marker && marker.sha256 === hash ? { runtime: marker.runtime, abi: marker.abi, from: 'marker' } : { ...probeBinary(), from: 'probe' };
  return { present: true, ...current, nodeAbi: process.versions.modules, electronAbi: electronAbiOrNull() };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const [arg, flag] = process.argv.slice(2);
  if (arg === '--status' || flag === '--status') {
    console.log(JSON.stringify(nativeStatus()));
  } else if (arg === 'node' || arg === 'electron') {
    try {
      const result = await ensureNative(arg);
      console.log(`[native] better-sqlite3 is built for ${result.target} (ABI ${result.abi})${result.action === 'none' ? '' : `, by ${result.action}`}`);
    } catch (error) {
      console.error(`[native] ${error instanceof Error ? error.message : error}`);
      process.exit(1);
    }
  } else {
    console.error('usage: node scripts/native.mjs node|electron [--status]');
    process.exit(2);
  }
}
