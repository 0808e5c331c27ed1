/**
 * A small React wrapper around ECharts: `init` on a div, `setOption` when the option changes,
 * `resize` with the box, `dispose` on unmount. Only the parts the app uses are registered, and the
 * SVG renderer draws locally (no remote content, nothing that needs `eval`, so the CSP holds).
 */
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  MarkLineComponent,
  TooltipComponent,
  type GridComponentOption,
  type MarkLineComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef, type CSSProperties } from 'react';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, MarkLineComponent, SVGRenderer]);

export type ChartOption = echarts.ComposeOption<LineSeriesOption | BarSeriesOption | GridComponentOption | TooltipComponentOption | MarkLineComponentOption>;

export function EChart({
  option,
  style,
  locale = 'ZH',
  ariaLabel,
  testId,
  className,
}: {
  option: ChartOption;
  style?: CSSProperties;
  locale?: 'ZH' | 'EN';
  ariaLabel?: string;
  testId?: string;
  className?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const latestOption = useRef(option);
  latestOption.current = option;

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    // A box not laid out yet (a hidden tab, jsdom) gets a provisional size until it is measured.
    const provisional = element.clientWidth === 0 || element.clientHeight === 0;
    const instance = echarts.init(element, null, { renderer: 'svg', locale, ...(provisional ? { width: 600, height: element.clientHeight || 260 } : {}) });
    instance.setOption(latestOption.current, { notMerge: true });
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
  }, [locale, style?.height]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option, locale]);

  return <div ref={ref} role="img" aria-label={ariaLabel} data-testid={testId} className={className} style={{ width: '100%', height: 260, ...style }} />;
}
