import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Navigate } from '../router';

/** Placeholder until the crisis module fills it in. */
export function CrisisBoard({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  void onNavigate;
  return <Typography.Title level={3}>{t('crisis.title')}</Typography.Title>;
}
