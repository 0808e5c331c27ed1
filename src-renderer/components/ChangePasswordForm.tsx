import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../src-shared/contract';
import { useCallMutation } from '../api/queries';
import { errorMessage, fieldErrors } from '../i18n/errors';
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
  const [error, setError] = useState<string | null>(null);
  const change = useCallMutation('auth.changePassword');

  const submit = async (values: Values) => {
    setError(null);
    try {
      const session = await change.mutateAsync({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      form.resetFields();
      onChanged(session);
    } catch (failure) {
      const fields = fieldErrors(failure, t);
      if (fields.length > 0) form.setFields(fields as never);
      else setError(errorMessage(failure, t));
    }
  };

  return (
    <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false} disabled={change.isPending}>
      <ErrorAlert message={error} />
      <Form.Item name="currentPassword" label={t('fields.currentPassword')} rules={[{ required: true, message: t('validation.required') }]}>
        <Input.Password autoComplete="current-password" autoFocus />
      </Form.Item>
      <PasswordFields name="newPassword" confirmName="newPasswordConfirm" label={t('fields.newPassword')} confirmLabel={t('fields.newPasswordConfirm')} />
      <Button type="primary" htmlType="submit" loading={change.isPending} block>
        {t('password.submit')}
      </Button>
    </Form>
  );
}
