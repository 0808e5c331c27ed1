import { Alert, Button, Card, Flex, Select, Switch, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CrisisEventRow } from '../../src-shared/contract/crisis';
import { useCallQuery } from '../api/queries';
import { CrisisLevelTag } from '../components/crisis/levels';
import { formatTime } from '../components/crisis/time';
import { errorMessage } from '../i18n/errors';
import type { Navigate } from '../router';

/** How many more closed events each "show more" asks for. */
const CLOSED_STEP = 100;

/** 危机事件看板: open events by level, then the most overdue; a department filter. */
export function CrisisBoard({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  const [department, setDepartment] = useState<string | undefined>();
  const [showClosed, setShowClosed] = useState(false);
  // Closed events come in steps (a decade holds thousands); open ones are always all there.
  const [closedLimit, setClosedLimit] = useState(CLOSED_STEP);
  const board = useCallQuery(
    'crisis.board',
    { ...(department ? { department } : {}), ...(showClosed ? { status: 'all' as const, closedLimit } : { status: 'open' as const }) },
    {},
  );
  const facets = useCallQuery('students.facets', {});
  const rows = board.data?.rows ?? [];
  const closedShown = rows.filter((row) => row.status === 'closed').length;
  const closedTotal = board.data?.closedTotal;

  const columns: ColumnsType<CrisisEventRow> = [
    { title: t('crisis.board.level'), dataIndex: 'level', width: 80, render: (level: string) => <CrisisLevelTag level={level} /> },
    {
      title: t('crisis.board.eventNo'),
      dataIndex: 'eventNo',
      render: (eventNo: string, row) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onNavigate('crisisEvent', row.id)}>
          {eventNo}
        </Button>
      ),
    },
    {
      title: t('crisis.board.student'),
      key: 'student',
      render: (_, row) => (
        <span>
          {row.student.name}
          <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>
            {row.student.studentNo}
          </Typography.Text>
        </span>
      ),
    },
    { title: t('crisis.board.department'), key: 'department', render: (_, row) => row.student.department ?? '–' },
    { title: t('crisis.board.owner'), key: 'owner', render: (_, row) => row.owner?.displayName ?? '–' },
    { title: t('crisis.board.discoveredAt'), dataIndex: 'discoveredAt', render: formatTime },
    { title: t('crisis.board.progress'), key: 'progress', render: (_, row) => `${row.stepsDone} / ${row.stepsTotal}` },
    {
      title: t('crisis.board.overdue'),
      dataIndex: 'overdueSteps',
      render: (count: number) => (
        <span
          data-testid="crisis-board-overdue"
          data-overdue={count > 0 ? 'true' : 'false'}
          style={count > 0 ? { color: '#cf1322', fontWeight: 600 } : undefined}
        >
          {count}
        </span>
      ),
    },
    // The board's second sort key after how overdue: the nearest deadline still ahead.
    {
      title: t('crisis.board.nextDue'),
      dataIndex: 'nextDueAt',
      render: (at: string | null) => <span data-testid="crisis-board-next-due">{at ? formatTime(at) : '–'}</span>,
    },
    { title: t('crisis.board.status'), dataIndex: 'status', render: (status: CrisisEventRow['status']) => t(`crisis.status.${status}`) },
  ];

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('crisis.board.title')}
      </Typography.Title>
      <Card>
        <Typography.Paragraph type="secondary">{t('crisis.board.intro')}</Typography.Paragraph>
        <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
          <Select
            aria-label={t('crisis.board.department')}
            style={{ minWidth: 200 }}
            allowClear
            placeholder={t('crisis.board.allDepartments')}
            value={department}
            onChange={(value) => setDepartment(value ?? undefined)}
            options={(facets.data?.departments ?? []).map((d) => ({ value: d, label: d }))}
          />
          <Flex align="center" gap={6}>
            <Switch size="small" id="crisis-show-closed" checked={showClosed} onChange={setShowClosed} />
            <label htmlFor="crisis-show-closed">{t('crisis.board.showClosed')}</label>
          </Flex>
        </Flex>
        {board.isError ? <Alert type="error" showIcon title={errorMessage(board.error, t)} style={{ marginBottom: 12 }} /> : null}
        <Table<CrisisEventRow>
          data-testid="crisis-board"
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={board.isPending}
          pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          locale={{ emptyText: t('crisis.board.empty') }}
          onRow={(row) => ({ style: row.overdueSteps > 0 ? { background: '#fff1f0' } : undefined })}
          scroll={{ x: 900 }}
        />
        {showClosed && closedTotal !== undefined && closedTotal > closedShown ? (
          <Flex align="center" gap={12} wrap style={{ marginTop: 12 }} data-testid="crisis-board-closed-more">
            <Typography.Text type="secondary">{t('crisis.board.closedShown', { shown: closedShown, total: closedTotal })}</Typography.Text>
            <Button onClick={() => setClosedLimit((n) => n + CLOSED_STEP)} loading={board.isFetching}>
              {t('crisis.board.moreClosed', { count: Math.min(CLOSED_STEP, closedTotal - closedShown) })}
            </Button>
          </Flex>
        ) : null}
      </Card>
    </Flex>
  );
}
