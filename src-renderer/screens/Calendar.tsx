import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Flex, Row, Segmented, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, localZone, mondayOf, teachingWeekOf } from '../../src-shared/calendar/calendar-time';
import type { Appointment } from '../../src-shared/contract';
import { useCallQuery } from '../api/queries';
import { AppointmentDetail } from '../components/calendar/AppointmentDetail';
import { AppointmentModal, type AppointmentDraft } from '../components/calendar/AppointmentModal';
import { CalendarGrid } from '../components/calendar/CalendarGrid';
import { WaitlistPanel } from '../components/calendar/WaitlistPanel';
import { errorMessage } from '../i18n/errors';
import type { Navigate } from '../router';
import { useCan } from '../session';
import { textOr } from '../i18n/keys';

type View = 'week' | 'day';

/** `c:<id>` a counselor's calendar, `r:<id>` a room's, `all` everything. */
function parseFilter(value: string): { counselorId?: string; roomId?: string } {
  if (value.startsWith('c:')) return { counselorId: value.slice(2) };
  if (value.startsWith('r:')) return { roomId: value.slice(2) };
  return {};
}

/** 预约: week and day views by counselor or by room, booking, and the waitlist. */
export function Calendar({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  void onNavigate;
  const canManage = useCan('calendar.manage');
  const [view, setView] = useState<View>('week');
  const [anchor, setAnchor] = useState(() => dayjs().format('YYYY-MM-DD'));
  const [filter, setFilter] = useState('all');
  const [draft, setDraft] = useState<AppointmentDraft | null>(null);
  const [opened, setOpened] = useState<Appointment | null>(null);

  const days = useMemo(() => (view === 'week' ? Array.from({ length: 7 }, (_, i) => addDays(mondayOf(anchor), i)) : [anchor]), [view, anchor]);
  const range = {
    from: dayjs(`${days[0]}T00:00:00`).toISOString(),
    to: dayjs(`${addDays(days[days.length - 1], 1)}T00:00:00`).toISOString(),
    ...parseFilter(filter),
  };
  const appointments = useCallQuery('calendar.range', range);
  const counselors = useCallQuery('calendar.counselors', {});
  const rooms = useCallQuery('calendar.rooms', {});
  const term = useCallQuery('calendar.term', {});
  const week = teachingWeekOf(dayjs(`${days[0]}T12:00:00`).toDate(), term.data ?? null, localZone());
  const step = view === 'week' ? 7 : 1;
  const title =
    view === 'week'
      ? `${dayjs(days[0]).format('YYYY-MM-DD')} – ${dayjs(days[6]).format('MM-DD')}`
      : `${dayjs(anchor).format('YYYY-MM-DD')} ${textOr(`calendar.weekdays.${dayjs(anchor).day()}`, '', t)}`;
  // A new booking from a counselor's or room's calendar starts with that counselor or room.
  const preset = parseFilter(filter);
  // The open appointment follows the list, so an action's result shows when it is reopened.
  const current = opened ? (appointments.data?.find((a) => a.id === opened.id) ?? opened) : null;

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
        <Space align="center" wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('calendar.title')}
          </Typography.Title>
          {week !== null ? <Tag color="geekblue">{t('calendar.teachingWeek', { week })}</Tag> : null}
          <Typography.Text strong>{title}</Typography.Text>
        </Space>
        <Space wrap>
          <Segmented<View>
            value={view}
            onChange={setView}
            options={[
              { value: 'week', label: t('calendar.views.week') },
              { value: 'day', label: t('calendar.views.day') },
            ]}
          />
          <Button icon={<LeftOutlined />} aria-label={t('calendar.nav.previous')} onClick={() => setAnchor(addDays(anchor, -step))} />
          <Button onClick={() => setAnchor(dayjs().format('YYYY-MM-DD'))}>{t('calendar.nav.today')}</Button>
          <Button icon={<RightOutlined />} aria-label={t('calendar.nav.next')} onClick={() => setAnchor(addDays(anchor, step))} />
          <Select
            value={filter}
            onChange={setFilter}
            style={{ minWidth: 200 }}
            aria-label={t('calendar.filter.label')}
            options={[
              { value: 'all', label: t('calendar.filter.all') },
              { label: t('calendar.filter.counselors'), options: (counselors.data ?? []).map((c) => ({ value: `c:${c.id}`, label: c.displayName })) },
              { label: t('calendar.filter.rooms'), options: (rooms.data ?? []).map((r) => ({ value: `r:${r.id}`, label: r.name })) },
            ]}
          />
          {canManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDraft({ date: anchor, ...preset })}>
              {t('calendar.newAppointment')}
            </Button>
          ) : null}
        </Space>
      </Flex>
      {appointments.isError ? <Alert type="error" showIcon title={errorMessage(appointments.error, t)} style={{ marginBottom: 16 }} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={18}>
          <CalendarGrid
            days={days}
            appointments={appointments.data ?? []}
            canCreate={canManage}
            onEmptyClick={(date, time) => setDraft({ date, time, ...preset })}
            onAppointmentClick={setOpened}
          />
        </Col>
        <Col xs={24} xl={6}>
          <WaitlistPanel />
        </Col>
      </Row>
      {draft ? <AppointmentModal draft={draft} onClose={() => setDraft(null)} /> : null}
      {current ? <AppointmentDetail appointment={current} onClose={() => setOpened(null)} /> : null}
    </>
  );
}
