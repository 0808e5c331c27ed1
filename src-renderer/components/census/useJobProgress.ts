import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventPayload } from '../../../src-shared/contract';
import { onEvent } from '../../api/client';

export type CensusJobProgress = EventPayload<'job.progress'>;

/**
 * Follows the core's `job.progress` events of one job. `track(jobId)` takes effect at once
 * (before the call that starts the job is sent), so no early event is missed.
 */
export function useCensusJobProgress(): { progress: CensusJobProgress | null; track: (jobId: string | null) => void } {
  const current = useRef<string | null>(null);
  const [progress, setProgress] = useState<CensusJobProgress | null>(null);
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

/** The import's phases with their share of the bar: read the file, check and score rows, write. */
const PHASES: Record<string, [number, number]> = { parse: [0, 10], validate: [10, 80], write: [80, 100] };

export function jobPercent(progress: CensusJobProgress | null): number {
  if (!progress) return 0;
  const [from, to] = PHASES[progress.phase] ?? [0, 100];
  const share = progress.total > 0 ? Math.min(1, progress.done / progress.total) : 0;
  return Math.round(from + (to - from) * share);
}
