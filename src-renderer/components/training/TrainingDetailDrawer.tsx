import { EditOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Descriptions, Drawer, Flex, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import type { Navigate } from '../../router';
import { useCan } from '../../session';
import { ErrorAlert } from '../ErrorAlert';
import { AttendanceEditor } from './AttendanceEditor';
import type { TrainingDetail } from './labels';

/** One training: its fields, the attendance list (editable by the center), print, and each person's record. */
export function TrainingDetailDrawer({
  trainingId,
  onClose,
  onEdit,
  onOpenHistory,
  onNavigate,
}: {
  trainingId: string;
  onClose: () => void;
  onEdit: (training: TrainingDetail) => void;
  onOpenHistory: (personKey: string) => void;
  onNavigate: Navigate;
}) {
  const { t } = useTranslation();
  const canManage = useCan('training.manage');
  const detail = useCallQuery('training.get', { id: trainingId });
  const data = detail.data;
  return (
    <Drawer
      open
      width={720}
      onClose={onClose}
      title={data?.title ?? ''}
      extra={
        data ? (
          <Flex gap={8}>
            <Button icon={<PrinterOutlined />} onClick={() => onNavigate('print', `training-attendance:${data.id}`)}>
              {t('training.detail.print')}
            </Button>
            {canManage ? (
              <Button icon={<EditOutlined />} onClick={() => onEdit(data)}>
                {t('training.detail.edit')}
              </Button>
            ) : null}
          </Flex>
        ) : null
      }
    >
      {detail.isPending ? <Skeleton active /> : null}
      <ErrorAlert message={detail.isError ? errorMessage(detail.error, t) : null} />
      {data ? (
        <>
          <Descriptions size="small" bordered column={2} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('training.form.date')}>{data.date}</Descriptions.Item>
            <Descriptions.Item label={t('training.form.audience')}>{t(`training.audiences.${data.audience}`)}</Descriptions.Item>
            <Descriptions.Item label={t('training.form.trainer')}>{data.trainer}</Descriptions.Item>
            <Descriptions.Item label={t('training.form.hours')}>{data.hours}</Descriptions.Item>
            <Descriptions.Item label={t('training.form.location')}>{data.location ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('training.form.department')}>{data.department ?? '—'}</Descriptions.Item>
          </Descriptions>
          <AttendanceEditor key={data.updatedAt} sessionId={data.id} attendees={data.attendees} canEdit={canManage} onOpenHistory={onOpenHistory} />
        </>
      ) : null}
    </Drawer>
  );
}
