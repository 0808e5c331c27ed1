import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Navigate } from '../router';

/** Backup and restore. */
export function Backup({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  void onNavigate;
  return (
    <Card>
      <Typography.Title level={4}>{t('backup.title')}</Typography.Title>
    </Card>
  );
}
