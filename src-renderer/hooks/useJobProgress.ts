import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventPayload } from '../../src-shared/contract';
import { onEvent } from '../api/client';

export type JobProgress = EventPayload<'job.progress'>;

/**
 * Follows the core's `job.progress` events of one job at a time. `track(jobId)` takes effect at
 * once (before the call that starts the job is sent), so no early event is missed.
 */
export function useJobProgress(): { progress: JobProgress | null; track: (jobId: string | null) => void } {
  const current = useRef<string | null>(null);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  useEffect(
    () =>
      onEvent('job.progress', (payload) => {
        if (payload.jobId === current.current) setProgress(payload);
      }),
    [],
  );
  const track = useCallback((jobId: string | null) => {
    current.current = jobId;
    setProgress(null);
  }, []);
  return { progress, track };
}

/** Phases in order with their share of the bar: reading the file, checking rows, writing. */
export type PhaseShares = Record<string, [number, number]>;
const DEFAULT_PHASES: PhaseShares = { parse: [0, 10], validate: [10, 70], write: [70, 100] };

export function progressPercent(progress: JobProgress | null, PHASES: PhaseShares = DEFAULT_PHASES): number {
  if (!progress) return 0;
  const [from, to] = PHASES[progress.phase] ?? [0, 100];
  const share = progress.total > 0 ? Math.min(1, progress.done / progress.total) : 0;
  return Math.round(from + (to - from) * share);
}
