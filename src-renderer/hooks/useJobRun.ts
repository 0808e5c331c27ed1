import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, isCallError } from '../api/client';
import type { Action } from '../api/mutations';
import { newJobId } from '../files/importFile';
import { errorMessage } from '../i18n/errors';
import { useJobProgress } from './useJobProgress';

const isCancelled = (error: unknown) => isCallError(error) && error.code === 'CANCELLED';

/**
 * A write that runs as a core job (given its job id, made through useAction): its progress, 取消,
 * and a cancelled run told in its own words (`cancelled`), not as an error.
 */
export function useJobRun<O>(action: Action<string, O>) {
  const { t } = useTranslation();
  const { progress, track } = useJobProgress();
  const [running, setRunning] = useState<{ jobId: string; cancelling: boolean } | null>(null);
  const [cancelError, setCancelError] = useState<string | null>(null);

  const start = async () => {
    const jobId = newJobId();
    track(jobId);
    setRunning({ jobId, cancelling: false });
    setCancelError(null);
    const output = await action.run(jobId);
    setRunning(null);
    track(null);
    return output;
  };

  const cancel = async () => {
    if (!running || running.cancelling) return;
    setRunning({ ...running, cancelling: true });
    try {
      await call('jobs.cancel', { jobId: running.jobId });
    } catch (failure) {
      setCancelError(errorMessage(failure, t));
    }
  };

  const cancelled = !running && isCancelled(action.failure);
  const error = cancelError ?? (action.failure && !isCancelled(action.failure) ? action.error : null);
  return { progress, running, start, cancel, cancelled, error };
}
