import { Button, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { Report } from '../../../src-shared/contract';
import { SignTags, UrgencyTag } from './labels';
import { localTime } from '../../../src-shared/labels/local-time';

/** Reports as rows: when, who about (optional), who reported, signs, urgency, and a way in. */
export function ReportTable({
  rows,
  loading,
  onOpen,
  showStudent = true,
  showStatus = false,
  emptyText,
}: {
  rows: Report[];
  loading?: boolean;
  onOpen: (report: Report) => void;
  showStudent?: boolean;
  showStatus?: boolean;
  emptyText: string;
}) {
  const { t } = useTranslation();
  const columns: ColumnsType<Report> = [
    {
      title: t('reports.triage.reportedAt'),
      dataIndex: 'reportedAt',
      render: (value: string) => localTime(value),
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
    },
    ...(showStudent
      ? [
          {
            title: t('reports.triage.student'),
            key: 'student',
            render: (_: unknown, r: Report) => (
              <>
                {r.student.name}
                <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>
                  {r.student.studentNo}
                </Typography.Text>
              </>
            ),
            onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
          },
        ]
      : []),
    {
      title: t('reports.triage.reporter'),
      key: 'reporter',
      render: (_, r) => [t(`reports.kinds.${r.reporterKind}`), r.reporterName].filter(Boolean).join(' · '),
    },
    { title: t('reports.triage.signs'), dataIndex: 'signs', render: (signs: Report['signs']) => <SignTags signs={signs} /> },
    { title: t('reports.triage.urgency'), dataIndex: 'urgency', render: (u: Report['urgency']) => <UrgencyTag urgency={u} /> },
    ...(showStatus ? [{ title: t('reports.triage.status'), dataIndex: 'status', render: (s: Report['status']) => <Tag>{t(`reports.status.${s}`)}</Tag> }] : []),
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, r) => (
        <Button size="small" onClick={() => onOpen(r)}>
          {t('reports.triage.view')}
        </Button>
      ),
    },
  ];
  return (
    <Table<Report>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      locale={{ emptyText }}
      onRow={(r) =>
        ({
          'data-testid': 'report-row',
          style: r.alert && !r.alert.acknowledged && r.alert.level === 'CRITICAL' ? { background: '#fff1f0' } : undefined,
        }) as never
      }
      scroll={{ x: 760 }}
    />
  );
}
