import { Alert, Card, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ChannelOutput } from '../../../src-shared/contract';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import { localTime } from '../../../src-shared/labels/local-time';

type Bundle = ChannelOutput<'sync.history'>['bundles'][number];
type Update = ChannelOutput<'sync.history'>['updates'][number];

const STATUS_COLORS: Record<Bundle['status'], string> = { created: 'orange', sent: 'blue', acknowledged: 'green', failed: 'red' };

/**
 * Why a bundle carries fewer records than its range covers (the range also spans what is not
 * exported, so ranges touch and the server can see a gap): said per profile, in words.
 */
export function countNote(b: Pick<Bundle, 'profile' | 'eventCount' | 'rangeRecords'>, t: TFunction): string | null {
  const rest = b.rangeRecords - b.eventCount;
  if (b.profile === 'statistics') return t('sync.history.countNote.statistics', { total: b.rangeRecords, count: b.eventCount });
  if (rest <= 0) return null;
  return b.profile === 'departments' ? t('sync.history.countNote.departments', { n: rest }) : t('sync.history.countNote.full', { n: rest });
}

/** 导出记录: each bundle with its range, profile, destination, when sent and when acknowledged; then applied updates. */
export function ExportHistory() {
  const { t } = useTranslation();
  const history = useCallQuery('sync.history', { limit: 200 });
  const columns: ColumnsType<Bundle> = [
    { key: 'createdAt', title: t('sync.history.createdAt'), render: (_, b) => localTime(b.createdAt) },
    { key: 'profile', title: t('sync.history.profile'), render: (_, b) => t(`sync.profiles.${b.profile}`, { defaultValue: b.profile }) },
    {
      key: 'range',
      title: t('sync.history.range'),
      render: (_, b) => (
        <Flex vertical>
          <span>{`${b.fromSeq} – ${b.toSeq}`}</span>
          <Typography.Text type="secondary">{t('sync.history.rangeRecords', { count: b.rangeRecords })}</Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'events',
      title: t('sync.history.events'),
      render: (_, b) => (
        <Flex vertical style={{ maxWidth: 260 }}>
          <span>{b.eventCount}</span>
          {countNote(b, t) ? <Typography.Text type="secondary">{countNote(b, t)}</Typography.Text> : null}
        </Flex>
      ),
    },
    {
      key: 'destination',
      title: t('sync.history.destination'),
      render: (_, b) =>
        b.destination ? (
          <Typography.Text ellipsis={{ tooltip: b.destination }} style={{ maxWidth: 240 }}>
            {b.destination}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    { key: 'sentAt', title: t('sync.history.sentAt'), render: (_, b) => localTime(b.sentAt) },
    {
      key: 'status',
      title: t('sync.history.status'),
      render: (_, b) => <Tag color={STATUS_COLORS[b.status]}>{t(`sync.history.statuses.${b.status}`)}</Tag>,
    },
    { key: 'acknowledgedAt', title: t('sync.history.acknowledgedAt'), render: (_, b) => localTime(b.acknowledgedAt) },
  ];
  const updateColumns: ColumnsType<Update> = [
    { key: 'appliedAt', title: t('sync.history.appliedAt'), render: (_, u) => localTime(u.appliedAt) },
    { key: 'bundleId', title: 'ID', dataIndex: 'bundleId' },
    { key: 'summary', title: '', render: (_, u) => t('sync.history.updateSummary', { ...u, rejected: u.rejected.length }) },
  ];
  return (
    <Card title={t('sync.history.title')} data-testid="sync-history-card">
      {history.isError ? <Alert type="error" showIcon title={errorMessage(history.error, t)} /> : null}
      <Table<Bundle>
        size="small"
        rowKey="bundleId"
        loading={history.isPending}
        columns={columns}
        dataSource={history.data?.bundles ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: t('sync.history.empty') }}
        scroll={{ x: true }}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('sync.history.updates')}
      </Typography.Title>
      <Table<Update>
        size="small"
        rowKey="bundleId"
        columns={updateColumns}
        dataSource={history.data?.updates ?? []}
        pagination={false}
        locale={{ emptyText: t('sync.history.updatesEmpty') }}
      />
    </Card>
  );
}
