import { LockOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AuthLayout } from '../components/AuthLayout';
import { ChangePasswordForm } from '../components/ChangePasswordForm';
import { useSession } from '../session';

/** An account with a temporary password must choose its own before anything else. */
export function ForcedPasswordChange() {
  const { t } = useTranslation();
  const { session, updateSession, lock } = useSession();
  return (
    <AuthLayout title={t('forcedChange.title')} width={480}>
      <Typography.Paragraph>{t('forcedChange.intro', { name: session.displayName })}</Typography.Paragraph>
      <ChangePasswordForm onChanged={updateSession} />
      <div style={{ marginTop: 16, textAlign: 'center' }}>
        <Button type="link" icon={<LockOutlined />} onClick={() => void lock()}>
          {t('forcedChange.lockInstead')}
        </Button>
      </div>
    </AuthLayout>
  );
}
