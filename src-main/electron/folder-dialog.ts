import { dialog, ipcMain, type BrowserWindow, type OpenDialogOptions } from 'electron';
import { folderDialogOptions } from './bridge';
import { isTrustedSender } from './guards';
import { senderInfo } from './ipc';
import { IPC_CHOOSE_FOLDER } from './ipc-names';

/** The dialog's settings: one existing (or newly made) folder, never files. */
export function folderDialogSettings(options: unknown): OpenDialogOptions {
  const { title, defaultPath } = folderDialogOptions(options);
  return { properties: ['openDirectory', 'createDirectory', 'dontAddToRecent'], ...(title && { title }), ...(defaultPath && { defaultPath }) };
}

/** The chosen folder, or null (cancelled, nothing chosen). */
export function chosenFolder(result: { canceled: boolean; filePaths: string[] }): string | null {
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/**
 * `counsel:chooseFolder`: the operating system's folder dialog over our window, for the backup and
 * export folders. Only our page's main frame may open it; it answers a path, which the core then
 * checks like a typed one. Returns a function that removes the handler.
 */
export function registerFolderDialog(getWindow: () => BrowserWindow | null): () => void {
  ipcMain.handle(IPC_CHOOSE_FOLDER, async (event, options: unknown) => {
    const win = getWindow();
    const sender = senderInfo(event, win);
    if (!win || !isTrustedSender(sender.url, sender.isMainFrame)) return null;
    return chosenFolder(await dialog.showOpenDialog(win, folderDialogSettings(options)));
  });
  return () => ipcMain.removeHandler(IPC_CHOOSE_FOLDER);
}
