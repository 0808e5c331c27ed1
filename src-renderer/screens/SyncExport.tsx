import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Navigate } from '../router';

/** Export to school server. */
export function SyncExport({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  void onNavigate;
  return (
    <Card>
      <Typography.Title level={4}>{t('sync.title')}</Typography.Title>
    </Card>
  );
}
