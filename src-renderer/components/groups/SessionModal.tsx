import { App, Alert, Button, Checkbox, DatePicker, Flex, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { GROUP_NOTE_MAX } from '../../../src-shared/contract/groups';
import { call } from '../../api/client';
import { useAction } from '../../api/mutations';
import { FormModal, submitsWith } from '../FormModal';
import type { GroupDetail, GroupSession } from './labels';

interface Values {
  heldAt?: Dayjs | null;
  attendance: string[];
  note?: string;
}

/** 记录一次活动 (or correct one): when, which members attended, the group note. */
export function SessionModal({ group, session, onClose }: { group: GroupDetail; session: GroupSession | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  // Current members, plus (when correcting) anyone recorded as present who has since left.
  const choosable = group.members.filter((m) => m.leftAt === null || session?.attendance.includes(m.studentId));

  const save = useAction(
    (values: Values) => {
      const fields = { heldAt: values.heldAt!.toISOString(), attendance: values.attendance, note: values.note?.trim() || null };
      return session
        ? call('groups.updateSession', { groupId: group.id, sessionId: session.id, patch: fields })
        : call('groups.recordSession', { groupId: group.id, ...fields });
    },
    {
      onSuccess: (saved) => {
        const number = session?.number ?? saved.sessions[saved.sessions.length - 1]?.number;
        void message.success(t('groups.session.saved', { number }));
        onClose();
      },
    },
  );

  return (
    <FormModal
      title={session ? t('groups.session.editTitle', { number: session.number }) : t('groups.session.title')}
      okText={t('groups.session.submit')}
      form={form}
      {...submitsWith(save)}
      onClose={onClose}
      width={680}
      bodyStyle={{ paddingTop: 12 }}
      initialValues={
        session
          ? { heldAt: dayjs(session.heldAt), attendance: session.attendance, note: session.note ?? '' }
          : { heldAt: dayjs().second(0).millisecond(0), attendance: [] }
      }
    >
      <Form.Item name="heldAt" label={t('groups.session.heldAt')} rules={[{ required: true, message: t('validation.required') }]}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: 240 }} placeholder={t('groups.session.heldAt')} />
      </Form.Item>
      <Form.Item label={t('groups.session.attendance')} required={false}>
        {choosable.length === 0 ? (
          <Alert type="info" showIcon title={t('groups.session.attendanceEmpty')} />
        ) : (
          <Flex vertical gap={8}>
            <Form.Item name="attendance" noStyle>
              <Checkbox.Group
                options={choosable.map((m) => ({ value: m.studentId, label: `${m.name}（${m.studentNo}）` }))}
                style={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', rowGap: 6 }}
              />
            </Form.Item>
            <div>
              <Button
                size="small"
                onClick={() =>
                  form.setFieldValue(
                    'attendance',
                    choosable.map((m) => m.studentId),
                  )
                }
              >
                {t('groups.session.selectAll')}
              </Button>
            </div>
          </Flex>
        )}
      </Form.Item>
      <Form.Item name="note" label={t('groups.session.note')} extra={t('groups.session.noteHelp')}>
        <Input.TextArea autoSize={{ minRows: 5, maxRows: 14 }} maxLength={GROUP_NOTE_MAX} placeholder={t('groups.session.notePlaceholder')} />
      </Form.Item>
    </FormModal>
  );
}
