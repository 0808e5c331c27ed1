import { PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Flex, Form, Input, InputNumber, Select, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SUPERVISION_FORMATS, supervisionFieldsSchema, type SupervisionFormat } from '../../../src-shared/contract/training';
import { TEXT_MAX } from '../../../src-shared/contract/limits';
import { call } from '../../api/client';
import { useAction } from '../../api/mutations';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import { useCan } from '../../session';
import { moduleFieldErrors, moduleRule } from '../activities/rules';
import { FormModal, submitsWith } from '../FormModal';
import { ErrorAlert } from '../ErrorAlert';
import type { Resource } from '../../i18n/types';

/** The term a date falls in (autumn from August, spring from February), as the statistics name it. */
export function termOf(date: Dayjs): { schoolYear: number; term: 'autumn' | 'spring' } {
  const month = date.month() + 1;
  if (month >= 8) return { schoolYear: date.year(), term: 'autumn' };
  if (month === 1) return { schoolYear: date.year() - 1, term: 'autumn' };
  return { schoolYear: date.year() - 1, term: 'spring' };
}

/** 督导: sessions (never their content) and each counselor's count and hours in a term. */
export function SupervisionPanel() {
  const { t } = useTranslation();
  const canManage = useCan('supervision.manage');
  const [term, setTerm] = useState(() => termOf(dayjs()));
  const [creating, setCreating] = useState(false);
  const list = useCallQuery('training.listSupervision', {});
  const totals = useCallQuery('training.supervisionTotals', term);
  const terms = [0, 1, 2, 3].flatMap((back) => {
    const year = termOf(dayjs()).schoolYear - Math.floor(back / 2);
    return back % 2 === 0
      ? [
          { schoolYear: year, term: 'spring' as const },
          { schoolYear: year, term: 'autumn' as const },
        ]
      : [];
  });
  return (
    <div>
      <Flex justify="space-between" align="start" gap={16}>
        <Typography.Paragraph type="secondary">{t('training.supervision.intro')}</Typography.Paragraph>
        {canManage ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('training.supervision.create')}
          </Button>
        ) : null}
      </Flex>
      <ErrorAlert message={list.isError ? errorMessage(list.error, t) : null} />
      <Table
        data-testid="supervision-list"
        size="middle"
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('training.supervision.empty') }}
        columns={[
          { title: t('training.supervision.columns.date'), dataIndex: 'date' },
          { title: t('training.supervision.columns.supervisor'), dataIndex: 'supervisorName' },
          {
            title: t('training.supervision.columns.supervisees'),
            dataIndex: 'supervisees',
            render: (people: { displayName: string }[]) => people.map((p) => p.displayName).join('、'),
          },
          {
            title: t('training.supervision.columns.format'),
            dataIndex: 'format',
            render: (f: keyof Resource['training']['supervision']['formats']) => t(`training.supervision.formats.${f}`),
          },
          { title: t('training.supervision.columns.hours'), dataIndex: 'hours', align: 'right' },
        ]}
      />
      <Flex align="center" gap={12} style={{ margin: '24px 0 8px' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('training.supervision.totals.title')}
        </Typography.Title>
        <Select
          aria-label={t('training.supervision.totals.term')}
          style={{ minWidth: 240 }}
          value={`${term.schoolYear}-${term.term}`}
          onChange={(value: string) => {
            const [year, which] = value.split('-');
            setTerm({ schoolYear: Number(year), term: which as 'autumn' | 'spring' });
          }}
          options={terms.map((x) => ({
            value: `${x.schoolYear}-${x.term}`,
            label: t(`training.supervision.terms.${x.term}`, { year: x.schoolYear, next: x.schoolYear + 1 }),
          }))}
        />
      </Flex>
      <Table
        data-testid="supervision-totals"
        size="small"
        rowKey="accountId"
        loading={totals.isPending}
        dataSource={totals.data?.rows ?? []}
        pagination={false}
        locale={{ emptyText: t('training.supervision.totals.empty') }}
        columns={[
          { title: t('training.supervision.totals.counselor'), dataIndex: 'displayName' },
          { title: t('training.supervision.totals.sessions'), dataIndex: 'sessions', align: 'right' },
          { title: t('training.supervision.totals.individual'), dataIndex: 'individual', align: 'right' },
          { title: t('training.supervision.totals.group'), dataIndex: 'group', align: 'right' },
          { title: t('training.supervision.totals.hours'), dataIndex: 'hours', align: 'right' },
        ]}
      />
      {creating ? <SupervisionFormModal onClose={() => setCreating(false)} /> : null}
    </div>
  );
}

