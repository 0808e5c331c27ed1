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
}

export interface StepTimer {
  /** Whether the event's current level includes the step (empty levels = every level). */
  applicable: boolean;
  dueAt: string | null;
  overdue: boolean;
  /** Until the deadline; negative once passed; null for ongoing steps. */
  remainingMs: number | null;
}

export function stepApplies(step: Pick<TimedStep, 'levels'>, level: string): boolean {
  return step.levels.length === 0 || step.levels.includes(level);
}

/**
 * Per step: its deadline and whether it is overdue at `now`. Only an open, applicable step with a
 * deadline of an event not yet closed can be overdue, and only once `now` is past the deadline.
 */
export function stepTimers(event: TimedEvent, steps: readonly TimedStep[], now: Date): Map<string, StepTimer> {
  const t0 = new Date(event.discoveredAt).getTime();
  const result = new Map<string, StepTimer>();
  for (const step of steps) {
    const applicable = stepApplies(step, event.level);
    if (step.dueMinutes === null) {
      result.set(step.id, { applicable, dueAt: null, overdue: false, remainingMs: null });
      continue;
    }
    const due = t0 + step.dueMinutes * 60_000;
    const remainingMs = due - now.getTime();
    const overdue = applicable && step.status === 'open' && event.status !== 'closed' && remainingMs < 0;
    result.set(step.id, { applicable, dueAt: new Date(due).toISOString(), overdue, remainingMs });
  }
  return result;
}
