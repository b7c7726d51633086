// ECharts through echarts/core with only the chart types ParIndex draws; loaded lazily (see Chart.tsx).
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, RadarChart } from 'echarts/charts';
import {
  DataZoomComponent, GridComponent, LegendComponent, MarkLineComponent, RadarComponent, TooltipComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([
  BarChart, LineChart, RadarChart, GridComponent, TooltipComponent, LegendComponent, RadarComponent,
  DataZoomComponent, MarkLineComponent, CanvasRenderer,
]);

export interface EChartProps {
  option: EChartsCoreOption;
  height: number;
  ariaLabel: string;
}

export default function EChart({ option, height, ariaLabel }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const chart = echarts.init(element, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    // Charts follow their container (phone rotation, sidebar, window size).
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.setOption({ aria: { enabled: true, label: { description: ariaLabel } }, ...option }, true);
  }, [option, ariaLabel]);

  return <div ref={ref} role="img" aria-label={ariaLabel} style={{ width: '100%', height }} />;
}
