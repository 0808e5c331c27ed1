import { DownloadOutlined, PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Collapse, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CrisisStep } from '../../../src-shared/contract/crisis';
import { stepTitle } from '../../../src-shared/labels/builtin-words';
import i18n from '../../i18n';
import { call } from '../../api/client';
import { saveBase64File } from '../../files/importFile';
import { errorMessage } from '../../i18n/errors';
import { AssignStepModal, CompleteStepModal, ReasonModal } from './StepModals';
import { formatDue, formatDuration, formatTime, liveOverdue, useCoreNow } from './time';
import { textOr } from '../../i18n/keys';

const OVERDUE_RED = '#cf1322';

/** The live timer of one step: remaining time, or how long it is overdue (red). */
export function StepTimer({ step, now, closed }: { step: CrisisStep; now: number; closed: boolean }) {
  const { t } = useTranslation();
  if (step.status !== 'open' || step.dueAt === null || closed) return <Typography.Text type="secondary">–</Typography.Text>;
  const remaining = Date.parse(step.dueAt) - now;
  const overdue = liveOverdue(step, now, closed);
  return (
    <span
      data-testid="crisis-step-timer"
      data-overdue={overdue ? 'true' : 'false'}
      style={{ color: overdue ? OVERDUE_RED : undefined, fontWeight: overdue ? 600 : undefined, whiteSpace: 'nowrap' }}
    >
      {overdue ? t('crisis.steps.overdueBy', { time: formatDuration(remaining, t) }) : t('crisis.steps.remaining', { time: formatDuration(remaining, t) })}
    </span>
  );
}

function StepDetails({ step }: { step: CrisisStep }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const download = async (attachmentId: string) => {
    try {
      const file = await call('crisis.stepAttachment', { attachmentId });
      saveBase64File(file.contentBase64, file.fileName, file.mimeType);
    } catch (failure) {
      void message.error(errorMessage(failure, t));
    }
  };
  return (
    <>
      {step.assignedTo ? <Tag color="blue">{`${t('crisis.steps.assignedTo')}：${step.assignedTo.displayName}`}</Tag> : null}
      {step.assigneePerson ? (
        <Tag color="blue">{`${t('crisis.steps.assignedTo')}：${[step.assigneePerson.name, step.assigneePerson.phone].filter(Boolean).join(' ')}`}</Tag>
      ) : null}
      {step.status !== 'open' && step.doneBy ? (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {t(step.status === 'done' ? 'crisis.steps.doneBy' : 'crisis.steps.naBy', { who: step.doneBy.displayName, when: formatTime(step.doneAt) })}
        </Typography.Text>
      ) : null}
      {step.status === 'done' && step.doneByPerson ? (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {t('network.step.doneBy', { name: step.doneByPerson.name })}
        </Typography.Text>
      ) : null}
      {step.note ? <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{step.note}</Typography.Paragraph> : null}
      {step.naReason ? <Typography.Paragraph style={{ margin: '4px 0 0' }}>{`${t('crisis.steps.naReason')}：${step.naReason}`}</Typography.Paragraph> : null}
      {step.attachments.map((a) => (
        <Flex key={a.id} align="center" gap={4}>
          <PaperClipOutlined />
          <Button type="link" size="small" icon={<DownloadOutlined />} onClick={() => void download(a.id)} style={{ padding: 0 }}>
            {a.fileName}
          </Button>
        </Flex>
      ))}
    </>
  );
}

type Action = { kind: 'complete' | 'na' | 'assign' | 'reopen'; step: CrisisStep } | null;

/**
 * 处置清单: every applicable step with its owner role, due time and a live timer counting from the
 * core's `now`; red when overdue. Steps the current level excludes are kept, folded away below.
 */
