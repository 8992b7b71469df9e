import type { GetComparisonOutput } from '@/lib/compare/schemas';
import { axisData, brushedRuns, defaultAxes, type AxisData } from './axes';
import type { CompareState } from './compare-url';
import { MAX_CURVE_RUNS } from './limits';

/*
 * Which curves a view draws, derived from the comparison and the state in the address. Pure, and shared
 * by the server page (which fetches the first curves with the document) and the client (which fetches
 * afresh when the view changes), so both name the same request and the first chart needs no round trip.
 */

/** The first metrics worth drawing when none were chosen: losses first, then the rest, two at most. */
export function defaultMetrics(data: GetComparisonOutput): string[] {
  const keys = data.metrics.map((m) => m.key);
  return [...keys.filter((k) => /loss/i.test(k)), ...keys.filter((k) => !/loss/i.test(k))].slice(0, 2);
}

/** The colour axis and parallel axes of a view (the brush filters on them). */
export function viewAxes(data: GetComparisonOutput, state: CompareState): { colorId: string | null; axes: AxisData[] } {
  const colorId = state.color ?? (data.metrics[0] ? `m:${data.metrics[0].key}` : null);
  const ids = state.axes ?? defaultAxes(data, colorId);
  return { colorId, axes: ids.map((id) => axisData(data, id)).filter((a): a is AxisData => a !== null) };
}

/** Indices of the runs the curves draw: those the brush keeps, the first MAX_CURVE_RUNS of them. */
export function chartRunIndices(selected: readonly boolean[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < selected.length && out.length < MAX_CURVE_RUNS; i++) if (selected[i]) out.push(i);
  return out;
}

export interface CurvesRequest {
  runIds: string[];
  keys: string[];
  xAxis: CompareState['x'];
  maxPoints: number;
  range?: { min: number; max: number };
}

export const CURVE_POINTS = 1000;

/** The request body for POST /api/v1/compare/curves; null when there is nothing to draw. */
export function curvesRequest(runIds: readonly string[], metrics: readonly string[], state: Pick<CompareState, 'x' | 'zoom'>): CurvesRequest | null {
  if (runIds.length === 0 || metrics.length === 0) return null;
  return { runIds: [...runIds], keys: [...metrics], xAxis: state.x, maxPoints: CURVE_POINTS, ...(state.zoom ? { range: { min: state.zoom.min, max: state.zoom.max } } : {}) };
}

/** A stable name for a request, to tell whether the curves held answer the view shown. */
export function requestKey(r: CurvesRequest | null): string {
  return r ? `${r.runIds.join(',')}|${r.keys.join(',')}|${r.xAxis}|${r.range ? `${r.range.min}~${r.range.max}` : ''}` : '';
}

/** The request of the first chart for a view, as the client will name it. */
export function initialCurvesRequest(data: GetComparisonOutput, state: CompareState): CurvesRequest | null {
  const { axes } = viewAxes(data, state);
  const selected = brushedRuns(axes, state.brush, data.runs.length);
  const runIds = chartRunIndices(selected).map((i) => data.runs[i].id);
  return curvesRequest(runIds, state.metrics ?? defaultMetrics(data), state);
}
