import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { isEventName } from '../../src-shared/contract';
import type { CoreClient } from '../core/worker/core-client';
import { handleInvoke, type SenderInfo } from './guards';
import { IPC_EVENT, IPC_INVOKE } from './ipc-names';

/**
 * The one IPC handler (`counsel:invoke`) and the event pipe (`counsel:event`). The decisions are
 * in guards.ts; this file only reads the sender off Electron's event and wires the client.
 * Returns a function that removes both.
 */
export function registerIpc(client: CoreClient, getWindow: () => BrowserWindow | null): () => void {
  ipcMain.handle(IPC_INVOKE, (event, channel: unknown, input: unknown) => handleInvoke(client, senderInfo(event, getWindow()), channel, input));
  const unsubscribe = client.on((name, payload) => {
    if (!isEventName(name)) return;
    const win = getWindow();
    if (win && !win.isDestroyed() && !win.webContents.isDestroyed()) win.webContents.send(IPC_EVENT, name, payload);
  });
  return () => {
    ipcMain.removeHandler(IPC_INVOKE);
    unsubscribe();
  };
}

export function senderInfo(event: IpcMainInvokeEvent, win: BrowserWindow | null): SenderInfo {
  const frame = event.senderFrame;
  if (!frame || !win || win.isDestroyed()) return { url: undefined, isMainFrame: false };
  const contents = win.webContents;
  const main = contents.mainFrame;
  const isMainFrame =
    event.sender === contents &&
    frame.parent === null &&
    frame.frameTreeNodeId === main.frameTreeNodeId &&
    frame.processId === main.processId &&
    frame.routingId === main.routingId;
  return { url: frame.url, isMainFrame };
}
