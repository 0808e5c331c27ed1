import { CheckOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Descriptions, Flex, Form, Input, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LeadershipDecision, PersonRef } from '../../../src-shared/contract';
import { TEXT_MAX } from '../../../src-shared/contract/limits';
import { call } from '../../api/client';
import { useAction } from '../../api/mutations';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import { useCan } from '../../session';
import { FormModal, submitsWith } from '../FormModal';
import { RegisterPersonInput } from './RegisterPersonInput';
import { localTime } from '../../../src-shared/labels/local-time';
import type { TFunction } from 'i18next';

function personRule(t: TFunction) {
  return {
    validator: async (_rule: unknown, value: PersonRef | null | undefined) => {
      if (!value?.name?.trim()) throw new Error(t('validation.required'));
    },
  };
}

/** A small modal form: every write of this panel is one of these. */
function WriteModal<V extends object>({
  title,
  onClose,
  onSubmit,
  children,
  initialValues,
}: {
  title: string;
  onClose: () => void;
  onSubmit: (values: V) => Promise<void>;
  children: React.ReactNode;
  initialValues?: Partial<V>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<V>();
  const action = useAction(onSubmit, { onSuccess: onClose });
  return (
    <FormModal<V>
      title={title}
      form={form}
      {...submitsWith(action)}
      onClose={onClose}
      okText={t('leadership.escalation.save')}
      width={600}
      initialValues={initialValues}
    >
      {children}
    </FormModal>
  );
}

/** 领导小组 on the crisis event page: the emergency plan of a top-level event, its decisions tracked to done. */
export function LeadershipPanel({ eventId, closed }: { eventId: string; closed: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canManage = useCan('leadership.manage');
  const state = useCallQuery('leadership.forEvent', { eventId }, { enabled: canManage });
  const [dialog, setDialog] = useState<'escalate' | 'decision' | LeadershipDecision | null>(null);
  if (!canManage || !state.data?.eligible) return state.isError ? <Alert type="error" showIcon title={errorMessage(state.error, t)} /> : null;
  const { escalation, decisions } = state.data;
  const required = { required: true, whitespace: true, message: t('validation.required') };
  return (
    <Card
      size="small"
      title={t('leadership.escalation.title')}
      data-testid="leadership-panel"
      extra={
        !escalation && !closed ? (
          <Button type="primary" danger onClick={() => setDialog('escalate')}>
            {t('leadership.escalation.start')}
          </Button>
        ) : escalation && !closed ? (
          <Button icon={<PlusOutlined />} onClick={() => setDialog('decision')}>
            {t('leadership.decisions.add')}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{t('leadership.escalation.intro')}</Typography.Paragraph>
      {escalation ? (
        <Flex vertical gap={12}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('leadership.escalation.planStartedAt')}>{localTime(escalation.planStartedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('leadership.escalation.decidedBy')}>{escalation.decidedBy.name}</Descriptions.Item>
            <Descriptions.Item label={t('leadership.escalation.note')}>{escalation.note ?? t('leadership.dash')}</Descriptions.Item>
            <Descriptions.Item label={t('leadership.escalation.recordedBy')}>{escalation.recordedBy?.displayName ?? t('leadership.dash')}</Descriptions.Item>
          </Descriptions>
          <Typography.Text strong>{t('leadership.decisions.title')}</Typography.Text>
          <Table<LeadershipDecision>
            size="small"
            rowKey="id"
            dataSource={decisions}
            pagination={false}
            locale={{ emptyText: t('leadership.decisions.empty') }}
            columns={[
              { key: 'text', title: t('leadership.decisions.text'), render: (_, d) => d.text },
              { key: 'assignee', title: t('leadership.decisions.assignee'), width: 160, render: (_, d) => d.assignee.name },
              { key: 'dueOn', title: t('leadership.decisions.dueOn'), width: 110, render: (_, d) => d.dueOn ?? t('leadership.dash') },
              {
                key: 'status',
                title: t('leadership.decisions.status'),
                width: 220,
                render: (_, d) =>
                  d.status === 'done' ? (
                    <Flex vertical gap={2}>
                      <Tag color="green" style={{ width: 'fit-content' }}>
                        {t('leadership.decisions.done')}
                      </Tag>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {[localTime(d.doneAt), d.doneRecordedBy?.displayName, d.doneNote].filter(Boolean).join(' · ')}
                      </Typography.Text>
                    </Flex>
                  ) : (
                    <Flex gap={8} align="center" wrap>
                      <Tag color={d.dueOn && d.dueOn < dayjs().format('YYYY-MM-DD') ? 'red' : 'orange'}>
                        {d.dueOn && d.dueOn < dayjs().format('YYYY-MM-DD') ? t('leadership.decisions.overdue') : t('leadership.decisions.open')}
                      </Tag>
                      <Button size="small" icon={<CheckOutlined />} onClick={() => setDialog(d)}>
                        {t('leadership.decisions.complete')}
                      </Button>
                    </Flex>
                  ),
              },
            ]}
          />
        </Flex>
      ) : null}
      {dialog === 'escalate' ? (
        <WriteModal<{ planStartedAt: Dayjs; decidedBy: PersonRef; note?: string }>
          title={t('leadership.escalation.start')}
          initialValues={{ planStartedAt: dayjs() }}
          onClose={() => setDialog(null)}
          onSubmit={async (values) => {
            await call('leadership.escalate', {
              eventId,
              planStartedAt: values.planStartedAt.toISOString(),
              decidedBy: values.decidedBy,
              note: values.note?.trim() || null,
            });
            void message.success(t('leadership.escalation.saved'));
          }}
        >
          <Form.Item name="planStartedAt" label={t('leadership.escalation.planStartedAt')} rules={[{ required: true, message: t('validation.required') }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="decidedBy" label={t('leadership.escalation.decidedBy')} rules={[personRule(t)]}>
            <RegisterPersonInput aria-label={t('leadership.escalation.decidedBy')} />
          </Form.Item>
          <Form.Item name="note" label={t('leadership.escalation.note')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={TEXT_MAX.description} />
          </Form.Item>
        </WriteModal>
      ) : null}
      {dialog === 'decision' && escalation ? (
        <WriteModal<{ text: string; assignee: PersonRef; dueOn?: Dayjs | null }>
          title={t('leadership.decisions.add')}
          onClose={() => setDialog(null)}
          onSubmit={async (values) => {
            await call('leadership.addDecision', {
              escalationId: escalation.id,
              text: values.text,
              assignee: values.assignee,
              dueOn: values.dueOn ? values.dueOn.format('YYYY-MM-DD') : null,
            });
            void message.success(t('leadership.decisions.saved'));
          }}
        >
          <Form.Item name="text" label={t('leadership.decisions.text')} rules={[required]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={TEXT_MAX.note} />
          </Form.Item>
          <Form.Item name="assignee" label={t('leadership.decisions.assignee')} rules={[personRule(t)]}>
            <RegisterPersonInput aria-label={t('leadership.decisions.assignee')} />
          </Form.Item>
          <Form.Item name="dueOn" label={t('leadership.decisions.dueOn')}>
            <DatePicker style={{ width: 200 }} />
          </Form.Item>
        </WriteModal>
      ) : null}
      {dialog && typeof dialog === 'object' ? (
        <WriteModal<{ note?: string }>
          title={`${t('leadership.decisions.complete')}：${dialog.text}`}
          onClose={() => setDialog(null)}
          onSubmit={async (values) => {
            await call('leadership.completeDecision', { decisionId: dialog.id, note: values.note?.trim() || null });
            void message.success(t('leadership.decisions.completed'));
          }}
        >
          <Form.Item name="note" label={t('leadership.decisions.doneNote')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={TEXT_MAX.description} />
          </Form.Item>
        </WriteModal>
      ) : null}
    </Card>
  );
}
