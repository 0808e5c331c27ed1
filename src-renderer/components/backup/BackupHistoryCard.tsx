import { Button, Card, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../src-shared/contract';
import { useCallQuery } from '../../api/queries';
import { formatBytes } from '../../files/importFile';
import { errorMessage } from '../../i18n/errors';
import { ErrorAlert } from '../ErrorAlert';
import { localTime } from '../../../src-shared/labels/local-time';

type Run = ChannelOutput<'backup.list'>[number];

/** 备份记录: every backup this workstation made, with a one-click verify of the file. */
export function BackupHistoryCard({ onVerify, verifyingFile }: { onVerify: (file: string) => void; verifyingFile: string | null }) {
  const { t } = useTranslation();
  const runs = useCallQuery('backup.list', {});
  return (
    <Card title={t('backup.history.heading')}>
      <ErrorAlert message={runs.isError ? errorMessage(runs.error, t) : null} />
      <Table<Run>
        rowKey="id"
        size="small"
        loading={runs.isLoading}
        dataSource={runs.data ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('backup.history.empty') }}
        scroll={{ x: true }}
        columns={[
          { key: 'createdAt', title: t('backup.history.columns.createdAt'), render: (_, run) => localTime(run.createdAt) },
          {
            key: 'file',
            title: t('backup.history.columns.file'),
            render: (_, run) => (
              <Typography.Text copyable={{ text: run.file }} style={{ wordBreak: 'break-all' }}>
                {run.file}
              </Typography.Text>
            ),
          },
          { key: 'size', title: t('backup.history.columns.size'), render: (_, run) => formatBytes(run.bytes) },
          { key: 'trigger', title: t('backup.history.columns.trigger'), render: (_, run) => t(`backup.history.triggers.${run.trigger}`) },
          { key: 'createdBy', title: t('backup.history.columns.createdBy'), render: (_, run) => run.createdBy?.displayName ?? t('backup.history.system') },
          {
            key: 'present',
            title: t('backup.history.columns.present'),
            render: (_, run) => (run.present ? <Tag color="green">{t('backup.history.present')}</Tag> : <Tag>{t('backup.history.missing')}</Tag>),
          },
          {
            key: 'actions',
            title: t('backup.history.columns.actions'),
            render: (_, run) => (
              <Button
                size="small"
                disabled={!run.present}
                loading={verifyingFile === run.file}
                onClick={() => onVerify(run.file)}
                aria-label={`${t('backup.history.verify')} ${run.fileName}`}
              >
                {t('backup.history.verify')}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
