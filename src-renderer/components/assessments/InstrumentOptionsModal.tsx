import { Form, InputNumber, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { call, CallError } from '../../api/client';
import { useAction } from '../../api/mutations';
import { FormModal } from '../FormModal';
import { assessmentActionError } from './errors';
import { instrumentName } from './labels';
import type { InstrumentSetting } from './types';

/** The center-level switches of each instrument (INSTRUMENTS.md; the scorers' option schemas). */
export function hasCenterSwitches(id: string): boolean {
  return ['phq9', 'phqa', 'gad7', 'upi', 'scl90', 'sds', 'sas'].includes(id);
}

/** Ranges of the numeric cutoffs, as the scorers' schemas accept them. */
const RANGES: Record<string, { min: number; max: number; step?: number }> = {
  'phq9.screenCutoff': { min: 1, max: 27 },
  'phqa.screenCutoff': { min: 1, max: 27 },
  'gad7.screenCutoff': { min: 1, max: 21 },
  'scl90.totalAbove': { min: 90, max: 450 },
  'scl90.pstAbove': { min: 0, max: 90 },
  'scl90.factorMeanAtLeast': { min: 1, max: 5, step: 0.1 },
};

function rangeRule(t: TFunction, instrument: string, field: string) {
  const range = RANGES[`${instrument}.${field}`];
  return {
    validator: async (_: unknown, value: unknown) => {
      if (value === null || value === undefined || value === '') throw new Error(t('validation.required'));
      const number = Number(value);
      const stepOk = range.step ? Math.abs(Math.round(number / range.step) * range.step - number) < 1e-9 : Number.isInteger(number);
      if (!Number.isFinite(number) || number < range.min || number > range.max || !stepOk) {
        throw new Error(t('assessments.instruments.range', { min: range.min, max: range.max }));
      }
    },
  };
}

function NumberField({ instrument, name, label, help }: { instrument: string; name: string | string[]; label: string; help?: string }) {
  const { t } = useTranslation();
  const field = Array.isArray(name) ? name[name.length - 1] : name;
  const range = RANGES[`${instrument}.${field}`];
  return (
    <Form.Item name={name} label={label} extra={help} rules={[rangeRule(t, instrument, field)]}>
      <InputNumber step={range.step ?? 1} precision={range.step ? 1 : 0} style={{ width: 160 }} />
    </Form.Item>
  );
}

type Values = Record<string, unknown>;

export function InstrumentOptionsModal({
  setting,
  onClose,
  onSaved,
}: {
  setting: InstrumentSetting;
  onClose: () => void;
  onSaved: (setting: InstrumentSetting) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const id = setting.id;

  // The sentence stays above the fields; a cutoff out of range is also said beside its field.
  const configure = useAction(
    (values: Values) => {
      // `instruments.configure` replaces the stored options: send them whole, edited parts merged in.
      const current = setting.options;
      const options: Record<string, unknown> = { ...current, ...values };
      if (values.screen) options.screen = { ...(current.screen as object | undefined), ...(values.screen as object) };
      return call('instruments.configure', { instrument: id, options });
    },
    { onSuccess: onSaved, onError: (failure) => placeRangeErrors(failure) },
  );

  const placeRangeErrors = (failure: unknown) => {
    const issues = failure instanceof CallError && failure.code === 'VALIDATION' && Array.isArray(failure.details.issues) ? failure.details.issues : [];
    const placed = issues
      .map((issue) => issue.path.map(String))
      .filter((path) => path.length > 0 && RANGES[`${id}.${path[path.length - 1]}`])
      .map((path) => {
        const range = RANGES[`${id}.${path[path.length - 1]}`];
        return { name: path, errors: [t('assessments.instruments.range', { min: range.min, max: range.max })] };
      });
    if (placed.length > 0) form.setFields(placed as never);
  };

  return (
    <FormModal<Values>
      title={t('assessments.instruments.editTitle', { name: instrumentName(id) })}
      okText={t('common.save')}
      form={form}
      onSubmit={configure.run}
      onClose={onClose}
      pending={configure.pending}
      error={assessmentActionError(configure, t)}
      width={620}
      initialValues={setting.options}
    >
      {id === 'phq9' || id === 'phqa' || id === 'gad7' ? (
        <NumberField
          instrument={id}
          name="screenCutoff"
          label={t('assessments.instruments.screenCutoff')}
          help={t('assessments.instruments.screenCutoffHelp')}
        />
      ) : null}
      {id === 'upi' ? (
        <Form.Item name="variant" label={t('assessments.instruments.variant')} extra={t('assessments.instruments.variantHelp')}>
          <Radio.Group
            style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
            options={[
              { value: 'B', label: t('assessments.instruments.variantB') },
              { value: 'C', label: t('assessments.instruments.variantC') },
            ]}
          />
        </Form.Item>
      ) : null}
      {id === 'scl90' ? (
        <>
          <Form.Item name="scaleOrigin" label={t('assessments.instruments.scaleOrigin')}>
            <Radio.Group
              options={[
                { value: 1, label: t('assessments.instruments.scaleOrigin1') },
                { value: 0, label: t('assessments.instruments.scaleOrigin0') },
              ]}
            />
          </Form.Item>
          <Typography.Paragraph type="secondary">{t('assessments.instruments.scl90ScreenHelp')}</Typography.Paragraph>
          <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
            <NumberField instrument={id} name={['screen', 'totalAbove']} label={t('assessments.instruments.totalAbove')} />
            <NumberField instrument={id} name={['screen', 'pstAbove']} label={t('assessments.instruments.pstAbove')} />
            <NumberField instrument={id} name={['screen', 'factorMeanAtLeast']} label={t('assessments.instruments.factorMeanAtLeast')} />
          </div>
        </>
      ) : null}
      {id === 'sds' || id === 'sas' ? (
        <Form.Item name="rounding" label={t('assessments.instruments.rounding')}>
          <Radio.Group
            options={[
              { value: 'floor', label: t('assessments.instruments.roundingFloor') },
              { value: 'half_up', label: t('assessments.instruments.roundingHalfUp') },
            ]}
          />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}
