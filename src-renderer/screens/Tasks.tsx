import { Card, Checkbox, Flex, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../api/queries';
import { ErrorAlert } from '../components/ErrorAlert';
import { LeaveSection } from '../components/followups/LeaveSection';
import { TaskTable } from '../components/followups/task-ui';
import { errorMessage } from '../i18n/errors';
import type { Navigate } from '../router';
import { useCan, useSession } from '../session';
import { isDirector } from '../../src-shared/permissions';

/** Mine, or (the director) everyone's: every open task, unassigned ones too, overdue first. */
function TaskList({ onNavigate, scope }: { onNavigate: Navigate; scope: 'mine' | 'all' }) {
  const { t } = useTranslation();
  const [showDone, setShowDone] = useState(false);
  const tasks = useCallQuery('followups.list', showDone ? { scope } : { scope, status: 'open' });
  return (
    <Flex vertical gap={12}>
      <Checkbox checked={showDone} onChange={(e) => setShowDone(e.target.checked)}>
        {t('followups.showDone')}
      </Checkbox>
      {tasks.isError ? <ErrorAlert message={errorMessage(tasks.error, t)} /> : null}
      <TaskTable rows={tasks.data?.rows ?? []} loading={tasks.isPending} onNavigate={onNavigate} />
    </Flex>
  );
}

/** 随访任务: my tasks, overdue first; the director also everyone's; for clinicians the students on leave and their return. */
export function Tasks({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  const canLeave = useCan('crisis.manage');
  const { session } = useSession();
  const items = [
    { key: 'mine', label: t('followups.tabs.mine'), children: <TaskList onNavigate={onNavigate} scope="mine" /> },
    ...(isDirector(session.roles) ? [{ key: 'all', label: t('followups.tabs.all'), children: <TaskList onNavigate={onNavigate} scope="all" /> }] : []),
    ...(canLeave ? [{ key: 'leave', label: t('followups.tabs.leave'), children: <LeaveSection onNavigate={onNavigate} /> }] : []),
  ];
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('followups.title')}
      </Typography.Title>
      <Card>
        <Tabs items={items} />
      </Card>
    </Flex>
  );
}
