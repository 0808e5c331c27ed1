/**
 * ECharts for the census pages: `init` on a div, `setOption` when the option changes, `resize`
 * with the box, `dispose` on unmount. Only bars, grid, tooltip and legend are registered; the SVG
 * renderer draws locally (no remote content). Formatters are functions or defaults, never string
 * templates, and nothing needs `eval`, so the CSP holds.
 */
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import { currentLanguage } from '../../i18n';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

export type CensusChartOption = echarts.ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption>;

export interface BarSeries {
  name: string;
  data: number[];
  color: string;
}

/**
 * Bars per category (departments, counselors, score bins); horizontal when the labels are names.
 * `overlay`: the series share one bar slot, later ones drawn over earlier ones (done over total).
 */
export function barOption(categories: string[], series: BarSeries[], horizontal = false, overlay = false): CensusChartOption {
  // Every label is shown: horizontal bars have room for names; many bins tilt their labels.
  const tilt = !horizontal && categories.length > 6 ? 30 : 0;
  const categoryAxis = {
    type: 'category' as const,
    data: categories,
    axisTick: { alignWithLabel: true },
    axisLabel: { interval: 0, rotate: tilt, fontSize: 11 },
  };
  const valueAxis = { type: 'value' as const, minInterval: 1 };
  return {
    animation: false,
    grid: { left: 8, right: 24, top: series.length > 1 ? 32 : 12, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: series.length > 1 ? { top: 0, data: series.map((s) => s.name) } : { show: false },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      data: s.data,
      itemStyle: { color: s.color },
      barMaxWidth: 28,
      ...(overlay ? { barGap: '-100%' } : {}),
    })),
  };
}

export function CensusChart({
  option,
  height = 260,
  label,
  testId = 'census-chart',
}: {
  option: CensusChartOption;
  height?: number;
  label: string;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const locale = currentLanguage() === 'en' ? 'EN' : 'ZH';
  const latest = useRef(option);
  latest.current = option;

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const instance = echarts.init(element, null, { renderer: 'svg', locale });
    instance.setOption(latest.current, { notMerge: true });
    chart.current = instance;
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => instance.resize());
    observer?.observe(element);
    return () => {
      observer?.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [locale]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  const style = useMemo(() => ({ width: '100%', height }), [height]);
  return <div ref={ref} role="img" aria-label={label} data-testid={testId} style={style} />;
}
