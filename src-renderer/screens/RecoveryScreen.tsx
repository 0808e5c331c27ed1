import { Button, Form, Input, Radio, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput, SessionInfo } from '../../src-shared/contract';
import { recoveryCodeSchema } from '../../src-shared/contract/schemas';
import { call, CallError } from '../api/client';
import { useAction } from '../api/mutations';
import { AuthLayout } from '../components/AuthLayout';
import { ErrorAlert } from '../components/ErrorAlert';
import { PasswordFields } from '../components/PasswordFields';
import { useCountdown } from '../hooks/useCountdown';
import { errorMessage, fieldErrors, retryAfterSeconds, schemaRule } from '../i18n/errors';

type Admin = ChannelOutput<'auth.recoveryAccounts'>['admins'][number];

interface Values {
  recoveryCode: string;
  username: string;
  newPassword: string;
  newPasswordConfirm: string;
}

/** Every password lost: recovery code -> pick an administrator -> new password -> signed in. */
export function RecoveryScreen({ onBack, onSignedIn }: { onBack: () => void; onSignedIn: (session: SessionInfo) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [admins, setAdmins] = useState<Admin[] | null>(null);
  const [failure, setFailure] = useState<CallError | null>(null);
  const [waitSeconds, startWait] = useCountdown();

  useEffect(() => {
    if (waitSeconds === 0 && failure?.code === 'THROTTLED') setFailure(null);
  }, [waitSeconds, failure]);

  const fail = (error: unknown) => {
    const fields = fieldErrors(error, t);
    if (fields.length > 0) {
      form.setFields(fields as never);
      return;
    }
    setFailure(error instanceof CallError ? error : new CallError('auth.recover', 'INTERNAL'));
    startWait(retryAfterSeconds(error));
  };

  // First the administrators the code can recover, then the new password of the one picked. The
  // error is shown below with the throttle's countdown (not useAction's sentence).
  const step = useAction(
    async (values: Values) => {
      const recoveryCode = form.getFieldValue('recoveryCode') as string;
      if (!admins) {
        const found = await call('auth.recoveryAccounts', { recoveryCode });
        setAdmins(found.admins);
        if (found.admins.length === 1) form.setFieldValue('username', found.admins[0].username);
        return;
      }
      const session = await call('auth.recover', { recoveryCode, username: values.username, newPassword: values.newPassword });
      form.resetFields();
      onSignedIn(session);
    },
    { onError: fail },
  );
  const busy = step.pending;

  const submit = async (values: Values) => {
    setFailure(null);
    await step.run(values);
  };

  let message: string | null = null;
  if (failure?.code === 'THROTTLED') message = t('errors.codes.THROTTLED', { seconds: waitSeconds });
  else if (failure) message = [errorMessage(failure, t), waitSeconds > 0 ? t('lock.wait', { seconds: waitSeconds }) : ''].join(' ').trim();

  return (
    <AuthLayout title={t('recovery.title')} width={520}>
      <Typography.Paragraph type="secondary">{t('recovery.intro')}</Typography.Paragraph>
      <ErrorAlert message={message} />
      <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={submit} disabled={busy}>
        <Form.Item name="recoveryCode" label={t('fields.recoveryCode')} rules={[schemaRule(recoveryCodeSchema, 'recoveryCode', t)]}>
          <Input
            className="mono-input"
            autoComplete="off"
            spellCheck={false}
            autoFocus
            placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"
            readOnly={admins !== null}
          />
        </Form.Item>
        {admins && admins.length === 0 ? <Typography.Paragraph type="warning">{t('recovery.noAdmins')}</Typography.Paragraph> : null}
        {admins && admins.length > 0 ? (
          <>
            <Form.Item name="username" label={t('recovery.pickAdmin')} rules={[{ required: true, message: t('validation.required') }]}>
              <Radio.Group>
                <Space orientation="vertical">
                  {admins.map((admin) => (
                    <Radio key={admin.username} value={admin.username}>
                      {admin.displayName} ({admin.username})
                    </Radio>
                  ))}
                </Space>
              </Radio.Group>
            </Form.Item>
            <PasswordFields name="newPassword" confirmName="newPasswordConfirm" label={t('fields.newPassword')} confirmLabel={t('fields.newPasswordConfirm')} />
          </>
        ) : null}
        <Button type="primary" htmlType="submit" block loading={busy} disabled={waitSeconds > 0 || (admins !== null && admins.length === 0)}>
          {admins ? t('recovery.submit') : t('recovery.find')}
        </Button>
      </Form>
      <div style={{ marginTop: 16, textAlign: 'center' }}>
        <Button type="link" onClick={onBack}>
          {t('recovery.backToSignIn')}
        </Button>
      </div>
    </AuthLayout>
  );
}
