import { categoriesOf } from '@/lib/compare/diff';
import type { GetComparisonOutput } from '@/lib/compare/schemas';
import type { Brush } from './compare-url';

/*
 * Params and metrics as chart axes (parallel coordinates, scatter): `p:<key>` or `m:<key>` (a metric's
 * latest value). Numeric params become value axes, the rest categories. Pure.
 */

export interface AxisData {
  id: string;
  label: string;
  kind: 'param' | 'metric';
  numeric: boolean;
  /** One per run, in the comparison's order; null where the run has no value. */
  values: (number | string | null)[];
  /** Category axes: the categories in first-seen order. */
  categories: string[];
}

const decode = (v: number | string | null): number | null => (v === null ? null : typeof v === 'number' ? v : v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : -Infinity);

export function axisData(data: GetComparisonOutput, id: string): AxisData | null {
  const key = id.slice(2);
  if (id.startsWith('p:')) {
    const row = data.params.find((p) => p.key === key);
    if (!row) return null;
    return {
      id,
      label: `params.${key}`,
      kind: 'param',
      numeric: row.numeric,
      values: row.numeric ? row.values.map((v) => (v === null ? null : Number(v))) : row.values,
      categories: row.numeric ? [] : categoriesOf(row.values),
    };
  }
  const row = data.metrics.find((m) => m.key === key);
  if (!row) return null;
  return { id, label: `metrics.${key}`, kind: 'metric', numeric: true, values: row.last.map(decode).map((v) => (v !== null && Number.isFinite(v) ? v : null)), categories: [] };
}

/** Every axis the data offers: params that differ first, then metrics, then params that do not. */
export function availableAxes(data: GetComparisonOutput): { id: string; label: string; differs: boolean }[] {
  const params = data.params.map((p) => ({ id: `p:${p.key}`, label: `params.${p.key}`, differs: p.differs }));
  const metrics = data.metrics.map((m) => ({ id: `m:${m.key}`, label: `metrics.${m.key}`, differs: m.differs }));
  return [...params.filter((p) => p.differs), ...metrics, ...params.filter((p) => !p.differs)];
}

/** The default parallel axes: up to five differing params and the colour metric last. */
export function defaultAxes(data: GetComparisonOutput, colorBy: string | null): string[] {
  const params = data.params.filter((p) => p.differs).slice(0, 5).map((p) => `p:${p.key}`);
  const metric = colorBy ?? (data.metrics[0] ? `m:${data.metrics[0].key}` : null);
  return metric ? [...params, metric] : params;
}

function inBrush(value: number | string | null, brush: Brush): boolean {
  if (value === null) return false;
  if (brush.kind === 'values') return brush.values.includes(String(value));
  return typeof value === 'number' && value >= brush.min && value <= brush.max;
}

/** Which runs every brush keeps (all of them when nothing is brushed); brushes on absent axes are ignored. */
export function brushedRuns(axes: readonly AxisData[], brush: Record<string, Brush>, runCount: number): boolean[] {
  const active = axes.filter((a) => brush[a.id]);
  return Array.from({ length: runCount }, (_, i) => active.every((a) => inBrush(a.values[i], brush[a.id])));
}
