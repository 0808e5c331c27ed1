import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { kindLabel, type ActivitySummaryData } from './labels';

type Row = { key: string; label: string; count: number; participants: number };

/** 按类型汇总: activities and participants per kind, with the total as the last row. */
export function ActivitySummaryTable({ summary, loading }: { summary: ActivitySummaryData | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const rows: Row[] = (summary?.byKind ?? []).map((entry) => ({
    key: entry.kind,
    label: kindLabel(entry.kind, t),
    count: entry.count,
    participants: entry.participants,
  }));
  return (
    <Table<Row>
      data-testid="activity-summary"
      size="small"
      rowKey="key"
      loading={loading}
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: t('activities.summary.empty') }}
      columns={[
        { title: t('activities.summary.kind'), dataIndex: 'label' },
        { title: t('activities.summary.count'), dataIndex: 'count', align: 'right' },
        { title: t('activities.summary.participants'), dataIndex: 'participants', align: 'right', render: (value: number) => value.toLocaleString() },
      ]}
      summary={() =>
        summary && rows.length > 0 ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <Typography.Text strong>{t('activities.summary.total')}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <Typography.Text strong>{summary.total.count}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              <Typography.Text strong>{summary.total.participants.toLocaleString()}</Typography.Text>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        ) : null
      }
    />
  );
}
