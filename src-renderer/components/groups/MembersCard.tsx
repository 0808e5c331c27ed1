import { App, Button, Card, Flex, Popconfirm, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { useAction } from '../../api/mutations';
import { ErrorAlert } from '../ErrorAlert';
import type { GroupDetail, GroupMember } from './labels';
import { StudentPicker } from './StudentPicker';

/** 成员: add through the student search; removal keeps the membership with the date the student left. */
export function MembersCard({ group }: { group: GroupDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [chosen, setChosen] = useState<string[]>([]);
  const [showLeft, setShowLeft] = useState(false);
  const dash = t('groups.dash');
  const current = group.members.filter((m) => m.leftAt === null);
  const shown = showLeft ? group.members : current;

  const addMembers = useAction((studentIds: string[]) => call('groups.addMembers', { groupId: group.id, studentIds }), {
    onSuccess: (_saved, ids) => {
      void message.success(t('groups.view.added', { count: ids.length }));
      setChosen([]);
    },
  });
  const removeMember = useAction((m: GroupMember) => call('groups.removeMember', { groupId: group.id, studentId: m.studentId }), {
    onSuccess: (_saved, m) => void message.success(t('groups.view.removed', { name: m.name })),
  });
  const pending = addMembers.pending || removeMember.pending;

  const add = () => {
    removeMember.reset();
    return addMembers.run(chosen);
  };
  const remove = (m: GroupMember) => {
    addMembers.reset();
    return removeMember.run(m);
  };

  const columns: ColumnsType<GroupMember> = [
    { title: t('groups.view.memberColumns.studentNo'), dataIndex: 'studentNo' },
    { title: t('groups.view.memberColumns.name'), dataIndex: 'name' },
    { title: t('groups.view.memberColumns.department'), dataIndex: 'department', render: (v: string | null) => v ?? dash },
    { title: t('groups.view.memberColumns.className'), dataIndex: 'className', render: (v: string | null) => v ?? dash },
    { title: t('groups.view.memberColumns.joinedAt'), dataIndex: 'joinedAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD') },
    {
      title: t('groups.view.memberColumns.state'),
      key: 'state',
      render: (_, m) =>
        m.leftAt ? <Tag>{t('groups.view.leftOn', { date: dayjs(m.leftAt).format('YYYY-MM-DD') })}</Tag> : <Tag color="green">{t('groups.view.inGroup')}</Tag>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, m) =>
        m.leftAt ? null : (
          <Popconfirm
            title={t('groups.view.removeConfirm', { name: m.name })}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() => remove(m)}
          >
            <Button type="link" size="small" danger disabled={pending}>
              {t('groups.view.remove')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Card
      title={
        <span>
          {t('groups.view.members')} <Typography.Text type="secondary">{t('groups.view.memberCount', { count: current.length })}</Typography.Text>
        </span>
      }
      extra={
        <Flex align="center" gap={8}>
          <Switch size="small" id="group-show-left" checked={showLeft} onChange={setShowLeft} />
          <label htmlFor="group-show-left">{t('groups.view.showLeft')}</label>
        </Flex>
      }
    >
      <ErrorAlert message={addMembers.error ?? removeMember.error} />
      <Flex gap={8} style={{ marginBottom: 16 }} wrap>
        <StudentPicker value={chosen} onChange={setChosen} exclude={current.map((m) => m.studentId)} disabled={pending} />
        <Button type="primary" disabled={chosen.length === 0} loading={pending} onClick={() => void add()}>
          {t('groups.view.addMembers')}
        </Button>
      </Flex>
      <Table<GroupMember>
        data-testid="group-members"
        rowKey="studentId"
        size="small"
        columns={columns}
        dataSource={shown}
        pagination={false}
        locale={{ emptyText: t('groups.view.membersEmpty') }}
        scroll={{ x: 720 }}
      />
    </Card>
  );
}
