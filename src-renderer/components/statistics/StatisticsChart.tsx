/** Bar charts for the statistics page, drawn by the app's one ECharts wrapper. */
import { useMemo } from 'react';
import { currentLanguage } from '../../i18n';
import { EChart, type ChartOption } from '../charts/EChart';

/** Bars per category; a suppressed cell has no bar (null), its "<5" is in the table beside it. */
export function barOption(categories: string[], values: (number | null)[], color: string, horizontal: boolean): ChartOption {
  const categoryAxis = { type: 'category' as const, data: categories, axisTick: { alignWithLabel: true }, axisLabel: { interval: 0, fontSize: 11 } };
  const valueAxis = { type: 'value' as const, minInterval: 1 };
  return {
    animation: false,
    // ECharts 6's form of containLabel: the axis labels fit inside the box.
    grid: { left: 8, right: 24, top: 12, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
    series: [{ type: 'bar', data: values, itemStyle: { color }, barMaxWidth: 28 }],
  };
}

export function StatisticsChart({
  categories,
  values,
  label,
  color = '#2f6f8f',
  horizontal = false,
  height = 220,
}: {
  categories: string[];
  values: (number | null)[];
  label: string;
  color?: string;
  horizontal?: boolean;
  height?: number;
}) {
  const locale = currentLanguage() === 'en' ? 'EN' : 'ZH';
  const option = useMemo(() => barOption(categories, values, color, horizontal), [categories, values, color, horizontal]);
  return <EChart option={option} locale={locale} ariaLabel={label} testId="statistics-chart" className="statistics-chart" style={{ height }} />;
}
