import { Card, Col, Row, Statistic, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Statistics } from '../../../src-shared/contract/statistics';
import { cellText } from './cells';

type WayRow = Statistics['familyContacts']['byWay'][number];

/** 家校沟通 in the period: contacts (crisis guardian notifications included) and students reached, by way. */
export function FamilyContactFigures({ stats }: { stats: Statistics }) {
  const { t } = useTranslation();
  const figures = stats.familyContacts;
  return (
    <Card size="small" title={t('family.title')} style={{ marginBottom: 16 }} data-testid="statistics-family">
      <Row gutter={[24, 16]}>
        <Col xs={12} md={6}>
          <Statistic title={t('family.figures.contacts')} value={cellText(figures.contacts)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('family.figures.students')} value={cellText(figures.students)} />
        </Col>
        <Col xs={24} md={12}>
          <Table<WayRow>
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={figures.byWay}
            columns={[
              { key: 'way', title: t('family.columns.way'), render: (_, r) => t(`family.ways.${r.key}`) },
              { key: 'contacts', title: t('family.figures.contacts'), align: 'right', render: (_, r) => cellText(r.contacts) },
              { key: 'students', title: t('family.figures.students'), align: 'right', render: (_, r) => cellText(r.students) },
            ]}
          />
        </Col>
      </Row>
    </Card>
  );
}
