import { Descriptions, Drawer, Skeleton, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import { ErrorAlert } from '../ErrorAlert';
import type { TrainingAudience } from '../../../src-shared/contract/training';

/** One person's trainings and hours per school year (attended sessions only count). */
export function PersonHistoryDrawer({ personKey, onClose }: { personKey: string; onClose: () => void }) {
  const { t } = useTranslation();
  const history = useCallQuery('training.personHistory', { personKey });
  const data = history.data;
  return (
    <Drawer open width={620} onClose={onClose} title={data ? t('training.history.title', { name: data.name }) : t('training.detail.history')}>
      {history.isPending ? <Skeleton active /> : null}
      <ErrorAlert message={history.isError ? errorMessage(history.error, t) : null} />
      {data ? (
        <div data-testid="training-history">
          <Descriptions size="small" bordered column={1} title={t('training.history.byYear')} style={{ marginBottom: 16 }}>
            {data.hoursByYear.map((y) => (
              <Descriptions.Item key={y.schoolYear} label={t('training.history.schoolYear', { from: y.schoolYear, to: y.schoolYear + 1 })}>
                {t('training.history.hours', { hours: y.hours })}（{t('training.history.sessions', { count: y.sessions })}）
              </Descriptions.Item>
            ))}
          </Descriptions>
          <Table
            size="small"
            rowKey="sessionId"
            pagination={false}
            dataSource={data.sessions}
            columns={[
              { title: t('training.history.columns.date'), dataIndex: 'date' },
              { title: t('training.history.columns.title'), dataIndex: 'title' },
              { title: t('training.history.columns.audience'), dataIndex: 'audience', render: (a: TrainingAudience) => t(`training.audiences.${a}`) },
              { title: t('training.history.columns.hours'), dataIndex: 'hours', align: 'right' },
              {
                title: t('training.history.columns.attended'),
                dataIndex: 'attended',
                render: (a: boolean) => (a ? <Tag color="green">{t('training.history.present')}</Tag> : <Tag>{t('training.history.absent')}</Tag>),
              },
            ]}
          />
        </div>
      ) : null}
    </Drawer>
  );
}
