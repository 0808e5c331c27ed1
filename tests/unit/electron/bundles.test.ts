import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CoreClient } from '../../../src-main/core/worker/core-client';

/**
 * Checks on the electron-vite output (`npx electron-vite build`); skipped when nothing is built.
 * The worker bundle must start in plain Node (it never imports electron), and the sandboxed
 * preload must be one self-contained CommonJS file.
 */
const root = resolve(import.meta.dirname, '../../..');
const worker = join(root, 'out/main/core-worker.js');
const preload = join(root, 'out/preload/index.cjs');

/** A bundle and every relative chunk it imports, transitively. */
function withChunks(entry: string, seen = new Set<string>()): string[] {
  if (seen.has(entry)) return [];
  seen.add(entry);
  const source = readFileSync(entry, 'utf8');
  const chunks = [...source.matchAll(/from\s+["'](\.{1,2}\/[^"']+)["']/g)].map((m) => resolve(dirname(entry), m[1]));
  return [entry, ...chunks.flatMap((chunk) => withChunks(chunk, seen))];
}

describe.skipIf(!existsSync(worker))('bundled core worker (out/main/core-worker.js)', () => {
  let client: CoreClient | null = null;
  let dataDir: string | null = null;
  afterEach(async () => {
    await client?.close();
    client = null;
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('does not import electron, directly or through its chunks, nor do the core threads built beside it', () => {
    // The core looks for its other threads beside itself (util/worker-script.ts): missing, it does their work on its own thread.
    const threads = ['audit-walk-worker.js', 'checkpoint-worker.js'].map((name) => join(dirname(worker), name));
    for (const thread of threads) expect(existsSync(thread), thread).toBe(true);
    for (const file of [worker, ...threads].flatMap((entry) => withChunks(entry))) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/from\s+["']electron["']|require\(["']electron["']\)/);
    }
  });

  it('starts in plain Node and answers app.status', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'counsel-bundle-'));
    client = new CoreClient({ dataDir, version: '9.9.9' }, worker);
    expect(await client.invoke('app.status', {})).toMatchObject({ ok: true, value: { initialized: false, locked: true, version: '9.9.9' } });
  });
});

describe.skipIf(!existsSync(preload))('bundled preload (out/preload/index.cjs)', () => {
  it('is one CommonJS file whose only runtime dependency is electron', () => {
    const source = readFileSync(preload, 'utf8');
    const requires = [...source.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(new Set(requires)).toEqual(new Set(['electron']));
    expect(source).not.toMatch(/^\s*import\s/m);
    expect(source).not.toMatch(/\bimport\(/);
    expect(readdirSync(dirname(preload)).filter((name) => /\.(c|m)?js$/.test(name))).toEqual(['index.cjs']);
  });

  it('carries the contract names only, not zod or the schemas', () => {
    const source = readFileSync(preload, 'utf8');
    expect(source).toContain('"app.status"');
    expect(source).not.toMatch(/node_modules\/zod|safeParse|ZodError/);
    expect(source.length).toBeLessThan(20_000);
  });
});
