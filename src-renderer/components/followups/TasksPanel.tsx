import { Badge, Button, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import type { Navigate } from '../../router';
import { shownOnlyWith } from '../shownOnlyWith';
import { ErrorAlert } from '../ErrorAlert';
import { taskTitle } from './task-ui';
import { localTime } from '../../../src-shared/labels/local-time';
import { WorkbenchCard } from '../workbench/WorkbenchCard';

/** The signed-in person's open follow-up tasks on the workbench, overdue first. */
export const TasksPanel = shownOnlyWith('followups.work', MyTasks);

function MyTasks({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  const tasks = useCallQuery('followups.list', { mine: true, status: 'open' });
  const rows = tasks.data?.rows ?? [];
  if (tasks.isSuccess && rows.length === 0) return null;
  const overdue = rows.filter((r) => r.overdue).length;
  return (
    <WorkbenchCard
      testId="tasks-panel"
      small
      title={
        <>
          {t('followups.panel.title')} <Badge count={rows.length} color="blue" />{' '}
          {overdue ? <Tag color="red">{t('followups.panel.overdueCount', { count: overdue })}</Tag> : null}
        </>
      }
      link={{ label: t('followups.panel.more'), onClick: () => onNavigate('tasks') }}
    >
      {tasks.isError ? <ErrorAlert message={errorMessage(tasks.error, t)} /> : null}
      <List
        size="small"
        dataSource={rows.slice(0, 8)}
        renderItem={(task) => (
          <List.Item>
            <Button type="link" style={{ padding: 0 }} onClick={() => onNavigate('student', task.student.id)}>
              {task.student.name}
            </Button>
            <span style={{ marginLeft: 8 }}>{taskTitle(task, t)}</span>
            <Typography.Text type={task.overdue ? 'danger' : undefined} style={{ marginLeft: 'auto' }}>
              {localTime(task.dueAt)}
              {task.overdue ? ` ${t('followups.overdue')}` : ''}
            </Typography.Text>
          </List.Item>
        )}
      />
    </WorkbenchCard>
  );
}
