import { Card, Flex, Layout, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';

/** The frame of every screen shown before the main window: lock, recovery, setup, password change. */
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
        <Card
          className="auth-card"
          style={{ width, maxWidth: '100%' }}
          title={
            <span role="heading" aria-level={1}>
              {title}
            </span>
          }
        >
          {children}
        </Card>
      </Flex>
      {footer ? <div className="auth-footer">{footer}</div> : null}
    </Layout>
  );
}
