import { Empty, Flex, Segmented, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AssessmentSummary } from './types';
import { getInstrumentDefinition, isInstrumentId, type InstrumentId } from '../../../src-shared/instruments';
import { currentLanguage } from '../../i18n';
import { EChart, type ChartOption } from '../charts/EChart';
import { timeAxisDomain } from '../charts/timeDomain';
import { bandLabel, shortName } from './labels';

/** Instruments whose bands are cut on the total itself, so band thresholds can be drawn on it. */
const BANDS_ON_TOTAL: readonly InstrumentId[] = ['phq9', 'phqa', 'gad7', 'k10'];

const BAND_LINE_COLORS = ['#52c41a', '#faad14', '#fa8c16', '#f5222d'];

export function trendOption(instrument: InstrumentId, points: AssessmentSummary[], t: TFunction): ChartOption {
  const definition = getInstrumentDefinition(instrument);
  const bands = BANDS_ON_TOTAL.includes(instrument) ? definition.bands.slice(1) : [];
  const data = points.map((a) => [a.completedAt ?? a.startedAt, a.total] as [string, number | null]);
  const domain = timeAxisDomain(data.map(([at]) => at));
  return {
    animation: false,
    grid: { left: 48, right: 150, top: 24, bottom: 36 },
    tooltip: { trigger: 'axis' },
    // The axis ends at the last measurement: one point does not stretch it into the future.
    xAxis: { type: 'time', minInterval: 24 * 3600 * 1000, ...(domain ?? {}), axisLabel: { hideOverlap: true, formatter: '{yyyy}-{MM}-{dd}' } },
    yAxis: {
      type: 'value',
      name: t('assessments.trend.total'),
      min: definition.totalRange?.min,
      max: definition.totalRange?.max,
      // The range ends at the highest possible total (27 on PHQ-9): a line, no crowded label.
      axisLabel: { showMaxLabel: false },
    },
    series: [
      {
        type: 'line',
        name: shortName(instrument),
        data,
        symbolSize: 8,
        lineStyle: { width: 2, color: '#2f6f8f' },
        itemStyle: { color: '#2f6f8f' },
        markLine: bands.length
          ? {
              silent: true,
              symbol: 'none',
              data: bands.map((band, index) => ({
                yAxis: band.min,
                lineStyle: { type: 'dashed', color: BAND_LINE_COLORS[Math.min(index, BAND_LINE_COLORS.length - 1)] },
                label: { formatter: `≥${band.min} ${bandLabel(t, instrument, band.id)}`, position: 'end', fontSize: 11 },
              })),
            }
          : undefined,
      },
    ],
  };
}

/** Totals of the complete assessments over time, one instrument at a time. */
export function TrendChart({ assessments }: { assessments: AssessmentSummary[] }) {
  const { t } = useTranslation();
  const byInstrument = useMemo(() => {
    const groups = new Map<InstrumentId, AssessmentSummary[]>();
    // Oldest first for the line; the list arrives newest first.
    for (const a of [...assessments].reverse()) {
      if (a.status !== 'complete' || a.total === null || !isInstrumentId(a.instrument)) continue;
      groups.set(a.instrument, [...(groups.get(a.instrument) ?? []), a]);
    }
    return groups;
  }, [assessments]);
  const instruments = [...byInstrument.keys()];
  const [picked, setPicked] = useState<InstrumentId | null>(null);
  // The instrument of the newest complete assessment first (the list is newest first).
  const newest = assessments.find((a) => a.status === 'complete' && a.total !== null && isInstrumentId(a.instrument))?.instrument ?? null;
  const current = picked && byInstrument.has(picked) ? picked : newest;
  const option = useMemo(() => (current ? trendOption(current, byInstrument.get(current)!, t) : null), [current, byInstrument, t]);

  if (!current || !option) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('assessments.trend.none')} />;
  return (
    <div>
      <Flex align="center" gap={12} wrap style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('assessments.trend.title')}</Typography.Text>
        {instruments.length > 1 ? (
          <Segmented<InstrumentId>
            size="small"
            value={current}
            onChange={(value) => setPicked(value)}
            options={instruments.map((id) => ({ value: id, label: shortName(id) }))}
          />
        ) : (
          <Typography.Text type="secondary">{shortName(current)}</Typography.Text>
        )}
      </Flex>
      <EChart
        option={option}
        locale={currentLanguage() === 'en' ? 'EN' : 'ZH'}
        ariaLabel={t('assessments.trend.chartLabel', { instrument: shortName(current) })}
        testId="assessment-trend"
      />
    </div>
  );
}
