import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import type {} from '../../src-shared/bridge';
import { CONTENT_SECURITY_POLICY } from '../../src-shared/csp';

/**
 * Smoke test of the real desktop app through Playwright's Electron driver: the built app starts,
 * shows its setup or lock screen, and the window is locked down (sandbox, context isolation, no
 * Node in the page, only the bridge). Skipped where no Electron binary is installed.
 */
const root = resolve(import.meta.dirname, '../..');

function electronBinary(): string | null {
  try {
    const path: unknown = createRequire(join(root, 'package.json'))('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function runNode(args: string[]): void {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed with ${result.status}`);
}

const electronPath = electronBinary();

test.describe('Electron app', () => {
  test.skip(!electronPath, 'Electron binary not installed on this machine');
  test.describe.configure({ mode: 'serial' });

  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    // Same steps as `npm start`: better-sqlite3 for Electron, then a fresh build.
    runNode(['scripts/native.mjs', 'electron']);
    if (!process.env.COUNSEL_SMOKE_SKIP_BUILD) {
      const pkg = JSON.parse(readFileSync(join(root, 'node_modules/electron-vite/package.json'), 'utf8'));
      runNode([join(root, 'node_modules/electron-vite', pkg.bin['electron-vite']), 'build']);
    }
    dataDir = mkdtempSync(join(tmpdir(), 'counsel-electron-'));
    const args = [root];
    // Chromium refuses to start as root with its sandbox on (containers, CI).
    if (process.platform === 'linux' && process.getuid?.() === 0) args.push('--no-sandbox');
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
    app = await _electron.launch({ executablePath: electronPath!, args, cwd: root, env: { ...env, COUNSEL_DATA_DIR: dataDir } });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('opens app://counsel with the setup or lock screen', async () => {
    expect(page.url()).toMatch(/^app:\/\/counsel\//);
    const title = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle() ?? '');
    expect(title.length).toBeGreaterThan(0);
    await expect(page.locator('body')).toContainText(/初始化|首次|设置|创建|管理员|解锁|登录|锁定/);
  });

  test('runs the page sandboxed and isolated, without Node integration', async () => {
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      // Undocumented (absent from electron.d.ts) but what Electron itself reads back.
      const contents = BrowserWindow.getAllWindows()[0].webContents as unknown as {
        getLastWebPreferences?: () => Record<string, unknown> | null;
      };
      const p = contents.getLastWebPreferences?.();
      if (!p) return null;
      return {
        sandbox: p?.sandbox,
        contextIsolation: p?.contextIsolation,
        nodeIntegration: p?.nodeIntegration,
        webSecurity: p?.webSecurity,
        webviewTag: p?.webviewTag,
        allowRunningInsecureContent: p?.allowRunningInsecureContent,
      };
    });
    expect(prefs).toEqual({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
    });
    const globals = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return { require: typeof w.require, process: typeof w.process, module: typeof w.module, Buffer: typeof w.Buffer };
    });
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', Buffer: 'undefined' });
  });

  test('exposes only the bridge, which reaches the core and refuses undeclared channels', async () => {
    expect(await page.evaluate(() => Object.keys(window.counsel).sort())).toEqual(['host', 'invoke', 'on']);
    expect(await page.evaluate(() => window.counsel.host)).toBe('electron');
    expect(await page.evaluate(() => window.counsel.invoke('app.status', {}))).toMatchObject({
      ok: true,
      value: { initialized: false, locked: true },
    });
    expect(await page.evaluate(() => window.counsel.invoke('no.such.channel', {}))).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', details: { reason: 'unknownChannel' } },
    });
    expect(await page.evaluate(() => window.counsel.invoke('auth.signIn', { username: 1 }))).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });

  test('serves files with the CSP and refuses paths outside the renderer', async () => {
    const served = await page.evaluate(async () => {
      const index = await fetch('app://counsel/index.html');
      const escape = await fetch('app://counsel/%2e%2e/main/index.js');
      return { status: index.status, csp: index.headers.get('content-security-policy'), type: index.headers.get('content-type'), escape: escape.status };
    });
    expect(served).toEqual({ status: 200, csp: CONTENT_SECURITY_POLICY, type: 'text/html; charset=utf-8', escape: 404 });
  });

  test('denies navigation away from the app and new windows', async () => {
    const opened = await page.evaluate(() => window.open('https://example.com/') === null);
    expect(opened).toBe(true);
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^app:\/\/counsel\//);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });
});
