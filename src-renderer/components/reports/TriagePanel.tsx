import { AlertOutlined } from '@ant-design/icons';
import { Badge, Flex, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../../api/queries';
import type { Navigate } from '../../router';
import { shownOnlyWith } from '../shownOnlyWith';
import { SignTags, UrgencyTag } from './labels';
import { localTime } from '../../../src-shared/labels/local-time';
import { WorkbenchCard } from '../workbench/WorkbenchCard';

const TOP = 5;

/** The triage queue on the workbench: how many wait, and the most urgent few. */
export const TriagePanel = shownOnlyWith('reports.triage', TriageCard);

function TriageCard({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  const queue = useCallQuery('reports.triageQueue', { limit: TOP });
  const total = queue.data?.total ?? 0;
  return (
    <WorkbenchCard
      testId="triage-panel"
      loading={queue.isPending}
      title={
        <Flex align="center" gap={8}>
          <AlertOutlined />
          {t('reports.triage.panelTitle')}
          {total > 0 ? <Badge count={total} color="orange" /> : null}
        </Flex>
      }
      link={{ label: t('reports.triage.panelAll'), onClick: () => onNavigate('triage') }}
    >
      <List
        size="small"
        dataSource={queue.data?.rows ?? []}
        locale={{ emptyText: t('reports.triage.panelEmpty') }}
        renderItem={(r) => (
          <List.Item>
            <Flex gap={8} align="center" wrap style={{ width: '100%' }}>
              <UrgencyTag urgency={r.urgency} />
              <Typography.Text strong>{r.student.name}</Typography.Text>
              <Typography.Text type="secondary">{t(`reports.kinds.${r.reporterKind}`)}</Typography.Text>
              <SignTags signs={r.signs} />
              <span style={{ flex: 1 }} />
              <Typography.Text type="secondary">{localTime(r.reportedAt)}</Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    </WorkbenchCard>
  );
}
