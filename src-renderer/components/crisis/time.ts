import type { TFunction } from 'i18next';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { localTime } from '../../../src-shared/labels/local-time';

/** Local date and time of a stored UTC instant. */
export function formatTime(iso: string | null | undefined): string {
  return localTime(iso, '–');
}

/** A duration for a timer: days and hours, hours and minutes, or minutes and seconds. */
export function formatDuration(ms: number, t: TFunction): string {
  const total = Math.max(0, Math.floor(Math.abs(ms) / 1000));
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (d > 0) return t('crisis.steps.duration.d', { d, h });
  if (h > 0) return t('crisis.steps.duration.h', { h, m });
  return t('crisis.steps.duration.m', { m, s });
}

/** A due time as it is configured: at discovery, within N minutes/hours/days, or ongoing. */
export function formatDue(dueMinutes: number | null, t: TFunction): string {
  if (dueMinutes === null) return t('crisis.steps.ongoing');
  if (dueMinutes === 0) return t('crisis.steps.atDiscovery');
  const time =
    dueMinutes % 1440 === 0
      ? t('crisis.steps.days', { count: dueMinutes / 1440 })
      : dueMinutes % 60 === 0
        ? t('crisis.steps.hours', { count: dueMinutes / 60 })
        : t('crisis.steps.minutes', { count: dueMinutes });
  return t('crisis.steps.dueAfter', { time });
}

/**
 * The core's time, ticking: timers count from the `now` the core sent (never the renderer's own
 * clock), advanced by the time elapsed here since it arrived.
 */
export function useCoreNow(coreNow: string | undefined, tickMs = 1000): number {
  const [state, setState] = useState(() => ({
    base: coreNow ? Date.parse(coreNow) : Date.now(),
    at: Date.now(),
    now: coreNow ? Date.parse(coreNow) : Date.now(),
  }));
  useEffect(() => {
    const base = coreNow ? Date.parse(coreNow) : Date.now();
    const at = Date.now();
    setState({ base, at, now: base });
    const timer = window.setInterval(() => setState((s) => ({ ...s, now: s.base + (Date.now() - s.at) })), tickMs);
    return () => window.clearInterval(timer);
  }, [coreNow, tickMs]);
  return state.now;
}

/** Whether a step with this deadline is overdue at `now` (the core decides at read time; this keeps the live view moving). */
export function liveOverdue(step: { dueAt: string | null; status: string; applicable: boolean }, now: number, closed: boolean): boolean {
  return !closed && step.applicable && step.status === 'open' && step.dueAt !== null && now > Date.parse(step.dueAt);
}
