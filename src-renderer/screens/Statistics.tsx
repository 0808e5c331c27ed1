import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Navigate } from '../router';

/** Statistics. */
export function Statistics({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  void onNavigate;
  return (
    <Card>
      <Typography.Title level={4}>{t('statistics.title')}</Typography.Title>
    </Card>
  );
}
