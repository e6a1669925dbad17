import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { LabelLayout } from 'echarts/features';
import type { EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the chart types the dashboard draws: keeps the bundle small.
echarts.use([BarChart, LineChart, HeatmapChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, LabelLayout, CanvasRenderer]);

declare global {
  interface Window {
    /** Every chart's current option by its id: what the browser tests compare with the API's answer. */
    __pulseCharts?: Record<string, EChartsCoreOption>;
  }
}

export interface ChartProps {
  /** Stable id of the chart on its page (data-chart attribute, and the key in window.__pulseCharts). */
  readonly id: string;
  readonly option: EChartsCoreOption;
  readonly height?: number;
  readonly onClick?: (params: { seriesName?: string; dataIndex: number; name: string }) => void;
}

export function Chart({ id, option, height = 320, onClick }: ChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const el = element.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
      if (window.__pulseCharts) delete window.__pulseCharts[id];
    };
  }, [id]);
  useEffect(() => {
    chart.current?.setOption({ animation: false, ...option }, { notMerge: true });
    (window.__pulseCharts ??= {})[id] = option;
  }, [id, option]);
  useEffect(() => {
    const instance = chart.current;
    if (!instance || !onClick) return;
    const handler = (params: unknown) => onClick(params as { seriesName?: string; dataIndex: number; name: string });
    instance.on('click', handler);
    return () => void instance.off('click', handler);
  }, [onClick]);
  return <div className="chart" data-chart={id} ref={element} style={{ height }} />;
}
