/*
 * Pure helpers behind MetricChart: smoothing, log-scale filtering, axis formatting and merging several
 * series into the one row array Recharts draws from. No React here, so they are tested on their own.
 */

export type XMode = 'step' | 'wall' | 'relative';

export interface ChartPoint {
  x: number;
  /** NaN and ±Infinity allowed: they are counted and left out of the line, never drawn as 0. */
  y: number;
}

export interface ChartBand {
  x: number;
  xEnd: number;
  min: number;
  max: number;
}

export interface ChartSeries {
  id: string;
  label: string;
  color: string;
  points: ChartPoint[];
  /** Min/max of what downsampling folded into each bucket, drawn as a faint area behind the line. */
  band?: ChartBand[];
}

/**
 * Exponential moving average with TensorBoard's debiasing, so the first points are not pulled toward 0.
 * `weight` in [0, 1): 0 returns the values as they are. Non-finite values are passed through and skipped.
 */
export function emaSmooth(values: readonly number[], weight: number): number[] {
  if (!(weight > 0)) return [...values];
  const w = Math.min(weight, 0.999);
  let last = 0;
  let n = 0;
  return values.map((v) => {
    if (!Number.isFinite(v)) return v;
    last = last * w + (1 - w) * v;
    n += 1;
    return last / (1 - w ** n);
  });
}

/** What a log scale can draw: positive finite values; the rest become null (a gap). */
export function drawable(y: number, log: boolean): number | null {
  if (!Number.isFinite(y)) return null;
  if (log && y <= 0) return null;
  return y;
}

export interface MergedRow {
  x: number;
  [key: string]: number | [number, number] | null;
}

export interface SeriesNotes {
  /** Points that cannot be drawn: NaN, ±Infinity, and values ≤ 0 on a log scale. */
  hidden: { nonFinite: number; nonPositive: number };
}

/**
 * One row per distinct x across all series: `<id>` raw value, `<id>~` smoothed value, `<id>#` band
 * [min, max]. Series that lack an x get no field there and the lines connect over the gap.
 */
export function mergeSeries(series: readonly ChartSeries[], opts: { log: boolean; smoothing: number }): { rows: MergedRow[]; notes: SeriesNotes } {
  const rows = new Map<number, MergedRow>();
  const row = (x: number) => {
    let r = rows.get(x);
    if (!r) {
      r = { x };
      rows.set(x, r);
    }
    return r;
  };
  const notes: SeriesNotes = { hidden: { nonFinite: 0, nonPositive: 0 } };
  for (const s of series) {
    const smoothed = emaSmooth(
      s.points.map((p) => p.y),
      opts.smoothing,
    );
    s.points.forEach((p, i) => {
      if (!Number.isFinite(p.y)) notes.hidden.nonFinite += 1;
      else if (opts.log && p.y <= 0) notes.hidden.nonPositive += 1;
      const r = row(p.x);
      r[s.id] = drawable(p.y, opts.log);
      if (opts.smoothing > 0) r[`${s.id}~`] = drawable(smoothed[i], opts.log);
    });
    for (const b of s.band ?? []) {
      const lo = drawable(b.min, opts.log);
      const hi = drawable(b.max, opts.log);
      if (lo === null || hi === null) continue;
      row(b.x)[`${s.id}#`] = [lo, hi];
      row(b.xEnd)[`${s.id}#`] = [lo, hi];
    }
  }
  return { rows: [...rows.values()].sort((a, b) => a.x - b.x), notes };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Elapsed milliseconds as 45 s, 12:05 (min:s) or 3:12:05 (h:min:s). */
export function formatElapsed(ms: number): string {
  const sign = ms < 0 ? '−' : '';
  const total = Math.round(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${sign}${h}:${pad(m)}:${pad(s)}`;
  if (m > 0) return `${sign}${m}:${pad(s)}`;
  return `${sign}${s} s`;
}

/** Wall time in UTC: HH:MM:SS, with the date when the chart spans more than a day. */
export function formatWall(ms: number, spanMs: number): string {
  const iso = new Date(ms).toISOString();
  return spanMs > 24 * 3600_000 ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 19);
}

export function formatX(x: number, mode: XMode, spanMs = 0): string {
  if (mode === 'step') return Number.isInteger(x) ? x.toLocaleString('en-US') : x.toFixed(1);
  return mode === 'wall' ? formatWall(x, spanMs) : formatElapsed(x);
}

export const X_LABEL: Record<XMode, string> = { step: 'Step', wall: 'Wall time (UTC)', relative: 'Time since run start (h:min:s)' };

/** Up to 5 significant digits; exponent notation outside 1e-4 … 1e9. */
export function formatY(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '∞' : '−∞';
  if (Number.isInteger(v) && Math.abs(v) < 1e9) return v.toLocaleString('en-US');
  const abs = Math.abs(v);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e9)) return v.toExponential(2);
  return String(Number(v.toPrecision(5)));
}

/** A range [a, b] picked by dragging, in either direction; null when it is too narrow to mean anything. */
export function orderedRange(a: number | undefined, b: number | undefined): { min: number; max: number } | null {
  if (a === undefined || b === undefined || a === b) return null;
  return { min: Math.min(a, b), max: Math.max(a, b) };
}
