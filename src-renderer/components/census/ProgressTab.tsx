import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Row, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState, type ReactNode } from 'react';
import type { ChannelOutput } from '../../../src-shared/contract';
import { useTranslation } from 'react-i18next';
import { isDepartmentScoped } from '../../../src-shared/permissions';
import { call } from '../../api/client';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import { useSession } from '../../session';
import { ErrorAlert } from '../ErrorAlert';
import { barOption, CensusChart } from './CensusChart';
import { saveBase64File, XLSX_TYPE } from '../../files/importFile';
import { departmentLabel, percent, type CensusBatch } from './labels';

interface Row {
  key: string;
  name: string;
  department: string | null;
  total: number;
  done: number;
}

type StatusRow = ChannelOutput<'census.departmentStatus'>[number];

/** One department's list with interview status only (what a liaison may see): who, which class, done or not. */
function DepartmentStatus({ batchId, department }: { batchId: string; department: string }) {
  const { t } = useTranslation();
  const list = useCallQuery('census.departmentStatus', { batchId, department });
  const columns: ColumnsType<StatusRow> = [
    { title: t('census.followups.columns.studentNo'), dataIndex: 'studentNo', width: 120 },
    { title: t('census.followups.columns.name'), dataIndex: 'name', width: 100 },
    { title: t('census.followups.columns.className'), dataIndex: 'className', render: (value: string | null) => value ?? t('census.dash') },
    { title: t('census.followups.columns.counselor'), dataIndex: 'assignedTo', render: (value: string | null) => value ?? t('census.followups.unassigned') },
    {
      title: t('census.followups.columns.status'),
      dataIndex: 'status',
      width: 100,
      render: (value: StatusRow['status']) => <Tag color={value === 'done' ? 'green' : 'default'}>{t(`census.status.${value}`)}</Tag>,
    },
  ];
  if (list.isError) return <ErrorAlert message={errorMessage(list.error, t)} />;
  return (
    <Table<StatusRow>
      rowKey="studentNo"
      size="small"
      columns={columns}
      dataSource={list.data ?? []}
      loading={list.isPending}
      pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
      locale={{ emptyText: t('census.progress.empty') }}
    />
  );
}

const DONE_COLOR = '#2f6f8f';
const TOTAL_COLOR = '#c9d6de';

function ProgressCard({
  title,
  nameTitle,
  rows,
  chartLabel,
  action,
  expand,
  testId,
}: {
  title: string;
  nameTitle: string;
  rows: Row[];
  chartLabel: string;
  action?: (row: Row) => ReactNode;
  expand?: (row: Row) => ReactNode;
  testId: string;
}) {
  const { t } = useTranslation();
  const columns: ColumnsType<Row> = [
    { title: nameTitle, dataIndex: 'name' },
    { title: t('census.progress.columns.total'), dataIndex: 'total', align: 'right', width: 90 },
    { title: t('census.progress.columns.done'), dataIndex: 'done', align: 'right', width: 90 },
    { title: t('census.progress.columns.rate'), key: 'rate', align: 'right', width: 90, render: (_, row) => percent(row.done, row.total) },
    ...(action ? [{ title: t('common.actions'), key: 'action', width: 120, render: (_: unknown, row: Row) => action(row) }] : []),
  ];
  const option = useMemo(
    () =>
      barOption(
        rows.map((r) => r.name),
        [
          { name: t('census.progress.series.total'), data: rows.map((r) => r.total), color: TOTAL_COLOR },
          { name: t('census.progress.series.done'), data: rows.map((r) => r.done), color: DONE_COLOR },
        ],
        true,
        true,
      ),
    [rows, t],
  );
  return (
    <Card size="small" title={title} style={{ marginBottom: 16 }} data-testid={testId}>
      <Row gutter={[24, 16]}>
        <Col xs={24} xl={13}>
          <Table<Row>
            rowKey="key"
            size="small"
            columns={columns}
            dataSource={rows}
            pagination={false}
            locale={{ emptyText: t('census.progress.empty') }}
            expandable={expand ? { expandedRowRender: expand, rowExpandable: (row) => row.department !== null } : undefined}
          />
        </Col>
        <Col xs={24} xl={11}>
          {rows.length > 0 ? <CensusChart option={option} label={chartLabel} height={Math.max(160, 48 + rows.length * 44)} /> : null}
        </Col>
      </Row>
    </Card>
  );
}

/** 进度: interviews listed and done, by department and by counselor (counts only; liaisons see their department). */
export function ProgressTab({ batch }: { batch: CensusBatch }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { session } = useSession();
  const progress = useCallQuery('census.progress', { batchId: batch.id });
  const [exporting, setExporting] = useState<string | null>(null);

  const exportList = async (department: string) => {
    setExporting(department);
    try {
      const file = await call('census.exportDepartmentList', { batchId: batch.id, department });
      saveBase64File(file.contentBase64, file.fileName, XLSX_TYPE);
      void message.success(t('census.progress.exported', { name: file.fileName }));
    } catch (failure) {
      void message.error(errorMessage(failure, t));
    } finally {
      setExporting(null);
    }
  };

  const departments: Row[] = (progress.data?.byDepartment ?? []).map((d, i) => ({
    key: `d${i}`,
    name: departmentLabel(d.department, t),
    department: d.department,
    total: d.total,
    done: d.done,
  }));
  const counselors: Row[] = (progress.data?.byCounselor ?? []).map((c, i) => ({
    key: `c${i}`,
    name: c.counselor ?? t('census.followups.unassigned'),
    department: null,
    total: c.total,
    done: c.done,
  }));

  if (progress.isPending) return <Card loading variant="borderless" />;
  return (
    <>
      <ErrorAlert message={progress.isError ? errorMessage(progress.error, t) : null} />
      {isDepartmentScoped(session.roles) ? <Alert type="info" showIcon title={t('census.progress.scoped')} style={{ marginBottom: 16 }} /> : null}
      <ProgressCard
        title={t('census.progress.byDepartment')}
        nameTitle={t('census.progress.columns.department')}
        rows={departments}
        chartLabel={t('census.progress.chartDepartments')}
        testId="census-progress-departments"
        expand={(row) => (row.department ? <DepartmentStatus batchId={batch.id} department={row.department} /> : null)}
        action={(row) =>
          row.department ? (
            <Button
              size="small"
              icon={<DownloadOutlined />}
              loading={exporting === row.department}
              disabled={exporting !== null}
              onClick={() => void exportList(row.department!)}
              aria-label={`${t('census.progress.exportList')} ${row.name}`}
            >
              {t('census.progress.exportList')}
            </Button>
          ) : null
        }
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8, fontSize: 13 }}>
        {t('census.progress.exportHint')}
      </Typography.Paragraph>
      <ProgressCard
        title={t('census.progress.byCounselor')}
        nameTitle={t('census.progress.columns.counselor')}
        rows={counselors}
        chartLabel={t('census.progress.chartCounselors')}
        testId="census-progress-counselors"
      />
    </>
  );
}
