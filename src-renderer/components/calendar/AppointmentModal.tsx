import { App, Flex, Form } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { WORKING_HOURS } from '../../../src-shared/calendar/calendar-time';
import type { Appointment } from '../../../src-shared/contract';
import { useWrite } from '../../api/mutations';
import { FormModal } from '../FormModal';
import { calendarErrorMessage, calendarFieldError } from './calendar-ui';
import { CounselorSelect, KindSelect, RoomSelect } from './pickers';
import { StudentPicker } from './StudentPicker';
import { DateTimeFields, DurationField, HALF, RemarkField } from './WhenFields';

export interface AppointmentDraft {
  date?: string;
  time?: string;
  studentId?: string;
  /** Shown instead of the search when the page fixes the student. */
  studentLabel?: string;
  caseId?: string;
  counselorId?: string;
  roomId?: string;
  kind?: Appointment['kind'];
}

interface Values {
  studentId: string;
  counselorId: string;
  roomId?: string | null;
  kind: Appointment['kind'];
  date: Dayjs;
  time: string;
  duration: number;
  remark?: string;
}

/** Local date + time + minutes as the UTC instants the contract takes. */
export function bookingTimes(date: Dayjs, time: string, minutes: number): { startsAt: string; endsAt: string } {
  const start = dayjs(`${date.format('YYYY-MM-DD')}T${time}:00`);
  return { startsAt: start.toISOString(), endsAt: start.add(minutes, 'minute').toISOString() };
}

/** 新建预约: a clash is refused by the core and shown here in words; nothing is saved. */
export function AppointmentModal({ draft, onClose, onSaved }: { draft: AppointmentDraft; onClose: () => void; onSaved?: (appointment: Appointment) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useWrite('calendar.create', {
    onSuccess: (saved) => {
      void message.success(t('calendar.saved'));
      onSaved?.(saved);
      onClose();
    },
    // A reason that belongs to one field is shown there too; the sentence above the form stays.
    onError: (failure) => {
      const field = calendarFieldError(failure, t);
      if (field) form.setFields([field] as never);
    },
  });

  const submit = (values: Values) =>
    create.run({
      studentId: values.studentId,
      counselorId: values.counselorId,
      roomId: values.roomId ?? null,
      caseId: draft.caseId ?? null,
      kind: values.kind,
      remark: values.remark?.trim() ? values.remark.trim() : null,
      ...bookingTimes(values.date, values.time, values.duration),
    });

  return (
    <FormModal
      title={t('calendar.newAppointment')}
      okText={t('common.save')}
      form={form}
      onSubmit={submit}
      onClose={onClose}
      pending={create.pending}
      error={create.failure ? calendarErrorMessage(create.failure, t) : null}
      width={560}
      initialValues={{
        studentId: draft.studentId,
        counselorId: draft.counselorId,
        roomId: draft.roomId,
        kind: draft.kind ?? 'session',
        date: draft.date ? dayjs(draft.date) : dayjs(),
        time: draft.time ?? WORKING_HOURS.start,
        duration: WORKING_HOURS.slotMinutes,
      }}
    >
      <Form.Item name="studentId" label={t('calendar.fields.student')} rules={[{ required: true, message: t('validation.required') }]}>
        <StudentPicker fixed={draft.studentId && draft.studentLabel ? { id: draft.studentId, label: draft.studentLabel } : undefined} />
      </Form.Item>
      <Flex gap={12}>
        <Form.Item name="counselorId" label={t('calendar.fields.counselor')} style={HALF} rules={[{ required: true, message: t('validation.required') }]}>
          <CounselorSelect />
        </Form.Item>
        <Form.Item name="roomId" label={t('calendar.fields.room')} style={HALF}>
          <RoomSelect />
        </Form.Item>
      </Flex>
      <DateTimeFields />
      <Flex gap={12}>
        <DurationField />
        <Form.Item name="kind" label={t('calendar.fields.kind')} style={HALF}>
          <KindSelect />
        </Form.Item>
      </Flex>
      <RemarkField />
    </FormModal>
  );
}
