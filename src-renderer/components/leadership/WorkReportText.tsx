import { PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Flex, Form, Input, List, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WORK_REPORT_DELIVERY_WAYS, type ChannelInput, type PersonRef } from '../../../src-shared/contract';
import type { StatisticsPeriod } from '../../../src-shared/contract/statistics';
import { TEXT_MAX } from '../../../src-shared/contract/limits';
import { call } from '../../api/client';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import { useCan } from '../../session';
import { ErrorAlert } from '../ErrorAlert';
import { RegisterPersonInput } from './RegisterPersonInput';
import './work-report.css';
import { localTime } from '../../../src-shared/labels/local-time';
import { useAction } from '../../api/mutations';
import { FormModal, submitsWith } from '../FormModal';

const SECTIONS = ['progress', 'problems', 'suggestions'] as const;
type Section = (typeof SECTIONS)[number];
type ReportPeriod = ChannelInput<'leadership.workReport'>['period'];

/**
 * 工作总结 (written part) on the statistics page: three sections per period, edited here and
 * printed below the figures (the print view shows the text, not the edit boxes); and its
 * deliveries to the leadership group.
 */
export function WorkReportText({ period, department }: { period: StatisticsPeriod; department: string | null }) {
  const { t } = useTranslation();
  if (period.kind === 'month') {
    return (
      <Typography.Paragraph type="secondary" className="statistics-no-print">
        {t('leadership.report.monthHint')}
      </Typography.Paragraph>
    );
  }
  return <WorkReportEditor period={period} department={department} />;
}

function WorkReportEditor({ period, department }: { period: ReportPeriod; department: string | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canWrite = useCan('leadership.report');
  const key = { period, ...(department ? { department } : {}) };
  const report = useCallQuery('leadership.workReport', key);
  const [draft, setDraft] = useState<Record<Section, string>>({ progress: '', problems: '', suggestions: '' });
  const [delivering, setDelivering] = useState(false);

  useEffect(() => {
    if (report.data) setDraft({ progress: report.data.progress, problems: report.data.problems, suggestions: report.data.suggestions });
  }, [report.data]);

  const dirty = !!report.data && SECTIONS.some((s) => draft[s] !== report.data![s]);
  const saveAction = useAction(() => call('leadership.saveWorkReport', { ...key, ...draft }), {
    onSuccess: () => void message.success(t('leadership.report.saved')),
  });
  const save = () => saveAction.run();

  return (
    <Card
      size="small"
      title={t('leadership.report.title')}
      data-testid="work-report-text"
      style={{ marginTop: 16 }}
      extra={
        canWrite ? (
          <Flex gap={8} className="statistics-no-print" align="center">
            {dirty ? <Typography.Text type="warning">{t('leadership.report.unsaved')}</Typography.Text> : null}
            <Button type="primary" icon={<SaveOutlined />} loading={saveAction.pending} disabled={!dirty} onClick={() => void save()}>
              {t('leadership.report.save')}
            </Button>
          </Flex>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary" className="statistics-no-print">
        {t('leadership.report.intro')}
      </Typography.Paragraph>
      <ErrorAlert message={saveAction.error ?? (report.isError ? errorMessage(report.error, t) : null)} />
      {SECTIONS.map((section) => (
        <div key={section} style={{ marginBottom: 12 }}>
          <Typography.Title level={5}>{t(`leadership.report.${section}`)}</Typography.Title>
          {canWrite ? (
            <Input.TextArea
              className="statistics-no-print"
              aria-label={t(`leadership.report.${section}`)}
              autoSize={{ minRows: 3, maxRows: 12 }}
              maxLength={TEXT_MAX.document}
              value={draft[section]}
              onChange={(event) => setDraft((d) => ({ ...d, [section]: event.target.value }))}
            />
          ) : null}
          {/* What prints (and what readers without the right to edit see): the saved text. */}
          <Typography.Paragraph
            className={canWrite ? 'work-report-print-only' : undefined}
            style={{ whiteSpace: 'pre-wrap' }}
            data-testid={`work-report-${section}`}
          >
            {report.data?.[section] || t('leadership.report.notWritten')}
          </Typography.Paragraph>
        </div>
      ))}
      {report.data?.updatedAt ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('leadership.report.updated', { name: report.data.updatedBy?.displayName ?? '', at: localTime(report.data.updatedAt) })}
        </Typography.Paragraph>
      ) : null}
      <Flex align="center" gap={12}>
        <Typography.Text strong>{t('leadership.report.deliveries')}</Typography.Text>
        <span style={{ flex: 1 }} />
        {canWrite ? (
          <Button className="statistics-no-print" icon={<PlusOutlined />} onClick={() => setDelivering(true)}>
            {t('leadership.report.recordDelivery')}
          </Button>
        ) : null}
      </Flex>
      <List
        size="small"
        dataSource={report.data?.deliveries ?? []}
        locale={{ emptyText: t('leadership.report.noDeliveries') }}
        renderItem={(d) => (
          <List.Item data-testid="work-report-delivery">
            {[d.deliveredOn, d.recipients.map((r) => r.name).join('、'), t(`leadership.report.ways.${d.way}`), d.note].filter(Boolean).join(' · ')}
          </List.Item>
        )}
      />
      {delivering ? <DeliveryModal reportKey={key} onClose={() => setDelivering(false)} /> : null}
    </Card>
  );
}

function DeliveryModal({ reportKey, onClose }: { reportKey: { period: ReportPeriod; department?: string }; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ deliveredOn: Dayjs; recipient: PersonRef | null; way: (typeof WORK_REPORT_DELIVERY_WAYS)[number]; note?: string }>();
  const submitAction = useAction(
    async (values: { deliveredOn: Dayjs; recipient: PersonRef | null; way: (typeof WORK_REPORT_DELIVERY_WAYS)[number]; note?: string }) => {
      const recipients = values.recipient ? [values.recipient] : [];
      await call('leadership.recordDelivery', {
        ...reportKey,
        deliveredOn: values.deliveredOn.format('YYYY-MM-DD'),
        recipients,
        way: values.way,
        note: values.note?.trim() || null,
      });
      void message.success(t('leadership.report.deliverySaved'));
      onClose();
    },
  );
  return (
    <FormModal
      title={t('leadership.report.recordDelivery')}
      form={form}
      {...submitsWith(submitAction)}
      onClose={onClose}
      okText={t('leadership.escalation.save')}
      initialValues={{ deliveredOn: dayjs(), way: 'meeting' }}
    >
      <Form.Item name="deliveredOn" label={t('leadership.report.deliveredOn')} rules={[{ required: true, message: t('validation.required') }]}>
        <DatePicker style={{ width: 200 }} />
      </Form.Item>
      <Form.Item
        name="recipient"
        label={t('leadership.report.recipients')}
        rules={[
          {
            validator: async (_r, v: PersonRef | null) => {
              if (!v?.name?.trim()) throw new Error(t('validation.required'));
            },
          },
        ]}
      >
        <RegisterPersonInput aria-label={t('leadership.report.recipients')} />
      </Form.Item>
      <Form.Item name="way" label={t('leadership.report.way')}>
        <Select
          aria-label={t('leadership.report.way')}
          options={WORK_REPORT_DELIVERY_WAYS.map((w) => ({ value: w, label: t(`leadership.report.ways.${w}`) }))}
          style={{ width: 200 }}
        />
      </Form.Item>
      <Form.Item name="note" label={t('leadership.report.note')}>
        <Input maxLength={TEXT_MAX.shortReason} />
      </Form.Item>
    </FormModal>
  );
}
