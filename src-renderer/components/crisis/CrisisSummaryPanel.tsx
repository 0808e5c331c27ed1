import { Card, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../../api/queries';
import { CrisisLevelTag } from './levels';

/** The leadership group's view: de-identified counts by month, level and department (no names). */
export function CrisisSummaryPanel() {
  const { t } = useTranslation();
  const summaries = useCallQuery('crisis.summaries', {});
  const rows = summaries.data?.rows ?? [];
  return (
    <Card title={t('crisis.title')} style={{ marginBottom: 16 }} data-testid="crisis-summaries">
      <Table
        rowKey={(r) => `${r.month}|${r.level}|${r.department ?? ''}`}
        size="small"
        loading={summaries.isPending}
        dataSource={rows}
        pagination={rows.length > 12 ? { pageSize: 12, showSizeChanger: false } : false}
        columns={[
          { title: t('crisis.summaries.month'), dataIndex: 'month' },
          { title: t('crisis.summaries.level'), dataIndex: 'level', render: (level: string) => <CrisisLevelTag level={level} /> },
          { title: t('crisis.summaries.department'), dataIndex: 'department', render: (d: string | null) => d ?? '–' },
          { title: t('crisis.summaries.count'), dataIndex: 'count' },
          { title: t('crisis.summaries.open'), dataIndex: 'open' },
        ]}
      />
    </Card>
  );
}
