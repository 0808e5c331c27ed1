import { Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EducationFigures as Figures } from '../../../src-shared/contract/education-figures';
import type { TrainingAudience } from '../../../src-shared/contract/training';
import type { Resource } from '../../i18n/types';

const show = (value: number | string | null) => (value === null ? '—' : value);

/** 培训、课程与督导 of the period: training by audience, course coverage, supervision (issue 17). */
export function EducationFigures({ figures }: { figures: Figures | undefined }) {
  const { t } = useTranslation();
  if (!figures) return null;
  const c = (key: keyof Resource['training']['figures']['columns']) => t(`training.figures.columns.${key}`);
  return (
    <Card size="small" title={t('training.figures.title')} style={{ marginBottom: 16 }} data-testid="education-figures">
      <Typography.Title level={5}>{t('training.figures.training')}</Typography.Title>
      <Table
        size="small"
        rowKey="audience"
        pagination={false}
        dataSource={figures.training}
        locale={{ emptyText: t('training.figures.none') }}
        columns={[
          { title: c('audience'), dataIndex: 'audience', render: (a: TrainingAudience) => t(`training.audiences.${a}`) },
          { title: c('sessions'), dataIndex: 'sessions', align: 'right' },
          { title: c('hours'), dataIndex: 'hours', align: 'right' },
          { title: c('attendances'), dataIndex: 'attendances', align: 'right' },
          { title: c('people'), dataIndex: 'people', align: 'right' },
          { title: c('personHours'), dataIndex: 'personHours', align: 'right', render: show },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('training.figures.courses')}
      </Typography.Title>
      <Table
        size="small"
        rowKey={(r) => `${r.schoolYear}-${r.term}-${r.name}-${r.grade ?? ''}`}
        pagination={false}
        dataSource={figures.courses}
        locale={{ emptyText: t('training.figures.none') }}
        columns={[
          { title: c('course'), dataIndex: 'name' },
          { title: c('kind'), dataIndex: 'kind', render: (k: keyof Resource['training']['courses']['kinds']) => t(`training.courses.kinds.${k}`) },
          { title: c('grade'), dataIndex: 'grade', render: show },
          { title: c('enrolled'), dataIndex: 'enrolled', align: 'right' },
          { title: c('roster'), dataIndex: 'roster', align: 'right', render: show },
          { title: c('coverage'), dataIndex: 'coverage', align: 'right', render: (r: number | null) => (r === null ? '—' : `${r}%`) },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('training.figures.supervision')}
      </Typography.Title>
      <Typography.Paragraph>{t('training.figures.supervisionTotals', figures.supervision)}</Typography.Paragraph>
      {figures.supervision.perCounselor.length > 0 ? (
        <Table
          size="small"
          rowKey="name"
          pagination={false}
          dataSource={figures.supervision.perCounselor}
          columns={[
            { title: c('counselor'), dataIndex: 'name' },
            { title: c('sessions'), dataIndex: 'sessions', align: 'right' },
            { title: c('hours'), dataIndex: 'hours', align: 'right' },
          ]}
        />
      ) : null}
    </Card>
  );
}
