import { App, Button, Descriptions, Flex, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cancelReasonSchema, type Appointment } from '../../../src-shared/contract';
import { TEXT_MAX } from '../../../src-shared/contract/limits';
import { useWrite } from '../../api/mutations';
import { schemaRule } from '../../i18n/errors';
import { useCan } from '../../session';
import { ErrorAlert } from '../ErrorAlert';
import { bookingTimes } from './AppointmentModal';
import { calendarErrorMessage, calendarFieldError, STATUS_COLORS, timeRange } from './calendar-ui';
import { CounselorSelect, RoomSelect } from './pickers';
import { DateTimeFields, DurationField, HALF } from './WhenFields';

type Mode = 'view' | 'move' | 'cancel';
interface MoveValues {
  date: Dayjs;
  time: string;
  duration: number;
  counselorId: string;
  roomId?: string | null;
}

/** One appointment: what it is, and what can happen to it next (check-in, done, no-show, move, cancel). */
export function AppointmentDetail({ appointment, onClose }: { appointment: Appointment; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canManage = useCan('calendar.manage');
  const [mode, setMode] = useState<Mode>('view');
  const [moveForm] = Form.useForm<MoveValues>();
  const [cancelForm] = Form.useForm<{ reason: string }>();
  const saved = () => {
    void message.success(t('calendar.saved'));
    onClose();
  };
  const setStatus = useWrite('calendar.setStatus', { onSuccess: saved });
  const move = useWrite('calendar.move', {
    onSuccess: saved,
    // A reason that belongs to one field is shown there too; the sentence above stays.
    onError: (failure) => {
      const field = calendarFieldError(failure, t);
      if (field) moveForm.setFields([field] as never);
    },
  });
  const cancel = useWrite('calendar.cancel', { onSuccess: saved });
  const writes = [setStatus, move, cancel];
  const busy = writes.some((w) => w.pending);
  const failure = writes.find((w) => w.failure)?.failure;
  const error = failure ? calendarErrorMessage(failure, t) : null;
  const clearErrors = () => writes.forEach((w) => w.reset());
  const { status } = appointment;
  const active = status === 'scheduled' || status === 'checked_in';

  const changeStatus = (next: 'checked_in' | 'done' | 'no_show') => {
    clearErrors();
    return setStatus.run({ appointmentId: appointment.id, status: next });
  };
  const saveMove = (values: MoveValues) => {
    clearErrors();
    return move.run({
      appointmentId: appointment.id,
      counselorId: values.counselorId,
      roomId: values.roomId ?? null,
      ...bookingTimes(values.date, values.time, values.duration),
    });
  };
  const saveCancel = (values: { reason: string }) => {
    clearErrors();
    return cancel.run({ appointmentId: appointment.id, reason: values.reason.trim() });
  };

  const start = dayjs(appointment.startsAt);
  const footer =
    mode === 'view' ? (
      canManage && active ? (
        <Flex wrap gap={8} justify="flex-end">
          {status === 'scheduled' ? (
            <Button type="primary" onClick={() => void changeStatus('checked_in')} loading={setStatus.pending}>
              {t('calendar.detail.checkIn')}
            </Button>
          ) : (
            <Button type="primary" onClick={() => void changeStatus('done')} loading={setStatus.pending}>
              {t('calendar.detail.done')}
            </Button>
          )}
          <Button onClick={() => void changeStatus('no_show')} disabled={busy}>
            {t('calendar.detail.noShow')}
          </Button>
          {status === 'scheduled' ? (
            <Button onClick={() => setMode('move')} disabled={busy}>
              {t('calendar.detail.move')}
            </Button>
          ) : null}
          <Button danger onClick={() => setMode('cancel')} disabled={busy}>
            {t('calendar.detail.cancel')}
          </Button>
        </Flex>
      ) : (
        <Button onClick={onClose}>{t('common.close')}</Button>
      )
    ) : (
      <Space>
        <Button onClick={() => (clearErrors(), setMode('view'))}>{t('common.back')}</Button>
        {mode === 'move' ? (
          <Button type="primary" loading={move.pending} onClick={() => moveForm.submit()}>
            {t('calendar.detail.saveMove')}
          </Button>
        ) : (
          <Button type="primary" danger loading={cancel.pending} onClick={() => cancelForm.submit()}>
            {t('calendar.detail.confirmCancel')}
          </Button>
        )}
      </Space>
    );

  return (
    <Modal
      open
      title={mode === 'move' ? t('calendar.detail.moveTitle') : mode === 'cancel' ? t('calendar.detail.cancelTitle') : t('calendar.detail.title')}
      onCancel={onClose}
      footer={footer}
      destroyOnHidden
      width={560}
    >
      <ErrorAlert message={error} />
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'student', label: t('calendar.fields.student'), children: `${appointment.student.name}（${appointment.student.studentNo}）` },
          { key: 'time', label: t('calendar.detail.time'), children: timeRange(appointment.startsAt, appointment.endsAt, t) },
          { key: 'counselor', label: t('calendar.fields.counselor'), children: appointment.counselor.displayName },
          { key: 'room', label: t('calendar.fields.room'), children: appointment.room?.name ?? t('calendar.noRoom') },
          { key: 'kind', label: t('calendar.fields.kind'), children: t(`calendar.kinds.${appointment.kind}`) },
          { key: 'status', label: t('calendar.fields.status'), children: <Tag color={STATUS_COLORS[status]}>{t(`calendar.statuses.${status}`)}</Tag> },
          ...(appointment.remark ? [{ key: 'remark', label: t('calendar.fields.remark'), children: appointment.remark }] : []),
        ]}
      />
      {appointment.cancelReason ? (
        <Typography.Paragraph type="secondary">{t('calendar.detail.cancelledBecause', { reason: appointment.cancelReason })}</Typography.Paragraph>
      ) : null}
      {mode === 'move' ? (
        <Form<MoveValues>
          form={moveForm}
          layout="vertical"
          requiredMark={false}
          onFinish={saveMove}
          style={{ marginTop: 16 }}
          initialValues={{
            date: start,
            time: start.format('HH:mm'),
            duration: dayjs(appointment.endsAt).diff(start, 'minute'),
            counselorId: appointment.counselor.id,
            roomId: appointment.room?.id ?? null,
          }}
        >
          <DateTimeFields />
          <Flex gap={12}>
            <DurationField />
            <Form.Item name="counselorId" label={t('calendar.fields.counselor')} style={HALF} rules={[{ required: true, message: t('validation.required') }]}>
              <CounselorSelect />
            </Form.Item>
          </Flex>
          <Form.Item name="roomId" label={t('calendar.fields.room')}>
            <RoomSelect />
          </Form.Item>
        </Form>
      ) : null}
      {mode === 'cancel' ? (
        <Form form={cancelForm} layout="vertical" requiredMark={false} onFinish={saveCancel} style={{ marginTop: 16 }}>
          <Form.Item name="reason" label={t('calendar.fields.cancelReason')} rules={[schemaRule(cancelReasonSchema, 'cancelReason', t)]}>
            <Input maxLength={TEXT_MAX.remark} />
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}
