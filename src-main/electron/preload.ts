import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../src-shared/contract/channels';
import { createBridge } from './bridge';
import { IPC_CHOOSE_FOLDER, IPC_EVENT, IPC_INVOKE } from './ipc-names';

/**
 * Sandboxed preload, bundled into one CommonJS file (out/preload/index.cjs): the only thing it
 * gives the page is `window.counsel` = { host, invoke, on, chooseFolder }.
 */
contextBridge.exposeInMainWorld(
  'counsel',
  createBridge(ipcRenderer, {
    channels: CHANNEL_NAMES,
    events: EVENT_NAMES,
    invokeChannel: IPC_INVOKE,
    eventChannel: IPC_EVENT,
    chooseFolderChannel: IPC_CHOOSE_FOLDER,
  }),
);
