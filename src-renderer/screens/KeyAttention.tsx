import { Button, Card, Checkbox, Flex, Select, Space, Table, Typography, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyAttentionEntry } from '../../src-shared/contract/keyattention';
import { useCallQuery } from '../api/queries';
import { ErrorAlert } from '../components/ErrorAlert';
import {
  AddModal,
  ChangeLevelModal,
  CrisisProposal,
  HistoryDrawer,
  PendingRemoval,
  RemoveModal,
  ReviewModal,
  type Proposal,
} from '../components/keyattention/KeyAttentionModals';
import { LevelTag, useLevelScheme } from '../components/keyattention/levels';
import { errorMessage } from '../i18n/errors';
import type { Navigate } from '../router';
import { useCan, useSession } from '../session';
import { systemReason } from '../../src-shared/labels/builtin-words';
import { isDirectorOrOwner } from '../../src-shared/permissions';

type Dialog = { kind: 'add' } | { kind: 'review' | 'level' | 'remove' | 'history'; entry: KeyAttentionEntry } | null;

/** Names of the responsible people, in one line. */
export function ResponsibleLine({ entry }: { entry: KeyAttentionEntry }) {
  const { t } = useTranslation();
  const parts = [
    entry.counselor ? `${t('keyattention.fields.counselor')}：${entry.counselor.displayName}` : null,
    entry.responsible.departmentCounselor ? `${t('keyattention.fields.departmentCounselor')}：${entry.responsible.departmentCounselor}` : null,
    entry.responsible.dormWatcher ? `${t('keyattention.fields.dormWatcher')}：${entry.responsible.dormWatcher}` : null,
    entry.responsible.peerCounselor ? `${t('keyattention.fields.peerCounselor')}：${entry.responsible.peerCounselor}` : null,
  ].filter(Boolean);
  return <span>{parts.length ? parts.join('；') : '—'}</span>;
}

export function NextReview({ entry }: { entry: KeyAttentionEntry }) {
  const { t } = useTranslation();
  return entry.overdue ? (
    <Typography.Text type="danger" strong data-testid="ka-overdue">
      {entry.nextReviewOn}（{t('keyattention.overdue')}）
    </Typography.Text>
  ) : (
    <span>{entry.nextReviewOn}</span>
  );
}

/** 重点关注学生库: the list by level, with reviews, level changes and removals (each with a reason). */
/** How many more removed entries each "show more" asks for. */
const REMOVED_STEP = 200;

