import { Alert, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FOLLOWUP_OUTCOMES } from '../../../src-shared/contract';
import { call } from '../../api/client';
import { errorMessage } from '../../i18n/errors';
import { ErrorAlert } from '../ErrorAlert';
import type { Followup, FollowupOutcome } from './labels';

interface Values {
  outcome: FollowupOutcome;
  note?: string;
}

/** 记录约谈结果: 排除 / 继续观察 / 重点关注 / 危机, and a short note. */
export function OutcomeModal({ followup, onClose, onSaved }: { followup: Followup; onClose: () => void; onSaved: (saved: Followup) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const outcome = Form.useWatch('outcome', form);

  const submit = async (values: Values) => {
    setPending(true);
    setError(null);
    try {
      onSaved(await call('census.recordOutcome', { followupId: followup.id, outcome: values.outcome, note: values.note?.trim() ?? '' }));
    } catch (failure) {
      setError(errorMessage(failure, t));
    } finally {
      setPending(false);
    }
  };

  return (
    <Modal
      open
      title={t('census.followups.outcome.title', { name: followup.student.name, studentNo: followup.student.studentNo })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={pending}
      mask={{ closable: false }}
      width={560}
    >
      <ErrorAlert message={error} />
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={submit}
        disabled={pending}
        initialValues={{ outcome: followup.outcome ?? undefined, note: followup.note ?? '' }}
      >
        <Form.Item name="outcome" label={t('census.followups.outcome.outcome')} rules={[{ required: true, message: t('census.followups.outcome.required') }]}>
          <Radio.Group options={FOLLOWUP_OUTCOMES.map((value) => ({ value, label: t(`census.outcomes.${value}`) }))} />
        </Form.Item>
        {outcome === 'crisis' ? <Alert type="warning" showIcon title={t('census.followups.outcome.crisisHint')} style={{ marginBottom: 16 }} /> : null}
        <Form.Item name="note" label={t('census.followups.outcome.note')}>
          <Input.TextArea rows={4} maxLength={1000} showCount placeholder={t('census.followups.outcome.notePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
