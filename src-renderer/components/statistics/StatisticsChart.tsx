/**
 * ECharts for the statistics page: `init` on a div, `setOption` when the option changes, `resize`
 * with the box, `dispose` on unmount. Bars only, drawn by the SVG renderer (no canvas, so jsdom
 * renders it too, and nothing needs `eval`, so the CSP holds).
 */
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import { GridComponent, TooltipComponent, type GridComponentOption, type TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import { currentLanguage } from '../../i18n';

echarts.use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);

type Option = echarts.ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>;

/** Bars per category; a suppressed cell has no bar (null), its "<5" is in the table beside it. */
export function barOption(categories: string[], values: (number | null)[], color: string, horizontal: boolean): Option {
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

export function StatisticsChart({ categories, values, label, color = '#2f6f8f', horizontal = false, height = 220 }: { categories: string[]; values: (number | null)[]; label: string; color?: string; horizontal?: boolean; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const locale = currentLanguage() === 'en' ? 'EN' : 'ZH';
  const option = useMemo(() => barOption(categories, values, color, horizontal), [categories, values, color, horizontal]);
  const latest = useRef(option);
  latest.current = option;

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    // A box not laid out yet (jsdom, a print preview) gets a provisional size until it is measured.
    const provisional = element.clientWidth === 0 || element.clientHeight === 0;
    const instance = echarts.init(element, null, { renderer: 'svg', locale, ...(provisional ? { width: 480, height } : {}) });
    instance.setOption(latest.current, { notMerge: true });
    chart.current = instance;
    const observer =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(() => {
            if (element.clientWidth > 0 && element.clientHeight > 0) instance.resize({ width: 'auto', height: 'auto' });
          });
    observer?.observe(element);
    return () => {
      observer?.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [locale, height]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} role="img" aria-label={label} data-testid="statistics-chart" className="statistics-chart" style={{ width: '100%', height }} />;
}
