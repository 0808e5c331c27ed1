import { Alert, App, Button, Card, DatePicker, Divider, Flex, Form, Input, InputNumber, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roomNameSchema, type Room } from '../../../src-shared/contract';
import { TEXT_MAX } from '../../../src-shared/contract/limits';
import { useWrite } from '../../api/mutations';
import { useCallQuery } from '../../api/queries';
import { errorMessage, schemaRule } from '../../i18n/errors';
import { useCan } from '../../session';
import { ErrorAlert } from '../ErrorAlert';
import { FormModal } from '../FormModal';

function RenameModal({ room, onClose }: { room: Room; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string }>();
  const rename = useWrite('calendar.renameRoom', { onSuccess: onClose });
  return (
    <FormModal
      title={t('calendar.settings.rename')}
      okText={t('common.save')}
      form={form}
      onSubmit={(values) => rename.run({ roomId: room.id, name: values.name.trim() })}
      onClose={onClose}
      pending={rename.pending}
      error={rename.error}
      initialValues={{ name: room.name }}
    >
      <Form.Item name="name" label={t('calendar.settings.roomName')} rules={[schemaRule(roomNameSchema, 'roomName', t)]}>
        <Input maxLength={TEXT_MAX.roomName} />
      </Form.Item>
    </FormModal>
  );
}

function RoomsSection() {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string }>();
  const [renaming, setRenaming] = useState<Room | null>(null);
  const rooms = useCallQuery('calendar.rooms', { includeInactive: true });
  const create = useWrite('calendar.createRoom', { onSuccess: () => form.resetFields() });
  const setActive = useWrite('calendar.setRoomActive');
  return (
    <>
      <Typography.Title level={5}>{t('calendar.settings.rooms')}</Typography.Title>
      <ErrorAlert message={create.error ?? setActive.error} />
      {rooms.isError ? <Alert type="error" showIcon title={errorMessage(rooms.error, t)} /> : null}
      <Table<Room>
        size="small"
        rowKey="id"
        pagination={false}
        loading={rooms.isPending}
        dataSource={rooms.data ?? []}
        locale={{ emptyText: t('calendar.settings.noRooms') }}
        columns={[
          { key: 'name', title: t('calendar.settings.roomName'), dataIndex: 'name' },
          {
            key: 'active',
            title: t('calendar.fields.status'),
            render: (_, room) => (
              <Tag color={room.active ? 'green' : 'default'}>{room.active ? t('calendar.settings.active') : t('calendar.settings.inactive')}</Tag>
            ),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, room) => (
              <Flex gap={8}>
                <Button size="small" onClick={() => setRenaming(room)}>
                  {t('calendar.settings.rename')}
                </Button>
                <Button size="small" onClick={() => void setActive.run({ roomId: room.id, active: !room.active })}>
                  {room.active ? t('calendar.settings.deactivate') : t('calendar.settings.activate')}
                </Button>
              </Flex>
            ),
          },
        ]}
      />
      <Form form={form} layout="inline" style={{ marginTop: 12 }} onFinish={(values) => void create.run({ name: values.name.trim() })}>
        <Form.Item name="name" rules={[schemaRule(roomNameSchema, 'roomName', t)]}>
          <Input maxLength={TEXT_MAX.roomName} placeholder={t('calendar.settings.roomName')} aria-label={t('calendar.settings.roomName')} />
        </Form.Item>
        <Button htmlType="submit" loading={create.pending}>
          {t('calendar.settings.addRoom')}
        </Button>
      </Form>
      {renaming ? <RenameModal room={renaming} onClose={() => setRenaming(null)} /> : null}
    </>
  );
}

function TermSection() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ firstMonday: Dayjs | null; weeks: number | null }>();
  const term = useCallQuery('calendar.term', {});
  const save = useWrite('calendar.setTerm', { onSuccess: () => void message.success(t('calendar.settings.termSaved')) });

  useEffect(() => {
    if (term.data !== undefined) form.setFieldsValue({ firstMonday: term.data ? dayjs(term.data.firstMonday) : null, weeks: term.data?.weeks ?? 18 });
  }, [term.data, form]);

  return (
    <>
      <Typography.Title level={5}>{t('calendar.settings.term')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('calendar.settings.termHelp')}</Typography.Paragraph>
      {term.data === null ? <Typography.Paragraph>{t('calendar.settings.termNotSet')}</Typography.Paragraph> : null}
      <ErrorAlert message={save.error} />
      <Form
        form={form}
        layout="inline"
        requiredMark={false}
        onFinish={(values) => {
          if (values.firstMonday && values.weeks) void save.run({ term: { firstMonday: values.firstMonday.format('YYYY-MM-DD'), weeks: values.weeks } });
        }}
      >
        <Form.Item name="firstMonday" label={t('calendar.settings.firstMonday')} rules={[{ required: true, message: t('validation.required') }]}>
          {/* Only Mondays can be chosen: the week turns at Monday 00:00. */}
          <DatePicker disabledDate={(day) => day.day() !== 1} />
        </Form.Item>
        <Form.Item name="weeks" label={t('calendar.settings.weeks')} rules={[{ required: true, message: t('validation.required') }]}>
          <InputNumber min={1} max={30} precision={0} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.pending}>
          {t('common.save')}
        </Button>
        {term.data ? (
          <Button style={{ marginLeft: 8 }} onClick={() => void save.run({ term: null })}>
            {t('calendar.settings.clearTerm')}
          </Button>
        ) : null}
      </Form>
    </>
  );
}

/** Rooms and teaching weeks in Settings, for the roles that configure the calendar. */
export function CalendarSettings() {
  const { t } = useTranslation();
  const canConfigure = useCan('calendar.configure');
  if (!canConfigure) return null;
  return (
    <Card title={t('calendar.settings.title')} data-testid="calendar-settings">
      <RoomsSection />
      <Divider />
      <TermSection />
    </Card>
  );
}
