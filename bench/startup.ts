import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page, type Route } from 'playwright-core';
import { APP_ORIGIN, APP_URL, BINDING_NAME, BRIDGE_INIT_SCRIPT, CHROMIUM_ARGS, forwardCall, resolveAsset } from '../src-main/browser-shell/shell';
import { CoreClient } from '../src-main/core/worker/core-client';
import { CONTENT_SECURITY_POLICY } from '../src-shared/csp';
import { alternate, type Figure } from './pairs';

/**
 * Issue 19 goal 4 (start-up): in the browser shell's setting (the built renderer answered from a
 * made-up origin, the core in a worker, Debian Chromium), the time until the lock screen is usable
 * (its password field visible and enabled) against the time the same browser takes to show a blank
 * page from the same origin. The store has an account, so the real lock screen shows, as on every
 * start but the first. Each load is in a new browser context: nothing cached (cold).
 */
const LOADS = Number(process.env.BENCH_STARTUP_LOADS ?? 5);
const BLANK_PATH = '/__bench-blank.html';
const BLANK_HTML = '<!doctype html><html lang="zh-CN"><head><meta charset="UTF-8"><title>blank</title></head><body></body></html>';
const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** The shell's headers (src-main/browser-shell/shell.ts), so both pages are answered alike. */
function headersFor(extension: string): Record<string, string> {
  const headers: Record<string, string> = {
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'content-type': CONTENT_TYPES[extension] ?? 'application/octet-stream',
  };
  if (extension === '.html') {
    headers['content-security-policy'] = CONTENT_SECURITY_POLICY;
    headers['x-frame-options'] = 'DENY';
  }
  return headers;
}

async function serve(route: Route, rendererDir: string): Promise<void> {
  const url = new URL(route.request().url());
  if (url.origin !== APP_ORIGIN) return route.abort('blockedbyclient');
  if (url.pathname === BLANK_PATH) return route.fulfill({ status: 200, headers: headersFor('.html'), body: BLANK_HTML });
  const file = resolveAsset(rendererDir, url.pathname);
  if (!file) return route.fulfill({ status: 404, body: 'Not found' });
  return route.fulfill({ status: 200, headers: headersFor(extname(file).toLowerCase()), body: await readFile(file) });
}

/** The renderer as the sources are now, built into a folder of the bench's own (the shared out/renderer is left alone). */
async function buildRendererInto(outDir: string): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: join(REPO_ROOT, 'vite.renderer.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
}

/** What index.html loads before any script runs (its script, module preloads and styles) and everything built. */
function scriptSizes(rendererDir: string): { initialKiB: number; totalKiB: number; initialFiles: number; totalFiles: number } {
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((m) => m[1]);
  const all = readdirSync(join(rendererDir, 'assets')).map((file) => `assets/${file}`);
  const kib = (files: string[]) => files.reduce((sum, file) => sum + statSync(join(rendererDir, file)).size, 0) / 1024;
  return { initialKiB: kib(initial), totalKiB: kib(all), initialFiles: initial.length, totalFiles: all.length };
}

/**
 * Runs in the page before its own scripts (an init script, so the app's CSP does not apply): on every
 * animation frame, just before the browser paints, it checks whether the page is ready and notes the
 * first time it is, in ms since the navigation started (the browser's own clock, so neither the tab's
 * creation nor Playwright's round trips are counted). Blank page: loaded. Lock screen: its password
 * field is there, shown, enabled and writable. For the lock screen it also notes when React has taken
 * that field over ("live": the built page holds the lock screen prerendered, usable before its script
 * runs; a sign-in asked for before then is done once it is live), as information.
 */
