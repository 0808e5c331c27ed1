import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../../src-shared/contract';

/**
 * The desktop app's folder dialog (issue 16: folders are chosen with a picker): the preload bridge
 * offers `chooseFolder` only when given its channel, sends only short strings, and answers a path
 * or null; the main process opens the dialog only for our page's main frame.
 */
const electron = vi.hoisted(() => ({
  handlers: new Map<string, (...args: unknown[]) => unknown>(),
  showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: false, filePaths: ['/media/usb/备份'] })),
}));

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (...args: unknown[]) => unknown) => electron.handlers.set(channel, handler),
    removeHandler: (channel: string) => electron.handlers.delete(channel),
  },
  dialog: { showOpenDialog: electron.showOpenDialog },
}));

const { createBridge } = await import('../../../src-main/electron/bridge');
const { IPC_CHOOSE_FOLDER, IPC_EVENT, IPC_INVOKE } = await import('../../../src-main/electron/ipc-names');
const { chosenFolder, folderDialogSettings, registerFolderDialog } = await import('../../../src-main/electron/folder-dialog');

const names = { channels: CHANNEL_NAMES, events: EVENT_NAMES, invokeChannel: IPC_INVOKE, eventChannel: IPC_EVENT };

function ipcAnswering(answer: () => Promise<unknown>) {
  return { invoke: vi.fn((_channel: string, ..._args: unknown[]) => answer()), on: vi.fn() };
}

describe('preload: chooseFolder', () => {
  it('is there only when the preload gives it the channel', () => {
    expect(
      'chooseFolder' in
        createBridge(
          ipcAnswering(async () => null),
          names,
        ),
    ).toBe(false);
    const bridge = createBridge(
      ipcAnswering(async () => null),
      { ...names, chooseFolderChannel: IPC_CHOOSE_FOLDER },
    );
    expect(Object.keys(bridge).sort()).toEqual(['chooseFolder', 'host', 'invoke', 'on']);
  });

  it('sends only a short title and start folder, and answers a path or null', async () => {
    const ipc = ipcAnswering(async () => '/media/usb/备份');
    const bridge = createBridge(ipc, { ...names, chooseFolderChannel: IPC_CHOOSE_FOLDER });
    expect(await bridge.chooseFolder!({ title: '备份到文件夹', defaultPath: '/media', extra: 'x' } as never)).toBe('/media/usb/备份');
    expect(ipc.invoke).toHaveBeenCalledWith(IPC_CHOOSE_FOLDER, { title: '备份到文件夹', defaultPath: '/media' });
    await bridge.chooseFolder!({ title: 'x'.repeat(500), defaultPath: 42 } as never);
    expect(ipc.invoke).toHaveBeenLastCalledWith(IPC_CHOOSE_FOLDER, {});

    for (const answer of [null, '', 17, { path: '/x' }]) {
      const other = createBridge(
        ipcAnswering(async () => answer),
        { ...names, chooseFolderChannel: IPC_CHOOSE_FOLDER },
      );
      expect(await other.chooseFolder!()).toBeNull();
    }
    const failing = createBridge(
      ipcAnswering(async () => Promise.reject(new Error('no handler'))),
      { ...names, chooseFolderChannel: IPC_CHOOSE_FOLDER },
    );
    expect(await failing.chooseFolder!()).toBeNull();
  });
});

describe('main: the folder dialog', () => {
  beforeEach(() => {
    electron.handlers.clear();
    electron.showOpenDialog.mockClear();
  });

  const frame = (url: string, id: number, parent: unknown = null) => ({ url, parent, frameTreeNodeId: id, processId: 7, routingId: id });
  function fakeWindow() {
    const mainFrame = frame('app://counsel/index.html', 1);
    return { webContents: { mainFrame, isDestroyed: () => false }, isDestroyed: () => false };
  }

  it('asks for one folder (never files) and answers its path, or null when cancelled', () => {
    expect(folderDialogSettings({ title: '自动备份文件夹' })).toEqual({
      properties: ['openDirectory', 'createDirectory', 'dontAddToRecent'],
      title: '自动备份文件夹',
    });
    expect(chosenFolder({ canceled: true, filePaths: ['/x'] })).toBeNull();
    expect(chosenFolder({ canceled: false, filePaths: [] })).toBeNull();
    expect(chosenFolder({ canceled: false, filePaths: ['/x'] })).toBe('/x');
  });

  it('opens the dialog over our window for the main frame of our page only', async () => {
    const win = fakeWindow();
    registerFolderDialog(() => win as never);
    const handler = electron.handlers.get(IPC_CHOOSE_FOLDER)!;
    expect(await handler({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, { title: 't' })).toBe('/media/usb/备份');
    expect(electron.showOpenDialog).toHaveBeenCalledWith(win, expect.objectContaining({ properties: expect.arrayContaining(['openDirectory']) }));

    electron.showOpenDialog.mockClear();
    const sub = frame('app://counsel/index.html', 2, win.webContents.mainFrame);
    expect(await handler({ sender: win.webContents, senderFrame: sub }, {})).toBeNull();
    const foreign = frame('https://example.invalid/', 1);
    expect(await handler({ sender: win.webContents, senderFrame: foreign }, {})).toBeNull();
    expect(electron.showOpenDialog).not.toHaveBeenCalled();
  });
});
