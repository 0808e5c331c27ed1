import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Issue 19 goal 4 (start-up): the renderer's start-up script carries the lock screen, not the
 * screens. Builds the renderer (in memory) and follows the entry's static imports: a screen that
 * landed there (say, imported by the lock path, or statically by the main window) fails this test.
 */
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCREENS_DIR = join(REPO_ROOT, 'src-renderer', 'screens');
/** What the lock screen needs at once (the sign-in path), and the lazy table itself. */
const START_UP_SCREENS = new Set(['LockScreen.tsx', 'RecoveryScreen.tsx', 'ForcedPasswordChange.tsx', 'lazyScreens.tsx']);
const CONTRACT_DIR = join(REPO_ROOT, 'src-shared', 'contract') + '/';
const I18N_DIR = join(REPO_ROOT, 'src-renderer', 'i18n') + '/';
/** The contract modules the start-up script may carry: small, none of them a channel's schemas. */
const START_UP_CONTRACT = new Set(['errors.ts', 'events.ts', 'define.ts', 'entity-kinds.ts', 'channel-kinds.ts', 'schemas.ts', 'limits.ts']);

interface Chunk {
  type: 'chunk';
  fileName: string;
  isEntry: boolean;
  imports: string[];
  dynamicImports: string[];
  moduleIds: string[];
  code: string;
}

let chunks: Map<string, Chunk>;
let outDir: string;

/** The chunks a chunk pulls in before it runs (itself and its static imports, transitively). */
function staticClosure(start: string): Chunk[] {
  const seen = new Set<string>();
  const walk = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const next of chunks.get(name)?.imports ?? []) walk(next);
  };
  walk(start);
  return [...seen].map((name) => chunks.get(name)!).filter(Boolean);
}

const screenFile = (id: string) => (id.startsWith(SCREENS_DIR) ? basename(id) : null);
const screensIn = (list: Chunk[]) => [...new Set(list.flatMap((chunk) => chunk.moduleIds.map(screenFile).filter((f): f is string => f !== null)))].sort();
const chunkOf = (screenOrPath: string) => {
  const path = screenOrPath.startsWith('/') ? screenOrPath : join(SCREENS_DIR, screenOrPath);
  return [...chunks.values()].find((chunk) => chunk.moduleIds.some((id) => id === path));
};
const modulesIn = (list: Chunk[]) => list.flatMap((chunk) => chunk.moduleIds);

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'counsel-renderer-chunks-'));
  const { build } = await import('vite');
  const result = await build({
    configFile: join(REPO_ROOT, 'vite.renderer.config.ts'),
    logLevel: 'silent',
    build: { outDir, write: false, emptyOutDir: false },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : [])) as unknown as (Chunk | { type: 'asset' })[];
  chunks = new Map(outputs.filter((o): o is Chunk => o.type === 'chunk').map((chunk) => [chunk.fileName, chunk]));
}, 180_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('renderer start-up script', () => {
  it('holds the lock and sign-in screens and no other screen', () => {
    const entry = [...chunks.values()].filter((chunk) => chunk.isEntry);
    expect(entry).toHaveLength(1);
    const initial = staticClosure(entry[0].fileName);
    expect(screensIn(initial)).toContain('LockScreen.tsx');
    expect(screensIn(initial).filter((screen) => !START_UP_SCREENS.has(screen))).toEqual([]);
  });

  it('loads every screen of the main window (print views, first run and student mode too) in a chunk of its own, when its route opens', () => {
    const screens = readdirSync(SCREENS_DIR).filter((file) => file.endsWith('.tsx') && !START_UP_SCREENS.has(file));
    expect(screens).toEqual(
      expect.arrayContaining(['MainLayout.tsx', 'Workbench.tsx', 'Statistics.tsx', 'PrintView.tsx', 'SetupWizard.tsx', 'StudentMode.tsx']),
    );
    const mainWindow = chunkOf('MainLayout.tsx')!;
    expect(mainWindow).toBeDefined();
    const withMainWindow = screensIn(staticClosure(mainWindow.fileName));
    for (const screen of screens) {
      const chunk = chunkOf(screen);
      expect(chunk, `${screen} is built`).toBeDefined();
      // Reached only through a dynamic import (React.lazy), never loaded with the main window.
      expect(
        [...chunks.values()].some((c) => c.dynamicImports.includes(chunk!.fileName)),
        `${screen} is loaded on demand`,
      ).toBe(true);
      if (screen !== 'MainLayout.tsx') expect(withMainWindow, `${screen} is not loaded with the main window`).not.toContain(screen);
    }
  });

  it("carries no channel schema: only the contract's small modules (errors, events, field schemas, channel kinds)", () => {
    const entry = [...chunks.values()].find((chunk) => chunk.isEntry)!;
    const contract = modulesIn(staticClosure(entry.fileName))
      .filter((id) => id.startsWith(CONTRACT_DIR))
      .map((id) => basename(id));
    expect(contract).toContain('events.ts');
    expect(contract.filter((file) => !START_UP_CONTRACT.has(file))).toEqual([]);
  });

  it('carries no translation: each language is a chunk of its own, loaded on demand', () => {
    const entry = [...chunks.values()].find((chunk) => chunk.isEntry)!;
    const i18n = modulesIn(staticClosure(entry.fileName)).filter((id) => id.startsWith(I18N_DIR));
    expect(i18n.filter((id) => /(^|\/)(en|zh-CN)\.ts$|\/modules\//.test(id.slice(I18N_DIR.length)))).toEqual([]);
    const zh = chunkOf(join(I18N_DIR, 'zh-CN.ts'))!;
    const en = chunkOf(join(I18N_DIR, 'en.ts'))!;
    expect(zh.fileName).not.toBe(en.fileName);
    // The chosen language loads without the other: neither language's chunk pulls the other's in.
    expect(modulesIn(staticClosure(zh.fileName)).filter((id) => /\.en\.ts$|\/en\.ts$/.test(id))).toEqual([]);
    expect(modulesIn(staticClosure(en.fileName)).filter((id) => /\.zh-CN\.ts$|\/zh-CN\.ts$/.test(id))).toEqual([]);
    for (const chunk of [zh, en]) expect([...chunks.values()].some((c) => c.dynamicImports.includes(chunk.fileName))).toBe(true);
  });

  it("carries no antd Tabs, Menu or Result (the lock screen shows none; antd's Card would bring the first two)", () => {
    const entry = [...chunks.values()].find((chunk) => chunk.isEntry)!;
    const antd = modulesIn(staticClosure(entry.fileName)).filter((id) => /node_modules\/antd\/es\/(tabs|menu|dropdown|result)\//.test(id));
    expect(antd).toEqual([]);
  });

  it('is less than half of the renderer', () => {
    const entry = [...chunks.values()].find((chunk) => chunk.isEntry)!;
    const bytes = (list: Chunk[]) => list.reduce((sum, chunk) => sum + chunk.code.length, 0);
    expect(bytes(staticClosure(entry.fileName))).toBeLessThan(bytes([...chunks.values()]) / 2);
  });
});
