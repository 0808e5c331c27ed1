import type { ChooseFolderOptions, CounselBridge } from '../../src-shared/bridge';
import type { CallResult, EventName } from '../../src-shared/contract';

/** The part of ipcRenderer the bridge needs; a fake in unit tests. */
export interface BridgeIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export interface BridgeNames {
  channels: readonly string[];
  events: readonly string[];
  invokeChannel: string;
  eventChannel: string;
  /** With it the bridge also offers `chooseFolder` (the desktop app's folder dialog). */
  chooseFolderChannel?: string;
}

/** Only short strings cross to the dialog; anything else is dropped. */
export function folderDialogOptions(options: unknown): ChooseFolderOptions {
  const given = typeof options === 'object' && options !== null ? (options as Record<string, unknown>) : {};
  const text = (value: unknown, max: number) => (typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined);
  const title = text(given.title, 200);
  const defaultPath = text(given.defaultPath, 1024);
  return { ...(title !== undefined && { title }), ...(defaultPath !== undefined && { defaultPath }) };
}

const refused = (reason: string): CallResult<never> => ({ ok: false, error: { code: 'NOT_FOUND', details: { reason } } });

/**
 * `window.counsel` for Electron: invoke only declared channels, listen only to declared events.
 * Listeners get the payload alone, never the IpcRendererEvent (which would expose `sender`).
 * One ipcRenderer listener fans out to every subscriber.
 */
export function createBridge(ipc: BridgeIpc, names: BridgeNames): CounselBridge {
  const channels = new Set(names.channels);
  const events = new Set(names.events);
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  ipc.on(names.eventChannel, (_event, name, payload) => {
    if (typeof name !== 'string') return;
    for (const listener of [...(listeners.get(name) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        console.error('[counsel] event listener failed:', error);
      }
    }
  });

  const chooseFolderChannel = names.chooseFolderChannel;
  const chooseFolder = chooseFolderChannel
    ? {
        chooseFolder(options?: ChooseFolderOptions): Promise<string | null> {
          return ipc
            .invoke(chooseFolderChannel, folderDialogOptions(options))
            .then((path) => (typeof path === 'string' && path.length > 0 ? path : null))
            .catch(() => null);
        },
      }
    : {};

  return {
    ...chooseFolder,
    host: 'electron',
    invoke(channel: string, input: unknown): Promise<CallResult<unknown>> {
      if (typeof channel !== 'string' || !channels.has(channel)) return Promise.resolve(refused('unknownChannel'));
      return ipc
        .invoke(names.invokeChannel, channel, input)
        .then((result) => result as CallResult<unknown>)
        .catch((): CallResult<unknown> => ({ ok: false, error: { code: 'INTERNAL', details: { reason: 'ipcFailed' } } }));
    },
    on(event: EventName, listener: (payload: unknown) => void): () => void {
      if (typeof event !== 'string' || !events.has(event)) throw new TypeError(`unknown event: ${String(event)}`);
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  };
}
