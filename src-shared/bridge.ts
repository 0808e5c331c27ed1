import type { CallResult, EventName } from './contract';

/**
 * What the renderer sees of the host, and nothing more: `window.counsel`. Electron's preload,
 * the browser shell's init script, and test doubles all provide exactly this.
 */
export interface CounselBridge {
  invoke(channel: string, input: unknown): Promise<CallResult<unknown>>;
  on(event: EventName, listener: (payload: unknown) => void): () => void;
  /** Which host the renderer runs in; the UI uses it for host-only affordances (banners, print). */
  host: 'electron' | 'browser-shell' | 'test';
  /**
   * The desktop app's folder dialog: the chosen folder's full path, or null when cancelled.
   * Only the Electron host has it; without it the UI keeps a typed path and hides its picker button.
   */
  chooseFolder?(options?: ChooseFolderOptions): Promise<string | null>;
}

export interface ChooseFolderOptions {
  /** The dialog's title (shown by the operating system). */
  title?: string;
  /** Where the dialog opens (e.g. the folder already typed in). */
  defaultPath?: string;
}

declare global {
  interface Window {
    counsel: CounselBridge;
  }
}