interface Values {
  date?: Dayjs | null;
  supervisorAccountId?: string | null;
  supervisorName?: string;
  format?: SupervisionFormat;
  hours?: number | null;
  superviseeIds?: string[];
}

const shape = supervisionFieldsSchema.shape;
const HALF = { flex: '1 1 0', minWidth: 0 };

function SupervisionFormModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const accounts = useCallQuery('training.accounts', {});
  const options = (accounts.data ?? []).map((a) => ({ value: a.id, label: a.displayName }));
  const save = useAction(
    (values: Values) =>
      call('training.createSupervision', {
        date: values.date ? values.date.format('YYYY-MM-DD') : '',
        supervisorAccountId: values.supervisorAccountId ?? null,
        supervisorName: values.supervisorName?.trim() ?? '',
        format: values.format!,
        hours: values.hours as number,
        superviseeIds: values.superviseeIds ?? [],
      }),
    {
      form,
      fieldErrors: (failure) => moduleFieldErrors('training', failure, t, (path) => (typeof path[0] === 'string' ? path[0] : undefined)),
      onSuccess: () => {
        void message.success(t('training.supervision.form.saved'));
        onClose();
      },
    },
  );
  return (
    <FormModal
      title={t('training.supervision.form.title')}
      okText={t('common.save')}
      form={form}
      {...submitsWith(save)}
      onClose={onClose}
      width={620}
      initialValues={{ format: 'individual', hours: 1, date: dayjs() }}
    >
      <Flex gap={16}>
        <Form.Item
          name="date"
          label={t('training.supervision.form.date')}
          rules={[moduleRule('training', shape.date, 'date', t, { map: (v) => (dayjs.isDayjs(v) ? v.format('YYYY-MM-DD') : v) })]}
          style={HALF}
        >
          <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="format" label={t('training.supervision.form.format')} style={HALF}>
          <Select
            aria-label={t('training.supervision.form.format')}
            options={SUPERVISION_FORMATS.map((value) => ({ value, label: t(`training.supervision.formats.${value}`) }))}
          />
        </Form.Item>
      </Flex>
      <Flex gap={16}>
        <Form.Item name="supervisorAccountId" label={t('training.supervision.form.supervisorAccount')} style={HALF}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            aria-label={t('training.supervision.form.supervisorAccount')}
            options={options}
            onChange={(id: string | undefined) => {
              const name = accounts.data?.find((a) => a.id === id)?.displayName;
              if (name) form.setFieldValue('supervisorName', name);
            }}
          />
        </Form.Item>
        <Form.Item
          name="supervisorName"
          label={t('training.supervision.form.supervisorName')}
          rules={[moduleRule('training', shape.supervisorName, 'supervisorName', t)]}
          style={HALF}
        >
          <Input autoComplete="off" maxLength={TEXT_MAX.personName} placeholder={t('training.supervision.form.supervisorNamePlaceholder')} />
        </Form.Item>
      </Flex>
      <Flex gap={16}>
        <Form.Item
          name="superviseeIds"
          label={t('training.supervision.form.supervisees')}
          rules={[moduleRule('training', shape.superviseeIds, 'superviseeIds', t)]}
          style={{ flex: '2 1 0', minWidth: 0 }}
        >
          <Select mode="multiple" optionFilterProp="label" aria-label={t('training.supervision.form.supervisees')} options={options} />
        </Form.Item>
        <Form.Item name="hours" label={t('training.supervision.form.hours')} rules={[moduleRule('training', shape.hours, 'hours', t)]} style={HALF}>
          <InputNumber style={{ width: '100%' }} step={0.5} />
        </Form.Item>
      </Flex>
    </FormModal>
  );
}
