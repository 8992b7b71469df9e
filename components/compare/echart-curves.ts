import { CustomChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import { use as register } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

/*
 * The parts of ECharts the metric curves draw with: the custom series (each run's line and its min/max
 * bands, see curve-option.ts), a cartesian grid, the canvas. Registered globally on `echarts/core`; the
 * parallel and scatter charts add theirs when their sections load (echart.tsx), so the first chart
 * does not wait for them.
 */
register([CustomChart, GridComponent, CanvasRenderer]);

/** The canvas, with these parts registered: curve-chart.tsx loads this module after the page. */
export { EChartCanvas } from './echart-canvas';
