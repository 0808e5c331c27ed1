import { ThunderboltOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Empty, Flex, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { call } from '../../api/client';
import { callKey, useCallQuery } from '../../api/queries';
import type { Navigate } from '../../router';
import { useCan, useSession } from '../../session';
import { CrisisSummaryPanel } from './CrisisSummaryPanel';
import { CrisisLevelTag } from './levels';
import { OverdueBanner } from './OverdueBanner';
import { formatDuration } from './time';
import { stepTitle } from '../../../src-shared/labels/builtin-words';
import i18n from '../../i18n';
import { isDirector } from '../../../src-shared/permissions';

/** How often the workbench asks the core for overdue steps (the core's clock decides). */
export const OVERDUE_POLL_MS = 30_000;

/** Open events and overdue steps of the signed-in person (all, for the director) on the workbench. */
export function CrisisWorkbenchPanel({ onNavigate }: { onNavigate: Navigate }) {
  const canRead = useCan('crisis.read');
  const canSummarize = useCan('crisis.summary');
  // Leadership reaches no event, only the de-identified counts.
  if (!canRead) return canSummarize ? <CrisisSummaryPanel /> : null;
  return <Panel onNavigate={onNavigate} />;
}

function Panel({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  const director = isDirector(useSession().session.roles);
  const overdue = useOverdueSteps();
  const board = useCallQuery('crisis.board', { status: 'open' });
  const steps = overdue.data?.steps ?? [];
  const events = board.data?.rows ?? [];
  if (events.length === 0 && steps.length === 0) return null;
  return (
    <Card
      data-testid="crisis-workbench"
      style={{ marginBottom: 16, ...(steps.length > 0 ? { border: '2px solid #ff4d4f' } : {}) }}
      title={
        <Flex align="center" gap={8}>
          <ThunderboltOutlined style={{ color: steps.length > 0 ? '#cf1322' : undefined }} />
          {t('crisis.workbench.title')}
        </Flex>
      }
      extra={
        <Button size="small" onClick={() => onNavigate('crisis')}>
          {t('crisis.workbench.board')}
        </Button>
      }
    >
      <OverdueBanner count={steps.length} onNavigate={onNavigate} />
      <Flex gap={24} wrap>
        <div style={{ flex: '1 1 320px' }}>
          <Typography.Title level={5}>{t(director ? 'crisis.workbench.allOverdue' : 'crisis.workbench.myOverdue', { count: steps.length })}</Typography.Title>
          {steps.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('crisis.workbench.noOverdue')} />
          ) : (
            <List
              size="small"
              dataSource={steps}
              renderItem={(step) => (
                <List.Item data-testid="crisis-overdue-step" style={{ color: '#cf1322' }}>
                  <Button type="link" size="small" danger style={{ padding: 0 }} onClick={() => onNavigate('crisisEvent', step.eventId)}>
                    {step.eventNo}
                  </Button>
                  <CrisisLevelTag level={step.level} />
                  <span style={{ flex: 1, marginInline: 8 }}>{`${step.student.name} · ${stepTitle(step, i18n.language)}`}</span>
                  <Typography.Text type="danger" strong>
                    {t('crisis.workbench.overdueBy', { time: formatDuration(step.overdueMs, t) })}
                  </Typography.Text>
                </List.Item>
              )}
            />
          )}
        </div>
        <div style={{ flex: '1 1 280px' }}>
          <Typography.Title level={5}>{t('crisis.workbench.openEvents', { count: events.length })}</Typography.Title>
          {events.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('crisis.workbench.noEvents')} />
          ) : (
            <List
              size="small"
              dataSource={events.slice(0, 8)}
              renderItem={(row) => (
                <List.Item>
                  <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onNavigate('crisisEvent', row.id)}>
                    {row.eventNo}
                  </Button>
                  <CrisisLevelTag level={row.level} />
                  <span style={{ flex: 1, marginInline: 8 }}>{row.student.name}</span>
                  {row.overdueSteps > 0 ? <Badge count={row.overdueSteps} /> : null}
                </List.Item>
              )}
            />
          )}
        </div>
      </Flex>
    </Card>
  );
}

/** The overdue list, asked for again every 30 s so a step turning overdue shows without a reload. */
export function useOverdueSteps() {
  return useQuery({ queryKey: callKey('crisis.overdue', {}), queryFn: () => call('crisis.overdue', {}), refetchInterval: OVERDUE_POLL_MS });
}
