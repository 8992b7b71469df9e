import type { CustomSeriesRenderItemAPI, CustomSeriesRenderItemParams, CustomSeriesRenderItemReturn, EChartsOption, SeriesOption } from 'echarts';
import { formatValue, type ChartTheme } from './chart-theme';
import type { Band, Pt } from './curve-points';

/** What one run draws in a curve chart. */
export interface DrawnRun {
  color: string;
  /** The line: through the middle of each band, smoothed when asked. */
  points: Pt[];
  /** The line before smoothing, drawn faintly under a smoothed one. */
  line: Pt[];
  bands: Band[];
}

interface Options {
  runs: DrawnRun[];
  /** The x range drawn. */
  min: number;
  max: number;
  log: boolean;
  /** Draw the unsmoothed lines faintly under the smoothed ones. */
  faintLines: boolean;
  xName: string;
  yName: string;
  xTick: (v: number) => string;
  theme: ChartTheme;
  /** The plot area inside the canvas, in pixels. */
  grid: { left: number; right: number; top: number; bottom: number };
}

type Extent = [number, number, number, number];

/** [xMin, xMax, yMin, yMax] of some points and bands; null when none has a value. */
function extentOf(points: readonly Pt[], bands: readonly Band[]): Extent | null {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const p of points) {
    if (p.y === null) continue;
    if (p.x < x0) x0 = p.x;
    if (p.x > x1) x1 = p.x;
    if (p.y < y0) y0 = p.y;
    if (p.y > y1) y1 = p.y;
  }
  for (const [bx0, bx1, lo, hi] of bands) {
    if (bx0 < x0) x0 = bx0;
    if (bx1 > x1) x1 = bx1;
    if (lo < y0) y0 = lo;
    if (hi > y1) y1 = hi;
  }
  return x0 <= x1 ? [x0, x1, y0, y1] : null;
}

/** The pixel polylines of a line, broken where a point has no value. */
function polylines(points: readonly Pt[], api: CustomSeriesRenderItemAPI): number[][][] {
  const parts: number[][][] = [];
  let part: number[][] = [];
  for (const p of points) {
    if (p.y === null) {
      if (part.length) parts.push(part);
      part = [];
    } else {
      part.push(api.coord([p.x, p.y]));
    }
  }
  if (part.length) parts.push(part);
  return parts;
}

/**
 * A custom series with one data item per run: each item carries the extent of what the run draws, so
 * the axes fit it, and is drawn as one shape. One series for a hundred runs costs ECharts a fraction of
 * what a hundred line series do (models, data stores and views per series), which is most of the time
 * to the first chart.
 */
function perRun(id: string, z: number, runs: DrawnRun[], extent: (r: DrawnRun) => Extent | null, draw: (r: DrawnRun, api: CustomSeriesRenderItemAPI) => CustomSeriesRenderItemReturn): SeriesOption | null {
  const data: number[][] = [];
  runs.forEach((r, i) => {
    const e = extent(r);
    if (e) data.push([...e, i]);
  });
  if (data.length === 0) return null;
  return {
    type: 'custom',
    id,
    silent: true,
    clip: true,
    z,
    encode: { x: [0, 1], y: [2, 3] },
    data,
    renderItem: (_: CustomSeriesRenderItemParams, api: CustomSeriesRenderItemAPI) => draw(runs[api.value(4) as number], api),
  };
}

function stroke(points: readonly Pt[], api: CustomSeriesRenderItemAPI, style: { stroke: string; lineWidth: number; opacity: number }): CustomSeriesRenderItemReturn {
  const parts = polylines(points, api);
  const line = (p: number[][]) => ({ type: 'polyline' as const, shape: { points: p }, style: { ...style, fill: 'none' } });
  return parts.length === 1 ? line(parts[0]) : { type: 'group', children: parts.map(line) };
}

/** The ECharts option of a curve chart: min/max bands, faint unsmoothed lines, then the lines above them. */
export function curveOption(o: Options): EChartsOption {
  const axisText = { color: o.theme.muted, fontSize: 11 };
  const series = [
    perRun('bands', 1, o.runs, (r) => (r.bands.length ? extentOf([], r.bands) : null), (r, api) => {
      // All of a run's bands are one path of rectangles, light enough that the run's line, drawn above, stays the strongest mark.
      let d = '';
      for (const [x0, x1, lo, hi] of r.bands) {
        const [left, top] = api.coord([x0, hi]);
        const [right, bottom] = api.coord([x1, lo]);
        d += `M${left} ${top}H${Math.max(right, left + 1)}V${Math.max(bottom, top + 1)}H${left}Z`;
      }
      return { type: 'path', shape: { pathData: d }, style: { fill: r.color, opacity: o.theme.band } };
    }),
    o.faintLines ? perRun('raw', 2, o.runs, (r) => extentOf(r.line, []), (r, api) => stroke(r.line, api, { stroke: r.color, lineWidth: 1, opacity: 0.25 })) : null,
    perRun('lines', 3, o.runs, (r) => extentOf(r.points, []), (r, api) => stroke(r.points, api, { stroke: r.color, lineWidth: 1.5, opacity: 1 })),
  ].filter((s): s is SeriesOption => s !== null);
  return {
    animation: false,
    // The focusable wrapper is the labelled image (with a keyboard cursor read out by the tooltip);
    // ECharts' own aria would nest a second image inside it.
    aria: { enabled: false },
    // The plot area is exactly o.grid: ECharts 6 would otherwise shrink it to keep labels inside the canvas,
    // and the pointer layer (curve-interaction.tsx), laid over o.grid, would no longer match the lines.
    grid: { ...o.grid, outerBoundsMode: 'none' },
    xAxis: {
      type: 'value',
      min: o.min,
      max: o.max,
      name: o.xName,
      nameLocation: 'middle',
      nameGap: 26,
      nameTextStyle: axisText,
      axisLabel: { ...axisText, formatter: o.xTick, hideOverlap: true },
      axisLine: { lineStyle: { color: o.theme.axis } },
      axisTick: { lineStyle: { color: o.theme.axis } },
      splitLine: { lineStyle: { color: o.theme.grid, type: 'dashed' } },
    },
    yAxis: {
      type: o.log ? 'log' : 'value',
      scale: true,
      name: o.yName,
      nameLocation: 'middle',
      nameGap: 50,
      nameTextStyle: axisText,
      axisLabel: { ...axisText, formatter: (v: number) => formatValue(v) },
      axisLine: { show: true, lineStyle: { color: o.theme.axis } },
      splitLine: { lineStyle: { color: o.theme.grid, type: 'dashed' } },
    },
    series,
  };
}
