import { Alert, App, AutoComplete, DatePicker, Flex, Form, Input, Select, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTIFICATION_METHODS, NOTIFICATION_RECIPIENTS, notificationFieldsSchema, type CrisisNotification } from '../../../src-shared/contract';
import { useWrite } from '../../api/mutations';
import { useCallQuery } from '../../api/queries';
import { parsePick, PersonPicker } from '../network/PersonPicker';
import type { NetworkRole } from '../../../src-shared/contract';
import { TEXT_MAX } from '../../../src-shared/contract/limits';
import { errorMessage } from '../../i18n/errors';
import { useCan } from '../../session';
import { FormModal, submitsWith } from '../FormModal';
import { coreFieldErrors, pastTimeRule, preWrap, rule } from './shared';
import { localTime } from '../../../src-shared/labels/local-time';
import type { TFunction } from 'i18next';
import { SectionHeading } from '../SectionHeading';

const shape = notificationFieldsSchema.shape;
const FIELDS = ['recipientKind', 'recipientName', 'method', 'notifiedAt', 'content', 'basis'];

interface Values {
  recipientKind?: CrisisNotification['recipientKind'];
  recipientName?: string;
  /** `person:ID` picked from the work network. */
  recipientPerson?: string | null;
  method?: CrisisNotification['method'];
  notifiedAt?: Dayjs;
  content?: string;
  basis?: string;
}

/** Whom the event page knows to notify (crisis.get `contacts`): offered as choices, free text still allowed. */
export interface NotificationContacts {
  guardians: { name: string; relation: string | null; phone: string | null }[];
  departmentCounselor: string | null;
}

/** Notifications made for a crisis event (guardian, department, leadership, hospital, 110/120): append-only. */
export function EventNotifications({ eventId, contacts }: { eventId: string; contacts?: NotificationContacts }) {
  const { t } = useTranslation();
  const canManage = useCan('crisis.manage');
  const list = useCallQuery('crisis.notifications.list', { eventId }, { enabled: canManage });
  const [adding, setAdding] = useState(false);
  if (!canManage) return null;
  return (
    <Flex vertical gap={12} data-testid="event-notifications">
      <SectionHeading title={t('referrals.notifications.title')} addLabel={t('referrals.notifications.add')} onAdd={() => setAdding(true)} />
      <Typography.Text type="secondary">{t('referrals.notifications.appendOnly')}</Typography.Text>
      {list.isError ? <Alert type="error" showIcon title={errorMessage(list.error, t)} /> : null}
      <Table<CrisisNotification>
        size="small"
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data ?? []}
        pagination={false}
        locale={{ emptyText: t('referrals.notifications.empty') }}
        scroll={{ x: 900 }}
        columns={[
          { key: 'notifiedAt', title: t('referrals.notifications.columns.notifiedAt'), width: 140, render: (_, row) => localTime(row.notifiedAt) },
          {
            key: 'recipient',
            title: t('referrals.notifications.columns.recipient'),
            width: 200,
            render: (_, row) => (
              <Flex vertical gap={2}>
                <Tag style={{ width: 'fit-content' }}>{t(`referrals.recipientKinds.${row.recipientKind}`)}</Tag>
                <span>{row.recipientName}</span>
              </Flex>
            ),
          },
          { key: 'method', title: t('referrals.notifications.columns.method'), width: 90, render: (_, row) => t(`referrals.methods.${row.method}`) },
          {
            key: 'content',
            title: t('referrals.notifications.columns.content'),
            render: (_, row) => <Typography.Paragraph style={preWrap}>{row.content}</Typography.Paragraph>,
          },
          {
            key: 'basis',
            title: t('referrals.notifications.columns.basis'),
            width: 200,
            render: (_, row) => <Typography.Paragraph style={preWrap}>{row.basis}</Typography.Paragraph>,
          },
          {
            key: 'notifiedBy',
            title: t('referrals.notifications.columns.notifiedBy'),
            width: 100,
            render: (_, row) => row.notifiedBy?.displayName ?? t('referrals.dash'),
          },
        ]}
      />
      {adding ? <AddNotificationModal eventId={eventId} contacts={contacts} onClose={() => setAdding(false)} /> : null}
    </Flex>
  );
}

/** The choices for 通知对象: the student's guardians and the department's 辅导员, each with its recipient kind. */
function contactOptions(contacts: NotificationContacts | undefined, t: TFunction) {
  if (!contacts) return [];
  const guardians = contacts.guardians.map((g, i) => ({
    key: `guardian-${i}`,
    value: g.relation ? `${g.name}（${g.relation}）` : g.name,
    kind: 'guardian' as const,
    label: [g.name, g.relation ? `（${g.relation}）` : '', g.phone ? ` ${g.phone}` : ''].join(''),
  }));
  const counselor = contacts.departmentCounselor
    ? [
        {
          key: 'department-counselor',
          value: contacts.departmentCounselor,
          kind: 'department' as const,
          label: `${t('crisis.event.departmentCounselor')}：${contacts.departmentCounselor}`,
        },
      ]
    : [];
  return [...guardians, ...counselor];
}

