import { minMaxDownsample } from '@/lib/stats/downsample';

/*
 * Reshaping of downsampled series on their way to the chart. Pure.
 * Bands are min/max buckets as [x, xEnd, min, max]; a bucket that holds only the points already drawn
 * hides nothing and is not sent.
 */

export interface XY {
  x: number;
  y: number;
}

export interface BandXY {
  x: number;
  xEnd: number;
  min: number;
  max: number;
}

/** Whether a bucket hides values the line does not show: more finite points than its min and max. */
export function bandHidesVariation(band: { min: number; max: number; count: number; nanCount: number }): boolean {
  return band.count - band.nanCount > 2 && Number.isFinite(band.min) && Number.isFinite(band.max) && band.max > band.min;
}

/** Points with x in [lo, hi], and bands overlapping it. */
export function clipSeries(points: readonly XY[], bands: readonly BandXY[], lo: number, hi: number): { points: XY[]; bands: BandXY[] } {
  return { points: points.filter((p) => p.x >= lo && p.x <= hi), bands: bands.filter((b) => b.xEnd >= lo && b.x <= hi) };
}

/**
 * Brings a series that came back longer than wanted down to `maxPoints` with the same min/max method,
 * keeping every extreme; the new bands also cover the spread the old bands recorded inside them.
 */
export function reduceSeries(points: readonly XY[], bands: readonly BandXY[], maxPoints: number): { points: XY[]; bands: BandXY[] } {
  if (points.length <= maxPoints) return { points: [...points], bands: [...bands] };
  const reduced = minMaxDownsample(points, maxPoints);
  const old = [...bands].sort((a, b) => a.x - b.x);
  let j = 0;
  const out: BandXY[] = [];
  for (const b of reduced.bands) {
    let min = b.min;
    let max = b.max;
    let widened = false;
    while (j < old.length && (old[j].x + old[j].xEnd) / 2 < b.x) j++;
    for (let k = j; k < old.length && (old[k].x + old[k].xEnd) / 2 <= b.xEnd; k++) {
      min = Math.min(min, old[k].min);
      max = Math.max(max, old[k].max);
      widened = true;
    }
    if (widened || bandHidesVariation(b)) out.push({ x: b.x, xEnd: b.xEnd, min, max });
  }
  return { points: reduced.points.map((p) => ({ x: p.x, y: p.y })), bands: out };
}

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * `Number(v.toPrecision(7))` without the string: 7 significant digits by scaling with an exact power
 * of ten (integer ÷ or × 10^k is correctly rounded, so the result is the double nearest the decimal, as
 * parsing the string gives). Off from toPrecision by one unit in the 7th digit at most, on a half-way
 * tie or where log10 rounds across a power of ten. Non-finite values and zero are returned unchanged.
 */
export function round7(v: number): number {
  if (v === 0 || !Number.isFinite(v)) return v;
  const p = 6 - Math.floor(Math.log10(Math.abs(v)));
  if (p >= 0 && p <= 22) return Math.round(v * POW10[p]) / POW10[p];
  if (p < 0 && p >= -22) return Math.round(v / POW10[-p]) * POW10[-p];
  return Number(v.toPrecision(7));
}
