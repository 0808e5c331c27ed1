import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../api/queries';
import { GroupFormModal } from '../components/groups/GroupFormModal';
import { periodText, STATUS_COLORS, themeText } from '../components/groups/labels';
import { MembersCard } from '../components/groups/MembersCard';
import { SessionsCard } from '../components/groups/SessionsCard';
import { errorMessage } from '../i18n/errors';
import type { Navigate } from '../router';

/** One group: details, members, sessions. The core serves it to the leaders and the director only. */
export function GroupView({ param, onNavigate }: { param: string; onNavigate: Navigate }) {
  const { t } = useTranslation();
  const detail = useCallQuery('groups.get', { groupId: param });
  const [editing, setEditing] = useState(false);
  const back = (
    <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => onNavigate('groups')} style={{ paddingInline: 0 }}>
      {t('groups.view.back')}
    </Button>
  );
  if (detail.isPending)
    return (
      <Card>
        {back}
        <Skeleton active paragraph={{ rows: 6 }} />
      </Card>
    );
  if (detail.isError) {
    return (
      <Card>
        {back}
        <Alert type={detail.error.code === 'FORBIDDEN' ? 'warning' : 'error'} showIcon title={errorMessage(detail.error, t)} />
      </Card>
    );
  }
  const group = detail.data;
  const dash = t('groups.dash');
  return (
    <Flex vertical gap={16}>
      <Card>
        {back}
        <Flex align="center" justify="space-between" wrap gap={8}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {group.name} <Tag color={STATUS_COLORS[group.status]}>{t(`groups.statuses.${group.status}`)}</Tag>
          </Typography.Title>
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('groups.view.edit')}
          </Button>
        </Flex>
        <Descriptions
          style={{ marginTop: 16 }}
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'theme', label: t('groups.view.theme'), children: themeText(group, t) },
            { key: 'leaders', label: t('groups.view.leaders'), children: group.leaders.map((l) => l.displayName).join(t('groups.separator')) },
            { key: 'period', label: t('groups.view.period'), children: periodText(group, dash) },
            { key: 'description', label: t('groups.view.description'), children: group.description ?? dash },
          ]}
        />
      </Card>
      <MembersCard group={group} />
      <SessionsCard group={group} />
      {editing ? <GroupFormModal group={group} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} /> : null}
    </Flex>
  );
}
