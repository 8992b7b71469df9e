/*
 * Geometry of the curve charts, pure: where the cursor may stand (on x values that were logged, never
 * between them) and the line drawn through downsampled buckets.
 */

export interface Pt {
  x: number;
  y: number | null;
}

/** [x, xEnd, min, max] of a bucket whose points the line does not all show. */
export type Band = [number, number, number, number];

/** The distinct x of the points with a value, ascending, within [min, max]: where the cursor may stand. */
export function cursorStops(lines: readonly (readonly Pt[])[], min: number, max: number): number[] {
  const xs: number[] = [];
  for (const points of lines) for (const p of points) if (p.y !== null && p.x >= min && p.x <= max) xs.push(p.x);
  xs.sort((a, b) => a - b);
  return xs.filter((x, i) => i === 0 || x !== xs[i - 1]);
}

/** Index of the first stop ≥ x (stops.length when there is none). */
function lowerBound(stops: readonly number[], x: number): number {
  let lo = 0;
  let hi = stops.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (stops[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The stop nearest to x (the lower one on a tie); null when there are none. */
export function snapToStop(stops: readonly number[], x: number): number | null {
  if (stops.length === 0) return null;
  const i = lowerBound(stops, x);
  if (i === 0) return stops[0];
  if (i === stops.length) return stops[stops.length - 1];
  return x - stops[i - 1] <= stops[i] - x ? stops[i - 1] : stops[i];
}

/**
 * The cursor moved from `at` by about `by` (signed), landing on a stop: the stop nearest to at + by, but
 * at least the next stop in that direction, so that a short step never leaves the cursor where it was.
 * At either end it stays on the last stop.
 */
export function moveToStop(stops: readonly number[], at: number, by: number): number | null {
  const target = snapToStop(stops, at + by);
  if (target === null || by === 0) return target;
  if (by > 0 && target <= at) {
    const next = lowerBound(stops, at);
    const i = stops[next] === at ? next + 1 : next;
    return stops[Math.min(i, stops.length - 1)];
  }
  if (by < 0 && target >= at) {
    const i = lowerBound(stops, at) - 1;
    return stops[Math.max(i, 0)];
  }
  return target;
}

/**
 * The line through a downsampled series: where a bucket's band records the spread of more points than
 * were sent (its lowest and highest), the line passes through the middle of the band, at the middle of
 * the bucket, instead of zigzagging between the extremes; the band shows them. Elsewhere the points are
 * drawn as logged. `bands` are in x order and do not overlap.
 */
export function lineThroughBands(points: readonly Pt[], bands: readonly Band[]): Pt[] {
  if (bands.length === 0) return [...points];
  const out: Pt[] = [];
  let b = 0;
  let i = 0;
  while (i < points.length) {
    while (b < bands.length && bands[b][1] < points[i].x) b++;
    const band = bands[b];
    if (!band || points[i].x < band[0]) {
      out.push(points[i++]);
      continue;
    }
    let end = i;
    while (end < points.length && points[end].x <= band[1]) end++;
    const inside = points.slice(i, end);
    // A bucket with a gap (a point without a value) keeps its points, so the gap stays visible.
    if (inside.some((p) => p.y === null)) out.push(...inside);
    else out.push({ x: (band[0] + band[1]) / 2, y: (band[2] + band[3]) / 2 });
    i = end;
    b++;
  }
  return out;
}

/** Whether x lies within the logged points of a line (a run that ended earlier has no value there). */
export function covers(points: readonly Pt[], x: number): boolean {
  return points.length > 0 && x >= points[0].x && x <= points[points.length - 1].x;
}
