import { defaultDataDir } from '../core/store/default-data-dir';
import { isAllowedDownload, safeDownloadName } from '../electron/guards';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Frame, type Page, type Route } from 'playwright-core';
import { isChannelName, isEventName, type CallResult } from '../../src-shared/contract';
import { CONTENT_SECURITY_POLICY } from '../../src-shared/csp';
import { CoreClient } from '../core/worker/core-client';

/**
 * The browser shell: the core in a worker, the built renderer in Chromium. There is no network
 * listener at all: the app lives at a made-up origin whose requests are answered from
 * `out/renderer` by `context.route`; every other request is aborted.
 */
export const APP_ORIGIN = 'https://counsel.invalid';
export const APP_URL = `${APP_ORIGIN}/`;
export const BINDING_NAME = '__counselInvoke';
export const DISPATCH_NAME = '__counselDispatch';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const RENDERER_DIR = join(REPO_ROOT, 'out', 'renderer');
const RENDERER_CONFIG = join(REPO_ROOT, 'vite.renderer.config.ts');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** The answer to a call from anywhere but the app's own main frame (the same as Electron's sender check). */
export const UNTRUSTED_SENDER: CallResult<never> = { ok: false, error: { code: 'FORBIDDEN', details: { reason: 'untrustedSender' } } };
const UNKNOWN_CHANNEL: CallResult<never> = { ok: false, error: { code: 'NOT_FOUND', details: { reason: 'unknownChannel' } } };

/**
 * What the page's binding does with a trusted call: only declared channels reach the worker, and the
 * core decides the rest in the same order for every host (permission before the input's shape).
 */
export function forwardCall(client: Pick<CoreClient, 'invoke'>, channel: unknown, input: unknown): Promise<CallResult<unknown>> {
  if (!isChannelName(channel)) return Promise.resolve(UNKNOWN_CHANNEL);
  return client.invoke(channel, input ?? {});
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Runs in every frame before any page script: `window.counsel` (frozen, not replaceable) and the
 * event dispatcher the shell pushes events into. Plain JS text, so no bundler helper can leak in.
 */
export const BRIDGE_INIT_SCRIPT = `(() => {
  if (Object.prototype.hasOwnProperty.call(window, 'counsel')) return;
  const bindingName = ${JSON.stringify(BINDING_NAME)};
  const captured = typeof window[bindingName] === 'function' ? window[bindingName] : null;
  const listeners = new Map();
  const invoke = (channel, input) => {
    const binding = captured || window[bindingName];
    if (typeof binding !== 'function') {
      return Promise.resolve({ ok: false, error: { code: 'INTERNAL', details: { reason: 'noBridge' } } });
    }
    return Promise.resolve(binding(String(channel), input === undefined ? {} : input));
  };
  const on = (event, listener) => {
    if (typeof listener !== 'function') return () => {};
    const name = String(event);
    if (!listeners.has(name)) listeners.set(name, new Set());
    listeners.get(name).add(listener);
    return () => { const set = listeners.get(name); if (set) set.delete(listener); };
  };
  const dispatch = (event, payload) => {
    const set = listeners.get(String(event));
    if (!set) return;
    for (const listener of Array.from(set)) {
      try { listener(payload); } catch (error) { setTimeout(() => { throw error; }); }
    }
  };
  Object.defineProperty(window, ${JSON.stringify(DISPATCH_NAME)}, { value: dispatch, enumerable: false, writable: false, configurable: false });
  Object.defineProperty(window, 'counsel', {
    value: Object.freeze({ host: 'browser-shell', invoke, on }),
    enumerable: true,
    writable: false,
    configurable: false,
  });
  // New windows are never opened (the shell also closes any popup that gets through).
  Object.defineProperty(window, 'open', { value: () => null, writable: false, configurable: false });
})();`;

export interface BrowserShellOptions {
  dataDir: string;
  /** Default: headless unless a display is available (`DISPLAY` / `WAYLAND_DISPLAY`). */
  headless?: boolean;
  /** Build the renderer first (default true); without it `out/renderer` must exist. */
  build?: boolean;
  /** Default: `CHROMIUM_PATH`, else /usr/bin/chromium. */
  executablePath?: string;
  /** A Chromium profile folder to keep localStorage (the language) between runs; none by default. */
  profileDir?: string;
  /** Default 1366x768 when headless; the window size when headed. */
  viewport?: { width: number; height: number } | null;
  /** Where files the app exports are saved (default: ~/Downloads). */
  downloadsDir?: string;
  /** Where the shell reports what it does (default: nothing). */
  log?: (line: string) => void;
  /** End-to-end tests only: the core's clock can be moved with `client.advanceClock(ms)`. */
  testClock?: boolean;
  /** Ask the page for reduced motion (no animations), as a person's system setting would. */
  reducedMotion?: boolean;
}

export interface BrowserShell {
  /** Null only with `profileDir` (a persistent context has no separate browser object). */
  browser: Browser | null;
  context: BrowserContext;
  page: Page;
  client: CoreClient;
  close(): Promise<void>;
}

/** Where the shell keeps its Chromium profile (only localStorage matters: the language). Never inside the data folder. */
export function defaultProfileDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'counsel-workstation', 'browser-shell-profile');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'counsel-workstation', 'browser-shell-profile');
  return join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'counsel-workstation', 'browser-shell-profile');
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when `out/renderer` was built after the last change to the renderer or the shared contract. */
export function rendererIsFresh(outDir: string = RENDERER_DIR): boolean {
  const index = join(outDir, 'index.html');
  if (!existsSync(index)) return false;
  const built = statSync(index).mtimeMs;
  const sources = Math.max(newestMtime(join(REPO_ROOT, 'src-renderer')), newestMtime(join(REPO_ROOT, 'src-shared')), newestMtime(RENDERER_CONFIG));
  return built >= sources;
}

