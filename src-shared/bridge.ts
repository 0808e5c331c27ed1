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
}

declare global {
  interface Window {
    counsel: CounselBridge;
  }
}
