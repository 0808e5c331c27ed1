import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupDetail, GroupSession } from './labels';
import { SessionModal } from './SessionModal';
import { localTime } from '../../../src-shared/labels/local-time';

/** 活动记录: each meeting with its attendance and group note; record a new one or correct one. */
export function SessionsCard({ group }: { group: GroupDetail }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<GroupSession | 'new' | null>(null);
  const names = new Map(group.members.map((m) => [m.studentId, m.name]));
  const dash = t('groups.dash');

  const columns: ColumnsType<GroupSession> = [
    { title: t('groups.view.sessionColumns.number'), dataIndex: 'number', width: 90, render: (n: number) => t('groups.view.sessionNumber', { number: n }) },
    { title: t('groups.view.sessionColumns.heldAt'), dataIndex: 'heldAt', width: 150, render: (v: string) => localTime(v) },
    {
      title: t('groups.view.sessionColumns.attendance'),
      dataIndex: 'attendance',
      render: (ids: string[]) => (
        <span>
          {t('groups.view.attendanceCount', { present: ids.length })}
          {ids.length > 0 ? (
            <Typography.Text type="secondary">
              {t('groups.view.attendanceNames', { names: ids.map((id) => names.get(id) ?? id).join(t('groups.separator')) })}
            </Typography.Text>
          ) : null}
        </span>
      ),
    },
    {
      title: t('groups.view.sessionColumns.note'),
      dataIndex: 'note',
      render: (note: string | null) =>
        note ? (
          <Typography.Paragraph ellipsis={{ rows: 2, expandable: true, symbol: '…' }} style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
            {note}
          </Typography.Paragraph>
        ) : (
          dash
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      render: (_, session) => (
        <Button type="link" size="small" onClick={() => setEditing(session)}>
          {t('groups.view.editSession')}
        </Button>
      ),
    },
  ];

  return (
    <Card
      title={t('groups.view.sessions')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('groups.view.recordSession')}
        </Button>
      }
    >
      <Table<GroupSession>
        data-testid="group-sessions"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={group.sessions}
        pagination={false}
        locale={{ emptyText: t('groups.view.sessionsEmpty') }}
        scroll={{ x: 720 }}
      />
      {editing ? <SessionModal group={group} session={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Card>
  );
}
