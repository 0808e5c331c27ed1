import { Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CallError } from '../../api/client';
import { useWrite } from '../../api/mutations';
import { FormModal } from '../FormModal';

/** The counselor's way out of student mode: their own password, checked by the core. */
export function ExitStudentModeModal({ onCancel, onExited }: { onCancel: () => void; onExited: (assessmentId: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ password: string }>();
  // A wrong password is said as such, and the field is emptied for the next try.
  const exit = useWrite('studentMode.exit', {
    onSuccess: (exited) => onExited(exited.assessmentId),
    onError: () => form.setFieldValue('password', ''),
  });
  const wrong = exit.failure instanceof CallError && exit.failure.reason === 'currentPasswordWrong';

  return (
    <FormModal<{ password: string }>
      title={t('assessments.studentMode.exitTitle')}
      okText={t('assessments.studentMode.exitOk')}
      form={form}
      onSubmit={exit.run}
      onClose={onCancel}
      pending={exit.pending}
      error={wrong ? t('assessments.studentMode.wrongPassword') : exit.error}
    >
      <Typography.Paragraph>{t('assessments.studentMode.exitIntro')}</Typography.Paragraph>
      <Form.Item name="password" label={t('assessments.studentMode.password')} rules={[{ required: true, message: t('validation.required') }]}>
        <Input.Password autoFocus autoComplete="current-password" maxLength={256} />
      </Form.Item>
    </FormModal>
  );
}
