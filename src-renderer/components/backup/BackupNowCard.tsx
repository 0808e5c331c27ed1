import { JobProgressBar } from '../jobs/JobProgressBar';
import { Alert, Button, Card, Flex, Form, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { useAction } from '../../api/mutations';
import { formatBytes } from '../../files/importFile';
import { progressPercent, type PhaseShares } from '../../hooks/useJobProgress';
import { useJobRun } from '../../hooks/useJobRun';
import { schemaRule } from '../../i18n/errors';
import { channels } from '../../../src-shared/contract';
import { ErrorAlert } from '../ErrorAlert';
import { FolderPathInput } from '../FolderPathInput';
import { textOr } from '../../i18n/keys';

const folderSchema = channels['backup.create'].input.shape.folder;

/** Copying the database is quick next to writing the container; the check reads the file once more. */
const PHASES: PhaseShares = { copy: [0, 20], write: [20, 80], verify: [80, 100] };

/**
 * 立即备份, as a job with progress and 取消. The folder is a typed path; the desktop app also offers
 * its folder dialog next to it (the browser shell has none).
 */
export function BackupNowCard({ defaultFolder }: { defaultFolder?: string | null }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ folder: string }>();
  const [done, setDone] = useState<{ file: string; bytes: number } | null>(null);
  const backup = useAction((jobId: string) => call('backup.create', { folder: String(form.getFieldValue('folder') ?? '').trim(), jobId }), {
    onSuccess: (run) => setDone({ file: run.file, bytes: run.bytes }),
  });
  const { progress, running, start, cancel, cancelled, error } = useJobRun(backup);

  const begin = () => {
    setDone(null);
    void start();
  };

  const phase = progress
    ? textOr(`backup.now.phases.${progress.phase}`, '', t, { done: formatBytes(progress.done), total: formatBytes(progress.total) })
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
        onFinish={begin}
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
