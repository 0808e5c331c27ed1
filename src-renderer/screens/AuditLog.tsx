import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Navigate } from '../router';

/** Audit log. */
export function AuditLog({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  void onNavigate;
  return (
    <Card>
      <Typography.Title level={4}>{t('auditlog.title')}</Typography.Title>
    </Card>
  );
}
