import { CalendarOutlined } from '@ant-design/icons';
import { Alert, Empty, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import type { Navigate } from '../../router';
import { shownOnlyWith } from '../shownOnlyWith';
import { AppointmentList } from './AppointmentList';
import { timeRange } from './calendar-ui';
import { WorkbenchCard } from '../workbench/WorkbenchCard';

function TodayList({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  const today = useCallQuery('calendar.today', {});
  return (
    <WorkbenchCard
      icon={<CalendarOutlined />}
      title={t('calendar.today.title')}
      link={{ label: t('calendar.today.open'), onClick: () => onNavigate('calendar') }}
    >
      {today.isError ? <Alert type="error" showIcon title={errorMessage(today.error, t)} /> : null}
      {today.isPending ? <Skeleton active paragraph={{ rows: 2 }} /> : null}
      {today.data && today.data.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('calendar.today.empty')} /> : null}
      {today.data && today.data.length > 0 ? (
        <AppointmentList appointments={today.data} title={(a) => `${timeRange(a.startsAt, a.endsAt, t, false)} ${a.student.name}`} />
      ) : null}
    </WorkbenchCard>
  );
}

/** Today's appointments of the signed-in person on the workbench; nothing for roles without the calendar. */
export const TodayPanel = shownOnlyWith('calendar.read', TodayList);
