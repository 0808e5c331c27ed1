import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import type { Navigate } from '../../router';
import { useCan } from '../../session';
import { ErrorAlert } from '../ErrorAlert';
import { CreateBatchModal } from './CreateBatchModal';
import { instrumentShort, periodText, type CensusBatch } from './labels';
import { localTime } from '../../../src-shared/labels/local-time';

/** The census batches, newest first; the director may create one. */
export function BatchList({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  const canManage = useCan('census.manage');
  const batches = useCallQuery('census.listBatches', {});
  const [creating, setCreating] = useState(false);

  const open = (batch: CensusBatch) => onNavigate('census', batch.id);

  const columns: ColumnsType<CensusBatch> = [
    {
      title: t('census.list.columns.name'),
      dataIndex: 'name',
      render: (name: string, batch) => (
        <Typography.Link
          href={`#/census/${encodeURIComponent(batch.id)}`}
          onClick={(event) => {
            event.preventDefault();
            open(batch);
          }}
        >
          {name}
        </Typography.Link>
      ),
    },
    { title: t('census.list.columns.cohort'), dataIndex: 'cohort' },
    { title: t('census.list.columns.grade'), dataIndex: 'grade', render: (grade: string | null) => grade ?? t('census.dash') },
    {
      title: t('census.list.columns.period'),
      key: 'period',
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (_, batch) => periodText(batch) || t('census.dash'),
    },
    {
      title: t('census.list.columns.instruments'),
      dataIndex: 'instruments',
      render: (instruments: string[]) => (
        <Space size={[4, 4]} wrap>
          {instruments.map((id) => (
            <Tag key={id}>{instrumentShort(id)}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('census.list.columns.createdAt'),
      dataIndex: 'createdAt',
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (value: string) => localTime(value),
    },
  ];

  return (
    <Card
      title={t('census.title')}
      extra={
        canManage ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('census.list.create')}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{t('census.list.intro')}</Typography.Paragraph>
      <ErrorAlert message={batches.isError ? errorMessage(batches.error, t) : null} />
      <Table<CensusBatch>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={batches.data ?? []}
        loading={batches.isPending}
        pagination={false}
        onRow={(batch) => ({ onClick: () => open(batch), style: { cursor: 'pointer' } })}
        locale={{ emptyText: canManage ? t('census.list.emptyManage') : t('census.list.empty') }}
        scroll={{ x: 860 }}
      />
      {creating ? (
        <CreateBatchModal
          onClose={() => setCreating(false)}
          onCreated={(batch) => {
            setCreating(false);
            open(batch);
          }}
        />
      ) : null}
    </Card>
  );
}
