import { Alert, App, Button, Card, Flex, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput } from '../../../src-shared/contract';
import { call, type CallError } from '../../api/client';
import { useWrite } from '../../api/mutations';
import { callKey, useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import type { Navigate } from '../../router';
import { useCan, useSession } from '../../session';
import { ErrorAlert } from '../ErrorAlert';
import { OUTCOME_COLORS, reasonColor, reasonLabel, URGENCY_COLORS, urgencyLabel, type CensusBatch, type Followup, type FollowupPage } from './labels';
import { OutcomeModal } from './OutcomeModal';
import { AcknowledgeAlertsModal } from './AcknowledgeAlertsModal';

interface CounselorOption {
  value: string;
  label: string;
}

/** Whom the director may assign to: enabled accounts with a clinical role. */
function useCounselorOptions(): CounselorOption[] {
  const { t } = useTranslation();
  const { session } = useSession();
  const counselors = useCallQuery('accounts.counselors', {});
  return useMemo(() => {
    const options = (counselors.data ?? []).map((c) => ({
      value: c.id,
      label: c.id === session.accountId ? t('census.followups.assign.me', { name: c.displayName }) : c.displayName,
    }));
    options.sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
    return options;
  }, [counselors.data, session, t]);
}

function AssignPanel({
  batch,
  departments,
  counselors,
  selected,
  onAssigned,
}: {
  batch: CensusBatch;
  departments: string[];
  counselors: CounselorOption[];
  selected: string[];
  onAssigned: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [counselorId, setCounselorId] = useState<string>();
  const [department, setDepartment] = useState<string>();
  const [busy, setBusy] = useState<'department' | 'selected' | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const write = useWrite('census.assign', {
    onSuccess: ({ assigned }) => {
      const name = counselors.find((c) => c.value === counselorId)?.label ?? '';
      if (assigned === 0) void message.info(t('census.followups.assign.noneAssigned'));
      else void message.success(t('census.followups.assign.done', { n: assigned, name }));
      onAssigned();
    },
  });
  const error = missing ?? write.error;

  const assign = async (kind: 'department' | 'selected') => {
    if (!counselorId) {
      setMissing(t('census.followups.assign.needCounselor'));
      return;
    }
    if (kind === 'department' && !department) {
      setMissing(t('census.followups.assign.needDepartment'));
      return;
    }
    setMissing(null);
    write.reset();
    setBusy(kind);
    const input: ChannelInput<'census.assign'> =
      kind === 'department' ? { batchId: batch.id, counselorId, department } : { batchId: batch.id, counselorId, followupIds: selected };
    await write.run(input);
    setBusy(null);
  };

  return (
    <Card size="small" title={t('census.followups.assign.title')} style={{ marginBottom: 16 }} role="group" aria-label={t('census.followups.assign.title')}>
      <ErrorAlert message={error} />
      <Flex wrap gap={12} align="center">
        <label htmlFor="census-assign-counselor">{t('census.followups.assign.counselor')}</label>
        <Select
          id="census-assign-counselor"
          style={{ width: 200 }}
          value={counselorId}
          onChange={setCounselorId}
          options={counselors}
          placeholder={t('census.followups.assign.counselorPlaceholder')}
          showSearch={{ optionFilterProp: 'label' }}
        />
        <span aria-hidden style={{ width: 1, height: 24, background: '#e5e9ec' }} />
        <label htmlFor="census-assign-department">{t('census.followups.assign.department')}</label>
        <Select
          id="census-assign-department"
          style={{ width: 180 }}
          value={department}
          onChange={setDepartment}
          options={departments.map((d) => ({ value: d, label: d }))}
          placeholder={t('census.followups.assign.departmentPlaceholder')}
          showSearch={{ optionFilterProp: 'label' }}
        />
        <Button type="primary" loading={busy === 'department'} disabled={busy !== null} onClick={() => void assign('department')}>
          {t('census.followups.assign.byDepartment')}
        </Button>
        <Tooltip title={t('census.followups.assign.selectedHelp')}>
          <Button loading={busy === 'selected'} disabled={busy !== null || selected.length === 0} onClick={() => void assign('selected')}>
            {t('census.followups.assign.selected', { n: selected.length })}
          </Button>
        </Tooltip>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 13 }}>
        {t('census.followups.assign.byDepartmentHelp')}
      </Typography.Paragraph>
    </Card>
  );
}

