import { AlertOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Flex, Tooltip } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { callKey, useCallQuery } from '../api/queries';
import { requestAlertsFocus } from './assessments/criticalResultHandoff';
import type { Navigate } from '../router';

/** How often the count asks again on its own (alerts also come from imports and reports elsewhere). */
const REFRESH_MS = 30_000;

/** White on red / dark orange: 4.5:1 or more (axe), readable at a glance. */
const PILL: React.CSSProperties = { color: '#fff', fontWeight: 600, borderRadius: 10, padding: '1px 10px', lineHeight: '20px' };

/** Read by screen readers after the visible counts, so the name still starts with what is seen. */
const SCREEN_READER_ONLY: React.CSSProperties = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' };

/**
 * The header's count of unacknowledged CRITICAL (red) and URGENT (orange) alerts, on every page,
 * for roles that may read alerts (the caller decides). Counts only, never names; a click opens the
 * workbench's alert list.
 */
export function HeaderAlertCount({ onNavigate, route }: { onNavigate: Navigate; route: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const counts = useCallQuery('alerts.counts', {});
  const { refetch } = counts;

  useEffect(() => {
    const timer = window.setInterval(() => void refetch(), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [refetch]);

  // A new page, or a fresh alert list (after an acknowledgement, an event opened...): count again.
  useEffect(() => {
    void refetch();
  }, [route, refetch]);
  useEffect(
    () =>
      queryClient.getQueryCache().subscribe((event) => {
        if (event.type === 'updated' && event.action.type === 'success' && event.query.queryKey[0] === 'alerts.list') {
          void queryClient.invalidateQueries({ queryKey: callKey('alerts.counts') });
        }
      }),
    [queryClient],
  );

  const critical = counts.data?.critical ?? 0;
  const urgent = counts.data?.urgent ?? 0;
  if (critical === 0 && urgent === 0) return null;

  const open = () => {
    onNavigate('workbench');
    requestAlertsFocus();
  };
  const label = t('assessments.headerCount.label', { critical, urgent });
  return (
    <Tooltip title={label}>
      <Button onClick={open} data-testid="header-alert-count" style={{ paddingInline: 6 }}>
        <Flex align="center" gap={6}>
          {critical > 0 ? (
            <span data-testid="header-critical-count" style={{ ...PILL, background: '#cf1322' }}>
              <AlertOutlined /> {t('assessments.headerCount.critical', { count: critical })}
            </span>
          ) : null}
          {urgent > 0 ? (
            <span data-testid="header-urgent-count" style={{ ...PILL, background: '#ad4e00' }}>
              <WarningOutlined /> {t('assessments.headerCount.urgent', { count: urgent })}
            </span>
          ) : null}
          <span style={SCREEN_READER_ONLY}>{t('assessments.headerCount.hint')}</span>
        </Flex>
      </Button>
    </Tooltip>
  );
}
