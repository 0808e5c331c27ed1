import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Navigate } from '../router';

/** Placeholder until the groups module fills it in. */
export function Groups({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  void onNavigate;
  return <Typography.Title level={3}>{t('groups.title')}</Typography.Title>;
}
