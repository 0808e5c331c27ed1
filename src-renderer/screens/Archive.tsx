import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Navigate } from '../router';

/** Archive. */
export function Archive({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  void onNavigate;
  return (
    <Card>
      <Typography.Title level={4}>{t('archive.title')}</Typography.Title>
    </Card>
  );
}
