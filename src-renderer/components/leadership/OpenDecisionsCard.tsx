import { Card, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../../api/queries';
import type { Navigate } from '../../router';
import { useCan } from '../../session';

/** The leadership group's open decisions, on the director's workbench: each leads to its crisis event. */
export function OpenDecisionsCard({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  // The director's view of what the group decided and is not yet carried out.
  const isDirector = useCan('leadership.approve');
  const open = useCallQuery('leadership.openDecisions', {}, { enabled: isDirector });
  if (!isDirector || !open.data || open.data.rows.length === 0) return null;
  return (
    <Card size="small" title={t('leadership.decisions.workbenchTitle')} data-testid="open-decisions" style={{ marginBottom: 16 }}>
      <List
        size="small"
        dataSource={open.data.rows}
        renderItem={(d) => (
          <List.Item>
            <Typography.Link onClick={() => onNavigate('crisisEvent', d.eventId)}>{`${d.eventNo} · ${d.student.name}`}</Typography.Link>
            <span style={{ flex: 1, marginInline: 12 }}>{d.text}</span>
            <span style={{ marginInlineEnd: 12 }}>{d.assignee.name}</span>
            <Tag color={d.overdue ? 'red' : 'orange'}>{d.overdue ? t('leadership.decisions.overdue') : (d.dueOn ?? t('leadership.decisions.open'))}</Tag>
          </List.Item>
        )}
      />
    </Card>
  );
}