const READY_PROBE = `(() => {
  const blank = location.pathname === ${JSON.stringify(BLANK_PATH)};
  // Any password field of the page (the built page holds the lock screen in both languages, one shown).
  const field = () =>
    [...document.querySelectorAll('input[type="password"]')].find(
      (input) => !input.disabled && !input.readOnly && input.getClientRects().length > 0,
    );
  const ready = blank ? () => document.readyState === 'complete' : () => !!field();
  const live = () => {
    const input = field();
    return !!input && Object.keys(input).some((key) => key.startsWith('__reactProps$'));
  };
  const tick = () => {
    if (window.__benchReadyAt === undefined && ready()) window.__benchReadyAt = performance.now();
    if (!blank && window.__benchLiveAt === undefined && live()) window.__benchLiveAt = performance.now();
    if (window.__benchReadyAt === undefined || (!blank && window.__benchLiveAt === undefined)) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

type Load = { ready: number; live?: number };

/** One cold load: a new context (empty cache, as the shell's context is on every start), a new tab, the page. */
async function loadOnce(browser: Browser, client: CoreClient, rendererDir: string, url: string): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', serviceWorkers: 'block' });
  try {
    await context.route('**/*', (route) => serve(route, rendererDir));
    await context.exposeBinding(BINDING_NAME, (_source, channel: unknown, input: unknown) => forwardCall(client, channel, input));
    await context.addInitScript({ content: BRIDGE_INIT_SCRIPT });
    await context.addInitScript({ content: READY_PROBE });
    const page: Page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    const blank = url.endsWith(BLANK_PATH);
    const handle = await page.waitForFunction(
      (isBlank) => {
        const probe = window as { __benchReadyAt?: number; __benchLiveAt?: number };
        if (probe.__benchReadyAt === undefined || (!isBlank && probe.__benchLiveAt === undefined)) return null;
        return { ready: probe.__benchReadyAt, live: probe.__benchLiveAt };
      },
      blank,
      { polling: 50, timeout: 30_000 },
    );
    return (await handle.jsonValue()) as Load;
  } finally {
    await context.close();
  }
}

/** The median of LOADS cold loads: one slow load on a shared machine should not decide a round. */
function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function medianOf(load: () => Promise<Load>, lives?: number[]): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    const { ready, live } = await load();
    times.push(ready);
    if (live !== undefined) lives?.push(live);
  }
  return median(times);
}

export async function benchStartup(): Promise<Figure[]> {
  const root = mkdtempSync(join(tmpdir(), 'counsel-bench-startup-'));
  // BENCH_STARTUP_RENDERER_DIR: time an already built renderer instead (e.g. an older build, to compare).
  const prebuilt = process.env.BENCH_STARTUP_RENDERER_DIR;
  const rendererDir = prebuilt ?? mkdtempSync(join(tmpdir(), 'counsel-bench-renderer-'));
  // The data folder is the temporary folder itself, as the e2e fixtures do.
  const client = new CoreClient({ dataDir: root });
  let browser: Browser | null = null;
  try {
    if (!prebuilt) await buildRendererInto(rendererDir);
    await client.ready;
    const setup = await client.invoke('setup.initialize', {
      schoolName: 'Bench School',
      admin: { username: 'bench', displayName: 'Bench', password: 'bench password 1' },
    });
    if (!setup.ok) throw new Error(`setup failed: ${JSON.stringify(setup.error)}`);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    const b = browser;
    const lockScreen = () => loadOnce(b, client, rendererDir, APP_URL);
    const blank = () => loadOnce(b, client, rendererDir, `${APP_ORIGIN}${BLANK_PATH}`);
    // One of each first, untimed: the browser's own first tab costs more than any later one.
    await lockScreen();
    await blank();
    const lives: number[] = [];
    const pair = await alternate(
      () => medianOf(lockScreen, lives),
      () => medianOf(blank),
    );
    const sizes = scriptSizes(rendererDir);
    return [
      pair.figure(
        `start-up: navigation to lock screen usable (password field shown and enabled) vs to blank page loaded, same origin, browser's clock; cache cold (new browser context per load), median of ${LOADS} loads per round`,
        2,
      ),
      {
        figure: `start-up: navigation to lock screen live (React has taken the password field over), median of ${lives.length} cold loads (information)`,
        value: median(lives),
        unit: 'ms',
      },
      {
        figure: `start-up script (index.html's script, preloads, styles: ${sizes.initialFiles} of ${sizes.totalFiles} files), KiB of ${Math.round(sizes.totalKiB)} KiB built (information)`,
        value: sizes.initialKiB,
        unit: 'KiB',
      },
    ];
  } finally {
    await browser?.close().catch(() => undefined);
    await client.close().catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
    if (!prebuilt) rmSync(rendererDir, { recursive: true, force: true });
  }
}
