import { app, BrowserWindow, dialog, Menu, powerMonitor, session } from 'electron';
import { CoreClient } from '../core/worker/core-client';
import { registerIpc } from './ipc';
import { registerFolderDialog } from './folder-dialog';
import { crisisNotificationText, startElectronCrisisNotifier } from './crisis-notifier';
import { aboutText, menuLocale, menuTemplate, startFailureText } from './menu';
import { defaultDataDir } from '../core/store/default-data-dir';
import { appPaths, dataDirFrom } from './paths';
import { handleAppProtocol, registerAppScheme } from './protocol';
import { createMainWindow, guardAllWebContents, hardenSession } from './window';

/**
 * Electron main: thin glue. The core (database, keys, sessions) runs in a worker thread; this
 * process owns the window, the app:// protocol, the menu and the IPC gate.
 */
const PRODUCT_NAME = '心理辅导与危机干预工作台';
/** In-memory partition: no cache, storage or cookies of the renderer are written to disk. */
const PARTITION = 'counsel';
const SHUTDOWN_TIMEOUT_MS = 5_000;
const EXPORT_ON_CLOSE_TIMEOUT_MS = 60_000;

const paths = appPaths(import.meta.url);
const production = app.isPackaged;
const locale = menuLocale(process.env.COUNSEL_LOCALE);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start();
}

function start(): void {
  registerAppScheme();
  app.enableSandbox();
  guardAllWebContents();

  // The same folder the CLI and the browser shell use by default, so all three find one store.
  const dataDir = dataDirFrom(process.env, () => defaultDataDir({ ...process.env, COUNSEL_DATA_DIR: undefined }));
  const client = new CoreClient({ dataDir, version: app.getVersion() }, paths.workerFile);
  let win: BrowserWindow | null = null;
  let shuttingDown = false;

  const lock = () => client.lock();

  client.ready.catch((error: unknown) => {
    // Most often better-sqlite3 built for the wrong runtime: `node scripts/native.mjs electron`.
    console.error('[main] the core worker did not start:', error);
    const text = startFailureText(locale);
    void app.whenReady().then(() => dialog.showErrorBox(text.title, text.detail));
  });

  app.on('second-instance', () => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });

  app.on('window-all-closed', () => app.quit());

  app.on('before-quit', (event) => {
    if (shuttingDown) return;
    shuttingDown = true;
    event.preventDefault();
    // "Export on app close": the core decides whether the schedule asks for it (while still unlocked).
    const exportOnClose = new Promise((resolve) => setTimeout(resolve, EXPORT_ON_CLOSE_TIMEOUT_MS).unref());
    void Promise.race([client.invoke('sync.runScheduled', { trigger: 'onClose' }), exportOnClose]).finally(() => {
      lock();
      const timeout = new Promise((resolve) => setTimeout(resolve, SHUTDOWN_TIMEOUT_MS).unref());
      void Promise.race([client.close(), timeout]).finally(() => app.exit(0));
    });
  });

  void app.whenReady().then(() => {
    const ses = session.fromPartition(PARTITION);
    hardenSession(ses);
    handleAppProtocol(ses, paths.rendererDir);
    registerIpc(client, () => win);
    registerFolderDialog(() => win);
    // Overdue crisis steps also reach the person as a desktop notification (counts only, no names).
    void startElectronCrisisNotifier(client, (count) => crisisNotificationText(locale, count));

    powerMonitor.on('lock-screen', lock);
    powerMonitor.on('suspend', lock);

    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate(
          {
            lock,
            about: () => {
              const text = aboutText(locale, PRODUCT_NAME, app.getVersion());
              const options = { type: 'info' as const, ...text };
              void (win && !win.isDestroyed() ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
            },
          },
          { locale, production, mac: process.platform === 'darwin' },
        ),
      ),
    );

    win = createMainWindow({ session: ses, preloadPath: paths.preloadFile, title: PRODUCT_NAME, devTools: !production });
    win.on('closed', () => {
      win = null;
    });
  });
}
