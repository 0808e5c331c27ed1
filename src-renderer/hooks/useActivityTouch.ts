import { useEffect } from 'react';
import { call } from '../api/client';

export const TOUCH_INTERVAL_MS = 30_000;
const ACTIVITY_EVENTS = ['keydown', 'mousedown', 'wheel'] as const;

/**
 * Tells the core the person is active (`auth.touch`), at most once per 30 s, so its idle timer is
 * postponed. The core, not the window, decides when to lock.
 */
export function useActivityTouch(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    // Signing in counts as activity in the core, so the first touch can wait a full interval.
    let last = Date.now();
    const onActivity = () => {
      const now = Date.now();
      if (now - last < TOUCH_INTERVAL_MS) return;
      last = now;
      call('auth.touch', {}).catch(() => undefined);
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { capture: true, passive: true });
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
    };
  }, [enabled]);
}
