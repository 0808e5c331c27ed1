import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Navigate } from '../router';

/** Placeholder until the cases module fills it in. */
export function IntakeWizard({ param, onNavigate }: { param: string; onNavigate: Navigate }) {
  const { t } = useTranslation();
  void param;
  void onNavigate;
  return <Typography.Title level={3}>{t('cases.title')}</Typography.Title>;
}