/**
 * antd's hidden measuring row repeats the header, select-all checkbox included, under aria-hidden:
 * a focusable element there is an accessibility fault (axe aria-hidden-focus). `inert` takes it
 * out of the focus order, whenever the table draws the row again.
 */
function useInertMeasureRows() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const mark = () => root.querySelectorAll('.ant-table-measure-row:not([inert])').forEach((row) => row.setAttribute('inert', ''));
    mark();
    const observer = new MutationObserver(mark);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);
  return ref;
}

/** Rows per page: a decade's batch has thousands of entries; the core answers one page at a time. */
const PAGE_SIZE = 50;

/**
 * What paging and filters could hide, said above the table: how many at-risk students still wait
 * for an interview (the core lists them first), and what the filters leave out of the batch.
 */
function ListSummary({ page, filtered, onClearFilters }: { page: FollowupPage; filtered: boolean; onClearFilters: () => void }) {
  const { t } = useTranslation();
  const hidden = page.batchTotal - page.total;
  const hiddenAtRisk = page.batchAtRiskPending - page.atRiskPending;
  return (
    <Flex vertical gap={8} style={{ marginBottom: 12 }} data-testid="census-followups-summary">
      {page.atRiskPending > 0 ? (
        <Alert type="error" showIcon title={t('census.followups.atRiskSummary', { n: page.atRiskPending })} data-testid="census-followups-at-risk" />
      ) : null}
      {filtered ? (
        <Alert
          type={hiddenAtRisk > 0 ? 'warning' : 'info'}
          showIcon
          data-testid="census-followups-hidden"
          title={
            hiddenAtRisk > 0
              ? t('census.followups.filterHidesAtRisk', { shown: page.total, all: page.batchTotal, hidden, atRisk: hiddenAtRisk })
              : t('census.followups.filterHides', { shown: page.total, all: page.batchTotal, hidden })
          }
          action={
            <Button size="small" onClick={onClearFilters}>
              {t('census.followups.clearFilters')}
            </Button>
          }
        />
      ) : null}
    </Flex>
  );
}

