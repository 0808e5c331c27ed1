import { Alert, App, Button, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DestructionRequest } from '../../../src-shared/contract/archive';
import { call } from '../../api/client';
import { useWrite } from '../../api/mutations';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import { useCan, useSession } from '../../session';
import { localDate, ReasonModal } from './archive-common';
import type { TFunction } from 'i18next';

const STATUS_COLOR: Record<DestructionRequest['status'], string> = {
  pending: 'gold',
  approved: 'blue',
  rejected: 'default',
  carried_out: 'red',
  cancelled: 'default',
};

function recordSummary(request: DestructionRequest, t: TFunction): string {
  const counts = new Map<DestructionRequest['records'][number]['kind'], number>();
  for (const record of request.records) counts.set(record.kind, (counts.get(record.kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${t(`archive.kindShort.${kind}`)} ×${n}`).join('，');
}

/** 销毁审批: approvers approve or reject; once approved the director carries it out. */
export function ApprovalsTab() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const me = useSession().session.accountId;
  const mayCarryOut = useCan('archive.manage');
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const requests = useCallQuery('archive.destructionRequests', { status });
  const [deciding, setDeciding] = useState<{ request: DestructionRequest; decision: 'approve' | 'reject' } | null>(null);

  const carryOut = useWrite('archive.carryOut', {
    onSuccess: () => void message.success(t('archive.approvals.carriedOut')),
    onError: (failure) => void message.error(errorMessage(failure, t)),
  });

  const confirmCarryOut = (request: DestructionRequest) => {
    modal.confirm({
      title: t('archive.approvals.carryOutConfirm'),
      content: `${request.student.name}（${request.student.studentNo}）：${recordSummary(request, t)}。${t('archive.approvals.carryOutWarning')}`,
      okText: t('archive.approvals.carryOut'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => carryOut.run({ id: request.id }),
    });
  };

  const columns: ColumnsType<DestructionRequest> = [
    { title: t('archive.approvals.student'), key: 'student', render: (_, row) => `${row.student.name}（${row.student.studentNo}）` },
    { title: t('archive.approvals.records'), key: 'records', render: (_, row) => recordSummary(row, t) },
    { title: t('archive.approvals.reason'), dataIndex: 'reason' },
    { title: t('archive.approvals.requestedBy'), key: 'requestedBy', render: (_, row) => `${row.requestedBy.displayName} · ${localDate(row.requestedAt)}` },
    {
      title: t('archive.approvals.status'),
      dataIndex: 'status',
      render: (value: DestructionRequest['status']) => <Tag color={STATUS_COLOR[value]}>{t(`archive.approvals.statuses.${value}`)}</Tag>,
    },
    {
      title: t('archive.approvals.decisions'),
      key: 'decisions',
      render: (_, row) => (
        <Space orientation="vertical" size={0}>
          {row.approvals.map((a) => (
            <Typography.Text key={a.account.id} type={a.decision === 'reject' ? 'danger' : undefined}>
              {a.account.displayName} {t(`archive.approvals.decision.${a.decision}`)}
              {a.note ? `：${a.note}` : ''}
            </Typography.Text>
          ))}
        </Space>
      ),
    },
    {
      title: '',
      key: 'actions',
      render: (_, row) => {
        const decided = row.approvals.some((a) => a.account.id === me);
        return (
          <Space size={0} wrap>
            {row.status === 'pending' && !decided ? (
              <>
                <Button type="link" size="small" onClick={() => setDeciding({ request: row, decision: 'approve' })}>
                  {t('archive.approvals.approve')}
                </Button>
                <Button type="link" size="small" danger onClick={() => setDeciding({ request: row, decision: 'reject' })}>
                  {t('archive.approvals.reject')}
                </Button>
              </>
            ) : null}
            {row.status === 'approved' && mayCarryOut ? (
              <Button size="small" danger type="primary" onClick={() => confirmCarryOut(row)}>
                {t('archive.approvals.carryOut')}
              </Button>
            ) : null}
          </Space>
        );
      },
    },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Text type="secondary">{t('archive.approvals.intro')}</Typography.Text>
        <Segmented
          value={status}
          onChange={(value) => setStatus(value as 'open' | 'all')}
          options={[
            { value: 'open', label: t('archive.approvals.statuses.pending') },
            { value: 'all', label: t('archive.approvals.showAll') },
          ]}
        />
      </Space>
      {requests.isError ? <Alert type="error" showIcon title={errorMessage(requests.error, t)} /> : null}
      <Table<DestructionRequest>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={requests.data ?? []}
        loading={requests.isPending}
        pagination={false}
        locale={{ emptyText: t('archive.approvals.empty') }}
        scroll={{ x: 1000 }}
      />
      {deciding ? (
        <ReasonModal
          title={t(deciding.decision === 'approve' ? 'archive.approvals.approveTitle' : 'archive.approvals.rejectTitle')}
          label={t('archive.approvals.note')}
          requiredMessage={deciding.decision === 'reject' ? t('archive.approvals.rejectNoteRequired') : null}
          okText={t(deciding.decision === 'approve' ? 'archive.approvals.approve' : 'archive.approvals.reject')}
          danger={deciding.decision === 'reject'}
          onSubmit={async (note) => {
            if (deciding.decision === 'approve') await call('archive.approveDestruction', { id: deciding.request.id, ...(note ? { note } : {}) });
            else await call('archive.rejectDestruction', { id: deciding.request.id, note });
            void message.success(t(deciding.decision === 'approve' ? 'archive.approvals.approved' : 'archive.approvals.rejected'));
          }}
          onClose={() => setDeciding(null)}
        >
          {`${deciding.request.student.name}（${deciding.request.student.studentNo}）：${recordSummary(deciding.request, t)}`}
        </ReasonModal>
      ) : null}
    </Space>
  );
}
