import { Card, Col, Row, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Statistics, StatisticsCell } from '../../../src-shared/contract/statistics';
import i18n from '../../i18n';
import { isNoteTopic, noteTopicLabel, topicLanguage } from '../../../src-shared/labels/note-topic-labels';
import { cellText, chartValue, rateText } from './cells';
import { GroupFigures } from './GroupFigures';
import { FamilyContactFigures } from './FamilyContactFigures';
import { StatisticsChart } from './StatisticsChart';
import { EducationFigures } from './EducationFigures';
import { isTextKey, textOr } from '../../i18n/keys';

type Breakdown = Statistics['sessions']['byMode'][number];

function translated(key: string, fallback: string, t: TFunction): string {
  return isTextKey(key) ? t(key) : fallback;
}

const cellColumn = <R,>(title: string, pick: (row: R) => StatisticsCell | null): ColumnsType<R>[number] => ({
  title,
  key: title,
  align: 'right',
  render: (_: unknown, row: R) => cellText(pick(row)),
});

/** A breakdown of sessions as a table beside its chart. */
function BreakdownCard({
  title,
  first,
  rows,
  label,
  horizontal,
}: {
  title: string;
  first: string;
  rows: Breakdown[];
  label: (row: Breakdown) => string;
  horizontal?: boolean;
}) {
  const { t } = useTranslation();
  const categories = useMemo(() => rows.map(label), [rows, label]);
  const values = useMemo(() => rows.map((r) => chartValue(r.sessions)), [rows]);
  const columns: ColumnsType<Breakdown> = [
    { title: first, key: 'label', render: (_, r) => label(r) },
    cellColumn<Breakdown>(t('statistics.columns.sessions'), (r) => r.sessions),
    cellColumn<Breakdown>(t('statistics.columns.students'), (r) => r.students),
  ];
  return (
    <Card size="small" title={title} style={{ marginBottom: 16 }}>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Table<Breakdown>
            rowKey={(r) => String(r.key)}
            size="small"
            columns={columns}
            dataSource={rows}
            pagination={false}
            locale={{ emptyText: t('statistics.empty') }}
          />
        </Col>
        <Col xs={24} xl={12}>
          {rows.length ? (
            <StatisticsChart categories={categories} values={values} label={title} horizontal={horizontal} />
          ) : (
            <Typography.Text type="secondary">{t('statistics.chartEmpty')}</Typography.Text>
          )}
        </Col>
      </Row>
    </Card>
  );
}

