import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * scripts/native.mjs, run against a throwaway copy of the project layout (never the real
 * node_modules): it recognises the binary in place, switches from its cache, and is idempotent.
 */
const root = resolve(import.meta.dirname, '../../..');
const realBinary = join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
let sandbox: string | null = null;

afterEach(() => {
  if (sandbox) rmSync(sandbox, { recursive: true, force: true });
  sandbox = null;
});

function project(binary: Buffer) {
  sandbox = mkdtempSync(join(tmpdir(), 'counsel-native-'));
  const dir = sandbox;
  mkdirSync(join(dir, 'scripts'));
  copyFileSync(join(root, 'scripts/native.mjs'), join(dir, 'scripts/native.mjs'));
  const binaryPath = join(dir, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
  mkdirSync(dirname(binaryPath), { recursive: true });
  writeFileSync(binaryPath, binary);
  mkdirSync(join(dir, 'node_modules/electron'), { recursive: true });
  writeFileSync(join(dir, 'node_modules/electron/abi_version'), '140');
  const run = (...args: string[]) => {
    const child = spawnSync(process.execPath, [join(dir, 'scripts/native.mjs'), ...args], { encoding: 'utf8', env: { ...process.env, npm_execpath: '' } });
    return { status: child.status, out: `${child.stdout}${child.stderr}` };
  };
  const marker = () => JSON.parse(readFileSync(join(dir, 'node_modules/.counsel-native-runtime'), 'utf8'));
  return { dir, binaryPath, run, marker };
}

describe('scripts/native.mjs', () => {
  it('recognises a Node build by loading it, records it, and is a no-op the second time', () => {
    const p = project(readFileSync(realBinary));
    const first = p.run('node');
    expect(first.status, first.out).toBe(0);
    expect(first.out).toMatch(/built for node \(ABI \d+\)$/m);
    expect(p.marker()).toMatchObject({ runtime: 'node', abi: process.versions.modules });
    const second = p.run('node');
    expect(second.out).not.toMatch(/by (cache|rebuild)/);
    expect(JSON.parse(p.run('--status').out)).toMatchObject({ present: true, runtime: 'node', from: 'marker' });
  });

  it('switches to a cached build instead of rebuilding', () => {
    const p = project(Buffer.from('not a shared library'));
    const cached = join(p.dir, `node_modules/.counsel-native/node-${process.versions.modules}-${process.platform}-${process.arch}/better_sqlite3.node`);
    mkdirSync(dirname(cached), { recursive: true });
    copyFileSync(realBinary, cached);
    const result = p.run('node');
    expect(result.status, result.out).toBe(0);
    expect(result.out).toMatch(/by cache/);
    expect(readFileSync(p.binaryPath).equals(readFileSync(realBinary))).toBe(true);
    expect(p.run('node').out).not.toMatch(/by cache/);
  });

  it('rejects an unknown target', () => {
    const p = project(readFileSync(realBinary));
    expect(p.run('deno').status).toBe(2);
  });
});
