import type { ChartBand, ChartPoint, XMode } from '@/components/charts/series';

/*
 * The metric history answer (GET /api/v1/runs/{id}/metrics/{key}/history, or the service on the server)
 * turned into chart points on the chosen x axis. Shapes are restated here rather than imported, so client
 * code never pulls in the server module that defines them.
 */

type Encoded = number | string;

export interface MetricHistoryData {
  totalPoints: number;
  downsampled: boolean;
  points: { step: number; timestamp: number; value: Encoded }[];
  bands?: { x: number; xEnd: number; min: Encoded; max: Encoded }[];
}

/** How many points a chart asks for: enough for a wide screen, few enough to draw at once. */
export const CHART_MAX_POINTS = 1500;

export function decodeValue(v: Encoded): number {
  if (typeof v === 'number') return v;
  return v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v === 'NaN' ? NaN : Number(v);
}

/** The server's x axis for a chart mode: wall and relative time both read timestamps. */
export function serverAxis(mode: XMode): 'step' | 'timestamp' {
  return mode === 'step' ? 'step' : 'timestamp';
}

/** Chart x for a server x: relative time counts from the run's start. */
export function toChartX(x: number, mode: XMode, startTime: number): number {
  return mode === 'relative' ? x - startTime : x;
}

export function fromChartX(x: number, mode: XMode, startTime: number): number {
  return mode === 'relative' ? x + startTime : x;
}

export function toChartData(h: MetricHistoryData, mode: XMode, startTime: number): { points: ChartPoint[]; band?: ChartBand[] } {
  const points = h.points.map((p) => ({ x: toChartX(mode === 'step' ? p.step : p.timestamp, mode, startTime), y: decodeValue(p.value) }));
  if (!h.bands?.length) return { points };
  const band = h.bands.map((b) => ({ x: toChartX(b.x, mode, startTime), xEnd: toChartX(b.xEnd, mode, startTime), min: decodeValue(b.min), max: decodeValue(b.max) }));
  return { points, band };
}

export interface HistoryRequest {
  runId: string;
  key: string;
  mode: XMode;
  /** In server units (step or epoch ms). */
  range?: { min: number; max: number };
}

/** The REST door for a zoomed chart; the browser sends its session cookie. */
export function historyUrl({ runId, key, mode, range }: HistoryRequest): string {
  const q = new URLSearchParams({ maxPoints: String(CHART_MAX_POINTS), method: 'minmax', xAxis: serverAxis(mode) });
  if (range) {
    q.set('rangeMin', String(Math.floor(range.min)));
    q.set('rangeMax', String(Math.ceil(range.max)));
  }
  return `/api/v1/runs/${runId}/metrics/${encodeURIComponent(key)}/history?${q}`;
}
