import type { ChannelInput, ChannelName, ChannelOutput } from '../../src-shared/contract';
import type { CounselBridge } from '../../src-shared/bridge';
import { isLockLanguage, type LockLanguage } from './texts';

/**
 * What the lock screen needs of the host and of the stored language, without the contract's
 * schemas (zod) or the query library: the start-up script stays small (issue 19 goal 4). The
 * answers are the core's, already checked there; the main window's `api/client.ts` is the full one.
 */
export class LockCallError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(channel: string, code: string, details: Record<string, unknown> = {}) {
    super(`${channel}: ${code}`);
    this.name = 'LockCallError';
    this.code = code;
    this.details = details;
  }
}

/** One call through `window.counsel`: its output, or a LockCallError with the core's code and details. */
export async function invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const host = (globalThis as { counsel?: CounselBridge }).counsel;
  if (!host) throw new LockCallError(channel, 'INTERNAL', { reason: 'noBridge' });
  let result;
  try {
    result = await host.invoke(channel, input);
  } catch {
    throw new LockCallError(channel, 'INTERNAL', { reason: 'bridgeFailed' });
  }
  if (result && result.ok === true) return result.value as ChannelOutput<C>;
  const error = result && result.ok === false ? (result.error as { code?: unknown; details?: unknown } | undefined) : undefined;
  if (error && typeof error.code === 'string') {
    const details = error.details && typeof error.details === 'object' ? (error.details as Record<string, unknown>) : {};
    throw new LockCallError(channel, error.code, details);
  }
  throw new LockCallError(channel, 'INTERNAL', { reason: 'badEnvelope' });
}

/** The same key as i18n/index.ts's LANGUAGE_STORAGE_KEY (a unit test checks it). */
export const LANGUAGE_KEY = 'counsel.language';

/** The language chosen on this computer, 简体中文 unless English was picked. */
export function storedLockLanguage(): LockLanguage {
  try {
    const value = globalThis.localStorage?.getItem(LANGUAGE_KEY);
    return isLockLanguage(value) ? value : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** Keeps the choice (when storage allows) and marks the page's language for screen readers and fonts. */
export function rememberLockLanguage(language: LockLanguage): void {
  try {
    globalThis.localStorage?.setItem(LANGUAGE_KEY, language);
  } catch {
    // Storage can be unavailable (private mode); the choice then lasts for this window only.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}
