import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, LANGUAGE_BOOT_SCRIPT } from '../../../src-shared/csp';

/**
 * Issue 19 goal 4 (start-up): the renderer's start-up script carries React and the lock screen only;
 * the main window (antd, the query library, i18next, zod, the sign-in screens after the lock) is a
 * chunk loaded behind it, and each screen loads when its route opens. Builds the renderer (in
 * memory) and follows the entry's static imports: anything more that landed there fails this test.
 */
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCREENS_DIR = join(REPO_ROOT, 'src-renderer', 'screens');
/** The one screen of the start-up script. */
const START_UP_SCREEN = 'LockScreen.tsx';
/** In the main window's chunk itself (App.tsx imports them): the screens after the lock, and the lazy table. */
const MAIN_WINDOW_SCREENS = new Set(['RecoveryScreen.tsx', 'ForcedPasswordChange.tsx', 'lazyScreens.tsx']);
const CONTRACT_DIR = join(REPO_ROOT, 'src-shared', 'contract') + '/';
const I18N_DIR = join(REPO_ROOT, 'src-renderer', 'i18n') + '/';
/** The translations the start-up script may carry: the common error reasons (sign-in's among them). */
const START_UP_I18N = new Set(['modules/common-errors.zh-CN.ts', 'modules/common-errors.en.ts']);

interface Chunk {
  type: 'chunk';
  fileName: string;
  isEntry: boolean;
  imports: string[];
  dynamicImports: string[];
  moduleIds: string[];
  code: string;
}

interface Asset {
  type: 'asset';
  fileName: string;
  source: string | Uint8Array;
}

