import { JobProgressBar } from '../jobs/JobProgressBar';
import { Alert, Button, Card, Flex, Form, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, isCallError } from '../../api/client';
import { formatBytes, newJobId } from '../../files/importFile';
import { progressPercent, useJobProgress, type PhaseShares } from '../../hooks/useJobProgress';
import { errorMessage, schemaRule } from '../../i18n/errors';
import { channels } from '../../../src-shared/contract';
import { ErrorAlert } from '../ErrorAlert';
import { FolderPathInput } from '../FolderPathInput';

const folderSchema = channels['backup.create'].input.shape.folder;

/** Copying the database is quick next to writing the container; the check reads the file once more. */
const PHASES: PhaseShares = { copy: [0, 20], write: [20, 80], verify: [80, 100] };

const isCancelled = (error: unknown) => isCallError(error) && error.code === 'CANCELLED';

/**
 * 立即备份, as a job with progress and 取消. The folder is a typed path; the desktop app also offers
 * its folder dialog next to it (the browser shell has none).
 */
export function BackupNowCard({ defaultFolder }: { defaultFolder?: string | null }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ folder: string }>();
  const { progress, track } = useJobProgress();
  const [running, setRunning] = useState<{ jobId: string; cancelling: boolean } | null>(null);
  const [done, setDone] = useState<{ file: string; bytes: number } | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const start = async (folder: string) => {
    const jobId = newJobId();
    track(jobId);
    setRunning({ jobId, cancelling: false });
    setDone(null);
    setCancelled(false);
    setError(null);
    try {
      const run = await call('backup.create', { folder, jobId });
      setDone({ file: run.file, bytes: run.bytes });
    } catch (failure) {
      if (isCancelled(failure)) setCancelled(true);
      else setError(errorMessage(failure, t));
    } finally {
      setRunning(null);
      track(null);
    }
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

  const phase = progress
    ? t(`backup.now.phases.${progress.phase}`, { done: formatBytes(progress.done), total: formatBytes(progress.total) })
    : t('backup.now.running');
  return (
    <Card title={t('backup.now.heading')}>
      <Form
        name="backupNow"
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ folder: defaultFolder ?? '' }}
        disabled={running !== null}
        onFinish={(values) => void start(values.folder.trim())}
      >
        <Form.Item name="folder" label={t('backup.now.folder')} extra={t('backup.now.folderHint')} rules={[schemaRule(folderSchema, 'folder', t)]}>
          <FolderPathInput dialogTitle={t('backup.now.folder')} />
        </Form.Item>
        <Flex gap={12} align="center" wrap>
          <Button type="primary" htmlType="submit" loading={running !== null}>
            {t('backup.now.submit')}
          </Button>
        </Flex>
      </Form>
      {running ? (
        <Flex vertical gap={4} style={{ marginTop: 16 }}>
          <Typography.Text type="secondary">{t('backup.now.running')}</Typography.Text>
          <JobProgressBar
            percent={progressPercent(progress, PHASES)}
            label={t('backup.now.heading')}
            phase={phase}
            cancelling={running.cancelling}
            cancellingText={t('backup.now.cancelling')}
            cancelText={t('backup.now.cancel')}
            onCancel={() => void cancel()}
            phaseTestId="backup-now-phase"
          />
        </Flex>
      ) : null}
      {done ? (
        <Alert
          style={{ marginTop: 16 }}
          type="success"
          role="status"
          showIcon
          title={t('backup.now.done', { file: done.file, size: formatBytes(done.bytes) })}
        />
      ) : null}
      {cancelled ? <Alert style={{ marginTop: 16 }} type="info" role="status" showIcon title={t('backup.now.cancelled')} /> : null}
      <div style={{ marginTop: error ? 16 : 0 }}>
        <ErrorAlert message={error} />
      </div>
    </Card>
  );
}
