import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useWrite } from '../../api/mutations';
import { schemaRule } from '../../i18n/errors';
import { FormModal } from '../FormModal';
import { CrisisLevelTag, useCrisisLevels } from './levels';
import { reasonRule } from './StepModals';

/** 调整级别: a new level and the reason, recorded in the level history. */
export function LevelChangeModal({ eventId, current, onClose, onDone }: { eventId: string; current: string; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const levels = useCrisisLevels();
  const [form] = Form.useForm<{ level: string; reason: string }>();
  const setLevel = useWrite('crisis.setLevel', { onSuccess: onDone });
  return (
    <FormModal
      title={t('crisis.level.title')}
      form={form}
      onSubmit={(values) => setLevel.run({ id: eventId, level: values.level, reason: values.reason.trim() })}
      onClose={onClose}
      pending={setLevel.pending}
      error={setLevel.error}
    >
      <Form.Item label={t('crisis.level.current')}>
        <CrisisLevelTag level={current} />
      </Form.Item>
      <Form.Item name="level" label={t('crisis.level.next')} rules={[{ required: true, message: t('validation.required') }]}>
        <Select aria-label={t('crisis.level.next')} options={levels.filter((l) => l.key !== current).map((l) => ({ value: l.key, label: l.label }))} />
      </Form.Item>
      <Form.Item name="reason" label={t('crisis.level.reason')} rules={[schemaRule(reasonRule, 'reason', t)]}>
        <Input.TextArea rows={3} maxLength={1000} showCount />
      </Form.Item>
    </FormModal>
  );
}
