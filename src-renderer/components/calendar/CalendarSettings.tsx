import { Alert, App, Button, Card, DatePicker, Divider, Flex, Form, Input, InputNumber, Modal, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roomNameSchema, type Room } from '../../../src-shared/contract';
import { useCallMutation, useCallQuery } from '../../api/queries';
import { errorMessage, schemaRule } from '../../i18n/errors';
import { useCan } from '../../session';
import { ErrorAlert } from '../ErrorAlert';

function RenameModal({ room, onClose }: { room: Room; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string }>();
  const rename = useCallMutation('calendar.renameRoom');
  return (
    <Modal
      open
      title={t('calendar.settings.rename')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={rename.isPending}
      destroyOnHidden
    >
      <ErrorAlert message={rename.isError ? errorMessage(rename.error, t) : null} />
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ name: room.name }}
        onFinish={async (values) => {
          await rename.mutateAsync({ roomId: room.id, name: values.name.trim() }).then(onClose, () => undefined);
        }}
      >
        <Form.Item name="name" label={t('calendar.settings.roomName')} rules={[schemaRule(roomNameSchema, 'roomName', t)]}>
          <Input maxLength={50} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RoomsSection() {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string }>();
  const [renaming, setRenaming] = useState<Room | null>(null);
  const rooms = useCallQuery('calendar.rooms', { includeInactive: true });
  const create = useCallMutation('calendar.createRoom');
  const setActive = useCallMutation('calendar.setRoomActive');
  const failure = create.error ?? setActive.error;
  return (
    <>
      <Typography.Title level={5}>{t('calendar.settings.rooms')}</Typography.Title>
      <ErrorAlert message={failure ? errorMessage(failure, t) : null} />
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
                <Button size="small" onClick={() => void setActive.mutateAsync({ roomId: room.id, active: !room.active }).catch(() => undefined)}>
                  {room.active ? t('calendar.settings.deactivate') : t('calendar.settings.activate')}
                </Button>
              </Flex>
            ),
          },
        ]}
      />
      <Form
        form={form}
        layout="inline"
        style={{ marginTop: 12 }}
        onFinish={async (values) => {
          await create.mutateAsync({ name: values.name.trim() }).then(
            async () => {
              form.resetFields();
            },
            () => undefined,
          );
        }}
      >
        <Form.Item name="name" rules={[schemaRule(roomNameSchema, 'roomName', t)]}>
          <Input maxLength={50} placeholder={t('calendar.settings.roomName')} aria-label={t('calendar.settings.roomName')} />
        </Form.Item>
        <Button htmlType="submit" loading={create.isPending}>
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
  const save = useCallMutation('calendar.setTerm', {
    onSuccess: async () => {
      void message.success(t('calendar.settings.termSaved'));
    },
  });

  useEffect(() => {
    if (term.data !== undefined) form.setFieldsValue({ firstMonday: term.data ? dayjs(term.data.firstMonday) : null, weeks: term.data?.weeks ?? 18 });
  }, [term.data, form]);

  return (
    <>
      <Typography.Title level={5}>{t('calendar.settings.term')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('calendar.settings.termHelp')}</Typography.Paragraph>
      {term.data === null ? <Typography.Paragraph>{t('calendar.settings.termNotSet')}</Typography.Paragraph> : null}
      <ErrorAlert message={save.isError ? errorMessage(save.error, t) : null} />
      <Form
        form={form}
        layout="inline"
        requiredMark={false}
        onFinish={(values) => {
          if (values.firstMonday && values.weeks) save.mutate({ term: { firstMonday: values.firstMonday.format('YYYY-MM-DD'), weeks: values.weeks } });
        }}
      >
        <Form.Item name="firstMonday" label={t('calendar.settings.firstMonday')} rules={[{ required: true, message: t('validation.required') }]}>
          {/* Only Mondays can be chosen: the week turns at Monday 00:00. */}
          <DatePicker disabledDate={(day) => day.day() !== 1} />
        </Form.Item>
        <Form.Item name="weeks" label={t('calendar.settings.weeks')} rules={[{ required: true, message: t('validation.required') }]}>
          <InputNumber min={1} max={30} precision={0} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
        {term.data ? (
          <Button style={{ marginLeft: 8 }} onClick={() => save.mutate({ term: null })}>
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
