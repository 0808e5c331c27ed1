/** What a step's timer needs; the event's discovery time (T0) is where every deadline counts from. */
export interface TimedEvent {
  discoveredAt: string;
  level: string;
  status: 'open' | 'closing' | 'closed';
}

export interface TimedStep {
  id: string;
  dueMinutes: number | null;
  levels: readonly string[];
  status: 'open' | 'done' | 'not_applicable';
  /** Set when a level drop took the step out of the level while it was overdue (see stepInChecklist). */
  overdueAtLevelChange?: string | null;
}

export interface StepTimer {
  /** Whether the step is in the checklist: the event's level includes it, or it was kept there as overdue. */
  applicable: boolean;
  dueAt: string | null;
  overdue: boolean;
  /** Until the deadline; negative once passed; null for ongoing steps. */
  remainingMs: number | null;
}

/**
 * 发现即办 (dueMinutes 0) steps are due a short while after discovery, not at T0 itself: without it
 * they show overdue seconds after the event opens and red stops meaning anything. The template
 * sets it (`discoveryGraceMinutes`); an older template without it gets this default.
 */
export const DEFAULT_DISCOVERY_GRACE_MINUTES = 15;

export function stepApplies(step: Pick<TimedStep, 'levels'>, level: string): boolean {
  return step.levels.length === 0 || step.levels.includes(level);
}

/**
 * Whether a step belongs to the event's checklist at its level. A step that was overdue when a
 * level drop excluded it stays in: lowering the level must not make a late step disappear.
 */
export function stepInChecklist(step: Pick<TimedStep, 'levels' | 'overdueAtLevelChange'>, level: string): boolean {
  return stepApplies(step, level) || (step.overdueAtLevelChange ?? null) !== null;
}

/** Minutes after T0 when a step is due: 发现即办 steps get the grace period. */
export function effectiveDueMinutes(dueMinutes: number, graceMinutes: number = DEFAULT_DISCOVERY_GRACE_MINUTES): number {
  return dueMinutes === 0 ? graceMinutes : dueMinutes;
}

/**
 * Per step: its deadline and whether it is overdue at `now`. Only an open step of the checklist
 * with a deadline, of an event not yet closed, can be overdue, and only once `now` is past the
 * deadline.
 */
export function stepTimers(
  event: TimedEvent,
  steps: readonly TimedStep[],
  now: Date,
  graceMinutes: number = DEFAULT_DISCOVERY_GRACE_MINUTES,
): Map<string, StepTimer> {
  const t0 = new Date(event.discoveredAt).getTime();
  const result = new Map<string, StepTimer>();
  for (const step of steps) {
    const applicable = stepInChecklist(step, event.level);
    if (step.dueMinutes === null) {
      result.set(step.id, { applicable, dueAt: null, overdue: false, remainingMs: null });
      continue;
    }
    const due = t0 + effectiveDueMinutes(step.dueMinutes, graceMinutes) * 60_000;
    const remainingMs = due - now.getTime();
    const overdue = applicable && step.status === 'open' && event.status !== 'closed' && remainingMs < 0;
    result.set(step.id, { applicable, dueAt: new Date(due).toISOString(), overdue, remainingMs });
  }
  return result;
}
