import { Alert, App, DatePicker, Flex, Form, Input, Select, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DISCLOSURE_TRIGGERS, disclosureFieldsSchema, type Disclosure } from '../../../src-shared/contract';
import { TEXT_MAX } from '../../../src-shared/contract/limits';
import { useWrite } from '../../api/mutations';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import { useCan } from '../../session';
import { FormModal, submitsWith } from '../FormModal';
import { coreFieldErrors, DisclosureStatusTag, pastTimeRule, preWrap, rule } from './shared';
import { localTime } from '../../../src-shared/labels/local-time';
import { SectionHeading } from '../SectionHeading';

const shape = disclosureFieldsSchema.shape;
const FIELDS = ['trigger', 'basis', 'recipients', 'shared', 'disclosedAt'];

interface Values {
  trigger?: Disclosure['trigger'];
  disclosedAt?: Dayjs;
  recipients?: string[];
  basis?: string;
  shared?: string;
}

/** The decision column: who decided and their note, or that it still waits (not final). */
export function DecisionCell({ row }: { row: Disclosure }) {
  const { t } = useTranslation();
  if (!row.approver) return <Typography.Text type="warning">{t('referrals.disclosures.pendingNotice')}</Typography.Text>;
  return (
    <Flex vertical gap={2}>
      <span>{t('referrals.disclosures.decidedBy', { name: row.approver.displayName, note: row.decisionNote ?? t('referrals.dash') })}</span>
      <Typography.Text type="secondary">{localTime(row.decidedAt)}</Typography.Text>
    </Flex>
  );
}

/** Confidentiality exceptions (保密例外) recorded for the student; pending ones are marked not final. */
export function DisclosuresPanel({ studentId, eventId, caseId }: { studentId: string; eventId?: string; caseId?: string }) {
  const { t } = useTranslation();
  const canManage = useCan('crisis.manage');
  const list = useCallQuery('disclosures.list', eventId ? { eventId } : { studentId }, { enabled: canManage });
  const [adding, setAdding] = useState(false);
  if (!canManage) return null;
  return (
    <Flex vertical gap={12} data-testid="disclosures-panel">
      <SectionHeading title={t('referrals.disclosures.title')} addLabel={t('referrals.disclosures.add')} onAdd={() => setAdding(true)} />
      {list.isError ? <Alert type="error" showIcon title={errorMessage(list.error, t)} /> : null}
      <Table<Disclosure>
        size="small"
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data ?? []}
        pagination={false}
        locale={{ emptyText: t('referrals.disclosures.empty') }}
        scroll={{ x: 1000 }}
        rowClassName={(row) => (row.final ? '' : 'referrals-not-final')}
        columns={[
          { key: 'status', title: t('referrals.disclosures.columns.status'), width: 150, render: (_, row) => <DisclosureStatusTag status={row.status} /> },
          { key: 'disclosedAt', title: t('referrals.disclosures.columns.disclosedAt'), width: 140, render: (_, row) => localTime(row.disclosedAt) },
          { key: 'trigger', title: t('referrals.disclosures.columns.trigger'), width: 150, render: (_, row) => t(`referrals.triggers.${row.trigger}`) },
          { key: 'recipients', title: t('referrals.disclosures.columns.recipients'), width: 160, render: (_, row) => row.recipients.join('、') },
          {
            key: 'shared',
            title: t('referrals.disclosures.columns.shared'),
            render: (_, row) => <Typography.Paragraph style={preWrap}>{row.shared}</Typography.Paragraph>,
          },
          {
            key: 'basis',
            title: t('referrals.disclosures.columns.basis'),
            width: 200,
            render: (_, row) => <Typography.Paragraph style={preWrap}>{row.basis}</Typography.Paragraph>,
          },
          { key: 'decision', title: t('referrals.disclosures.columns.decision'), width: 180, render: (_, row) => <DecisionCell row={row} /> },
        ]}
      />
      {adding ? <DisclosureModal links={{ studentId, eventId, caseId }} onClose={() => setAdding(false)} /> : null}
    </Flex>
  );
}

function DisclosureModal({ links, onClose }: { links: { studentId: string; eventId?: string; caseId?: string }; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useWrite('disclosures.create', {
    form,
    fieldErrors: (failure) => coreFieldErrors(failure, t, FIELDS),
    onSuccess: () => {
      void message.success(t('referrals.disclosures.form.saved'));
      onClose();
    },
  });

  const toInput = (values: Values) => ({
    studentId: links.studentId,
    eventId: links.eventId ?? null,
    caseId: links.caseId ?? null,
    trigger: values.trigger!,
    disclosedAt: values.disclosedAt!.toISOString(),
    recipients: (values.recipients ?? []).map((r) => r.trim()).filter(Boolean),
    basis: values.basis ?? '',
    shared: values.shared ?? '',
  });

  return (
    <FormModal<Values>
      title={t('referrals.disclosures.form.title')}
      okText={t('referrals.disclosures.form.submit')}
      form={form}
      {...submitsWith(create, toInput)}
      onClose={onClose}
      width={680}
      initialValues={{ disclosedAt: dayjs(), recipients: [] }}
    >
      <Flex gap={16}>
        <Form.Item name="trigger" label={t('referrals.disclosures.form.trigger')} rules={[rule(shape.trigger, 'trigger', t)]} style={{ flex: 1 }}>
          <Select
            aria-label={t('referrals.disclosures.form.trigger')}
            options={DISCLOSURE_TRIGGERS.map((k) => ({ value: k, label: t(`referrals.triggers.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="disclosedAt" label={t('referrals.disclosures.form.disclosedAt')} rules={[pastTimeRule(t)]} style={{ width: 220 }}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
      </Flex>
      <Form.Item name="recipients" label={t('referrals.disclosures.form.recipients')} rules={[rule(shape.recipients, 'recipients', t)]}>
        <Select
          mode="tags"
          open={false}
          suffixIcon={null}
          aria-label={t('referrals.disclosures.form.recipients')}
          placeholder={t('referrals.disclosures.form.recipientsPlaceholder')}
          tokenSeparators={['，', ',', '、']}
        />
      </Form.Item>
      <Form.Item name="basis" label={t('referrals.disclosures.form.basis')} rules={[rule(shape.basis, 'basis', t)]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={TEXT_MAX.description} placeholder={t('referrals.disclosures.form.basisPlaceholder')} />
      </Form.Item>
      <Form.Item
        name="shared"
        label={t('referrals.disclosures.form.shared')}
        extra={t('referrals.disclosures.form.sharedHelp')}
        rules={[rule(shape.shared, 'shared', t)]}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={TEXT_MAX.longNote} />
      </Form.Item>
    </FormModal>
  );
}
