'use client';

import { CustomChart, LineChart, ParallelChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, GridComponent, ParallelComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import EChartsReactCore from 'echarts-for-react/lib/core';
import type { EChartsOption, EChartsType } from 'echarts';

echarts.use([LineChart, CustomChart, ParallelChart, ScatterChart, ParallelComponent, GridComponent, TooltipComponent, VisualMapComponent, AriaComponent, CanvasRenderer]);

interface Props {
  option: EChartsOption;
  label: string;
  height?: number;
  onEvents?: Record<string, (params: unknown, chart: EChartsType) => void>;
  onReady?: (chart: EChartsType) => void;
  testId?: string;
}

/** The ECharts core with the parts registered above, for charts that wrap the canvas themselves. */
export { echarts };

/**
 * An ECharts canvas with only the parts the compare page uses. The wrapper is focusable and labelled,
 * and ECharts' aria module writes a description of the data for screen readers.
 */
export function EChart({ option, label, height = 360, onEvents, onReady, testId }: Props) {
  return (
    <div tabIndex={0} role="figure" aria-label={label} data-testid={testId} className="rounded focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring">
      <EChartsReactCore
        echarts={echarts}
        option={{ aria: { enabled: true }, animation: false, ...option }}
        notMerge
        style={{ height, width: '100%' }}
        onEvents={onEvents as Record<string, (params: unknown) => void>}
        onChartReady={onReady as (chart: unknown) => void}
      />
    </div>
  );
}
