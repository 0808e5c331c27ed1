import { Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import { shownOnlyWith } from '../shownOnlyWith';
import { ErrorAlert } from '../ErrorAlert';
import { LeaveSection } from './LeaveSection';
import { PostventionPicker } from './PostventionPicker';
import { TaskTable } from './task-ui';

/** Leave and return, postvention peers and follow-up tasks of a crisis event (on the event page). */
export const EventFollowups = shownOnlyWith('crisis.manage', EventFollowupsCard);

function EventFollowupsCard({ studentId, eventId }: { studentId: string; eventId: string }) {
  const { t } = useTranslation();
  const tasks = useCallQuery('followups.list', { eventId });
  return (
    <Card title={t('followups.title')} data-testid="event-followups">
      <Flex vertical gap={24}>
        <LeaveSection studentId={studentId} eventId={eventId} />
        <PostventionPicker eventId={eventId} studentId={studentId} />
        <Flex vertical gap={8}>
          <Typography.Text strong>{t('followups.eventTasks')}</Typography.Text>
          {tasks.isError ? <ErrorAlert message={errorMessage(tasks.error, t)} /> : null}
          <TaskTable rows={tasks.data?.rows ?? []} loading={tasks.isPending} />
        </Flex>
      </Flex>
    </Card>
  );
}
