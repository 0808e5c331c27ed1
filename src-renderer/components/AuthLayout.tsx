import { Flex, Layout, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';

/**
 * The frame of the screens shown before the main window: recovery, setup, password change (the lock
 * screen draws the same frame without antd, screens/LockScreen.tsx, as it is in the start-up script).
 * The panel is drawn here (styles.css `.auth-card`, antd Card's look) rather than by antd's Card:
 * Card brings Tabs, Dropdown and Menu into the start-up script, which the lock screen never shows
 * (issue 19 goal 4).
 */
export function AuthLayout({ title, children, width = 440, footer }: { title: ReactNode; children: ReactNode; width?: number; footer?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Layout className="auth-layout">
      <Flex className="auth-topbar" justify="space-between" align="center">
        <Typography.Text strong className="auth-product">
          {t('app.title')}
        </Typography.Text>
        <LanguageSwitch />
      </Flex>
      <Flex className="auth-body" justify="center" align="flex-start">
        <section className="auth-card" style={{ width, maxWidth: '100%' }}>
          <div className="auth-card-head" role="heading" aria-level={1}>
            {title}
          </div>
          <div className="auth-card-body">{children}</div>
        </section>
      </Flex>
      {footer ? <div className="auth-footer">{footer}</div> : null}
    </Layout>
  );
}
