import { Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { errorMessage, schemaRule } from '../../i18n/errors';
import { ErrorAlert } from '../ErrorAlert';
import { CrisisLevelTag, useCrisisLevels } from './levels';
import { reasonRule } from './StepModals';

/** 调整级别: a new level and the reason, recorded in the level history. */
export function LevelChangeModal({ eventId, current, onClose, onDone }: { eventId: string; current: string; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const levels = useCrisisLevels();
  const [form] = Form.useForm<{ level: string; reason: string }>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (values: { level: string; reason: string }) => {
    setPending(true);
    setError(null);
    try {
      await call('crisis.setLevel', { id: eventId, level: values.level, reason: values.reason.trim() });
      onDone();
    } catch (failure) {
      setError(errorMessage(failure, t));
    } finally {
      setPending(false);
    }
  };
  return (
    <Modal
      open
      title={t('crisis.level.title')}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={pending}
      mask={{ closable: false }}
    >
      <ErrorAlert message={error} />
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)} disabled={pending}>
        <Form.Item label={t('crisis.level.current')}>
          <CrisisLevelTag level={current} />
        </Form.Item>
        <Form.Item name="level" label={t('crisis.level.next')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select aria-label={t('crisis.level.next')} options={levels.filter((l) => l.key !== current).map((l) => ({ value: l.key, label: l.label }))} />
        </Form.Item>
        <Form.Item name="reason" label={t('crisis.level.reason')} rules={[schemaRule(reasonRule, 'reason', t)]}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