/** The notification's recipient kind for a register role. */
function RECIPIENT_KIND_OF_LEVEL(role: NetworkRole): CrisisNotification['recipientKind'] {
  if (role === 'hospital_staff') return 'hospital';
  if (role === 'leader' || role === 'deputy_leader' || role === 'member') return 'leadership';
  if (role === 'department_head' || role === 'student_affairs_lead' || role === 'counselor' || role === 'department_counselor' || role === 'class_teacher')
    return 'department';
  return 'other';
}

function AddNotificationModal({ eventId, contacts, onClose }: { eventId: string; contacts?: NotificationContacts; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const add = useWrite('crisis.notifications.add', {
    form,
    fieldErrors: (failure) => coreFieldErrors(failure, t, FIELDS),
    onSuccess: () => {
      void message.success(t('referrals.notifications.form.saved'));
      onClose();
    },
  });

  const toInput = (values: Values) => ({
    eventId,
    recipientKind: values.recipientKind!,
    recipientName: values.recipientName ?? '',
    recipientPersonId: parsePick(values.recipientPerson)?.id ?? null,
    method: values.method!,
    notifiedAt: values.notifiedAt!.toISOString(),
    content: values.content ?? '',
    basis: values.basis ?? '',
  });

  return (
    <FormModal<Values>
      title={t('referrals.notifications.form.title')}
      okText={t('referrals.notifications.form.submit')}
      form={form}
      {...submitsWith(add, toInput)}
      onClose={onClose}
      width={640}
      initialValues={{ notifiedAt: dayjs(), method: 'phone' }}
    >
      <Form.Item name="recipientPerson" label={t('network.picker.recipient')}>
        <PersonPicker
          aria-label={t('network.picker.recipient')}
          onChange={(_value, picked) => {
            if (!picked?.person) return;
            // The name stays editable; the record keeps it as told.
            form.setFieldsValue({ recipientName: picked.name, recipientKind: RECIPIENT_KIND_OF_LEVEL(picked.person.role) });
          }}
        />
      </Form.Item>
      <Flex gap={16}>
        <Form.Item
          name="recipientKind"
          label={t('referrals.notifications.form.recipientKind')}
          rules={[rule(shape.recipientKind, 'recipientKind', t)]}
          style={{ flex: 1 }}
        >
          <Select
            aria-label={t('referrals.notifications.form.recipientKind')}
            options={NOTIFICATION_RECIPIENTS.map((k) => ({ value: k, label: t(`referrals.recipientKinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="method" label={t('referrals.notifications.form.method')} rules={[rule(shape.method, 'method', t)]} style={{ width: 160 }}>
          <Select
            aria-label={t('referrals.notifications.form.method')}
            options={NOTIFICATION_METHODS.map((m) => ({ value: m, label: t(`referrals.methods.${m}`) }))}
          />
        </Form.Item>
      </Flex>
      <Flex gap={16}>
        <Form.Item
          name="recipientName"
          label={t('referrals.notifications.form.recipientName')}
          rules={[rule(shape.recipientName, 'recipientName', t)]}
          style={{ flex: 1 }}
        >
          <AutoComplete
            data-testid="notification-recipient-name"
            options={contactOptions(contacts, t).map((o) => ({ key: o.key, value: o.value, label: o.label, kind: o.kind }))}
            // Choosing a guardian or the 辅导员 sets the recipient kind too; typing stays free text.
            onSelect={(_value: string, option: { kind?: CrisisNotification['recipientKind'] }) => {
              if (option.kind) form.setFieldValue('recipientKind', option.kind);
            }}
          >
            <Input maxLength={TEXT_MAX.shortName} autoComplete="off" placeholder={t('referrals.notifications.form.recipientNamePlaceholder')} />
          </AutoComplete>
        </Form.Item>
        <Form.Item name="notifiedAt" label={t('referrals.notifications.form.notifiedAt')} rules={[pastTimeRule(t)]} style={{ width: 220 }}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
      </Flex>
      <Form.Item name="content" label={t('referrals.notifications.form.content')} rules={[rule(shape.content, 'content', t)]}>
        <Input.TextArea
          autoSize={{ minRows: 3, maxRows: 8 }}
          maxLength={TEXT_MAX.longNote}
          placeholder={t('referrals.notifications.form.contentPlaceholder')}
        />
      </Form.Item>
      <Form.Item name="basis" label={t('referrals.notifications.form.basis')} rules={[rule(shape.basis, 'basis', t)]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={TEXT_MAX.note} placeholder={t('referrals.notifications.form.basisPlaceholder')} />
      </Form.Item>
    </FormModal>
  );
}
