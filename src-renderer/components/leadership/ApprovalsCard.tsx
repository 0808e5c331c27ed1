import { App, Button, Card, DatePicker, Form, Input, List, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LeadershipApproval } from '../../../src-shared/contract';
import { TEXT_MAX } from '../../../src-shared/contract/limits';
import { call } from '../../api/client';
import { useAction } from '../../api/mutations';
import { useCallQuery } from '../../api/queries';
import { useCan } from '../../session';
import { FormModal, submitsWith } from '../FormModal';

type Subject = { subject: LeadershipApproval['subject']; ref: string; label: string };

function ApprovalTag({ approval }: { approval: LeadershipApproval | null }) {
  const { t } = useTranslation();
  return approval ? (
    <Tag color="green">{`${t('leadership.approvals.approved')} ${t('leadership.approvals.approvedText', { date: approval.approvedOn, meeting: approval.meeting })}${approval.minutesRef ? ` ${approval.minutesRef}` : ''}`}</Tag>
  ) : (
    <Tag color="orange" data-testid="approval-pending">
      {t('leadership.approvals.pending')}
    </Tag>
  );
}

/** 领导小组审定 of the crisis template versions and the level scheme, on the crisis settings. */
export function ApprovalsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canRecord = useCan('leadership.approve');
  const state = useCallQuery('leadership.approvals', {});
  const [recording, setRecording] = useState<Subject | null>(null);
  const [form] = Form.useForm<{ approvedOn: Dayjs; meeting: string; minutesRef?: string }>();
  const record = useAction(
    (values: { approvedOn: Dayjs; meeting: string; minutesRef?: string }) =>
      call('leadership.recordApproval', {
        subject: recording!.subject,
        subjectRef: recording!.ref,
        approvedOn: values.approvedOn.format('YYYY-MM-DD'),
        meeting: values.meeting,
        minutesRef: values.minutesRef?.trim() || null,
      }),
    {
      onSuccess: () => {
        void message.success(t('leadership.approvals.saved'));
        setRecording(null);
      },
    },
  );
  if (!state.data) return null;
  const { templates, levels } = state.data;
  const items: (Subject & { approval: LeadershipApproval | null })[] = [
    { subject: 'crisis_levels', ref: levels.digest, label: t('leadership.approvals.levels', { labels: levels.labels.join('、') }), approval: levels.approval },
    ...templates.map((tpl) => ({
      subject: 'crisis_template' as const,
      ref: tpl.id,
      label: t('leadership.approvals.template', { version: tpl.version, name: tpl.name }),
      approval: tpl.approval,
    })),
  ];
  return (
    <Card size="small" title={t('leadership.approvals.title')} data-testid="leadership-approvals">
      <Typography.Paragraph type="secondary">{t('leadership.approvals.intro')}</Typography.Paragraph>
      {templates.length === 0 ? <Typography.Paragraph type="secondary">{t('leadership.approvals.noTemplates')}</Typography.Paragraph> : null}
      <List
        size="small"
        dataSource={items}
        renderItem={(item) => (
          <List.Item
            actions={
              !item.approval && canRecord
                ? [
                    <Button
                      key="record"
                      size="small"
                      onClick={() => {
                        form.resetFields();
                        record.reset();
                        setRecording(item);
                      }}
                    >
                      {t('leadership.approvals.record')}
                    </Button>,
                  ]
                : []
            }
          >
            <span style={{ flex: 1 }}>{item.label}</span>
            <ApprovalTag approval={item.approval} />
          </List.Item>
        )}
      />
      {recording ? (
        <FormModal
          title={`${t('leadership.approvals.record')}：${recording.label}`}
          form={form}
          {...submitsWith(record)}
          onClose={() => setRecording(null)}
          okText={t('leadership.escalation.save')}
          initialValues={{ approvedOn: dayjs() }}
        >
          <Form.Item name="approvedOn" label={t('leadership.approvals.approvedOn')} rules={[{ required: true, message: t('validation.required') }]}>
            <DatePicker style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="meeting" label={t('leadership.approvals.meeting')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input maxLength={TEXT_MAX.remark} />
          </Form.Item>
          <Form.Item name="minutesRef" label={t('leadership.approvals.minutesRef')}>
            <Input maxLength={TEXT_MAX.remark} />
          </Form.Item>
        </FormModal>
      ) : null}
    </Card>
  );
}
