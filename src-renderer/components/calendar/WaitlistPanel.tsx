import { Alert, App, Button, Card, Descriptions, Empty, Flex, Form, Input, Modal, Popconfirm, Select, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WORKING_HOURS } from '../../../src-shared/calendar/calendar-time';
import { remarkSchema, type OfferedSlot, type WaitlistEntry } from '../../../src-shared/contract';
import { useCallMutation, useCallQuery } from '../../api/queries';
import { errorMessage, schemaRule } from '../../i18n/errors';
import { useCan } from '../../session';
import { ErrorAlert } from '../ErrorAlert';
import { calendarErrorMessage, timeRange } from './calendar-ui';
import { ItemList } from './ItemList';
import { CounselorSelect } from './pickers';
import { StudentPicker } from './StudentPicker';
import { localTime } from '../../../src-shared/labels/local-time';

const PRIORITY_COLORS: Record<number, string> = { 1: 'red', 2: 'blue', 3: 'default' };

function AddModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ studentId: string; priority: 1 | 2 | 3; preferredCounselorId?: string | null; remark?: string }>();
  const [error, setError] = useState<string | null>(null);
  const add = useCallMutation('waitlist.add');
  return (
    <Modal
      open
      title={t('calendar.waitlist.addTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={add.isPending}
      destroyOnHidden
    >
      <ErrorAlert message={error} />
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ priority: 2 }}
        onFinish={async (values) => {
          setError(null);
          try {
            await add.mutateAsync({ ...values, preferredCounselorId: values.preferredCounselorId ?? null, remark: values.remark?.trim() || null });
            onClose();
          } catch (failure) {
            setError(errorMessage(failure, t));
          }
        }}
      >
        <Form.Item name="studentId" label={t('calendar.fields.student')} rules={[{ required: true, message: t('validation.required') }]}>
          <StudentPicker />
        </Form.Item>
        <Form.Item name="priority" label={t('calendar.fields.priority')}>
          <Select aria-label={t('calendar.fields.priority')} options={[1, 2, 3].map((p) => ({ value: p, label: t(`calendar.waitlist.priorities.${p}`) }))} />
        </Form.Item>
        <Form.Item name="preferredCounselorId" label={t('calendar.fields.preferredCounselor')}>
          <CounselorSelect allowClear placeholder={t('calendar.fields.anyCounselor')} />
        </Form.Item>
        <Form.Item
          name="remark"
          label={t('calendar.fields.remark')}
          extra={t('calendar.fields.remarkHelp')}
          rules={[schemaRule(remarkSchema, 'remark', t, true)]}
        >
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Shows the earliest free slot for one waiting student, then books it on confirmation. */
function OfferModal({ entry, onClose }: { entry: WaitlistEntry; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const offer = useCallQuery('waitlist.offer', { entryId: entry.id });
  const schedule = useCallMutation('waitlist.schedule');
  const slot: OfferedSlot | null | undefined = offer.data?.slot;

  const book = async () => {
    if (!slot) return;
    setError(null);
    try {
      await schedule.mutateAsync({
        entryId: entry.id,
        counselorId: slot.counselor.id,
        roomId: slot.room?.id ?? null,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        kind: 'intake',
      });
      void message.success(t('calendar.waitlist.booked', { name: entry.student.name }));
      onClose();
    } catch (failure) {
      setError(calendarErrorMessage(failure, t));
      void offer.refetch();
    }
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
      confirmLoading={schedule.isPending}
      destroyOnHidden
    >
      <ErrorAlert message={error} />
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
  const remove = useCallMutation('waitlist.remove');
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
                  <Tag color={PRIORITY_COLORS[entry.priority]}>{t(`calendar.waitlist.priorities.${entry.priority}`)}</Tag>
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
                      onConfirm={async () => {
                        try {
                          await remove.mutateAsync({ entryId: entry.id });
                        } catch (failure) {
                          void message.error(errorMessage(failure, t));
                        }
                      }}
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
