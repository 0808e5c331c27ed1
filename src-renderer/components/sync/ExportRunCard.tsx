import { JobProgressBar } from '../jobs/JobProgressBar';
import { CloudUploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../src-shared/contract';
import { call, isCallError } from '../../api/client';
import { useAction } from '../../api/mutations';
import { newJobId } from '../../files/importFile';
import { progressPercent, useJobProgress, type PhaseShares } from '../../hooks/useJobProgress';
import { errorMessage } from '../../i18n/errors';
import { ErrorAlert } from '../ErrorAlert';

const PHASES: PhaseShares = { read: [0, 70], seal: [70, 80], send: [80, 100] };

type Run = ChannelOutput<'sync.exportNow'>;

const isCancelled = (error: unknown) => isCallError(error) && error.code === 'CANCELLED';

/** 立即导出 with the job's progress, then what went where (or that the destination is away). */
export function ExportRunCard({ configured, canConfigure = false }: { configured: boolean; canConfigure?: boolean }) {
  const { t } = useTranslation();
  const { progress, track } = useJobProgress();
  const [running, setRunning] = useState<{ jobId: string; cancelling: boolean } | null>(null);
  const [result, setResult] = useState<Run | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const exportNow = useAction((jobId: string) => call('sync.exportNow', { jobId }), {
    onSuccess: setResult,
    onError: (failure) => {
      if (isCancelled(failure)) setCancelled(true);
    },
  });
  // A cancelled run is said in its own words (below), not as an error.
  const exportError = exportNow.failure && !isCancelled(exportNow.failure) ? exportNow.error : null;

  const run = async () => {
    const jobId = newJobId();
    track(jobId);
    setRunning({ jobId, cancelling: false });
    setResult(null);
    setCancelled(false);
    setError(null);
    await exportNow.run(jobId);
    setRunning(null);
    track(null);
  };

  const cancel = async () => {
    if (!running || running.cancelling) return;
    setRunning({ ...running, cancelling: true });
    try {
      await call('jobs.cancel', { jobId: running.jobId });
    } catch (failure) {
      setError(errorMessage(failure, t));
    }
  };

  const sent = result?.bundles.filter((b) => b.status === 'sent' || b.status === 'acknowledged').length ?? 0;
  const phase = progress ? t(`sync.run.phases.${progress.phase}`, { done: progress.done.toLocaleString(), total: progress.total.toLocaleString() }) : '';
  return (
    <Card title={t('sync.run.title')} data-testid="sync-run-card">
      <Flex vertical gap={12}>
        {/* The administrator is told what to do here, not to ask an administrator. */}
        {!configured ? <Alert type="info" showIcon title={t(canConfigure ? 'sync.run.notConfiguredSelf' : 'sync.run.notConfigured')} /> : null}
        <div>
          <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => void run()} loading={running !== null} disabled={!configured}>
            {running ? t('sync.run.running') : t('sync.run.now')}
          </Button>
        </div>
        {running ? (
          <JobProgressBar
            percent={progressPercent(progress, PHASES)}
            label={t('sync.run.running')}
            phase={phase}
            cancelling={running.cancelling}
            cancellingText={t('sync.run.cancelling')}
            cancelText={t('sync.run.cancel')}
            onCancel={() => void cancel()}
            phaseTestId="sync-run-phase"
          />
        ) : null}
        {cancelled ? <Alert type="info" showIcon role="status" title={t('sync.run.cancelled')} data-testid="sync-run-cancelled" /> : null}
        <ErrorAlert message={error ?? exportError} />
        {result ? (
          <Flex vertical gap={8} data-testid="sync-run-result">
            {result.destinationAbsent ? <Alert type="warning" showIcon title={t('sync.run.absent')} /> : null}
            {!result.destinationAbsent ? (
              <Alert type="success" showIcon title={sent > 0 ? t('sync.run.sent', { count: sent }) : t('sync.run.nothing')} />
            ) : null}
            {result.acknowledged > 0 ? <Alert type="info" showIcon title={t('sync.run.acknowledged', { count: result.acknowledged })} /> : null}
          </Flex>
        ) : null}
      </Flex>
    </Card>
  );
}
