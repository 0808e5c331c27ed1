import { Button, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { CaseRow } from '../../../src-shared/contract';
import type { Navigate } from '../../router';
import { CaseStatusTag, RiskTag } from './labels';
import { localTime } from '../../../src-shared/labels/local-time';

/** Case rows (metadata only); the number opens the case. */
export function CaseTable({
  rows,
  loading,
  onNavigate,
  showStudent = true,
  emptyText,
}: {
  rows: CaseRow[];
  loading?: boolean;
  onNavigate: Navigate;
  showStudent?: boolean;
  emptyText: string;
}) {
  const { t } = useTranslation();
  const columns: ColumnsType<CaseRow> = [
    {
      title: t('cases.list.caseNo'),
      dataIndex: 'caseNo',
      render: (caseNo: string, c) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onNavigate('case', c.id)}>
          {caseNo}
        </Button>
      ),
    },
    ...(showStudent
      ? [
          {
            title: t('cases.list.student'),
            key: 'student',
            render: (_: unknown, c: CaseRow) => (
              <>
                {c.student.name}
                <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>
                  {[c.student.studentNo, c.student.department].filter(Boolean).join(' · ')}
                </Typography.Text>
              </>
            ),
          },
        ]
      : []),
    { title: t('cases.list.counselor'), key: 'counselor', render: (_, c) => c.counselor.displayName },
    { title: t('cases.list.status'), dataIndex: 'status', render: (s: CaseRow['status']) => <CaseStatusTag status={s} /> },
    { title: t('cases.list.risk'), dataIndex: 'riskLevel', render: (r: CaseRow['riskLevel']) => <RiskTag risk={r} /> },
    { title: t('cases.list.openedAt'), dataIndex: 'openedAt', render: (value: string) => localTime(value) },
  ];
  return (
    <Table<CaseRow>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      locale={{ emptyText }}
    />
  );
}