/** 约谈名单: at-risk students first (the core's order), paged, filters, assignment (director) and interview outcomes. */
export function FollowupsTab({ batch, onNavigate }: { batch: CensusBatch; onNavigate: Navigate }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canManage = useCan('census.manage');
  const canAcknowledge = useCan('alerts.acknowledge');
  const [acknowledging, setAcknowledging] = useState<Followup[] | null>(null);
  const tableRef = useInertMeasureRows();
  const [department, setDepartment] = useState<string>();
  const [status, setStatus] = useState<'pending' | 'done'>();
  // Selected rows stay selected across pages: kept with their data, for the acknowledge dialog.
  const [selectedRows, setSelectedRows] = useState<Map<string, Followup>>(new Map());
  const selected = useMemo(() => [...selectedRows.keys()], [selectedRows]);
  const clearSelection = () => setSelectedRows(new Map());
  const [recording, setRecording] = useState<Followup | null>(null);
  const [pageNo, setPageNo] = useState(1);

  const input: ChannelInput<'census.followups'> = {
    batchId: batch.id,
    ...(department ? { department } : {}),
    ...(status ? { status } : {}),
    offset: (pageNo - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  };
  const followups = useQuery<FollowupPage, CallError>({
    queryKey: callKey('census.followups', input),
    queryFn: () => call('census.followups', input) as Promise<FollowupPage>,
    placeholderData: keepPreviousData,
  });
  const page = followups.data;
  // A write (an outcome, an import) can shorten the list under the current page: go to its last page.
  useEffect(() => {
    if (page && page.rows.length === 0 && page.total > 0 && pageNo > 1) setPageNo(Math.ceil(page.total / PAGE_SIZE));
  }, [page, pageNo]);
  const progress = useCallQuery('census.progress', { batchId: batch.id });
  const departments = (progress.data?.byDepartment ?? []).map((d) => d.department).filter((d): d is string => !!d);
  const counselors = useCounselorOptions();

  // The list, progress, statistics, histories and the alert lists refetch from store.changed.

  const columns: ColumnsType<Followup> = [
    {
      title: t('census.followups.columns.urgency'),
      dataIndex: 'urgency',
      width: 96,
      render: (urgency: number, f) => (
        <Flex vertical gap={4} align="flex-start">
          <Tag color={URGENCY_COLORS[urgency] ?? 'default'}>{urgencyLabel(urgency, t)}</Tag>
          {f.atRisk ? (
            // A dark red (antd red-9): white on it reads at 7:1, where the default solid red is below 4.5:1.
            <Tag color="#a8071a" data-testid="census-followup-at-risk" style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>
              {t('census.followups.atRiskTag')}
            </Tag>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('census.followups.columns.reasons'),
      dataIndex: 'reasons',
      width: 170,
      render: (reasons: string[]) => (
        <Flex wrap gap={4}>
          {reasons.map((code) => (
            <Tag key={code} color={reasonColor(code)} variant="outlined" style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>
              {reasonLabel(code, t)}
            </Tag>
          ))}
        </Flex>
      ),
    },
    { title: t('census.followups.columns.studentNo'), key: 'studentNo', width: 104, render: (_, f) => f.student.studentNo },
    {
      title: t('census.followups.columns.name'),
      key: 'name',
      width: 76,
      render: (_, f) => (
        <Typography.Link
          href={`#/student/${encodeURIComponent(f.student.id)}`}
          onClick={(event) => {
            event.preventDefault();
            onNavigate('student', f.student.id);
          }}
        >
          {f.student.name}
        </Typography.Link>
      ),
    },
    {
      title: `${t('census.followups.columns.department')} / ${t('census.followups.columns.className')}`,
      key: 'department',
      width: 112,
      render: (_, f) => (
        <Flex vertical>
          <span>{f.student.department ?? t('census.dash')}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {f.student.className ?? t('census.dash')}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('census.followups.columns.counselor'),
      key: 'counselor',
      width: 92,
      render: (_, f) => f.assignedTo?.displayName ?? <Typography.Text type="secondary">{t('census.followups.unassigned')}</Typography.Text>,
    },
    {
      title: t('census.followups.columns.status'),
      dataIndex: 'status',
      width: 96,
      render: (value: Followup['status'], f) => (
        <Flex vertical gap={4} align="flex-start">
          <Tag color={value === 'done' ? 'green' : 'default'}>{t(`census.status.${value}`)}</Tag>
          {f.reopened ? <Tag color="red">{t('census.followups.reopenedTag')}</Tag> : null}
          {(f.openAlerts ?? []).length > 0 ? <Tag color="volcano">{t('census.followups.alertsTag', { n: f.openAlerts!.length })}</Tag> : null}
        </Flex>
      ),
    },
    {
      title: t('census.followups.columns.outcome'),
      key: 'outcome',
      width: 132,
      render: (_, f) =>
        f.outcome ? (
          <Flex vertical gap={2} align="flex-start">
            <Tag color={OUTCOME_COLORS[f.outcome]}>{t(`census.outcomes.${f.outcome}`)}</Tag>
            <Typography.Text type="secondary" ellipsis={{ tooltip: f.note || undefined }} style={{ maxWidth: 116, fontSize: 12 }}>
              {[f.interviewedAt ? dayjs(f.interviewedAt).format('MM-DD') : null, f.note].filter(Boolean).join(' · ')}
            </Typography.Text>
          </Flex>
        ) : null,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 164,
      fixed: 'right',
      render: (_, f) => (
        <Flex vertical gap={4} align="flex-start">
          <Button size="small" type={f.status === 'done' ? 'default' : 'primary'} ghost={f.status !== 'done'} onClick={() => setRecording(f)}>
            {f.status === 'done' ? t('census.followups.change') : t('census.followups.record')}
          </Button>
          {canAcknowledge && (f.openAlerts ?? []).length > 0 ? (
            <Button size="small" danger onClick={() => setAcknowledging([f])}>
              {t('census.followups.acknowledge')}
            </Button>
          ) : null}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <Alert type="info" showIcon title={t('census.followups.notice')} style={{ marginBottom: 16 }} />
      {canManage ? (
        <AssignPanel
          batch={batch}
          departments={departments}
          counselors={counselors}
          selected={selected}
          onAssigned={() => {
            clearSelection();
          }}
        />
      ) : null}
      <Flex wrap gap={12} align="center" style={{ marginBottom: 12 }} role="group" aria-label={t('census.followups.filters')}>
        <label htmlFor="census-filter-department">{t('census.followups.filterDepartment')}</label>
        <Select
          id="census-filter-department"
          style={{ width: 180 }}
          allowClear
          value={department}
          onChange={(value) => {
            setDepartment(value);
            setPageNo(1);
            clearSelection();
          }}
          options={departments.map((d) => ({ value: d, label: d }))}
          placeholder={t('census.followups.allDepartments')}
        />
        <label htmlFor="census-filter-status">{t('census.followups.filterStatus')}</label>
        <Select
          id="census-filter-status"
          style={{ width: 140 }}
          allowClear
          value={status}
          onChange={(value) => {
            setStatus(value);
            setPageNo(1);
            clearSelection();
          }}
          options={(['pending', 'done'] as const).map((value) => ({ value, label: t(`census.status.${value}`) }))}
          placeholder={t('census.followups.allStatuses')}
        />
      </Flex>
      <ErrorAlert message={followups.isError ? errorMessage(followups.error, t) : null} />
      {page ? (
        <ListSummary
          page={page}
          filtered={!!department || !!status}
          onClearFilters={() => {
            setDepartment(undefined);
            setStatus(undefined);
            setPageNo(1);
            clearSelection();
          }}
        />
      ) : null}
      {canAcknowledge ? (
        <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
          <Tooltip title={t('census.followups.acknowledgeSelectedHelp')}>
            <Button danger disabled={selected.length === 0} onClick={() => setAcknowledging([...selectedRows.values()])}>
              {t('census.followups.acknowledgeSelected', { n: selected.length })}
            </Button>
          </Tooltip>
        </Flex>
      ) : null}
      <div ref={tableRef}>
        <Table<Followup>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={page?.rows ?? []}
          loading={followups.isPending || followups.isFetching}
          rowSelection={
            canManage || canAcknowledge
              ? {
                  selectedRowKeys: selected,
                  preserveSelectedRowKeys: true,
                  onChange: (keys, rows) =>
                    setSelectedRows((before) => {
                      // Rows of other pages come back undefined: keep what was selected there.
                      const next = new Map<string, Followup>();
                      for (const key of keys as string[]) {
                        const row = rows.find((r) => r?.id === key) ?? before.get(key);
                        if (row) next.set(key, row);
                      }
                      return next;
                    }),
                }
              : undefined
          }
          pagination={{
            current: pageNo,
            pageSize: PAGE_SIZE,
            total: page?.total ?? 0,
            onChange: setPageNo,
            showSizeChanger: false,
            hideOnSinglePage: true,
            showTotal: (n, [from, to]) => t('census.followups.pageTotal', { n, from, to }),
          }}
          locale={{ emptyText: t('census.followups.empty') }}
          scroll={{ x: 1080 }}
          data-testid="census-followups"
        />
      </div>
      {acknowledging ? (
        <AcknowledgeAlertsModal
          followups={acknowledging}
          onClose={() => setAcknowledging(null)}
          onDone={(text) => {
            setAcknowledging(null);
            clearSelection();
            void message.success(text);
          }}
        />
      ) : null}
      {recording ? (
        <OutcomeModal
          followup={recording}
          onClose={() => setRecording(null)}
          onSaved={(saved) => {
            setRecording(null);
            void message.success(t('census.followups.outcome.saved', { name: saved.student.name }));
          }}
        />
      ) : null}
    </>
  );
}
