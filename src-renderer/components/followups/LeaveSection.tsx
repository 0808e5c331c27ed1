import { Button, DatePicker, Descriptions, Empty, Flex, Form, Input, List, Tag, Typography, message } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { LeaveRecord } from '../../../src-shared/contract/followups';
import { call } from '../../api/client';
import { useCallQuery } from '../../api/queries';
import { errorMessage, schemaRule } from '../../i18n/errors';
import type { Navigate } from '../../router';
import { StudentPicker } from '../calendar/StudentPicker';
import { ErrorAlert } from '../ErrorAlert';
import { FormModal, submitsWith } from '../FormModal';
import { ReturnModal } from './ReturnModal';
import { useAction } from '../../api/mutations';

const reasonSchema = z.string().trim().min(1).max(1000);
const refSchema = z.string().trim().max(100);

interface LeaveValues {
  studentId: string;
  startedOn: Dayjs;
  expectedReturnOn?: Dayjs | null;
  reason: string;
  applicationRef?: string;
}

function RecordLeaveModal({
  studentId,
  eventId,
  onClose,
  onDone,
}: {
  studentId?: string;
  eventId?: string;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<LeaveValues>();
  // One way to write: pending and the translated error from useAction; the lists refetch from store.changed.
  const submitAction = useAction(async (v: LeaveValues) => {
    await call('leave.record', {
      studentId: studentId ?? v.studentId,
      eventId: eventId ?? null,
      startedOn: v.startedOn.format('YYYY-MM-DD'),
      expectedReturnOn: v.expectedReturnOn ? v.expectedReturnOn.format('YYYY-MM-DD') : null,
      reason: v.reason.trim(),
      applicationRef: v.applicationRef?.trim() || null,
    });
    onClose();
    onDone(t('followups.leave.recorded'));
  });
  return (
    <FormModal<LeaveValues> title={t('followups.leave.recordTitle')} okText={t('common.save')} form={form} {...submitsWith(submitAction)} onClose={onClose}>
      {studentId ? null : (
        <Form.Item name="studentId" label={t('followups.fields.student')} rules={[{ required: true, message: t('validation.required') }]}>
          <StudentPicker />
        </Form.Item>
      )}
      <Flex gap={12}>
        <Form.Item name="startedOn" label={t('followups.leave.startedOn')} rules={[{ required: true, message: t('validation.required') }]} style={{ flex: 1 }}>
          <DatePicker style={{ width: '100%' }} aria-label={t('followups.leave.startedOn')} />
        </Form.Item>
        <Form.Item name="expectedReturnOn" label={t('followups.leave.expectedReturnOn')} style={{ flex: 1 }}>
          <DatePicker style={{ width: '100%' }} aria-label={t('followups.leave.expectedReturnOn')} />
        </Form.Item>
      </Flex>
      <Form.Item name="reason" label={t('followups.leave.reason')} rules={[schemaRule(reasonSchema, 'reason', t)]}>
        <Input.TextArea rows={3} maxLength={1000} showCount aria-label={t('followups.leave.reason')} />
      </Form.Item>
      <Form.Item name="applicationRef" label={t('followups.leave.applicationRef')} rules={[schemaRule(refSchema, 'applicationRef', t, true)]}>
        <Input maxLength={100} aria-label={t('followups.leave.applicationRef')} />
      </Form.Item>
    </FormModal>
  );
}

const STATUS_COLOR = { on_leave: 'orange', returned: 'green', return_refused: 'red' } as const;

/**
 * 休学与复学: the leave records of a student or an event (or, with neither, every student on
 * leave), a way to record one, and the return assessment of an open one.
 */
export function LeaveSection({ studentId, eventId, onNavigate }: { studentId?: string; eventId?: string; onNavigate?: Navigate }) {
  const { t } = useTranslation();
  const [recording, setRecording] = useState(false);
  const [assessing, setAssessing] = useState<LeaveRecord | null>(null);
  const [toast, holder] = message.useMessage();
  const filter = eventId ? { eventId } : studentId ? { studentId } : { status: 'on_leave' as const };
  const leaves = useCallQuery('leave.list', filter);
  const done = (text: string) => void toast.success(text);
  const open = (leaves.data ?? []).some((l) => l.status !== 'returned');
  return (
    <Flex vertical gap={8}>
      {holder}
      <Flex justify="space-between" align="center">
        <Typography.Text strong>{studentId || eventId ? t('followups.leave.title') : t('followups.leave.current')}</Typography.Text>
        {!(studentId || eventId) || !open ? <Button onClick={() => setRecording(true)}>{t('followups.leave.record')}</Button> : null}
      </Flex>
      {leaves.isError ? <ErrorAlert message={errorMessage(leaves.error, t)} /> : null}
      {leaves.data && leaves.data.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('followups.leave.none')} /> : null}
      <List
        dataSource={leaves.data ?? []}
        loading={leaves.isPending}
        renderItem={(leave) => (
          <List.Item
            data-testid="leave-record"
            actions={
              leave.status !== 'returned'
                ? [
                    <Button key="assess" type="primary" ghost onClick={() => setAssessing(leave)}>
                      {t('followups.leave.assess')}
                    </Button>,
                  ]
                : []
            }
          >
            <Descriptions
              size="small"
              column={3}
              title={
                <Flex gap={8} align="center">
                  {onNavigate ? (
                    <Button type="link" style={{ padding: 0 }} onClick={() => onNavigate('student', leave.student.id)}>
                      {leave.student.name}（{leave.student.studentNo}）
                    </Button>
                  ) : (
                    <span>
                      {leave.student.name}（{leave.student.studentNo}）
                    </span>
                  )}
                  <Tag color={STATUS_COLOR[leave.status]}>{t(`followups.leave.statuses.${leave.status}`)}</Tag>
                </Flex>
              }
              items={[
                { key: 'start', label: t('followups.leave.startedOn'), children: leave.startedOn },
                { key: 'expected', label: t('followups.leave.expectedReturnOn'), children: leave.expectedReturnOn ?? '—' },
                { key: 'ref', label: t('followups.leave.applicationRef'), children: leave.applicationRef ?? '—' },
                { key: 'reason', label: t('followups.leave.reason'), children: leave.reason, span: 3 },
                ...leave.assessments.map((a) => ({
                  key: a.id,
                  label: t('followups.returnForm.title'),
                  span: 3,
                  children: `${a.assessedAt.slice(0, 10)} ${t(`followups.outcomes.${a.outcome}`)}${a.returnedOn ? ` · ${t('followups.returnForm.returnedOn')} ${a.returnedOn}` : ''}${a.note ? ` · ${a.note}` : ''}`,
                })),
              ]}
            />
          </List.Item>
        )}
      />
      {recording ? <RecordLeaveModal studentId={studentId} eventId={eventId} onClose={() => setRecording(false)} onDone={done} /> : null}
      {assessing ? <ReturnModal leave={assessing} onClose={() => setAssessing(null)} onDone={done} /> : null}
    </Flex>
  );
}
