import { Button, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../../src-shared/contract';
import { AppointmentDetail } from './AppointmentDetail';
import { ItemList } from './ItemList';
import { STATUS_COLORS } from './calendar-ui';

/**
 * Appointments as rows: `title` (a link that opens the appointment), then kind · counselor · room,
 * and the status tag. The opened appointment is taken from the list again on each render, so it
 * shows what a refetch after a change brought.
 */
export function AppointmentList({ appointments, title }: { appointments: Appointment[]; title: (appointment: Appointment) => string }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState<Appointment | null>(null);
  return (
    <>
      <ItemList
        items={appointments}
        extra={(a) => <Tag color={STATUS_COLORS[a.status]}>{t(`calendar.statuses.${a.status}`)}</Tag>}
        render={(a) => (
          <>
            <Button type="link" style={{ padding: 0 }} onClick={() => setOpened(a)}>
              {title(a)}
            </Button>
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              {t(`calendar.kinds.${a.kind}`)} · {a.counselor.displayName}
              {a.room ? ` · ${a.room.name}` : ''}
            </Typography.Text>
          </>
        )}
      />
      {opened ? <AppointmentDetail appointment={appointments.find((a) => a.id === opened.id) ?? opened} onClose={() => setOpened(null)} /> : null}
    </>
  );
}
