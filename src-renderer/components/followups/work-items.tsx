import { Flex, List, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { OpenWorkGroup, OpenWorkItem } from '../../../src-shared/contract/followups';
import { taskTitle } from './task-ui';
import { localTime } from '../../../src-shared/labels/local-time';

/** An item's label in the user's language: generated titles and key-attention levels are worded here. */
export function workItemLabel(item: Pick<OpenWorkItem, 'kind' | 'label'>, t: TFunction): string {
  if (item.kind === 'keyAttention' && item.label.startsWith('i18n:keyAttentionLevel:')) {
    return t('followups.work.keyAttentionLevel', { level: item.label.slice('i18n:keyAttentionLevel:'.length) });
  }
  if (item.kind === 'tasks') return taskTitle({ title: item.label }, t);
  return item.label;
}

/** The title line of a group: its kind, how many, how many overdue. */
export function WorkGroupTitle({ group }: { group: OpenWorkGroup }) {
  const { t } = useTranslation();
  return (
    <Flex gap={8} align="center" wrap>
      <Typography.Text strong>{t(`followups.work.kinds.${group.kind}`)}</Typography.Text>
      <Tag>{t('followups.work.count', { count: group.count })}</Tag>
      {group.overdue > 0 && group.kind !== 'censusFollowups' ? <Tag color="red">{t('followups.work.overdueCount', { count: group.overdue })}</Tag> : null}
    </Flex>
  );
}

/** One item: who it is about, what it is, when it is due, and (for 无人负责) why it is nobody's. */
export function WorkItemLine({ item, showReason = false }: { item: OpenWorkItem; showReason?: boolean }) {
  const { t } = useTranslation();
  return (
    <Flex gap={8} wrap align="center" style={{ minWidth: 0 }}>
      {item.student ? (
        <Typography.Text>
          {item.student.name}（{item.student.studentNo}）
        </Typography.Text>
      ) : null}
      <Typography.Text type="secondary">{workItemLabel(item, t)}</Typography.Text>
      {item.dueAt && item.kind !== 'keyAttention' ? (
        <Typography.Text type={item.overdue ? 'danger' : 'secondary'}>{localTime(item.dueAt)}</Typography.Text>
      ) : null}
      {item.dueAt && item.kind === 'keyAttention' ? <Typography.Text type={item.overdue ? 'danger' : 'secondary'}>{item.dueAt}</Typography.Text> : null}
      {item.overdue && item.kind !== 'censusFollowups' ? <Tag color="red">{t('followups.overdue')}</Tag> : null}
      {showReason && item.reason ? <Tag color="orange">{t(`followups.work.reasons.${item.reason}`)}</Tag> : null}
    </Flex>
  );
}

/** The first few items of a group, and how many more there are. */
export function WorkItemList({ group, limit = 5 }: { group: OpenWorkGroup; limit?: number }) {
  const { t } = useTranslation();
  const shown = group.items.slice(0, limit);
  return (
    <>
      <List
        size="small"
        dataSource={shown}
        renderItem={(item) => (
          <List.Item style={{ paddingInline: 0 }}>
            <WorkItemLine item={item} />
          </List.Item>
        )}
      />
      {group.count > shown.length ? (
        <Typography.Text type="secondary">{t('followups.handover.more', { count: group.count - shown.length })}</Typography.Text>
      ) : null}
    </>
  );
}
