import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Navigate } from '../../router';

/**
 * The browser shell's stand-in for a desktop notification: an in-app banner while any crisis step
 * of the signed-in person is overdue (the Electron shell shows a system notification as well).
 */
export function OverdueBanner({ count, onNavigate }: { count: number; onNavigate: Navigate }) {
  const { t } = useTranslation();
  if (count === 0) return null;
  return (
    <Alert
      data-testid="crisis-overdue-banner"
      type="error"
      showIcon
      banner
      style={{ marginBottom: 12 }}
      title={t('crisis.workbench.banner', { count })}
      action={
        <Button size="small" danger onClick={() => onNavigate('crisis')}>
          {t('crisis.workbench.board')}
        </Button>
      }
    />
  );
}
