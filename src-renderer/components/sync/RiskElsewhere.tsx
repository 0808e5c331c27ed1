import { WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, List, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { RiskElsewhere } from '../../../src-shared/contract/sync';
import { useCallQuery } from '../../api/queries';
import dayjs from 'dayjs';
import type { Navigate } from '../../router';
import { useCan } from '../../session';
import { shownOnlyWith } from '../shownOnlyWith';
import { findLevel, useLevelScheme } from '../keyattention/levels';
import { localTime } from '../../../src-shared/labels/local-time';

/**
 * Who is at risk on another workstation (issue 18 item 5), from the school server's risk digest:
 * on the student file, in the search results and on the workbench. Never reasons or content.
 */

type Levels = ReturnType<typeof useLevelScheme>;

/** 重点关注（一级）· 在 2 号工作站由 王老师 负责 */
export function riskLine(entry: RiskElsewhere, levels: Levels, t: TFunction): string {
  const level = entry.level ? findLevel(levels, entry.level).label : t('sync.riskElsewhere.unknownLevel');
  const what = entry.keyAttention
    ? [t('sync.riskElsewhere.keyAttention', { level }), ...(entry.eventOpen ? [t('sync.riskElsewhere.eventOpenShort')] : [])]
    : [t('sync.riskElsewhere.eventOpen', { level })];
  const workstation = entry.workstationName ?? t('sync.riskElsewhere.unnamedWorkstation', { id: entry.workstationId });
  const where = entry.counselor
    ? t('sync.riskElsewhere.where', { workstation, counselor: entry.counselor })
    : t('sync.riskElsewhere.whereNoCounselor', { workstation });
  return [...what, where].join(t('sync.riskElsewhere.separator'));
}

function entryColor(entry: RiskElsewhere, levels: Levels): string {
  if (entry.eventOpen) return 'red';
  return entry.level ? findLevel(levels, entry.level).color : 'orange';
}

export function useRiskElsewhere(studentNos: readonly string[]) {
  const can = useCan('keyattention.read');
  const sorted = [...new Set(studentNos)].sort().slice(0, 500);
  return useCallQuery('sync.riskElsewhere', { studentNos: sorted }, { enabled: can && sorted.length > 0 });
}

/** On the student file: a warning with one line per workstation holding the student. */
export function RiskElsewhereBanner({ studentNo }: { studentNo: string }) {
  const { t } = useTranslation();
  const levels = useLevelScheme();
  const risk = useRiskElsewhere([studentNo]);
  const entries = risk.data?.entries ?? [];
  if (entries.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      icon={<WarningOutlined />}
      data-testid="risk-elsewhere-banner"
      title={t('sync.riskElsewhere.bannerTitle')}
      description={
        <Flex vertical gap={4}>
          {entries.map((e) => (
            <Typography.Text key={e.workstationId} strong>
              {riskLine(e, levels, t)}
            </Typography.Text>
          ))}
          <Typography.Text type="secondary">{t('sync.riskElsewhere.bannerNote', { date: localTime(risk.data?.digestCreatedAt) })}</Typography.Text>
        </Flex>
      }
    />
  );
}

/** In the search results: the students of the rows shown who are at risk elsewhere, each line in full. */
export function RiskElsewhereInResults({ studentNos, onOpen }: { studentNos: readonly string[]; onOpen?: (studentNo: string) => void }) {
  const { t } = useTranslation();
  const levels = useLevelScheme();
  const risk = useRiskElsewhere(studentNos);
  const entries = risk.data?.entries ?? [];
  if (entries.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="risk-elsewhere-results"
      title={t('sync.riskElsewhere.searchTitle')}
      description={
        <Flex vertical gap={2}>
          {[...byStudent(entries)].map(([studentNo, own]) => (
            <span key={studentNo}>
              {onOpen ? (
                <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => onOpen(studentNo)}>
                  {studentNo}
                </Button>
              ) : (
                <Typography.Text>{studentNo}</Typography.Text>
              )}{' '}
              {own.map((e) => (
                <Tag key={e.workstationId} color={entryColor(e, levels)}>
                  {riskLine(e, levels, t)}
                </Tag>
              ))}
            </span>
          ))}
        </Flex>
      }
    />
  );
}

function byStudent(entries: readonly RiskElsewhere[]): Map<string, RiskElsewhere[]> {
  const map = new Map<string, RiskElsewhere[]>();
  for (const e of entries) map.set(e.studentNo, [...(map.get(e.studentNo) ?? []), e]);
  return map;
}

/** A compact tag for a row (the full line in its title). */
export function RiskElsewhereTag({ entries }: { entries: readonly RiskElsewhere[] }) {
  const { t } = useTranslation();
  const levels = useLevelScheme();
  if (entries.length === 0) return null;
  const top = entries[0];
  const full = entries.map((e) => riskLine(e, levels, t)).join('\n');
  return (
    <Tag color={entryColor(top, levels)} title={full} aria-label={full} data-testid="risk-elsewhere-tag">
      {t('sync.riskElsewhere.short', { level: top.level ? findLevel(levels, top.level).label : t('sync.riskElsewhere.unknownLevel') })}
    </Tag>
  );
}

/** On the workbench: students of this workstation's open cases who are at risk elsewhere; nothing while there are none. */
export const RiskElsewherePanel = shownOnlyWith('cases.status', Panel);

function Panel({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  const levels = useLevelScheme();
  const risk = useCallQuery('sync.riskOfMyCases', {});
  const rows = risk.data?.rows ?? [];
  if (rows.length === 0) return null;
  return (
    <Card
      data-testid="risk-elsewhere-panel"
      style={{ marginBottom: 16, borderColor: '#ffa39e' }}
      title={
        <span>
          <WarningOutlined style={{ color: '#cf1322' }} /> {t('sync.riskElsewhere.panelTitle')}
        </span>
      }
    >
      <List
        size="small"
        dataSource={rows}
        renderItem={(row) => (
          <List.Item key={row.studentId}>
            <Flex gap={8} wrap align="center">
              <Button type="link" style={{ paddingInline: 0 }} onClick={() => onNavigate('student', row.studentId)}>
                {row.name}
              </Button>
              <Typography.Text type="secondary">{row.studentNo}</Typography.Text>
              {row.entries.map((e) => (
                <Tag key={e.workstationId} color={entryColor(e, levels)}>
                  {riskLine(e, levels, t)}
                </Tag>
              ))}
            </Flex>
          </List.Item>
        )}
      />
      <Typography.Text type="secondary">{t('sync.riskElsewhere.panelNote', { date: localTime(risk.data?.digestCreatedAt) })}</Typography.Text>
    </Card>
  );
}
