import { Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, CallError } from '../../api/client';
import { errorMessage } from '../../i18n/errors';
import { ErrorAlert } from '../ErrorAlert';

/** The counselor's way out of student mode: their own password, checked by the core. */
export function ExitStudentModeModal({ onCancel, onExited }: { onCancel: () => void; onExited: (assessmentId: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ password: string }>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async ({ password }: { password: string }) => {
    setPending(true);
    setError(null);
    try {
      const exited = await call('studentMode.exit', { password });
      onExited(exited.assessmentId);
    } catch (failure) {
      const wrong = failure instanceof CallError && failure.reason === 'currentPasswordWrong';
      setError(wrong ? t('assessments.studentMode.wrongPassword') : errorMessage(failure, t));
      form.setFieldValue('password', '');
      setPending(false);
    }
  };

  return (
    <Modal
      open
      title={t('assessments.studentMode.exitTitle')}
      okText={t('assessments.studentMode.exitOk')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onCancel}
      confirmLoading={pending}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <ErrorAlert message={error} />
      <Typography.Paragraph>{t('assessments.studentMode.exitIntro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)} disabled={pending}>
        <Form.Item name="password" label={t('assessments.studentMode.password')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input.Password autoFocus autoComplete="current-password" maxLength={256} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
