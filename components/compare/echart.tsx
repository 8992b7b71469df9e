'use client';

import { ParallelChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, GridComponent, ParallelComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { use as register, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { EChartCanvas, type EChartHandler } from './echart-canvas';

// The parallel coordinates and the scatter plot; this module loads with their sections.
register([ParallelChart, ScatterChart, ParallelComponent, GridComponent, TooltipComponent, VisualMapComponent, AriaComponent, CanvasRenderer]);

interface Props {
  option: EChartsOption;
  label: string;
  height?: number;
  onEvents?: Record<string, EChartHandler>;
  onReady?: (chart: EChartsType) => void;
  testId?: string;
}

/**
 * A focusable, labelled ECharts canvas for the parallel and scatter charts; ECharts' aria module writes
 * a description of the data for screen readers.
 */
export function EChart({ option, label, height = 360, onEvents, onReady, testId }: Props) {
  const full = useMemo<EChartsOption>(() => ({ aria: { enabled: true }, animation: false, ...option }), [option]);
  return (
    <div tabIndex={0} role="figure" aria-label={label} data-testid={testId} className="rounded focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring">
      <EChartCanvas option={full} height={height} onEvents={onEvents} onReady={onReady} />
    </div>
  );
}