/** `vite build --config vite.renderer.config.ts`, programmatically. */
export async function buildRenderer(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: RENDERER_CONFIG, logLevel: 'warn' });
}

/** The file under `root` that a request path names, or null (outside the folder, or missing). */
export function resolveAsset(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = normalize(join(root, relative));
  if (!file.startsWith(normalize(root) + sep)) return null;
  if (!existsSync(file) || !statSync(file).isFile()) return null;
  return file;
}

async function serve(route: Route, rendererDir: string): Promise<void> {
  const request = route.request();
  let url: URL;
  try {
    url = new URL(request.url());
  } catch {
    return route.abort('blockedbyclient');
  }
  const appNavigation = url.origin === APP_ORIGIN && (url.pathname === '/' || url.pathname === '/index.html');
  if (request.isNavigationRequest() && (!appNavigation || request.method() !== 'GET')) {
    // Navigating away is denied. An aborted navigation would replace the app with an error page,
    // so the answer is "204 No Content", on which Chromium stays where it is.
    return route.fulfill({ status: 204, body: '' });
  }
  if (url.origin !== APP_ORIGIN || request.method() !== 'GET') return route.abort('blockedbyclient');
  const file = resolveAsset(rendererDir, url.pathname);
  const common = {
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
  if (!file) return route.fulfill({ status: 404, headers: { ...common, 'content-type': 'text/plain; charset=utf-8' }, body: 'Not found' });
  const extension = extname(file).toLowerCase();
  const headers: Record<string, string> = { ...common, 'content-type': CONTENT_TYPES[extension] ?? 'application/octet-stream' };
  if (extension === '.html') {
    headers['content-security-policy'] = CONTENT_SECURITY_POLICY;
    headers['x-frame-options'] = 'DENY';
  }
  return route.fulfill({ status: 200, headers, body: await readFile(file) });
}

/** Only the app page's main frame, at the app origin, may reach the core. */
export function isTrustedCaller(appPage: Page | null, source: { page: Page | null; frame: Frame }): boolean {
  if (!appPage || source.page !== appPage || source.frame !== appPage.mainFrame()) return false;
  try {
    return new URL(source.frame.url()).origin === APP_ORIGIN;
  } catch {
    return false;
  }
}

export async function startBrowserShell(options: BrowserShellOptions): Promise<BrowserShell> {
  const log = options.log ?? (() => undefined);
  const dataDir = resolve(options.dataDir);
  const headless = options.headless ?? !(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  const rendererDir = RENDERER_DIR;

  if (options.build ?? true) {
    log('building the renderer…');
    await buildRenderer();
  }
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${rendererDir}); run without --no-build or \`npm run build:renderer\`.`);
  }

  const client = new CoreClient({ dataDir, ...(options.testClock && { testClock: true }) });
  let browser: Browser | null = null;
  let context: BrowserContext | undefined;
  try {
    await client.ready;
    const launch = {
      executablePath: options.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless,
      args: [...CHROMIUM_ARGS, ...(headless ? [] : ['--window-size=1366,800'])],
    };
    const contextOptions = {
      viewport: options.viewport !== undefined ? options.viewport : headless ? { width: 1366, height: 768 } : null,
      locale: 'zh-CN',
      serviceWorkers: 'block' as const,
      // Exports the page builds (blob URLs) are saved by the download handler below.
      acceptDownloads: true,
      bypassCSP: false,
      ...(options.reducedMotion && { reducedMotion: 'reduce' as const }),
    };
    if (options.profileDir) {
      context = await chromium.launchPersistentContext(options.profileDir, { ...launch, ...contextOptions });
      browser = context.browser();
    } else {
      browser = await chromium.launch(launch);
      context = await browser.newContext(contextOptions);
    }
    const ctx = context;

    let appPage: Page | null = null;
    await ctx.route('**/*', (route) => serve(route, rendererDir));
    await ctx.exposeBinding(BINDING_NAME, async (source, channel: unknown, input: unknown) => {
      if (!isTrustedCaller(appPage, source)) {
        log(`refused a call from ${source.frame.url() || 'an unknown frame'}`);
        return UNTRUSTED_SENDER;
      }
      return forwardCall(client, channel, input);
    });
    await ctx.addInitScript({ content: BRIDGE_INIT_SCRIPT });

    const page = ctx.pages()[0] ?? (await ctx.newPage());
    appPage = page;
    // Popups (window.open, target=_blank) are closed at once; navigation elsewhere is aborted by the route.
    const downloadsDir = options.downloadsDir ?? join(homedir(), 'Downloads');
    page.on('download', (download) => {
      if (!isAllowedDownload(download.url(), (url) => url.startsWith(`${APP_ORIGIN}/`))) {
        void download.cancel().catch(() => undefined);
        return;
      }
      const target = join(downloadsDir, safeDownloadName(download.suggestedFilename()));
      mkdirSync(downloadsDir, { recursive: true });
      download
        .saveAs(target)
        .then(() => log(`saved ${target}`))
        .catch(() => log(`could not save ${target}`));
    });
    page.on('popup', (popup) => {
      log(`closed a popup (${popup.url()})`);
      void popup.close().catch(() => undefined);
    });

    const unsubscribe = client.on((name, payload) => {
      if (!isEventName(name) || page.isClosed()) return;
      const script = `window.${DISPATCH_NAME} && window.${DISPATCH_NAME}(${JSON.stringify(name)}, ${JSON.stringify(payload ?? null)})`;
      page
        .mainFrame()
        .evaluate(script)
        .catch(() => undefined);
    });

    await page.goto(APP_URL);

    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      unsubscribe();
      await ctx.close().catch(() => undefined);
      await browser?.close().catch(() => undefined);
      await client.close();
    };
    return { browser, context: ctx, page, client, close };
  } catch (error) {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await client.close().catch(() => undefined);
    throw error;
  }
}

export { defaultDataDir };
