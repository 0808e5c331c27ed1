import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY, LANGUAGE_BOOT_SCRIPT, LANGUAGE_BOOT_SCRIPT_HASH } from '../../../src-shared/csp';

/**
 * The Electron security checklist, point by point, against the code that sets it up (window.ts,
 * csp.ts, main.ts) with a stand-in `electron` module. The other points are tested elsewhere:
 * IPC from an unexpected frame is refused (glue.test.ts "refuses subframes…", guards.test.ts
 * isTrustedSender/handleInvoke, e2e security.spec.ts), the preload exposes only host/invoke/on
 * (bridge.test.ts), app:// serves nothing outside the renderer folder (glue.test.ts, guards.test.ts).
 */
const electron = vi.hoisted(() => ({
  windows: [] as { options: Record<string, any>; loaded: string[] }[],
  appHandlers: new Map<string, (...args: any[]) => void>(),
}));

vi.mock('electron', () => ({
  BrowserWindow: class {
    loaded: string[] = [];
    constructor(public options: Record<string, any>) {
      electron.windows.push(this);
    }
    once() {}
    show() {}
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
  },
  app: {
    on: (event: string, handler: (...args: any[]) => void) => electron.appHandlers.set(event, handler),
    getPath: () => '/tmp/downloads',
  },
}));

const { createMainWindow, guardAllWebContents, hardenSession } = await import('../../../src-main/electron/window');
const { APP_ENTRY_URL } = await import('../../../src-main/electron/guards');

const ROOT = join(__dirname, '..', '..', '..');

function fakeSession() {
  const handlers: Record<string, (...args: any[]) => any> = {};
  return {
    handlers,
    setPermissionRequestHandler: (h: any) => (handlers.permissionRequest = h),
    setPermissionCheckHandler: (h: any) => (handlers.permissionCheck = h),
    setDevicePermissionHandler: (h: any) => (handlers.devicePermission = h),
    webRequest: { onBeforeRequest: (h: any) => (handlers.beforeRequest = h) },
    on: (event: string, h: any) => (handlers[event] = h),
  };
}

const PERMISSIONS = [
  'media',
  'geolocation',
  'notifications',
  'midi',
  'midiSysex',
  'pointerLock',
  'fullscreen',
  'openExternal',
  'clipboard-read',
  'clipboard-sanitized-write',
  'display-capture',
  'mediaKeySystem',
  'window-management',
  'idle-detection',
  'hid',
  'serial',
  'usb',
  'keyboardLock',
  'fileSystem',
  'unknown',
];

describe('BrowserWindow options (window.ts createMainWindow)', () => {
  beforeEach(() => (electron.windows.length = 0));

  function build(devTools = false) {
    const session = fakeSession();
    createMainWindow({ session: session as never, preloadPath: '/app/out/preload/index.cjs', title: 't', devTools });
    expect(electron.windows).toHaveLength(1);
    return { window: electron.windows[0], session };
  }

  it('isolates and sandboxes the page, with no Node anywhere', () => {
    const prefs = build().window.options.webPreferences;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and every risky feature off', () => {
    const prefs = build().window.options.webPreferences;
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs.experimentalFeatures).not.toBe(true);
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(String(prefs.disableBlinkFeatures)).toContain('Auxclick');
    expect(prefs).not.toHaveProperty('enableRemoteModule');
  });

  it('uses the given session and preload, DevTools only when asked, and loads only the app entry', () => {
    const { window, session } = build(false);
    expect(window.options.webPreferences.session).toBe(session);
    expect(window.options.webPreferences.preload).toBe('/app/out/preload/index.cjs');
    expect(window.options.webPreferences.devTools).toBe(false);
    expect(window.loaded).toEqual([APP_ENTRY_URL]);
    electron.windows.length = 0;
    expect(build(true).window.options.webPreferences.devTools).toBe(true);
  });
});

describe('session rules (window.ts hardenSession)', () => {
  it('denies every permission request, check and device request', () => {
    const session = fakeSession();
    hardenSession(session as never);
    for (const permission of PERMISSIONS) {
      const callback = vi.fn();
      session.handlers.permissionRequest({}, permission, callback, { requestingUrl: 'app://counsel/index.html' });
      expect(callback, permission).toHaveBeenCalledExactlyOnceWith(false);
      expect(session.handlers.permissionCheck({}, permission, 'app://counsel', {}), permission).toBe(false);
    }
    expect(session.handlers.devicePermission({ deviceType: 'usb', origin: 'app://counsel' })).toBe(false);
  });

  it('cancels every request that is not the app, data: or blob:', () => {
    const session = fakeSession();
    hardenSession(session as never);
    const cancelled = (url: string) => {
      const callback = vi.fn();
      session.handlers.beforeRequest({ url }, callback);
      return callback.mock.calls[0][0].cancel;
    };
    for (const url of ['https://example.com/x.js', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'ws://example.com/', 'app://other/index.html']) {
      expect(cancelled(url), url).toBe(true);
    }
    expect(cancelled('app://counsel/assets/index.js')).toBe(false);
  });

  it('cancels downloads the page did not build itself', () => {
    const session = fakeSession();
    hardenSession(session as never);
    const event = { preventDefault: vi.fn() };
    const item = { getURL: () => 'https://example.com/file.exe', getFilename: () => 'file.exe', setSaveDialogOptions: vi.fn() };
    session.handlers['will-download'](event, item);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(item.setSaveDialogOptions).not.toHaveBeenCalled();
  });
});