export function KeyAttention({ onNavigate }: { onNavigate: Navigate }) {
  const { t, i18n } = useTranslation();
  const canManage = useCan('keyattention.manage');
  const levels = useLevelScheme();
  const [level, setLevel] = useState<string | undefined>();
  const [department, setDepartment] = useState<string | undefined>();
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [showRemoved, setShowRemoved] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [proposal, setProposal] = useState<Proposal | null>(null);
  const [toast, holder] = message.useMessage();
  // Removed entries come in steps (a decade holds thousands); the students under attention are always all listed.
  const [removedLimit, setRemovedLimit] = useState(REMOVED_STEP);
  const list = useCallQuery(
    'keyattention.list',
    showRemoved ? { level, department, overdueOnly, status: 'removed', limit: removedLimit } : { level, department, overdueOnly, status: 'active' },
  );
  const shownRows = list.data?.rows.length ?? 0;
  const removedTotal = showRemoved ? list.data?.total : undefined;
  const facets = useCallQuery('students.facets', {});
  const done = (text: string) => void toast.success(text);
  const { session } = useSession();
  // Taking a student off the list: the director, or the responsible counselor asking the director (the core checks).
  const mayRemove = (e: KeyAttentionEntry) => isDirectorOrOwner(session.roles, session.accountId, e.counselor?.id);
  const waiting = (list.data?.rows ?? []).filter((e) => e.pendingRemoval);

  const columns = [
    {
      key: 'level',
      title: t('keyattention.fields.level'),
      render: (_: unknown, e: KeyAttentionEntry) => <LevelTag level={e.level} levels={levels} />,
      width: 90,
    },
    {
      key: 'student',
      title: t('keyattention.fields.student'),
      render: (_: unknown, e: KeyAttentionEntry) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => onNavigate('student', e.student.id)}>
          {e.student.name}（{e.student.studentNo}）
        </Button>
      ),
    },
    {
      key: 'department',
      title: t('keyattention.fields.department'),
      render: (_: unknown, e: KeyAttentionEntry) => [e.student.department, e.student.className].filter(Boolean).join(' · ') || '—',
    },
    ...(canManage
      ? [
          {
            key: 'reason',
            title: t('keyattention.fields.reason'),
            render: (_: unknown, e: KeyAttentionEntry) => (
              <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, maxWidth: 260 }}>
                {e.reason ? systemReason(e.reason, i18n.language) : null}
              </Typography.Paragraph>
            ),
          },
        ]
      : []),
    { key: 'responsible', title: t('keyattention.fields.responsible'), render: (_: unknown, e: KeyAttentionEntry) => <ResponsibleLine entry={e} /> },
    {
      key: 'cadence',
      title: t('keyattention.fields.cadence'),
      render: (_: unknown, e: KeyAttentionEntry) => t('keyattention.fields.cadenceDays', { days: e.cadenceDays }),
      width: 90,
    },
    { key: 'next', title: t('keyattention.fields.nextReview'), render: (_: unknown, e: KeyAttentionEntry) => <NextReview entry={e} />, width: 150 },
    ...(canManage
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_: unknown, e: KeyAttentionEntry) => (
              <Space size={0} wrap>
                {e.status === 'active' ? (
                  <>
                    <Button type="link" onClick={() => setDialog({ kind: 'review', entry: e })}>
                      {t('keyattention.actions.review')}
                    </Button>
                    <Button type="link" onClick={() => setDialog({ kind: 'level', entry: e })}>
                      {t('keyattention.actions.changeLevel')}
                    </Button>
                    {mayRemove(e) && !e.pendingRemoval ? (
                      <Button type="link" danger onClick={() => setDialog({ kind: 'remove', entry: e })}>
                        {t('keyattention.actions.remove')}
                      </Button>
                    ) : null}
                    {e.pendingRemoval ? <Typography.Text type="warning">{t('keyattention.removalRequest.pending')}</Typography.Text> : null}
                  </>
                ) : null}
                <Button type="link" onClick={() => setDialog({ kind: 'history', entry: e })}>
                  {t('keyattention.actions.history')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16}>
      {holder}
      <Flex align="center" justify="space-between">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('keyattention.title')}
        </Typography.Title>
        {canManage ? (
          <Button type="primary" onClick={() => setDialog({ kind: 'add' })}>
            {t('keyattention.actions.add')}
          </Button>
        ) : null}
      </Flex>
      {waiting.length > 0 ? (
        <Card title={t('keyattention.removalRequest.queueTitle')} size="small" data-testid="ka-removal-queue">
          <Flex vertical gap={8}>
            {waiting.map((e) => (
              <div key={e.id}>
                <Typography.Text strong>
                  {e.student.name}（{e.student.studentNo}）
                </Typography.Text>
                <PendingRemoval entry={e} onDone={done} />
              </div>
            ))}
          </Flex>
        </Card>
      ) : null}
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('keyattention.filters.allLevels')}
            value={level}
            onChange={setLevel}
            aria-label={t('keyattention.fields.level')}
            options={levels.map((l) => ({ value: l.key, label: l.label }))}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 200 }}
            placeholder={t('keyattention.filters.allDepartments')}
            value={department}
            onChange={setDepartment}
            aria-label={t('keyattention.fields.department')}
            options={(facets.data?.departments ?? []).map((d) => ({ value: d, label: d }))}
          />
          <Checkbox checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)}>
            {t('keyattention.filters.overdueOnly')}
          </Checkbox>
          {canManage ? (
            <Checkbox checked={showRemoved} onChange={(e) => setShowRemoved(e.target.checked)}>
              {t('keyattention.filters.removed')}
            </Checkbox>
          ) : null}
        </Flex>
        {list.isError ? <ErrorAlert message={errorMessage(list.error, t)} /> : null}
        <Table<KeyAttentionEntry>
          rowKey="id"
          size="middle"
          loading={list.isPending}
          dataSource={list.data?.rows ?? []}
          columns={columns}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: t('keyattention.empty') }}
          rowClassName={(e) => (e.overdue ? 'ka-row-overdue' : '')}
        />
        {removedTotal !== undefined && removedTotal > shownRows ? (
          <Flex align="center" gap={12} wrap style={{ marginTop: 12 }} data-testid="keyattention-removed-more">
            <Typography.Text type="secondary">{t('keyattention.removedShown', { shown: shownRows, total: removedTotal })}</Typography.Text>
            <Button onClick={() => setRemovedLimit((n) => n + REMOVED_STEP)} loading={list.isFetching}>
              {t('keyattention.moreRemoved', { count: Math.min(REMOVED_STEP, removedTotal - shownRows) })}
            </Button>
          </Flex>
        ) : null}
      </Card>
      {dialog?.kind === 'add' ? <AddModal onClose={() => setDialog(null)} onProposal={setProposal} /> : null}
      {dialog?.kind === 'review' ? <ReviewModal entry={dialog.entry} onClose={() => setDialog(null)} onDone={done} /> : null}
      {dialog?.kind === 'level' ? <ChangeLevelModal entry={dialog.entry} onClose={() => setDialog(null)} onDone={done} onProposal={setProposal} /> : null}
      {dialog?.kind === 'remove' ? <RemoveModal entry={dialog.entry} onClose={() => setDialog(null)} onDone={done} /> : null}
      {dialog?.kind === 'history' ? <HistoryDrawer entry={dialog.entry} onClose={() => setDialog(null)} /> : null}
      {proposal ? <CrisisProposal proposal={proposal} onClose={() => setProposal(null)} onNavigate={onNavigate} /> : null}
    </Flex>
  );
}
