import { join } from 'node:path';
import { app, BrowserWindow, type Session, type WebContents } from 'electron';
import { APP_ENTRY_URL, isAllowedDownload, isAllowedNavigation, isAllowedRequest, safeDownloadName } from './guards';

export interface MainWindowOptions {
  session: Session;
  preloadPath: string;
  title: string;
  /** DevTools are available only outside production builds. */
  devTools: boolean;
}

/** The one application window: sandboxed, isolated, no Node, loading only app://counsel. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    title: options.title,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      session: options.session,
      // electronegativity: PRELOAD_JS_CHECK — the preload (preload.ts) runs sandboxed and exposes only
      // window.counsel = { host, invoke, on } through contextBridge: invoke takes declared channel names
      // only (bridge.ts), main re-checks sender, channel and input (guards.ts handleInvoke), and listeners
      // get event payloads, never the IpcRendererEvent. Tested in tests/unit/electron/bridge.test.ts.
      preload: options.preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      // A middle click on a link would ask for a new window; guardWebContents (below) already denies
      // every new window (setWindowOpenHandler) and every navigation away from app://counsel, and
      // this turns the auxclick event off as well (electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
      devTools: options.devTools,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.loadURL(APP_ENTRY_URL).catch((error: unknown) => console.error('[main] could not load the app page:', error));
  return win;
}

/** Session-wide rules: no permission is ever granted, and nothing but the app's own files loads. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url) }));
  // Exports the page builds itself (blob/data URLs from the app) go through a save dialog, so the
  // person decides where records land; any other download is cancelled.
  session.on('will-download', (event, item) => {
    if (!isAllowedDownload(item.getURL())) {
      event.preventDefault();
      return;
    }
    item.setSaveDialogOptions({ defaultPath: join(app.getPath('downloads'), safeDownloadName(item.getFilename())) });
  });
}

/**
 * For every web contents the app ever creates: no navigation or redirect away from the app,
 * no new windows, no <webview>. Installed once, before any window exists.
 */
export function guardAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
}

function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
