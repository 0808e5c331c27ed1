import { CloudSyncOutlined } from '@ant-design/icons';
import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useCallQuery } from '../../api/queries';
import type { Navigate } from '../../router';
import { useCan } from '../../session';
import { WorkbenchCard } from '../workbench/WorkbenchCard';

const HOUR = 3_600_000;

export function sinceText(ms: number, t: TFunction): string {
  if (ms < HOUR) return t('sync.workbench.underAnHour');
  if (ms < 48 * HOUR) return t('sync.workbench.hours', { count: Math.floor(ms / HOUR) });
  return t('sync.workbench.days', { count: Math.floor(ms / (24 * HOUR)) });
}

/** The workbench card: how long since the school server last acknowledged an export (roles that export only). */
export function SyncStatusCard({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  const canRun = useCan('sync.run');
  const status = useCallQuery('sync.status', {}, { enabled: canRun });
  if (!canRun || !status.data) return null;
  const s = status.data;
  // More than a week without an acknowledgement deserves attention.
  const stale = s.msSinceAcknowledged === null || s.msSinceAcknowledged > 7 * 24 * HOUR;
  return (
    <WorkbenchCard
      testId="sync-status-card"
      small
      icon={<CloudSyncOutlined />}
      title={t('sync.workbench.title')}
      link={{ label: t('sync.workbench.open'), onClick: () => onNavigate('sync') }}
    >
      {!s.configured ? (
        <Typography.Text type="secondary">{t('sync.workbench.notConfigured')}</Typography.Text>
      ) : (
        <>
          <Alert
            type={stale ? 'warning' : 'success'}
            showIcon
            title={s.msSinceAcknowledged === null ? t('sync.workbench.never') : t('sync.workbench.since', { value: sinceText(s.msSinceAcknowledged, t) })}
          />
          {s.waiting > 0 ? (
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
              {t('sync.workbench.waiting', { count: s.waiting })}
            </Typography.Paragraph>
          ) : null}
        </>
      )}
    </WorkbenchCard>
  );
}
