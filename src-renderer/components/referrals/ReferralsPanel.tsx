import { PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Flex, Form, Input, Radio, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { channels, isoDateSchema, referralFieldsSchema, type Referral } from '../../../src-shared/contract';
import { TEXT_MAX } from '../../../src-shared/contract/limits';
import { call } from '../../api/client';
import { useAction, useWrite } from '../../api/mutations';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import { useHashLocation } from '../../router';
import { useCan } from '../../session';
import { FormModal, submitsWith } from '../FormModal';
import { asDate, coreFieldErrors, preWrap, ReferralStatusTag, rule } from './shared';
import { SectionHeading } from '../SectionHeading';

const shape = referralFieldsSchema.shape;
const feedbackShape = channels['referrals.recordFeedback'].input.shape;
const FIELDS = ['hospital', 'hospitalDepartment', 'referredOn', 'escort', 'letterText', 'consentToShare', 'consentBy', 'status'];

interface Values {
  hospital?: string;
  hospitalDepartment?: string;
  referredOn?: Dayjs;
  status?: 'planned' | 'referred';
  escort?: string;
  letterText?: string;
  consentToShare?: boolean;
  consentBy?: string;
}

/** Hospital referrals with the printable letter and the hospital's feedback. */
export function ReferralsPanel({ studentId, eventId, caseId }: { studentId: string; eventId?: string; caseId?: string }) {
  const { t } = useTranslation();
  const canManage = useCan('crisis.manage');
  const [, navigate] = useHashLocation();
  // On an event's page its own referrals; elsewhere all of the student's.
  const list = useCallQuery('referrals.list', eventId ? { eventId } : { studentId }, { enabled: canManage });
  const [editing, setEditing] = useState<Referral | 'new' | null>(null);
  const [feedbackFor, setFeedbackFor] = useState<Referral | null>(null);
  if (!canManage) return null;
  return (
    <Flex vertical gap={12} data-testid="referrals-panel">
      <SectionHeading title={t('referrals.referrals.title')} addLabel={t('referrals.referrals.add')} onAdd={() => setEditing('new')} />
      {list.isError ? <Alert type="error" showIcon title={errorMessage(list.error, t)} /> : null}
      <Table<Referral>
        size="small"
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data ?? []}
        pagination={false}
        locale={{ emptyText: t('referrals.referrals.empty') }}
        scroll={{ x: 900 }}
        columns={[
          { key: 'referredOn', title: t('referrals.referrals.columns.referredOn'), width: 110, render: (_, row) => row.referredOn },
          {
            key: 'hospital',
            title: t('referrals.referrals.columns.hospital'),
            render: (_, row) => [row.hospital, row.hospitalDepartment].filter(Boolean).join(' · '),
          },
          { key: 'escort', title: t('referrals.referrals.columns.escort'), width: 140, render: (_, row) => row.escort ?? t('referrals.dash') },
          {
            key: 'consent',
            title: t('referrals.referrals.columns.consent'),
            width: 140,
            render: (_, row) => (row.consentToShare ? t('referrals.referrals.consentYes', { name: row.consentBy }) : t('referrals.referrals.consentNo')),
          },
          { key: 'status', title: t('referrals.referrals.columns.status'), width: 130, render: (_, row) => <ReferralStatusTag status={row.status} /> },
          {
            key: 'feedback',
            title: t('referrals.referrals.columns.feedback'),
            render: (_, row) =>
              row.feedback ? (
                <Flex vertical gap={2}>
                  <Typography.Text type="secondary">{t('referrals.referrals.feedback.source', { date: row.feedbackOn })}</Typography.Text>
                  <Typography.Paragraph style={preWrap}>{row.feedback}</Typography.Paragraph>
                </Flex>
              ) : (
                t('referrals.dash')
              ),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            width: 200,
            render: (_, row) => (
              <Flex gap={4} wrap>
                <Button size="small" icon={<PrinterOutlined />} onClick={() => navigate('print', `referral-letter:${row.id}`)}>
                  {t('referrals.referrals.print')}
                </Button>
                {row.status !== 'feedback_received' ? (
                  <>
                    <Button size="small" onClick={() => setEditing(row)}>
                      {t('referrals.referrals.edit')}
                    </Button>
                    <Button size="small" onClick={() => setFeedbackFor(row)}>
                      {t('referrals.referrals.recordFeedback')}
                    </Button>
                  </>
                ) : null}
              </Flex>
            ),
          },
        ]}
      />
      {editing ? <ReferralModal referral={editing === 'new' ? null : editing} links={{ studentId, eventId, caseId }} onClose={() => setEditing(null)} /> : null}
      {feedbackFor ? <FeedbackModal referral={feedbackFor} onClose={() => setFeedbackFor(null)} /> : null}
    </Flex>
  );
}