let chunks: Map<string, Chunk>;
let assets: Map<string, string>;
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
const entryChunk = () => [...chunks.values()].find((chunk) => chunk.isEntry)!;
const startUpModules = () => modulesIn(staticClosure(entryChunk().fileName));
/** The packages of node_modules a list of module ids comes from. */
const packagesOf = (ids: string[]) =>
  [...new Set(ids.map((id) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(id)?.[1]).filter((p): p is string => !!p))].sort();

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'counsel-renderer-chunks-'));
  const { build } = await import('vite');
  const result = await build({
    configFile: join(REPO_ROOT, 'vite.renderer.config.ts'),
    logLevel: 'silent',
    build: { outDir, write: false, emptyOutDir: false },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : [])) as unknown as (Chunk | Asset)[];
  chunks = new Map(outputs.filter((o): o is Chunk => o.type === 'chunk').map((chunk) => [chunk.fileName, chunk]));
  assets = new Map(
    outputs
      .filter((o): o is Asset => o.type === 'asset')
      .map((asset) => [asset.fileName, typeof asset.source === 'string' ? asset.source : Buffer.from(asset.source).toString('utf8')]),
  );
}, 180_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('renderer start-up script', () => {
  it('holds the lock screen and no other screen', () => {
    const entry = [...chunks.values()].filter((chunk) => chunk.isEntry);
    expect(entry).toHaveLength(1);
    expect(screensIn(staticClosure(entry[0].fileName))).toEqual([START_UP_SCREEN]);
  });

  it('holds React and nothing else of node_modules (no antd, icons, query library, i18next, zod, dayjs)', () => {
    expect(packagesOf(startUpModules())).toEqual(['react', 'react-dom', 'scheduler']);
  });

  it('loads the main window (App.tsx, the recovery and password-change screens) on demand, in a chunk of its own', () => {
    const app = chunkOf(join(REPO_ROOT, 'src-renderer', 'App.tsx'))!;
    expect(app).toBeDefined();
    const startUp = staticClosure(entryChunk().fileName);
    expect(startUp.some((c) => c.dynamicImports.some((name) => staticClosure(name).includes(app)))).toBe(true);
    expect(startUp).not.toContain(app);
    for (const screen of MAIN_WINDOW_SCREENS) expect(staticClosure(app.fileName), screen).toContain(chunkOf(screen));
  });

  it('loads every screen of the main window (print views, first run and student mode too) in a chunk of its own, when its route opens', () => {
    const screens = readdirSync(SCREENS_DIR).filter((file) => file.endsWith('.tsx') && file !== START_UP_SCREEN && !MAIN_WINDOW_SCREENS.has(file));
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

  it('carries no module of the contract (its types only: the core checks every call)', () => {
    expect(startUpModules().filter((id) => id.startsWith(CONTRACT_DIR))).toEqual([]);
  });

  it("carries no language's texts but the lock screen's: each language is a chunk of its own, loaded on demand", () => {
    const i18n = startUpModules().filter((id) => id.startsWith(I18N_DIR));
    expect(i18n.map((id) => id.slice(I18N_DIR.length)).filter((file) => !START_UP_I18N.has(file))).toEqual([]);
    const zh = chunkOf(join(I18N_DIR, 'zh-CN.ts'))!;
    const en = chunkOf(join(I18N_DIR, 'en.ts'))!;
    expect(zh.fileName).not.toBe(en.fileName);
    // The chosen language loads without the other: neither language's chunk pulls the other's in.
    expect(modulesIn(staticClosure(zh.fileName)).filter((id) => /\.en\.ts$|\/en\.ts$/.test(id))).toEqual([]);
    expect(modulesIn(staticClosure(en.fileName)).filter((id) => /\.zh-CN\.ts$|\/zh-CN\.ts$/.test(id))).toEqual([]);
    for (const chunk of [zh, en]) expect([...chunks.values()].some((c) => c.dynamicImports.includes(chunk.fileName))).toBe(true);
  });

  it('is less than an eighth of the renderer (React is most of it)', () => {
    const bytes = (list: Chunk[]) => list.reduce((sum, chunk) => sum + chunk.code.length, 0);
    expect(bytes(staticClosure(entryChunk().fileName))).toBeLessThan(bytes([...chunks.values()]) / 8);
  });
});

describe('built index.html (the lock screen prerendered)', () => {
  const html = () => assets.get('index.html')!;
  const scripts = () => [...html().matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => ({ attrs: m[1], body: m[2] }));

  it('holds the lock form in both languages, the password field in each, so it is usable before any script runs', () => {
    for (const language of ['zh-CN', 'en']) expect(html()).toContain(`data-lock-prerendered="${language}"`);
    expect(html().match(/<input[^>]*type="password"/g)).toHaveLength(2);
    expect(html()).toContain('工作站已锁定');
    expect(html()).toContain('Workstation locked');
  });

  it('waits for nothing fetched before its first paint: styles in the page, the language marked inline, no blocking script', () => {
    const all = scripts();
    const head = html().slice(0, html().indexOf('</head>'));
    // One inline script, the CSP's hashed one, in <head> before anything else runs or paints.
    const inline = all.filter((script) => script.body.trim() !== '');
    expect(inline.map((script) => script.body)).toEqual([LANGUAGE_BOOT_SCRIPT]);
    expect(inline[0].attrs).toBe('');
    expect(head.indexOf(`<script>${LANGUAGE_BOOT_SCRIPT}</script>`)).toBeGreaterThan(0);
    const fetched = all.filter((script) => script.body.trim() === '');
    expect(fetched.every((script) => /\ssrc="/.test(script.attrs))).toBe(true);
    // The one script file in <head>: the small classic page-early script, async.
    const inHead = fetched.filter((script) => head.includes(script.attrs));
    expect(inHead).toHaveLength(1);
    expect(inHead[0].attrs).toMatch(/\sasync\b/);
    expect(inHead[0].attrs).not.toContain('type="module"');
    const src = /src="\.\/([^"]+)"/.exec(inHead[0].attrs)![1];
    expect(src).toMatch(/^assets\/page-early-[0-9a-f]{8}\.js$/);
    const early = assets.get(src)!;
    expect(early.length).toBeLessThan(2048);
    expect(early).not.toMatch(/^\s*(import|export)\b/m);
    // The entry's styles are in <head>; their file's link stays, disabled, for the lazy routes' preloading.
    expect(head).toMatch(/<style>[^<]*\.lock-page\{/);
    const links = [...html().matchAll(/<link rel="stylesheet"[^>]*>/g)].map((m) => m[0]);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link).toMatch(/\sdisabled>$/);
    // The app's module script and preloads come after the lock screen's markup.
    expect(head).not.toContain('type="module"');
    expect(head).not.toContain('rel="modulepreload"');
    expect(html().indexOf('type="module"')).toBeGreaterThan(html().lastIndexOf('type="password"'));
  });

  it('keeps the form from being sent by the browser: the CSP forbids form submissions', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("form-action 'none'");
    expect(html()).not.toMatch(/<form[^>]*\saction=/);
  });
});
