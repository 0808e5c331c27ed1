import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Statistics } from '../../../src-shared/contract/statistics';
import { GROUP_FIGURE_KEYS, GROUP_FIGURES_TITLE, groupFigureLabel } from '../../../src-shared/labels/group-figure-labels';
import { topicLanguage } from '../../../src-shared/labels/note-topic-labels';
import { cellText } from './cells';

/** 团体辅导 in the period: groups that met, sessions held, students who took part, attendances. */
export function GroupFigures({ stats }: { stats: Statistics }) {
  const { i18n } = useTranslation();
  const lang = topicLanguage(i18n.language);
  return (
    <Card size="small" title={GROUP_FIGURES_TITLE[lang === 'en' ? 1 : 0]} style={{ marginBottom: 16 }} data-testid="statistics-groups">
      <Row gutter={[24, 16]}>
        {GROUP_FIGURE_KEYS.map((key) => (
          <Col key={key} xs={12} md={6}>
            <Statistic title={groupFigureLabel(key, lang)} value={cellText(stats.groups[key])} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}
