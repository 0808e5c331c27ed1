import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../src-shared/contract';
import { useWrite } from '../api/mutations';
import { ErrorAlert } from './ErrorAlert';
import { PasswordFields } from './PasswordFields';

interface Values {
  currentPassword: string;
  newPassword: string;
  newPasswordConfirm: string;
}

/** Current password, new password twice -> `auth.changePassword`. */
export function ChangePasswordForm({ onChanged }: { onChanged: (session: SessionInfo) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const change = useWrite('auth.changePassword', {
    form,
    onSuccess: (session) => {
      form.resetFields();
      onChanged(session);
    },
  });

  const submit = (values: Values) => change.run({ currentPassword: values.currentPassword, newPassword: values.newPassword });

  return (
    <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false} disabled={change.pending}>
      <ErrorAlert message={change.error} />
      <Form.Item name="currentPassword" label={t('fields.currentPassword')} rules={[{ required: true, message: t('validation.required') }]}>
        <Input.Password autoComplete="current-password" autoFocus />
      </Form.Item>
      <PasswordFields name="newPassword" confirmName="newPasswordConfirm" label={t('fields.newPassword')} confirmLabel={t('fields.newPasswordConfirm')} />
      <Button type="primary" htmlType="submit" loading={change.pending} block>
        {t('password.submit')}
      </Button>
    </Form>
  );
}
