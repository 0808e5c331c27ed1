import type { CallResult } from '../../src-shared/contract';

/** How often main asks the core for overdue crisis steps of the signed-in person. */
export const CRISIS_POLL_MS = 60_000;

/**
 * Whether to notify: only when the overdue count went up since the last look (a new step ran
 * overdue, or someone signed in with overdue steps), never again for the same ones.
 */
export function shouldNotify(previous: number, current: number): boolean {
  return current > previous;
}

/** The overdue count from a `crisis.overdue` answer; a locked store or no permission counts as 0. */
export function overdueCount(result: CallResult<unknown>): number {
  if (!result.ok) return 0;
  const steps = (result.value as { steps?: unknown[] }).steps;
  return Array.isArray(steps) ? steps.length : 0;
}

export interface NotifierDeps {
  invoke(channel: string, input: unknown): Promise<CallResult<unknown>>;
  /** Shows the desktop notification (Electron's `new Notification({...}).show()` in main). */
  show(count: number): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/**
 * Polls the core through its client and shows a desktop notification when the overdue count goes
 * up. The texts stay generic (a count, no names): a notification can show on a locked screen.
 */
export function startCrisisNotifier(deps: NotifierDeps, pollMs = CRISIS_POLL_MS): { check(): Promise<void>; stop(): void } {
  let last = 0;
  const check = async () => {
    const count = overdueCount(await deps.invoke('crisis.overdue', {}).catch(() => ({ ok: false }) as CallResult<unknown>));
    if (shouldNotify(last, count)) deps.show(count);
    last = count;
  };
  const handle = deps.setInterval(() => void check(), pollMs);
  return { check, stop: () => deps.clearInterval(handle) };
}

/** Wiring for Electron main (kept here so main.ts needs only one call). */
export async function startElectronCrisisNotifier(client: { invoke: NotifierDeps['invoke'] }, texts: (count: number) => { title: string; body: string }) {
  const { Notification } = await import('electron');
  return startCrisisNotifier({
    invoke: (channel, input) => client.invoke(channel, input),
    show: (count) => {
      if (Notification.isSupported()) new Notification(texts(count)).show();
    },
    setInterval: (fn, ms) => setInterval(fn, ms),
    clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
  });
}

/** Notification texts in the menu's language (main has no i18next); the same words as crisis.notify.*. */
export function crisisNotificationText(locale: 'zh-CN' | 'en', count: number): { title: string; body: string } {
  return locale === 'en'
    ? { title: 'Crisis steps overdue', body: `${count} crisis steps are overdue. Open the crisis board.` }
    : { title: '危机处置步骤超时', body: `有 ${count} 个危机处置步骤已超时，请打开危机事件看板处理。` };
}
