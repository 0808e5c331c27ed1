import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Navigate } from '../router';

/** Placeholder until the referrals module fills it in. */
export function Disclosures({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  void onNavigate;
  return <Typography.Title level={3}>{t('referrals.title')}</Typography.Title>;
}
