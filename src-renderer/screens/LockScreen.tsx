import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../src-shared/contract';
import { CallError } from '../api/client';
import { useCallMutation } from '../api/queries';
import { AuthLayout } from '../components/AuthLayout';
import { ErrorAlert } from '../components/ErrorAlert';
import { useCountdown } from '../hooks/useCountdown';
import { errorMessage, fieldErrors, retryAfterSeconds } from '../i18n/errors';

export type LockNotice = { kind: 'idle' } | { kind: 'manual' } | { kind: 'setupDone' } | null;

interface Values {
  username: string;
  password: string;
}

/** The sign-in form; a wrong password or a back-off shows a translated error with a live countdown. */
export function LockScreen({
  notice,
  initialUsername,
  version,
  onSignedIn,
  onForgot,
}: {
  notice: LockNotice;
  initialUsername?: string;
  version?: string;
  onSignedIn: (session: SessionInfo) => void;
  onForgot: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [failure, setFailure] = useState<CallError | null>(null);
  const [waitSeconds, startWait] = useCountdown();
  const signIn = useCallMutation('auth.signIn');
  const passwordRef = useRef<{ focus: () => void } | null>(null);

  useEffect(() => {
    // A back-off that has run out is no longer news.
    if (waitSeconds === 0 && failure?.code === 'THROTTLED') setFailure(null);
  }, [waitSeconds, failure]);

  const submit = async (values: Values) => {
    setFailure(null);
    try {
      const session = await signIn.mutateAsync({ username: values.username, password: values.password });
      form.resetFields();
      onSignedIn(session);
    } catch (error) {
      form.setFieldValue('password', '');
      const fields = fieldErrors(error, t);
      if (fields.length > 0) {
        form.setFields(fields as never);
        return;
      }
      setFailure(error instanceof CallError ? error : new CallError('auth.signIn', 'INTERNAL'));
      startWait(retryAfterSeconds(error));
      passwordRef.current?.focus();
    }
  };

  let message: string | null = null;
  if (failure?.code === 'THROTTLED') message = t('errors.codes.THROTTLED', { seconds: waitSeconds });
  else if (failure) message = [errorMessage(failure, t), waitSeconds > 0 ? t('lock.wait', { seconds: waitSeconds }) : ''].join(' ').trim();

  return (
    <AuthLayout title={t('lock.title')} footer={version ? t('app.version', { version }) : null}>
      {notice?.kind === 'idle' ? <Alert type="info" role="status" showIcon title={t('lock.lockedIdle')} style={{ marginBottom: 16 }} /> : null}
      {notice?.kind === 'setupDone' && !failure ? (
        <Alert type="success" role="status" showIcon title={t('setup.confirm.done')} style={{ marginBottom: 16 }} />
      ) : null}
      <Typography.Paragraph type="secondary">{t('lock.intro')}</Typography.Paragraph>
      <ErrorAlert message={message} />
      <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={submit} initialValues={{ username: initialUsername ?? '' }}>
        <Form.Item name="username" label={t('fields.username')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" spellCheck={false} autoFocus={!initialUsername} />
        </Form.Item>
        <Form.Item name="password" label={t('fields.password')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" autoFocus={Boolean(initialUsername)} ref={passwordRef as never} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={signIn.isPending} disabled={waitSeconds > 0}>
          {t('lock.signIn')}
        </Button>
      </Form>
      <div style={{ marginTop: 16, textAlign: 'center' }}>
        <Button type="link" onClick={onForgot}>
          {t('lock.forgot')}
        </Button>
      </div>
    </AuthLayout>
  );
}
