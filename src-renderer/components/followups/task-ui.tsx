import { Button, Flex, Form, Input, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { FollowupTask } from '../../../src-shared/contract/followups';
import { call } from '../../api/client';
import { useAction } from '../../api/mutations';
import { schemaRule } from '../../i18n/errors';
import type { Navigate } from '../../router';
import { useCan, useSession } from '../../session';
import { FormModal } from '../FormModal';
import { localTime } from '../../../src-shared/labels/local-time';

/** Generated tasks carry `i18n:<kind>[:<n>]` titles: worded here in the user's language. */
export function taskTitle(task: Pick<FollowupTask, 'title'>, t: TFunction): string {
  if (!task.title.startsWith('i18n:')) return task.title;
  const [kind, n] = task.title.slice(5).split(':');
  return t(`followups.generated.${kind}`, { week: n, defaultValue: task.title });
}

const noteSchema = z.string().trim().max(2000);
const reasonSchema = z.string().trim().min(1).max(500);

function TextModal({
  title,
  label,
  required,
  placeholder,
  onClose,
  write,
}: {
  title: string;
  label: string;
  required: boolean;
  placeholder?: string;
  onClose: () => void;
  write: (text: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ text?: string }>();
  const action = useAction(write);
  return (
    <FormModal title={title} form={form} onSubmit={(v) => action.run((v.text ?? '').trim())} onClose={onClose} pending={action.pending} error={action.error}>
      <Form.Item name="text" label={label} rules={[schemaRule(required ? reasonSchema : noteSchema, 'note', t, !required)]}>
        <Input.TextArea rows={4} maxLength={required ? 500 : 2000} showCount placeholder={placeholder} aria-label={label} />
      </Form.Item>
    </FormModal>
  );
}

/** Follow-up tasks with complete (the assignee or a clinician) and cancel (clinicians). */
export function TaskTable({
  rows,
  loading,
  onNavigate,
  showStudent = true,
  emptyText,
}: {
  rows: FollowupTask[];
  loading?: boolean;
  onNavigate?: Navigate;
  showStudent?: boolean;
  emptyText?: string;
}) {
  const { t } = useTranslation();
  const { session } = useSession();
  const clinical = useCan('crisis.manage');
  const [completing, setCompleting] = useState<FollowupTask | null>(null);
  const [cancelling, setCancelling] = useState<FollowupTask | null>(null);
  const canWork = (task: FollowupTask) => task.status === 'open' && (clinical || task.assignedTo?.id === session.accountId);
  const columns = [
    {
      key: 'due',
      title: t('followups.fields.dueAt'),
      width: 170,
      render: (_: unknown, task: FollowupTask) =>
        task.overdue ? (
          <Typography.Text type="danger" strong data-testid="task-overdue">
            {localTime(task.dueAt)} {t('followups.overdue')}
          </Typography.Text>
        ) : (
          localTime(task.dueAt)
        ),
    },
    ...(showStudent
      ? [
          {
            key: 'student',
            title: t('followups.fields.student'),
            render: (_: unknown, task: FollowupTask) =>
              onNavigate ? (
                <Button type="link" style={{ padding: 0 }} onClick={() => onNavigate('student', task.student.id)}>
                  {task.student.name}（{task.student.studentNo}）
                </Button>
              ) : (
                `${task.student.name}（${task.student.studentNo}）`
              ),
          },
        ]
      : []),
    {
      key: 'task',
      title: t('followups.fields.task'),
      render: (_: unknown, task: FollowupTask) => (
        <Flex vertical>
          <span>
            <Tag>{t(`followups.sources.${task.source}`)}</Tag>
            {taskTitle(task, t)}
          </span>
          {task.note ? <Typography.Text type="secondary">{task.note}</Typography.Text> : null}
        </Flex>
      ),
    },
    {
      key: 'assignee',
      title: t('followups.fields.assignedTo'),
      // An open task with nobody on it is 无人负责: said in words, not a dash (issue 14 item 10).
      render: (_: unknown, task: FollowupTask) =>
        task.assignedTo?.displayName ?? (task.status === 'open' ? <Tag color="orange">{t('followups.work.reasons.noAssignee')}</Tag> : '—'),
      width: 110,
    },
    { key: 'status', title: t('followups.fields.status'), render: (_: unknown, task: FollowupTask) => t(`followups.statuses.${task.status}`), width: 90 },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 170,
      render: (_: unknown, task: FollowupTask) =>
        canWork(task) ? (
          <Space size={0}>
            <Button type="link" onClick={() => setCompleting(task)}>
              {t('followups.actions.complete')}
            </Button>
            {clinical ? (
              <Button type="link" danger onClick={() => setCancelling(task)}>
                {t('followups.actions.cancel')}
              </Button>
            ) : null}
          </Space>
        ) : null,
    },
  ];
  return (
    <>
      <Table<FollowupTask>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={rows}
        columns={columns}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: emptyText ?? t('followups.empty') }}
      />
      {completing ? (
        <TextModal
          title={`${t('followups.complete.title')} · ${completing.student.name}`}
          label={t('followups.fields.note')}
          placeholder={t('followups.complete.notePlaceholder')}
          required={false}
          onClose={() => setCompleting(null)}
          write={async (note) => {
            await call('followups.complete', { taskId: completing.id, note });
            setCompleting(null);
          }}
        />
      ) : null}
      {cancelling ? (
        <TextModal
          title={t('followups.cancel.title')}
          label={t('followups.fields.cancelReason')}
          required
          onClose={() => setCancelling(null)}
          write={async (reason) => {
            await call('followups.cancel', { taskId: cancelling.id, reason });
            setCancelling(null);
          }}
        />
      ) : null}
    </>
  );
}
