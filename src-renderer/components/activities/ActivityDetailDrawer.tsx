import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Drawer, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import { useCan } from '../../session';
import { AttachmentList } from './AttachmentList';
import { kindLabel, type ActivityDetail } from './labels';

/** One activity: its fields and its attachments (download; upload and delete for who manages activities). */
export function ActivityDetailDrawer({ activityId, onClose, onEdit }: { activityId: string; onClose: () => void; onEdit: (activity: ActivityDetail) => void }) {
  const { t } = useTranslation();
  const canManage = useCan('activities.manage');
  const detail = useCallQuery('activities.get', { id: activityId });
  const dash = t('activities.dash');
  const activity = detail.data;
  return (
    <Drawer
      open
      title={activity?.title ?? t('activities.title')}
      size={640}
      onClose={onClose}
      destroyOnHidden
      extra={
        canManage && activity ? (
          <Button icon={<EditOutlined />} onClick={() => onEdit(activity)}>
            {t('activities.detail.edit')}
          </Button>
        ) : null
      }
    >
      {detail.isError ? <Alert type="error" showIcon title={errorMessage(detail.error, t)} /> : null}
      {detail.isPending ? <Skeleton active paragraph={{ rows: 6 }} /> : null}
      {activity ? (
        <>
          <Descriptions
            column={1}
            size="small"
            bordered
            items={[
              { key: 'kind', label: t('activities.form.kind'), children: kindLabel(activity.kind, t) },
              { key: 'date', label: t('activities.form.date'), children: activity.date },
              { key: 'organizer', label: t('activities.form.organizer'), children: activity.organizer },
              { key: 'audience', label: t('activities.form.audience'), children: activity.audience ?? dash },
              { key: 'department', label: t('activities.form.department'), children: activity.department ?? dash },
              { key: 'participants', label: t('activities.form.participants'), children: activity.participants.toLocaleString() },
              { key: 'location', label: t('activities.form.location'), children: activity.location ?? dash },
              {
                key: 'description',
                label: t('activities.form.description'),
                children: activity.description ? (
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{activity.description}</Typography.Paragraph>
                ) : (
                  dash
                ),
              },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('activities.attachments.title')}
          </Typography.Title>
          <AttachmentList activityId={activity.id} attachments={activity.attachments} canManage={canManage} />
        </>
      ) : null}
    </Drawer>
  );
}
