import { CalendarOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../../src-shared/contract';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import type { Navigate } from '../../router';
import { useCan } from '../../session';
import { AppointmentDetail } from './AppointmentDetail';
import { ItemList } from './ItemList';
import { STATUS_COLORS, timeRange } from './calendar-ui';

function TodayList({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  const today = useCallQuery('calendar.today', {});
  const [opened, setOpened] = useState<Appointment | null>(null);
  return (
    <Card
      title={
        <>
          <CalendarOutlined /> {t('calendar.today.title')}
        </>
      }
      extra={
        <Button type="link" onClick={() => onNavigate('calendar')}>
          {t('calendar.today.open')}
        </Button>
      }
      style={{ marginBottom: 16 }}
    >
      {today.isError ? <Alert type="error" showIcon title={errorMessage(today.error, t)} /> : null}
      {today.isPending ? <Skeleton active paragraph={{ rows: 2 }} /> : null}
      {today.data && today.data.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('calendar.today.empty')} /> : null}
      {today.data && today.data.length > 0 ? (
        <ItemList
          items={today.data}
          extra={(a) => <Tag color={STATUS_COLORS[a.status]}>{t(`calendar.statuses.${a.status}`)}</Tag>}
          render={(a) => (
            <>
              <Button type="link" style={{ padding: 0 }} onClick={() => setOpened(a)}>
                {timeRange(a.startsAt, a.endsAt, t, false)} {a.student.name}
              </Button>
              <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                {t(`calendar.kinds.${a.kind}`)} · {a.counselor.displayName}
                {a.room ? ` · ${a.room.name}` : ''}
              </Typography.Text>
            </>
          )}
        />
      ) : null}
      {opened ? <AppointmentDetail appointment={today.data?.find((a) => a.id === opened.id) ?? opened} onClose={() => setOpened(null)} /> : null}
    </Card>
  );
}

/** Today's appointments of the signed-in person on the workbench; nothing for roles without the calendar. */
export function TodayPanel({ onNavigate }: { onNavigate: Navigate }) {
  const canRead = useCan('calendar.read');
  return canRead ? <TodayList onNavigate={onNavigate} /> : null;
}
