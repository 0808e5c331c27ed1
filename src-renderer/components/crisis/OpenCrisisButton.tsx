import { AlertOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useRefetchKinds } from '../../api/live-queries';
import { useWrite } from '../../api/mutations';
import { useCallQuery } from '../../api/queries';
import { schemaRule } from '../../i18n/errors';
import type { Navigate } from '../../router';
import { useCan } from '../../session';
import { FormModal, submitsWith } from '../FormModal';
import { useCrisisLevels } from './levels';
import { openEventOfConflict } from './openEvent';

const descriptionRule = z.string().trim().min(1).max(5000);

interface Values {
  level: string;
  discoveredAt: Dayjs;
  description: string;
}

/** The modal behind 新建危机事件: level, discovery time (T0), what was seen; opens and goes to the event. */
export function OpenCrisisModal({
  studentId,
  caseId,
  reportId,
  onClose,
  onNavigate,
}: {
  studentId: string;
  caseId?: string;
  reportId?: string;
  onClose: () => void;
  onNavigate: Navigate;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refetch = useRefetchKinds();
  const levels = useCrisisLevels();
  const [form] = Form.useForm<Values>();
  // The board, the student file and its timeline refetch by themselves (store.changed).
  const openEvent = useWrite('crisis.open', {
    form,
    onSuccess: (opened) => {
      void message.success(t('crisis.open.opened', { eventNo: opened.eventNo }));
      onClose();
      onNavigate('crisisEvent', opened.id);
    },
    onError: (failure) => {
      // Someone opened one meanwhile (another window, the CLI): go to that event instead.
      const open = openEventOfConflict(failure);
      if (!open) return;
      void refetch('crisis');
      void message.info(t('crisis.open.alreadyOpen', { eventNo: open.eventNo }));
      onClose();
      onNavigate('crisisEvent', open.eventId);
    },
  });
  const toInput = (values: Values) => ({
    studentId,
    ...(caseId ? { caseId } : {}),
    ...(reportId ? { reportId } : {}),
    level: values.level,
    discoveredAt: values.discoveredAt.toISOString(),
    description: values.description.trim(),
  });

  return (
    <FormModal<Values>
      title={t('crisis.open.title')}
      okText={t('crisis.open.submit')}
      form={form}
      {...submitsWith(openEvent, toInput)}
      onClose={onClose}
      width={600}
      requiredMark
      initialValues={{ level: levels[0]?.key, discoveredAt: dayjs() }}
    >
      <Form.Item name="level" label={t('crisis.open.level')} rules={[{ required: true, message: t('validation.required') }]}>
        <Select aria-label={t('crisis.open.level')} options={levels.map((l) => ({ value: l.key, label: l.label }))} />
      </Form.Item>
      <Form.Item
        name="discoveredAt"
        label={t('crisis.open.discoveredAt')}
        rules={[
          { required: true, message: t('validation.required') },
          {
            validator: async (_r, value?: Dayjs) =>
              value && value.isAfter(dayjs().add(1, 'minute')) ? Promise.reject(new Error(t('crisis.open.futureTime'))) : undefined,
          },
        ]}
      >
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item name="description" label={t('crisis.open.description')} required rules={[schemaRule(descriptionRule, 'description', t)]}>
        <Input.TextArea autoFocus rows={5} maxLength={5000} showCount />
      </Form.Item>
    </FormModal>
  );
}

/** The student's events not yet closed (normally none or one), as the core's board rows. */
export function useEventsUnderWay(studentId: string, enabled = true) {
  return useCallQuery('crisis.openForStudent', { studentId }, { enabled });
}

/**
 * One click to open a crisis event for the student (from the file, a case, a report, the
 * key-attention list); crisis.manage only. While the student has an event under way the button
 * reads 查看进行中的危机事件 and goes there: a second event is never opened.
 */
export function OpenCrisisButton({ studentId, caseId, reportId, onNavigate }: { studentId: string; caseId?: string; reportId?: string; onNavigate: Navigate }) {
  const { t } = useTranslation();
  const canOpen = useCan('crisis.manage');
  const underWay = useEventsUnderWay(studentId, canOpen);
  const [open, setOpen] = useState(false);
  if (!canOpen) return null;
  const current = underWay.data?.events[0];
  if (current) {
    return (
      <Button danger type="primary" icon={<AlertOutlined />} data-testid="open-crisis-button" onClick={() => onNavigate('crisisEvent', current.id)}>
        {t('crisis.open.viewOpen')}
      </Button>
    );
  }
  return (
    <>
      <Button danger icon={<ThunderboltOutlined />} data-testid="open-crisis-button" loading={underWay.isPending} onClick={() => setOpen(true)}>
        {t('crisis.open.button')}
      </Button>
      {open ? <OpenCrisisModal studentId={studentId} caseId={caseId} reportId={reportId} onClose={() => setOpen(false)} onNavigate={onNavigate} /> : null}
    </>
  );
}