export function StepChecklist({ steps, coreNow, closed, canManage }: { steps: CrisisStep[]; coreNow: string; closed: boolean; canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const now = useCoreNow(coreNow);
  const [action, setAction] = useState<Action>(null);
  // The checklist, the board and the student file refetch by themselves (store.changed).
  const done = (text: string) => {
    setAction(null);
    void message.success(text);
  };

  const columns: ColumnsType<CrisisStep> = [
    {
      title: t('crisis.steps.title'),
      key: 'title',
      render: (_, step) => (
        <div style={{ minWidth: 240 }}>
          <Typography.Text strong style={{ color: liveOverdue(step, now, closed) ? OVERDUE_RED : undefined }}>
            {stepTitle(step, i18n.language)}
          </Typography.Text>
          {liveOverdue(step, now, closed) ? (
            <Tag color="red" style={{ marginInlineStart: 6 }}>
              {t('crisis.steps.overdueTag')}
            </Tag>
          ) : null}
          {step.overdueAtLevelChange ? (
            <Tooltip title={t('crisis.steps.keptOverdueHint', { when: formatTime(step.overdueAtLevelChange) })}>
              <Tag color="volcano" data-testid="crisis-step-kept-overdue" style={{ marginInlineStart: 6 }}>
                {t('crisis.steps.keptOverdue')}
              </Tag>
            </Tooltip>
          ) : null}
          <StepDetails step={step} />
        </div>
      ),
    },
    { title: t('crisis.steps.ownerRole'), dataIndex: 'ownerRole', width: 110, render: (role: string) => textOr(`roles.${role}`, role, t) },
    {
      title: t('crisis.steps.due'),
      key: 'due',
      width: 170,
      render: (_, step) => (
        <span>
          {formatDue(step.dueMinutes, t)}
          {step.dueAt ? (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {formatTime(step.dueAt)}
            </Typography.Text>
          ) : null}
        </span>
      ),
    },
    { title: t('crisis.steps.timer'), key: 'timer', width: 150, render: (_, step) => <StepTimer step={step} now={now} closed={closed} /> },
    {
      title: t('crisis.steps.state'),
      dataIndex: 'status',
      width: 90,
      render: (status: CrisisStep['status']) => (
        <Tag color={status === 'done' ? 'green' : status === 'not_applicable' ? 'default' : 'processing'}>{t(`crisis.stepStatus.${status}`)}</Tag>
      ),
    },
    {
      title: t('crisis.steps.actions'),
      key: 'actions',
      width: 200,
      render: (_, step) =>
        closed ? null : step.status === 'open' ? (
          <Flex gap={4} wrap>
            <Button size="small" type="primary" onClick={() => setAction({ kind: 'complete', step })}>
              {t('crisis.steps.complete')}
            </Button>
            {canManage ? (
              <>
                <Button size="small" onClick={() => setAction({ kind: 'na', step })}>
                  {t('crisis.steps.notApplicable')}
                </Button>
                <Button size="small" onClick={() => setAction({ kind: 'assign', step })}>
                  {t('crisis.steps.assign')}
                </Button>
              </>
            ) : null}
          </Flex>
        ) : canManage ? (
          <Button size="small" type="link" onClick={() => setAction({ kind: 'reopen', step })}>
            {t('crisis.steps.reopen')}
          </Button>
        ) : null,
    },
  ];

  const applicable = steps.filter((s) => s.applicable);
  const hidden = steps.filter((s) => !s.applicable);
  const table = (rows: CrisisStep[], testId: string) => (
    <Table<CrisisStep>
      data-testid={testId}
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: t('crisis.steps.empty') }}
      onRow={(step) =>
        ({
          'data-testid': `crisis-step-${step.key}`,
          // Focusable, so a link from the closing dialog can land on the row (outlined while focused).
          tabIndex: -1,
          onFocus: (e: React.FocusEvent<HTMLElement>) => {
            e.currentTarget.style.outline = '2px solid #1677ff';
            e.currentTarget.style.outlineOffset = '-2px';
          },
          onBlur: (e: React.FocusEvent<HTMLElement>) => {
            e.currentTarget.style.outline = '';
          },
          'data-overdue': liveOverdue(step, now, closed) ? 'true' : 'false',
          style: liveOverdue(step, now, closed) ? { background: '#fff1f0' } : step.status !== 'open' ? { opacity: 0.75 } : undefined,
        }) as React.HTMLAttributes<HTMLElement>
      }
      scroll={{ x: 960 }}
    />
  );

  return (
    <>
      {table(applicable, 'crisis-checklist')}
      {hidden.length > 0 ? (
        <Collapse
          ghost
          style={{ marginTop: 8 }}
          items={[{ key: 'hidden', label: t('crisis.steps.hiddenByLevel', { count: hidden.length }), children: table(hidden, 'crisis-checklist-hidden') }]}
        />
      ) : null}
      {action?.kind === 'complete' ? (
        <CompleteStepModal step={action.step} onClose={() => setAction(null)} onDone={() => done(t('crisis.complete.done'))} />
      ) : null}
      {action?.kind === 'assign' ? <AssignStepModal step={action.step} onClose={() => setAction(null)} onDone={() => done(t('crisis.assign.done'))} /> : null}
      {action?.kind === 'na' ? (
        <ReasonModal
          testId="crisis-na-modal"
          title={t('crisis.na.title')}
          label={t('crisis.na.reason')}
          onClose={() => setAction(null)}
          onSubmit={async (reason) => {
            await call('crisis.markNotApplicable', { stepId: action.step.id, reason });
            done(t('crisis.na.done'));
          }}
        />
      ) : null}
      {action?.kind === 'reopen' ? (
        <ReasonModal
          title={t('crisis.reopen.title')}
          label={t('crisis.reopen.reason')}
          onClose={() => setAction(null)}
          onSubmit={async (reason) => {
            await call('crisis.reopenStep', { stepId: action.step.id, reason });
            done(t('crisis.reopen.done'));
          }}
        />
      ) : null}
    </>
  );
}
