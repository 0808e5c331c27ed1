import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Navigate } from '../router';

/** Placeholder until the followups module fills it in. */
export function Tasks({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  void onNavigate;
  return <Typography.Title level={3}>{t('followups.title')}</Typography.Title>;
}
