import { App, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ChangePasswordForm } from '../components/ChangePasswordForm';
import { useSession } from '../session';

/** Change one's own password from the main window. */
export function ChangePassword() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { updateSession } = useSession();
  return (
    <Card title={t('password.title')} style={{ maxWidth: 520 }}>
      <Typography.Paragraph type="secondary">{t('password.intro')}</Typography.Paragraph>
      <ChangePasswordForm
        onChanged={(session) => {
          updateSession(session);
          void message.success(t('password.changed'));
        }}
      />
    </Card>
  );
}