function initialValues(referral: Referral | null): Values {
  if (!referral) return { referredOn: dayjs(), status: 'planned', consentToShare: undefined };
  return {
    hospital: referral.hospital,
    hospitalDepartment: referral.hospitalDepartment ?? '',
    referredOn: dayjs(referral.referredOn),
    status: referral.status === 'feedback_received' ? 'referred' : referral.status,
    escort: referral.escort ?? '',
    letterText: referral.letterText ?? '',
    consentToShare: referral.consentToShare,
    consentBy: referral.consentBy ?? '',
  };
}

/** What the referral form writes, on a new referral or as the patch of an existing one. */
interface ReferralFields {
  hospital: string;
  hospitalDepartment: string | null;
  referredOn: string;
  escort: string | null;
  letterText: string | null;
  consentToShare: boolean;
  consentBy: string | null;
  status: 'planned' | 'referred';
}

/** 新建转介 / 修改转介. */
function ReferralModal({
  referral,
  links,
  onClose,
}: {
  referral: Referral | null;
  links: { studentId: string; eventId?: string; caseId?: string };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const consent = Form.useWatch('consentToShare', form);
  const save = useAction(
    async (fields: ReferralFields) => {
      if (referral) await call('referrals.update', { id: referral.id, patch: fields });
      else await call('referrals.create', { ...fields, studentId: links.studentId, eventId: links.eventId ?? null, caseId: links.caseId ?? null });
    },
    {
      form,
      fieldErrors: (failure) => coreFieldErrors(failure, t, FIELDS, 'patch'),
      onSuccess: () => {
        void message.success(t('referrals.referrals.form.saved'));
        onClose();
      },
    },
  );

  const toInput = (values: Values) => ({
    hospital: values.hospital ?? '',
    hospitalDepartment: values.hospitalDepartment?.trim() || null,
    referredOn: values.referredOn!.format('YYYY-MM-DD'),
    escort: values.escort?.trim() || null,
    letterText: values.letterText?.trim() || null,
    consentToShare: values.consentToShare === true,
    consentBy: values.consentToShare ? values.consentBy?.trim() || null : null,
    status: values.status ?? 'planned',
  });

  return (
    <FormModal<Values>
      title={referral ? t('referrals.referrals.form.editTitle') : t('referrals.referrals.form.createTitle')}
      okText={t('referrals.referrals.form.submit')}
      form={form}
      {...submitsWith(save, toInput)}
      onClose={onClose}
      width={720}
      initialValues={initialValues(referral)}
    >
      <Flex gap={16}>
        <Form.Item name="hospital" label={t('referrals.referrals.form.hospital')} rules={[rule(shape.hospital, 'hospital', t)]} style={{ flex: 2 }}>
          <Input maxLength={TEXT_MAX.remark} autoComplete="off" placeholder={t('referrals.referrals.form.hospitalPlaceholder')} />
        </Form.Item>
        <Form.Item
          name="hospitalDepartment"
          label={t('referrals.referrals.form.hospitalDepartment')}
          rules={[rule(shape.hospitalDepartment, 'hospitalDepartment', t, true)]}
          style={{ flex: 1 }}
        >
          <Input maxLength={TEXT_MAX.shortName} autoComplete="off" placeholder={t('referrals.referrals.form.hospitalDepartmentPlaceholder')} />
        </Form.Item>
      </Flex>
      <Flex gap={16}>
        <Form.Item
          name="referredOn"
          label={t('referrals.referrals.form.referredOn')}
          rules={[rule(isoDateSchema, 'referredOn', t, false, asDate)]}
          style={{ width: 200 }}
        >
          <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="status" label={t('referrals.referrals.form.status')} style={{ flex: 1 }}>
          <Radio.Group optionType="button" options={(['planned', 'referred'] as const).map((s) => ({ value: s, label: t(`referrals.referralStatus.${s}`) }))} />
        </Form.Item>
      </Flex>
      <Form.Item name="escort" label={t('referrals.referrals.form.escort')} rules={[rule(shape.escort, 'escort', t, true)]}>
        <Input maxLength={TEXT_MAX.remark} autoComplete="off" placeholder={t('referrals.referrals.form.escortPlaceholder')} />
      </Form.Item>
      <Form.Item
        name="letterText"
        label={t('referrals.referrals.form.letterText')}
        extra={t('referrals.referrals.form.letterTextHelp')}
        rules={[rule(shape.letterText, 'letterText', t, true)]}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={TEXT_MAX.longNote} />
      </Form.Item>
      <Form.Item
        name="consentToShare"
        label={t('referrals.referrals.form.consentToShare')}
        rules={[{ validator: async (_r: unknown, v: unknown) => (typeof v === 'boolean' ? undefined : Promise.reject(new Error(t('validation.required')))) }]}
      >
        <Radio.Group
          options={[
            { value: true, label: t('common.yes') },
            { value: false, label: t('common.no') },
          ]}
        />
      </Form.Item>
      {consent === true ? (
        <Form.Item
          name="consentBy"
          label={t('referrals.referrals.form.consentBy')}
          rules={[
            {
              validator: async (_r: unknown, v: string | undefined) => {
                if (!v?.trim()) throw new Error(t('referrals.validation.referralConsentByRequired'));
              },
            },
          ]}
        >
          <Input maxLength={TEXT_MAX.shortName} autoComplete="off" placeholder={t('referrals.referrals.form.consentByPlaceholder')} />
        </Form.Item>
      ) : null}
      {consent === false ? <Alert type="info" showIcon title={t('referrals.referrals.form.noConsentHint')} /> : null}
    </FormModal>
  );
}

interface FeedbackValues {
  feedbackOn?: Dayjs;
  feedback?: string;
}

/** 记录医院反馈: the hospital's words; the center's own diagnosis has no place here. */
function FeedbackModal({ referral, onClose }: { referral: Referral; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FeedbackValues>();
  const record = useWrite('referrals.recordFeedback', {
    form,
    fieldErrors: (failure) => coreFieldErrors(failure, t, ['feedback', 'feedbackOn']),
    onSuccess: () => {
      void message.success(t('referrals.referrals.feedback.saved'));
      onClose();
    },
  });
  return (
    <FormModal<FeedbackValues>
      title={t('referrals.referrals.feedback.title')}
      okText={t('referrals.referrals.feedback.submit')}
      form={form}
      {...submitsWith(record, (values: FeedbackValues) => ({
        id: referral.id,
        feedback: values.feedback ?? '',
        feedbackOn: values.feedbackOn!.format('YYYY-MM-DD'),
      }))}
      onClose={onClose}
      width={600}
      initialValues={{ feedbackOn: dayjs() }}
      before={<Alert type="warning" showIcon title={t('referrals.referrals.feedback.notice')} style={{ marginBottom: 16 }} />}
    >
      <Form.Item name="feedbackOn" label={t('referrals.referrals.feedback.feedbackOn')} rules={[rule(isoDateSchema, 'feedbackOn', t, false, asDate)]}>
        <DatePicker format="YYYY-MM-DD" style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="feedback" label={t('referrals.referrals.feedback.feedback')} rules={[rule(feedbackShape.feedback, 'feedback', t)]}>
        <Input.TextArea
          autoSize={{ minRows: 3, maxRows: 8 }}
          maxLength={TEXT_MAX.longNote}
          placeholder={t('referrals.referrals.feedback.feedbackPlaceholder')}
        />
      </Form.Item>
    </FormModal>
  );
}
