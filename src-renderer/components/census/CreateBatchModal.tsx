import { Alert, AutoComplete, Checkbox, DatePicker, Flex, Form, Input, InputNumber, Radio, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { channels, type ChannelInput } from '../../../src-shared/contract';
import { INSTRUMENT_IDS } from '../../../src-shared/instruments/types';
import { call, CallError } from '../../api/client';
import { useAction } from '../../api/mutations';
import { useCallQuery } from '../../api/queries';
import { currentLanguage } from '../../i18n';
import { errorMessage, fieldErrors, schemaRule } from '../../i18n/errors';
import { useCan } from '../../session';
import { FormModal, submitsWith } from '../FormModal';
import { instrumentShort, type CensusBatch } from './labels';

const DEFAULT_INSTRUMENTS = ['scl90', 'upi'];
const MAX_INSTRUMENTS = 4;
const HALF = { flex: '1 1 0', minWidth: 0 };
const THIRD = { flex: '1 1 0', minWidth: 0 };
const SCL90_DEFAULTS = { totalAbove: 160, pstAbove: 43, factorMeanAtLeast: 2 };

interface Values {
  name: string;
  cohort: string;
  grade?: string;
  period?: [Dayjs | null, Dayjs | null] | null;
  instruments: string[];
  customRules: boolean;
  scl90: { totalAbove: number; pstAbove: number; factorMeanAtLeast: number };
  upi: { variant: 'B' | 'C' };
}

type CreateInput = ChannelInput<'census.createBatch'>;

const shape = channels['census.createBatch'].input.shape;

/** The form's values as the contract's input: dates as YYYY-MM-DD, rules only when edited, for chosen instruments. */
export function createBatchInput(values: Values): CreateInput {
  const [start, end] = values.period ?? [null, null];
  const rules: Record<string, Record<string, unknown>> = {};
  if (values.customRules && values.instruments.includes('scl90')) rules.scl90 = { screen: { ...values.scl90 } };
  if (values.customRules && values.instruments.includes('upi')) rules.upi = { variant: values.upi.variant };
  return {
    name: values.name.trim(),
    cohort: values.cohort.trim(),
    grade: values.grade?.trim() ? values.grade.trim() : null,
    periodStart: start ? start.format('YYYY-MM-DD') : null,
    periodEnd: end ? end.format('YYYY-MM-DD') : null,
    instruments: values.instruments as CreateInput['instruments'],
    ...(Object.keys(rules).length > 0 ? { rules } : {}),
  };
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/** 新建普查批次: name, cohort, roster grade, period, instruments, and (optionally) the screening rules it keeps. */
export function CreateBatchModal({ onClose, onCreated }: { onClose: () => void; onCreated: (batch: CensusBatch) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const instruments = useCallQuery('instruments.list', {});
  const canReadStudents = useCan('students.read');
  const facets = useCallQuery('students.facets', {}, { enabled: canReadStudents });
  const customRules = Form.useWatch('customRules', form);
  const chosen = Form.useWatch('instruments', form) ?? DEFAULT_INSTRUMENTS;
  const english = currentLanguage() === 'en';

  const settings = useMemo(() => new Map((instruments.data ?? []).map((i) => [i.id as string, i])), [instruments.data]);
  const instrumentOptions = INSTRUMENT_IDS.map((id) => {
    const setting = settings.get(id);
    const name = setting ? (english ? setting.name.en : setting.name.zh) : instrumentShort(id);
    const disabled = setting ? !setting.enabled : false;
    return { value: id, label: `${name}${disabled ? ` ${t('census.create.instrumentDisabled')}` : ''}`, disabled };
  });
  const initialInstruments = DEFAULT_INSTRUMENTS.filter((id) => settings.get(id)?.enabled !== false);

  // The editor starts from the center's current settings: what the batch would keep anyway.
  const scl90Options = record(settings.get('scl90')?.options);
  const screen = { ...SCL90_DEFAULTS, ...record(scl90Options.screen) } as Values['scl90'];
  const variant = record(settings.get('upi')?.options).variant === 'C' ? 'C' : 'B';

  // A taken name, or refused name/cohort/grade, is said beside the field; anything else above the form.
  const create = useAction((values: Values) => call('census.createBatch', createBatchInput(values)), {
    onSuccess: onCreated,
    form,
    fieldErrors: (failure) => {
      if (failure instanceof CallError && failure.reason === 'censusBatchNameTaken') return [{ name: 'name', errors: [errorMessage(failure, t)] }];
      const fields = fieldErrors(failure, t, (path) => (typeof path[0] === 'string' ? path[0] : undefined));
      return fields.every((f) => ['name', 'cohort', 'grade'].includes(f.name)) ? fields : [];
    },
  });

  const ready = !instruments.isPending;

  return (
    <FormModal<Values>
      title={t('census.create.title')}
      okText={t('census.create.submit')}
      form={form}
      {...submitsWith(create)}
      onClose={onClose}
      loading={!ready}
      width={760}
      bodyStyle={{ paddingTop: 12 }}
      initialValues={{ instruments: initialInstruments, customRules: false, scl90: screen, upi: { variant } }}
    >
      <Form.Item name="name" label={t('census.create.name')} rules={[schemaRule(shape.name, 'name', t)]}>
        <Input autoComplete="off" maxLength={100} placeholder={t('census.create.namePlaceholder')} autoFocus />
      </Form.Item>
      <Flex gap={16}>
        <Form.Item name="cohort" label={t('census.create.cohort')} rules={[schemaRule(shape.cohort, 'cohort', t)]} style={HALF}>
          <Input autoComplete="off" maxLength={100} placeholder={t('census.create.cohortPlaceholder')} />
        </Form.Item>
        <Form.Item
          name="grade"
          label={t('census.create.grade')}
          extra={t('census.create.gradeHelp')}
          rules={[schemaRule(shape.grade, 'grade', t, true)]}
          style={HALF}
        >
          <AutoComplete
            options={(facets.data?.grades ?? []).map((grade) => ({ value: grade }))}
            placeholder={t('census.create.gradePlaceholder')}
            filterOption={(input, option) => String(option?.value ?? '').includes(input)}
          />
        </Form.Item>
      </Flex>
      <Form.Item name="period" label={t('census.create.period')}>
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          placeholder={[t('census.create.periodStart'), t('census.create.periodEnd')]}
          format="YYYY-MM-DD"
          style={{ width: '100%' }}
        />
      </Form.Item>
      <Form.Item
        name="instruments"
        label={t('census.create.instruments')}
        extra={t('census.create.instrumentsHelp')}
        rules={[
          {
            validator: async (_rule, value: string[] | undefined) => {
              if (!value || value.length === 0) throw new Error(t('census.create.instrumentsRequired'));
              if (value.length > MAX_INSTRUMENTS) throw new Error(t('census.create.instrumentsTooMany'));
            },
          },
        ]}
      >
        <Checkbox.Group options={instrumentOptions} style={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', rowGap: 6 }} />
      </Form.Item>
      <Flex align="center" gap={8} style={{ marginBottom: 12 }}>
        <Form.Item name="customRules" valuePropName="checked" noStyle>
          <Switch id="census-custom-rules" size="small" />
        </Form.Item>
        <label htmlFor="census-custom-rules" style={{ cursor: 'pointer', fontWeight: 500 }}>
          {t('census.create.customRules')}
        </label>
      </Flex>
      <Alert type="info" showIcon title={t('census.create.rulesNote')} style={{ marginBottom: 16 }} />
      {customRules && chosen.includes('scl90') ? (
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontSize: 14, fontWeight: 500, marginBottom: 8 }}>{t('census.create.scl90Rules')}</legend>
          <Flex gap={16}>
            <Form.Item
              name={['scl90', 'totalAbove']}
              label={t('census.create.totalAbove')}
              rules={[{ required: true, message: t('validation.required') }]}
              style={THIRD}
            >
              <InputNumber min={90} max={450} precision={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              name={['scl90', 'pstAbove']}
              label={t('census.create.pstAbove')}
              rules={[{ required: true, message: t('validation.required') }]}
              style={THIRD}
            >
              <InputNumber min={0} max={90} precision={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              name={['scl90', 'factorMeanAtLeast']}
              label={t('census.create.factorMeanAtLeast')}
              rules={[{ required: true, message: t('validation.required') }]}
              style={THIRD}
            >
              <InputNumber min={1} max={5} step={0.1} precision={1} style={{ width: '100%' }} />
            </Form.Item>
          </Flex>
        </fieldset>
      ) : null}
      {customRules && chosen.includes('upi') ? (
        <Form.Item name={['upi', 'variant']} label={t('census.create.upiRules')} extra={t('census.create.variantHelp')}>
          <Radio.Group
            options={[
              { value: 'B', label: t('census.create.variantB') },
              { value: 'C', label: t('census.create.variantC') },
            ]}
          />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}
