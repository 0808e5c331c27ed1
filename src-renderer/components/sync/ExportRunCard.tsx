import { JobProgressBar } from '../jobs/JobProgressBar';
import { CloudUploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../src-shared/contract';
import { call } from '../../api/client';
import { useAction } from '../../api/mutations';
import { progressPercent, type PhaseShares } from '../../hooks/useJobProgress';
import { useJobRun } from '../../hooks/useJobRun';
import { ErrorAlert } from '../ErrorAlert';
import { textOr } from '../../i18n/keys';

const PHASES: PhaseShares = { read: [0, 70], seal: [70, 80], send: [80, 100] };

type Run = ChannelOutput<'sync.exportNow'>;

/** 立即导出 with the job's progress, then what went where (or that the destination is away). */
export function ExportRunCard({ configured, canConfigure = false }: { configured: boolean; canConfigure?: boolean }) {
  const { t } = useTranslation();
  const [result, setResult] = useState<Run | null>(null);
  const exportNow = useAction((jobId: string) => call('sync.exportNow', { jobId }), { onSuccess: setResult });
  // A cancelled run is said in its own words (below), not as an error.
  const { progress, running, start, cancel, cancelled, error } = useJobRun(exportNow);

  const run = async () => {
    setResult(null);
    await start();
  };

  const sent = result?.bundles.filter((b) => b.status === 'sent' || b.status === 'acknowledged').length ?? 0;
  const phase = progress
    ? textOr(`sync.run.phases.${progress.phase}`, '', t, { done: progress.done.toLocaleString(), total: progress.total.toLocaleString() })
    : '';
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
        <ErrorAlert message={error} />
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
