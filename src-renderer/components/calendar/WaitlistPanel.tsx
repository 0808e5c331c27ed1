import { Alert, App, Button, Card, Descriptions, Empty, Flex, Form, Modal, Popconfirm, Select, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WORKING_HOURS } from '../../../src-shared/calendar/calendar-time';
import type { OfferedSlot, WaitlistEntry } from '../../../src-shared/contract';
import { useWrite } from '../../api/mutations';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import { useCan } from '../../session';
import { ErrorAlert } from '../ErrorAlert';
import { FormModal } from '../FormModal';
import { calendarErrorMessage, timeRange } from './calendar-ui';
import { ItemList } from './ItemList';
import { CounselorSelect } from './pickers';
import { StudentPicker } from './StudentPicker';
import { RemarkField } from './WhenFields';
import { localTime } from '../../../src-shared/labels/local-time';
import { textOr } from '../../i18n/keys';

const PRIORITY_COLORS: Record<number, string> = { 1: 'red', 2: 'blue', 3: 'default' };

function AddModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ studentId: string; priority: 1 | 2 | 3; preferredCounselorId?: string | null; remark?: string }>();
  const add = useWrite('waitlist.add', { onSuccess: onClose });
  return (
    <FormModal
      title={t('calendar.waitlist.addTitle')}
      okText={t('common.save')}
      form={form}
      onSubmit={(values) => add.run({ ...values, preferredCounselorId: values.preferredCounselorId ?? null, remark: values.remark?.trim() || null })}
      onClose={onClose}
      pending={add.pending}
      error={add.error}
      initialValues={{ priority: 2 }}
    >
      <Form.Item name="studentId" label={t('calendar.fields.student')} rules={[{ required: true, message: t('validation.required') }]}>
        <StudentPicker />
      </Form.Item>
      <Form.Item name="priority" label={t('calendar.fields.priority')}>
        <Select
          aria-label={t('calendar.fields.priority')}
          options={[1, 2, 3].map((p) => ({ value: p, label: textOr(`calendar.waitlist.priorities.${p}`, String(p), t) }))}
        />
      </Form.Item>
      <Form.Item name="preferredCounselorId" label={t('calendar.fields.preferredCounselor')}>
        <CounselorSelect allowClear placeholder={t('calendar.fields.anyCounselor')} />
      </Form.Item>
      <RemarkField />
    </FormModal>
  );
}

/** Shows the earliest free slot for one waiting student, then books it on confirmation. */
function OfferModal({ entry, onClose }: { entry: WaitlistEntry; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const offer = useCallQuery('waitlist.offer', { entryId: entry.id });
  const schedule = useWrite('waitlist.schedule', {
    onSuccess: () => {
      void message.success(t('calendar.waitlist.booked', { name: entry.student.name }));
      onClose();
    },
    // The slot was taken meanwhile (a clash): offer the next free one. A read, not a refresh after a write.
    onError: () => void offer.refetch(),
  });
  const slot: OfferedSlot | null | undefined = offer.data?.slot;

  const book = async () => {
    if (!slot) return;
    await schedule.run({
      entryId: entry.id,
      counselorId: slot.counselor.id,
      roomId: slot.room?.id ?? null,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      kind: 'intake',
    });
  };

  return (
    <Modal
      open
      title={t('calendar.waitlist.offerTitle')}
      onCancel={onClose}
      onOk={() => void book()}
      okText={t('calendar.waitlist.book')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !slot }}
      confirmLoading={schedule.pending}
      destroyOnHidden
    >
      <ErrorAlert message={schedule.failure ? calendarErrorMessage(schedule.failure, t) : null} />
      {offer.isError ? <Alert type="error" showIcon title={errorMessage(offer.error, t)} /> : null}
      {offer.isPending ? <Typography.Text type="secondary">{t('app.loading')}</Typography.Text> : null}
      {offer.data && !slot ? <Alert type="info" showIcon title={t('calendar.waitlist.offerNone', { days: WORKING_HOURS.searchWorkingDays })} /> : null}
      {slot ? (
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'student', label: t('calendar.fields.student'), children: `${entry.student.name}（${entry.student.studentNo}）` },
            { key: 'time', label: t('calendar.detail.time'), children: timeRange(slot.startsAt, slot.endsAt, t) },
            { key: 'counselor', label: t('calendar.fields.counselor'), children: slot.counselor.displayName },
            { key: 'room', label: t('calendar.fields.room'), children: slot.room?.name ?? t('calendar.noRoom') },
          ]}
        />
      ) : null}
    </Modal>
  );
}

/** 候补名单: by priority, then by how long the student has waited. */
export function WaitlistPanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canManage = useCan('calendar.manage');
  const list = useCallQuery('waitlist.list', {});
  const remove = useWrite('waitlist.remove', { onError: (failure) => void message.error(errorMessage(failure, t)) });
  const [adding, setAdding] = useState(false);
  const [offering, setOffering] = useState<WaitlistEntry | null>(null);

  return (
    <Card
      title={t('calendar.waitlist.title')}
      size="small"
      extra={
        canManage ? (
          <Button size="small" onClick={() => setAdding(true)}>
            {t('calendar.waitlist.add')}
          </Button>
        ) : null
      }
    >
      {list.isError ? <Alert type="error" showIcon title={errorMessage(list.error, t)} /> : null}
      {list.data && list.data.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('calendar.waitlist.empty')} /> : null}
      {list.data && list.data.length > 0 ? (
        <ItemList
          items={list.data}
          label={(entry) => entry.student.name}
          render={(entry) => (
            <>
              <Flex vertical gap={4} style={{ width: '100%' }}>
                <Flex gap={8} align="center" wrap>
                  <Tag color={PRIORITY_COLORS[entry.priority]}>{textOr(`calendar.waitlist.priorities.${entry.priority}`, String(entry.priority), t)}</Tag>
                  <Typography.Text strong>{entry.student.name}</Typography.Text>
                  <Typography.Text type="secondary">{entry.student.studentNo}</Typography.Text>
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('calendar.fields.waitedSince')} {localTime(entry.createdAt)}
                  {entry.preferredCounselor ? ` · ${t('calendar.fields.preferredCounselor')} ${entry.preferredCounselor.displayName}` : ''}
                  {entry.remark ? ` · ${entry.remark}` : ''}
                </Typography.Text>
                {canManage ? (
                  <Flex gap={8}>
                    <Button size="small" type="primary" onClick={() => setOffering(entry)}>
                      {t('calendar.waitlist.offer')}
                    </Button>
                    <Popconfirm
                      title={t('calendar.waitlist.removeConfirm')}
                      okText={t('common.confirm')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => remove.run({ entryId: entry.id })}
                    >
                      <Button size="small">{t('calendar.waitlist.remove')}</Button>
                    </Popconfirm>
                  </Flex>
                ) : null}
              </Flex>
            </>
          )}
        />
      ) : null}
      {adding ? <AddModal onClose={() => setAdding(false)} /> : null}
      {offering ? <OfferModal entry={offering} onClose={() => setOffering(null)} /> : null}
    </Card>
  );
}