describe('navigation and new windows (window.ts guardAllWebContents)', () => {
  function guardedContents() {
    electron.appHandlers.clear();
    guardAllWebContents();
    const created = electron.appHandlers.get('web-contents-created');
    expect(created).toBeTypeOf('function');
    const listeners = new Map<string, (...args: any[]) => void>();
    let openHandler: ((details: { url: string }) => { action: string }) | null = null;
    const contents = {
      on: (event: string, listener: (...args: any[]) => void) => listeners.set(event, listener),
      setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
    };
    created!({}, contents);
    return { listeners, open: (url: string) => openHandler!({ url }) };
  }

  it('prevents navigations, frame navigations and redirects away from app://counsel', () => {
    const { listeners } = guardedContents();
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const listener = listeners.get(name);
      expect(listener, name).toBeTypeOf('function');
      for (const url of ['https://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,<b>x</b>', 'app://counsel.evil/']) {
        const event = { url, preventDefault: vi.fn() };
        listener!(event);
        expect(event.preventDefault, `${name} ${url}`).toHaveBeenCalled();
      }
      const inside = { url: 'app://counsel/index.html#/students', preventDefault: vi.fn() };
      listener!(inside);
      expect(inside.preventDefault).not.toHaveBeenCalled();
    }
  });

  it('denies every new window (window.open, target=_blank, middle click) and every <webview>', () => {
    const { listeners, open } = guardedContents();
    for (const url of ['https://example.com/', 'app://counsel/index.html', 'about:blank', '']) {
      expect(open(url), url).toEqual({ action: 'deny' });
    }
    const attach = { preventDefault: vi.fn() };
    listeners.get('will-attach-webview')!(attach, {}, {});
    expect(attach.preventDefault).toHaveBeenCalled();
  });
});

describe('main.ts wiring', () => {
  const main = readFileSync(join(ROOT, 'src-main/electron/main.ts'), 'utf8');

  it('sandboxes every renderer and installs the guards and session rules before the window exists', () => {
    const at = (text: string) => {
      const index = main.indexOf(text);
      expect(index, text).toBeGreaterThanOrEqual(0);
      return index;
    };
    const window = at('createMainWindow({');
    expect(at('app.enableSandbox()')).toBeLessThan(window);
    expect(at('guardAllWebContents()')).toBeLessThan(window);
    expect(at('hardenSession(ses)')).toBeLessThan(window);
    expect(at('handleAppProtocol(ses,')).toBeLessThan(window);
    // The window is built in exactly one place, the hardened one.
    const sources = sourceFiles(join(ROOT, 'src-main'));
    const constructors = sources.filter((file) => /new\s+BrowserWindow\s*\(/.test(readFileSync(file, 'utf8')));
    expect(constructors.map((file) => relative(ROOT, file).replace(/\\/g, '/'))).toEqual(['src-main/electron/window.ts']);
  });
});

describe('Content-Security-Policy (src-shared/csp.ts)', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name, sources] as const),
  );

  it('falls back to the app itself and allows no script but its own files and the one inline script of index.html, by its hash', () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'", LANGUAGE_BOOT_SCRIPT_HASH]);
    // The hash is that of the script's text: another text (or a changed one) does not run.
    expect(LANGUAGE_BOOT_SCRIPT_HASH).toBe(`'sha256-${createHash('sha256').update(LANGUAGE_BOOT_SCRIPT, 'utf8').digest('base64')}'`);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
  });

  it('has no unsafe-eval anywhere, and unsafe-inline only for styles (antd CSS-in-JS)', () => {
    for (const [name, sources] of directives) {
      expect(sources, name).not.toContain("'unsafe-eval'");
      expect(sources, name).not.toContain("'wasm-unsafe-eval'");
      expect(sources, name).not.toContain("'unsafe-hashes'");
      if (name !== 'style-src') expect(sources, name).not.toContain("'unsafe-inline'");
    }
    expect(directives.has('script-src-elem')).toBe(false);
    expect(directives.has('script-src-attr')).toBe(false);
  });

  it('names no remote origin and no wildcard', () => {
    const allowed = new Set(["'self'", "'none'", "'unsafe-inline'", 'data:', 'blob:', LANGUAGE_BOOT_SCRIPT_HASH]);
    for (const [name, sources] of directives) {
      for (const source of sources) expect(allowed.has(source), `${name} ${source}`).toBe(true);
    }
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|wss?:|\*/);
  });
});

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else if (/\.(ts|tsx|mts|cts|js|mjs)$/.test(name)) files.push(path);
  }
  return files;
}

describe('shell.openExternal and friends', () => {
  /**
   * Opening a URL or file with the system (shell.openExternal / openPath / showItemInFolder) would
   * take untrusted text out of the sandbox. The app never does; if one is ever needed, it goes in
   * one helper that validates its input, listed here with the reason.
   */
  const ALLOWED: Record<string, string> = {};

  it('is never called outside an allow-listed, validated helper', () => {
    const offenders: string[] = [];
    for (const root of ['src-main', 'src-renderer', 'src-shared']) {
      for (const file of sourceFiles(join(ROOT, root))) {
        const rel = relative(ROOT, file).replace(/\\/g, '/');
        if (ALLOWED[rel]) continue;
        const text = readFileSync(file, 'utf8');
        if (/\b(openExternal|openPath|showItemInFolder)\b/.test(text)) offenders.push(rel);
        if (/import\s*\{[^}]*\bshell\b[^}]*\}\s*from\s*['"]electron['"]/.test(text)) offenders.push(`${rel} (imports shell)`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