function Summary({ stats }: { stats: Statistics }) {
  const { t } = useTranslation();
  const items: [string, string][] = [
    ['sessions', cellText(stats.sessions.total)],
    ['students', cellText(stats.sessions.students)],
    ['hours', stats.sessions.hours === null ? '—' : String(stats.sessions.hours)],
    ['casesOpened', cellText(stats.cases.opened)],
    ['casesClosed', cellText(stats.cases.closed)],
    ['crisis', cellText(stats.crisis.total)],
    ['referrals', cellText(stats.referrals.total)],
    ['keyAttention', cellText(stats.keyAttention.atEnd)],
  ];
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Row gutter={[24, 16]}>
        {items.map(([key, value]) => (
          <Col key={key} xs={12} md={6} data-testid={`statistics-summary-${key}`}>
            <Statistic
              title={textOr(`statistics.summary.${key}`, key, t)}
              value={value}
              suffix={
                key === 'keyAttention' ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('statistics.summary.keyAttentionChange', { added: cellText(stats.keyAttention.added), removed: cellText(stats.keyAttention.removed) })}
                  </Typography.Text>
                ) : undefined
              }
            />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

function Crisis({ stats }: { stats: Statistics }) {
  const { t } = useTranslation();
  type R = Statistics['crisis']['byLevel'][number];
  const columns: ColumnsType<R> = [
    { title: t('statistics.columns.level'), dataIndex: 'label' },
    cellColumn<R>(t('statistics.columns.events'), (r) => r.events),
    cellColumn<R>(t('statistics.columns.students'), (r) => r.students),
  ];
  const categories = useMemo(() => stats.crisis.byLevel.map((r) => r.label), [stats]);
  const values = useMemo(() => stats.crisis.byLevel.map((r) => chartValue(r.events)), [stats]);
  return (
    <Card size="small" title={t('statistics.sections.crisis')} style={{ marginBottom: 16 }}>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Table<R> rowKey="key" size="small" columns={columns} dataSource={stats.crisis.byLevel} pagination={false} />
        </Col>
        <Col xs={24} xl={12}>
          <StatisticsChart categories={categories} values={values} label={t('statistics.sections.crisis')} color="#c0504d" />
        </Col>
      </Row>
    </Card>
  );
}

function Census({ stats }: { stats: Statistics }) {
  const { t } = useTranslation();
  type R = Statistics['census'][number];
  const instruments = [...new Set(stats.census.flatMap((b) => b.positives.map((p) => p.instrument)))];
  const columns: ColumnsType<R> = [
    { title: t('statistics.columns.batch'), dataIndex: 'name' },
    cellColumn<R>(t('statistics.columns.roster'), (r) => r.roster),
    cellColumn<R>(t('statistics.columns.screened'), (r) => r.screened),
    { title: t('statistics.columns.participationRate'), key: 'rate', align: 'right', render: (_, r) => rateText(r.participationRate) },
    ...instruments.map((instrument): ColumnsType<R>[number] => ({
      title: translated(`statistics.instruments.${instrument}`, instrument, t),
      key: instrument,
      align: 'right',
      render: (_, r) => {
        const p = r.positives.find((x) => x.instrument === instrument);
        return p ? `${cellText(p.positive)}（${rateText(p.rate)}）` : '—';
      },
    })),
    cellColumn<R>(t('statistics.columns.listed'), (r) => r.listed),
    cellColumn<R>(t('statistics.columns.interviewed'), (r) => r.interviewed),
  ];
  return (
    <Card size="small" title={t('statistics.sections.census')} style={{ marginBottom: 16 }}>
      <Table<R> rowKey="name" size="small" columns={columns} dataSource={stats.census} pagination={false} locale={{ emptyText: t('statistics.empty') }} />
    </Card>
  );
}

function Activities({ stats }: { stats: Statistics }) {
  const { t } = useTranslation();
  type R = { key: string; label: string; count: number; participants: number };
  const rows: R[] = [
    ...stats.activities.byKind.map((r) => ({
      key: r.kind,
      label: translated(`activities.kinds.${r.kind}`, r.kind, t),
      count: r.count,
      participants: r.participants,
    })),
    { key: 'total-activities', label: t('statistics.totalActivities'), ...stats.activities.activities },
    { key: 'total-trainings', label: t('statistics.totalTrainings'), ...stats.activities.trainings },
  ];
  const columns: ColumnsType<R> = [
    { title: t('statistics.columns.kind'), dataIndex: 'label' },
    { title: t('statistics.columns.count'), dataIndex: 'count', align: 'right' },
    { title: t('statistics.columns.participants'), dataIndex: 'participants', align: 'right' },
  ];
  return (
    <Card size="small" title={t('statistics.sections.activities')} style={{ marginBottom: 16 }}>
      <Table<R> rowKey="key" size="small" columns={columns} dataSource={rows} pagination={false} />
    </Card>
  );
}

/** Every figure of one period: summary, sessions by mode/topic/grade, crises, census, activities. */
export function StatisticsReport({ stats }: { stats: Statistics }) {
  const { t } = useTranslation();
  const modeLabel = (r: Breakdown) => translated(`notes.modes.${r.key}`, String(r.key), t);
  const topicLabel = (r: Breakdown) => (isNoteTopic(r.key) ? noteTopicLabel(r.key, topicLanguage(i18n.language)) : (r.label ?? t('statistics.otherTopics')));
  const gradeLabel = (r: Breakdown) => r.label ?? t('statistics.noGrade');
  return (
    <>
      <Summary stats={stats} />
      <BreakdownCard title={t('statistics.sections.byMode')} first={t('statistics.columns.mode')} rows={stats.sessions.byMode} label={modeLabel} />
      <BreakdownCard
        title={t('statistics.sections.byTopic')}
        first={t('statistics.columns.topic')}
        rows={stats.sessions.byTopic}
        label={topicLabel}
        horizontal
      />
      <BreakdownCard title={t('statistics.sections.byGrade')} first={t('statistics.columns.grade')} rows={stats.sessions.byGrade} label={gradeLabel} />
      <Crisis stats={stats} />
      <Census stats={stats} />
      <Activities stats={stats} />
      <GroupFigures stats={stats} />
      <FamilyContactFigures stats={stats} />
      <EducationFigures figures={stats.education} />
    </>
  );
}
