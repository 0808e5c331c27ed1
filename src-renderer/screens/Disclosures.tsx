import { Alert, App, Button, Card, Descriptions, Empty, Flex, Form, Input, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { disclosureDecisionSchema, type Disclosure } from '../../src-shared/contract';
import { call } from '../api/client';
import { useCallQuery } from '../api/queries';
import { FormModal, submitsWith } from '../components/FormModal';
import { DisclosureStatusTag, preWrap } from '../components/referrals/shared';
import { errorMessage } from '../i18n/errors';
import type { Navigate } from '../router';
import { localTime } from '../../src-shared/labels/local-time';
import { useAction } from '../api/mutations';

type Decision = 'approve' | 'reject';

/** 保密例外审批: the director's queue of disclosures awaiting approval. */
export function Disclosures({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  const pending = useCallQuery('disclosures.pending', {});
  const [deciding, setDeciding] = useState<{ row: Disclosure; decision: Decision } | null>(null);
  return (
    <Flex vertical gap={16} style={{ maxWidth: 960 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('referrals.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('referrals.approvals.intro')}
      </Typography.Paragraph>
      {pending.isError ? <Alert type="error" showIcon title={errorMessage(pending.error, t)} /> : null}
      {pending.isPending ? <Skeleton active /> : null}
      {pending.data && pending.data.length === 0 ? <Empty description={t('referrals.approvals.empty')} /> : null}
      {pending.data?.map((row) => (
        <Card
          key={row.id}
          data-testid="disclosure-approval"
          title={
            <Flex align="center" gap={8} wrap>
              <DisclosureStatusTag status={row.status} />
              <span>{t(`referrals.triggers.${row.trigger}`)}</span>
            </Flex>
          }
          extra={
            <Flex gap={8}>
              <Button type="primary" onClick={() => setDeciding({ row, decision: 'approve' })}>
                {t('referrals.approvals.approve')}
              </Button>
              <Button danger onClick={() => setDeciding({ row, decision: 'reject' })}>
                {t('referrals.approvals.reject')}
              </Button>
            </Flex>
          }
        >
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              {
                key: 'student',
                label: t('referrals.approvals.student'),
                children: (
                  <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => onNavigate('student', row.student.id)}>
                    {row.student.name} {row.student.studentNo}
                  </Button>
                ),
              },
              { key: 'by', label: t('referrals.approvals.disclosedBy'), children: row.disclosedBy?.displayName ?? t('referrals.dash') },
              { key: 'at', label: t('referrals.disclosures.columns.disclosedAt'), children: localTime(row.disclosedAt) },
              { key: 'recipients', label: t('referrals.disclosures.columns.recipients'), children: row.recipients.join('、') },
              {
                key: 'basis',
                label: t('referrals.disclosures.columns.basis'),
                span: 'filled' as const,
                children: <Typography.Paragraph style={preWrap}>{row.basis}</Typography.Paragraph>,
              },
              {
                key: 'shared',
                label: t('referrals.disclosures.columns.shared'),
                span: 'filled' as const,
                children: <Typography.Paragraph style={preWrap}>{row.shared}</Typography.Paragraph>,
              },
            ]}
          />
        </Card>
      ))}
      {deciding ? <DecideModal row={deciding.row} decision={deciding.decision} onClose={() => setDeciding(null)} /> : null}
    </Flex>
  );
}

function DecideModal({ row, decision, onClose }: { row: Disclosure; decision: Decision; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note?: string }>();
  // One way to write: pending and the translated error from useAction; the lists refetch from store.changed.
  const submitAction = useAction(async ({ note }: { note?: string }) => {
    await call('disclosures.decide', { id: row.id, decision, ...(note?.trim() ? { note: note.trim() } : {}) });
    void message.success(decision === 'approve' ? t('referrals.approvals.approved') : t('referrals.approvals.rejected'));
    onClose();
  });
  return (
    <FormModal
      title={t('referrals.approvals.decideTitle')}
      okText={decision === 'approve' ? t('referrals.approvals.approve') : t('referrals.approvals.reject')}
      okDanger={decision === 'reject'}
      form={form}
      {...submitsWith(submitAction)}
      onClose={onClose}
    >
      <Form.Item
        name="note"
        label={t('referrals.approvals.note')}
        rules={[
          {
            validator: async (_r: unknown, value: string | undefined) => {
              const parsed = disclosureDecisionSchema.safeParse({ id: row.id, decision, ...(value?.trim() ? { note: value.trim() } : {}) });
              if (!parsed.success) throw new Error(t(`referrals.validation.${parsed.error.issues[0].message}`, { defaultValue: t('validation.invalid') }));
            },
          },
        ]}
      >
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 5 }}
          maxLength={1000}
          placeholder={decision === 'reject' ? t('referrals.approvals.notePlaceholderReject') : undefined}
        />
      </Form.Item>
    </FormModal>
  );
}
