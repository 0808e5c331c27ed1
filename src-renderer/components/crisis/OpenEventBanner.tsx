import { AlertOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Navigate } from '../../router';
import { useCan } from '../../session';
import { CrisisLevelTag } from './levels';
import { useEventsUnderWay } from './OpenCrisisButton';

/**
 * At the top of the student file: the crisis event under way (number, level, status, responsible
 * person, a link), so nobody starts a second one or misses the first. Anyone who may read crisis
 * events sees it (liaisons: their department's students). A store from before the one-event rule
 * may hold two: every one is listed.
 */
export function OpenEventBanner({ studentId, onNavigate }: { studentId: string; onNavigate: Navigate }) {
  const { t } = useTranslation();
  const canRead = useCan('crisis.read');
  const underWay = useEventsUnderWay(studentId, canRead);
  const events = underWay.data?.events ?? [];
  if (!canRead || events.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      icon={<AlertOutlined />}
      data-testid="open-crisis-banner"
      title={t('crisis.open.bannerTitle')}
      description={
        <Flex vertical gap={4}>
          {events.map((event) => (
            <Flex key={event.id} align="center" gap={12} wrap data-testid="open-crisis-banner-event">
              <Button type="link" style={{ padding: 0, fontWeight: 600 }} onClick={() => onNavigate('crisisEvent', event.id)}>
                {event.eventNo}
              </Button>
              <CrisisLevelTag level={event.level} />
              <Typography.Text>{t(`crisis.status.${event.status}`)}</Typography.Text>
              <Typography.Text>{`${t('crisis.event.owner')}：${event.owner?.displayName ?? '–'}`}</Typography.Text>
              {event.overdueSteps > 0 ? <Typography.Text type="danger">{t('crisis.open.bannerOverdue', { count: event.overdueSteps })}</Typography.Text> : null}
            </Flex>
          ))}
        </Flex>
      }
    />
  );
}
