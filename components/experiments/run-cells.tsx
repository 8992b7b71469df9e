import { Badge } from '@/components/ui/badge';
import type { EncodedMetricValue, MetricView, RunView } from '@/lib/experiments/schemas';
import type { Aggregation } from './runs-url';

const STATUS_VARIANT: Record<RunView['status'], 'success' | 'destructive' | 'default' | 'secondary' | 'warning'> = {
  FINISHED: 'success',
  FAILED: 'destructive',
  RUNNING: 'default',
  SCHEDULED: 'secondary',
  KILLED: 'warning',
};

export function RunStatusBadge({ status }: { status: RunView['status'] }) {
  return <Badge variant={STATUS_VARIANT[status]}>{status.toLowerCase()}</Badge>;
}

/** 1.5 s, 2 min 3 s, 4 h 05 min; running runs count up to the page's render time. */
export function formatDuration(ms: number): string {
  if (ms < 0) return '—';
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${String(m % 60).padStart(2, '0')} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/**
 * Four decimals in the usual range, so a column of scores lines up digit under digit; integers as
 * they are; very small or large values in exponent form; NaN and infinities as symbols.
 */
export function formatMetric(value: EncodedMetricValue | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value === 'Infinity' ? '∞' : value === '-Infinity' ? '−∞' : value;
  if (Number.isInteger(value) && Math.abs(value) < 1e9) return String(value);
  const abs = Math.abs(value);
  if (abs < 1e-3 || abs >= 1e6) return value.toExponential(3);
  return value.toFixed(abs >= 1000 ? 1 : 4);
}

export function metricValue(metric: MetricView | undefined, agg: Aggregation): EncodedMetricValue | null {
  if (!metric) return null;
  return agg === 'min' ? metric.min : agg === 'max' ? metric.max : metric.value;
}
