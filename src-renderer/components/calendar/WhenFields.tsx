import { DatePicker, Flex, Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { remarkSchema } from '../../../src-shared/contract';
import { TEXT_MAX } from '../../../src-shared/contract/limits';
import { schemaRule } from '../../i18n/errors';
import { TimeSelect } from './pickers';

/** Two fields side by side in a row of the appointment forms. */
export const HALF = { flex: '1 1 0', minWidth: 0 };

/** 日期 and 开始时间 side by side: when an appointment is booked or moved to (form fields `date`, `time`). */
export function DateTimeFields() {
  const { t } = useTranslation();
  return (
    <Flex gap={12}>
      <Form.Item name="date" label={t('calendar.fields.date')} style={HALF} rules={[{ required: true, message: t('validation.required') }]}>
        <DatePicker style={{ width: '100%' }} allowClear={false} />
      </Form.Item>
      <Form.Item name="time" label={t('calendar.fields.time')} style={HALF} rules={[{ required: true, message: t('validation.required') }]}>
        <TimeSelect />
      </Form.Item>
    </Flex>
  );
}

/** 时长 in minutes, 5 to 480 in steps of 5 (form field `duration`); half a row. */
export function DurationField() {
  const { t } = useTranslation();
  return (
    <Form.Item name="duration" label={t('calendar.fields.duration')} style={HALF} rules={[{ required: true, message: t('validation.required') }]}>
      <InputNumber min={5} max={480} step={5} precision={0} style={{ width: '100%' }} />
    </Form.Item>
  );
}

/** 备注 of an appointment or a waiting-list entry (form field `remark`, optional), with the hint of what not to write there. */
export function RemarkField() {
  const { t } = useTranslation();
  return (
    <Form.Item name="remark" label={t('calendar.fields.remark')} extra={t('calendar.fields.remarkHelp')} rules={[schemaRule(remarkSchema, 'remark', t, true)]}>
      <Input maxLength={TEXT_MAX.remark} />
    </Form.Item>
  );
}
