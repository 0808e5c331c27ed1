import { Alert, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { DestructionRecord } from '../../../src-shared/contract/archive';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import { localTime } from '../../../src-shared/labels/local-time';
import { textOr } from '../../i18n/keys';

/** 销毁记录: what was destroyed, when, by whom, why and who approved; never the content. */
export function RecordsTab() {
  const { t, i18n } = useTranslation();
  const records = useCallQuery('archive.destructionRecords', {});
  const tableName = (name: string) => textOr(`archive.tables.${name}`, name, t);
  const columns: ColumnsType<DestructionRecord> = [
    { title: t('archive.records.destroyedAt'), dataIndex: 'destroyedAt', render: (value: string) => localTime(value) },
    { title: t('archive.records.studentNo'), dataIndex: 'studentNo' },
    {
      title: t('archive.records.counts'),
      key: 'counts',
      render: (_, row) =>
        Object.entries(row.counts)
          .map(([name, n]) => `${tableName(name)} ${n}`)
          .join('，'),
    },
    { title: t('archive.records.reason'), dataIndex: 'reason' },
    { title: t('archive.records.approvedBy'), key: 'approvedBy', render: (_, row) => row.approvedBy.map((p) => p.displayName).join('、') },
    { title: t('archive.records.destroyedBy'), key: 'destroyedBy', render: (_, row) => row.destroyedBy.displayName },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('archive.records.intro')}</Typography.Text>
      {records.isError ? <Alert type="error" showIcon title={errorMessage(records.error, t)} /> : null}
      <Table<DestructionRecord>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={records.data ?? []}
        loading={records.isPending}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('archive.records.empty') }}
        scroll={{ x: 900 }}
      />
    </Space>
  );
}
