import { App, Button, Card, DatePicker, Form, Input, List, Modal, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LeadershipApproval } from '../../../src-shared/contract';
import { call } from '../../api/client';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import { useCan } from '../../session';
import { ErrorAlert } from '../ErrorAlert';

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
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
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
  const submit = async (values: { approvedOn: Dayjs; meeting: string; minutesRef?: string }) => {
    if (!recording) return;
    setPending(true);
    setError(null);
    try {
      await call('leadership.recordApproval', {
        subject: recording.subject,
        subjectRef: recording.ref,
        approvedOn: values.approvedOn.format('YYYY-MM-DD'),
        meeting: values.meeting,
        minutesRef: values.minutesRef?.trim() || null,
      });
      void message.success(t('leadership.approvals.saved'));
      setRecording(null);
    } catch (failure) {
      setError(errorMessage(failure, t));
    } finally {
      setPending(false);
    }
  };
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
                        setError(null);
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
        <Modal
          open
          title={`${t('leadership.approvals.record')}：${recording.label}`}
          onOk={() => form.submit()}
          onCancel={() => setRecording(null)}
          confirmLoading={pending}
          okText={t('leadership.escalation.save')}
          cancelText={t('common.cancel')}
          mask={{ closable: false }}
        >
          <ErrorAlert message={error} />
          <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} initialValues={{ approvedOn: dayjs() }} disabled={pending}>
            <Form.Item name="approvedOn" label={t('leadership.approvals.approvedOn')} rules={[{ required: true, message: t('validation.required') }]}>
              <DatePicker style={{ width: 200 }} />
            </Form.Item>
            <Form.Item
              name="meeting"
              label={t('leadership.approvals.meeting')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
            >
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="minutesRef" label={t('leadership.approvals.minutesRef')}>
              <Input maxLength={200} />
            </Form.Item>
          </Form>
        </Modal>
      ) : null}
    </Card>
  );
}
