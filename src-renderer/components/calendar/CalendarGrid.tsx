import { Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../../src-shared/contract';
import { STATUS_BACKGROUND, timeRange } from './calendar-ui';
import { textOr } from '../../i18n/keys';

const SLOT_MINUTES = 30;
const SLOT_PX = 30;
const DEFAULT_FIRST_HOUR = 8;
const DEFAULT_LAST_HOUR = 18;

const ELLIPSIS = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' } as const;

interface Placed {
  appointment: Appointment;
  top: number;
  height: number;
  lane: number;
  lanes: number;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Appointments that overlap share the column side by side; each cluster gets its own lane count. */
function placeDay(list: Appointment[], day: string, firstHour: number): Placed[] {
  const dayStart = dayjs(`${day}T00:00:00`);
  const sorted = [...list].sort((a, b) => (a.startsAt < b.startsAt ? -1 : 1));
  const placed: Placed[] = [];
  let cluster: Placed[] = [];
  let clusterEnd = '';
  const laneEnds: string[] = [];
  const close = () => {
    const lanes = Math.max(1, ...cluster.map((p) => p.lane + 1));
    for (const p of cluster) p.lanes = lanes;
    cluster = [];
    laneEnds.length = 0;
  };
  for (const appointment of sorted) {
    if (cluster.length > 0 && appointment.startsAt >= clusterEnd) close();
    let lane = laneEnds.findIndex((end) => end <= appointment.startsAt);
    if (lane === -1) lane = laneEnds.length;
    laneEnds[lane] = appointment.endsAt;
    const startMin = Math.max(0, dayjs(appointment.startsAt).diff(dayStart, 'minute') - firstHour * 60);
    const endMin = Math.max(startMin + 15, dayjs(appointment.endsAt).diff(dayStart, 'minute') - firstHour * 60);
    const item = { appointment, top: (startMin / SLOT_MINUTES) * SLOT_PX, height: ((endMin - startMin) / SLOT_MINUTES) * SLOT_PX, lane, lanes: 1 };
    cluster.push(item);
    placed.push(item);
    clusterEnd = cluster.length === 1 || appointment.endsAt > clusterEnd ? appointment.endsAt : clusterEnd;
  }
  close();
  return placed;
}

/** Days × half hours: click an empty half hour to book, an appointment to open it. */
export function CalendarGrid({
  days,
  appointments,
  canCreate,
  onEmptyClick,
  onAppointmentClick,
}: {
  days: string[];
  appointments: Appointment[];
  canCreate: boolean;
  onEmptyClick: (date: string, time: string) => void;
  onAppointmentClick: (appointment: Appointment) => void;
}) {
  const { t } = useTranslation();
  const today = dayjs().format('YYYY-MM-DD');
  const byDay = new Map(days.map((day) => [day, appointments.filter((a) => dayjs(a.startsAt).format('YYYY-MM-DD') === day)]));
  const hours = appointments.flatMap((a) => [dayjs(a.startsAt).hour(), Math.ceil(dayjs(a.endsAt).diff(dayjs(a.endsAt).startOf('day'), 'minute') / 60)]);
  const firstHour = Math.min(DEFAULT_FIRST_HOUR, ...hours.filter((_, i) => i % 2 === 0));
  const lastHour = Math.min(24, Math.max(DEFAULT_LAST_HOUR, ...hours.filter((_, i) => i % 2 === 1)));
  const slots = Array.from({ length: ((lastHour - firstHour) * 60) / SLOT_MINUTES }, (_, i) => {
    const minutes = firstHour * 60 + i * SLOT_MINUTES;
    return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
  });
  const height = slots.length * SLOT_PX;

  return (
    <div style={{ overflowX: 'auto', border: '1px solid #f0f0f0', borderRadius: 8, background: '#fff' }}>
      <div style={{ display: 'grid', gridTemplateColumns: `56px repeat(${days.length}, minmax(100px, 1fr))`, minWidth: 56 + days.length * 100 }}>
        <div />
        {days.map((day) => {
          const date = dayjs(day);
          return (
            <div
              key={day}
              style={{ padding: '8px 4px', textAlign: 'center', borderLeft: '1px solid #f0f0f0', background: day === today ? '#e6f4ff' : undefined }}
            >
              <Typography.Text strong={day === today}>
                {textOr(`calendar.weekdays.${date.day()}`, '', t)} {date.format('M/D')}
              </Typography.Text>
            </div>
          );
        })}
        <div style={{ position: 'relative', height }}>
          {slots.map((slot, i) =>
            slot.endsWith(':00') ? (
              <Typography.Text key={slot} type="secondary" style={{ position: 'absolute', top: i * SLOT_PX - 8, right: 6, fontSize: 12 }}>
                {slot}
              </Typography.Text>
            ) : null,
          )}
        </div>
        {days.map((day) => (
          <div key={day} style={{ position: 'relative', height, borderLeft: '1px solid #f0f0f0' }} data-day={day}>
            {slots.map((slot, i) => (
              <button
                key={slot}
                type="button"
                disabled={!canCreate}
                aria-label={`${t('calendar.newAppointment')} ${day} ${slot}`}
                onClick={() => onEmptyClick(day, slot)}
                style={{
                  position: 'absolute',
                  top: i * SLOT_PX,
                  left: 0,
                  right: 0,
                  height: SLOT_PX,
                  border: 'none',
                  borderTop: `1px ${slot.endsWith(':00') ? 'solid' : 'dashed'} #f0f0f0`,
                  background: 'transparent',
                  cursor: canCreate ? 'pointer' : 'default',
                }}
              />
            ))}
            {placeDay(byDay.get(day) ?? [], day, firstHour).map(({ appointment, top, height: h, lane, lanes }) => (
              <button
                key={appointment.id}
                type="button"
                className="calendar-appointment"
                data-status={appointment.status}
                aria-label={`${appointment.student.name} ${timeRange(appointment.startsAt, appointment.endsAt, t, false)} ${appointment.counselor.displayName}`}
                onClick={() => onAppointmentClick(appointment)}
                style={{
                  position: 'absolute',
                  top: top + 1,
                  height: h - 2,
                  left: `calc(${(lane / lanes) * 100}% + 2px)`,
                  width: `calc(${100 / lanes}% - 4px)`,
                  zIndex: 1,
                  overflow: 'hidden',
                  textAlign: 'left',
                  padding: '1px 6px',
                  fontSize: 12,
                  lineHeight: '15px',
                  border: '1px solid #91caff',
                  borderLeft: '3px solid #1677ff',
                  borderRadius: 4,
                  background: STATUS_BACKGROUND[appointment.status],
                  cursor: 'pointer',
                  textDecoration: appointment.status === 'cancelled' ? 'line-through' : undefined,
                }}
              >
                <div style={{ ...ELLIPSIS, fontWeight: 600 }}>{appointment.student.name}</div>
                <div style={ELLIPSIS}>{timeRange(appointment.startsAt, appointment.endsAt, t, false)}</div>
                <div style={{ ...ELLIPSIS, color: '#595959' }}>
                  {appointment.counselor.displayName}
                  {appointment.room ? ` · ${appointment.room.name}` : ''} · {t(`calendar.statuses.${appointment.status}`)}
                </div>
              </button>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
