/** Metric values with four decimals (like the runs table); non-finite values as their names. */
export function formatMetricValue(v: number | string | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  return Number.isInteger(v) ? String(v) : v.toFixed(4);
}

export function formatDifference(d: number | null): string {
  if (d === null) return '—';
  const s = Number.isInteger(d) ? String(Math.abs(d)) : Math.abs(d).toFixed(4);
  return d > 0 ? `+${s}` : d < 0 ? `−${s}` : '±0';
}
