import { LockOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GROUP_STATUSES } from '../../src-shared/contract/groups';
import { useCallQuery } from '../api/queries';
import { ErrorAlert } from '../components/ErrorAlert';
import { GroupFormModal } from '../components/groups/GroupFormModal';
import { periodText, STATUS_COLORS, themeText, type GroupListItem } from '../components/groups/labels';
import { errorMessage } from '../i18n/errors';
import type { Navigate } from '../router';
import { listTableProps } from '../api/list-table';

type Status = GroupListItem['status'];

/** 团体辅导: every group's list entry; leaders and the director open a group for members and notes. */
export function Groups({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Status | undefined>(undefined);
  const [creating, setCreating] = useState(false);
  const groups = useCallQuery('groups.list', status ? { status } : {});
  const dash = t('groups.dash');

  const columns: ColumnsType<GroupListItem> = [
    {
      title: t('groups.list.columns.name'),
      dataIndex: 'name',
      render: (name: string, group) =>
        group.canOpen ? (
          <Typography.Link
            href={`#/group/${encodeURIComponent(group.id)}`}
            onClick={(event) => {
              event.preventDefault();
              onNavigate('group', group.id);
            }}
          >
            {name}
          </Typography.Link>
        ) : (
          <span>
            {name}{' '}
            <Tooltip title={t('groups.view.notOpen')}>
              <Tag icon={<LockOutlined />}>{t('groups.list.restricted')}</Tag>
            </Tooltip>
          </span>
        ),
    },
    { title: t('groups.list.columns.theme'), key: 'theme', render: (_, group) => themeText(group, t) },
    {
      title: t('groups.list.columns.leaders'),
      dataIndex: 'leaders',
      render: (leaders: GroupListItem['leaders']) => leaders.map((l) => l.displayName).join(t('groups.separator')) || dash,
    },
    { title: t('groups.list.columns.members'), dataIndex: 'memberCount', align: 'right' },
    { title: t('groups.list.columns.sessions'), dataIndex: 'sessionCount', align: 'right' },
    {
      title: t('groups.list.columns.period'),
      key: 'period',
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (_, group) => periodText(group, dash),
    },
    {
      title: t('groups.list.columns.status'),
      dataIndex: 'status',
      render: (value: Status) => <Tag color={STATUS_COLORS[value]}>{t(`groups.statuses.${value}`)}</Tag>,
    },
  ];

  return (
    <Card
      title={t('groups.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('groups.list.create')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('groups.list.intro')}</Typography.Paragraph>
      <Flex gap={8} style={{ marginBottom: 16 }}>
        <Select<Status | undefined>
          aria-label={t('groups.list.statusFilter')}
          allowClear
          placeholder={t('groups.list.allStatuses')}
          style={{ minWidth: 160 }}
          value={status}
          onChange={setStatus}
          options={GROUP_STATUSES.map((value) => ({ value, label: t(`groups.statuses.${value}`) }))}
        />
      </Flex>
      <ErrorAlert message={groups.isError ? errorMessage(groups.error, t) : null} />
      <Table<GroupListItem>
        data-testid="group-list"
        {...listTableProps(groups, t('groups.list.empty'))}
        columns={columns}
        onRow={(group) => (group.canOpen ? { onClick: () => onNavigate('group', group.id), style: { cursor: 'pointer' } } : {})}
        scroll={{ x: 860 }}
      />
      {creating ? (
        <GroupFormModal
          group={null}
          onClose={() => setCreating(false)}
          onSaved={(group) => {
            setCreating(false);
            // A creator who is not among the leaders stays on the list: the group is theirs to see only as an entry.
            if (group.canOpen) onNavigate('group', group.id);
          }}
        />
      ) : null}
    </Card>
  );
}
