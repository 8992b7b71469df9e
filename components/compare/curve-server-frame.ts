import type { EChartsOption } from 'echarts';
import { CustomChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import { init, use as register } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { darkServerFrameCss } from './chart-theme';

/** The attribute that marks a server-drawn frame in the page (for its CSS, the tests and the benchmark). */
export const SERVER_FRAME_ATTR = 'data-server-frame';

/**
 * A curve chart's first frame as SVG markup, drawn on the server by ECharts' server-side renderer from
 * the option its canvas draws (curve-option.ts), in the light theme, with the rules that recolour it in
 * the dark one. Only the server calls this (see CurveServerFrame), so the SVG renderer never reaches the
 * browser.
 */
export function drawCurveFrame(option: EChartsOption, width: number, height: number): string {
  register([CustomChart, GridComponent, SVGRenderer]);
  const chart = init(null, undefined, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option);
    return `<style>${darkServerFrameCss(`[${SERVER_FRAME_ATTR}]`)}</style>${chart.renderToSVGString()}`;
  } finally {
    chart.dispose();
  }
}
