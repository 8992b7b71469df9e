/**
 * Shape-preserving downsampling of a series of {x, y} points for charts. Pure: no I/O.
 *
 * Inputs are taken in the order given, which should be ascending x (as metric histories are read);
 * outputs keep that order, so x stays monotone. Both methods return the input unchanged (a copy)
 * when it already has at most `maxPoints` points, keep the first and the last point, and never return
 * more than `maxPoints` points.
 *
 * Non-finite values: NaN and ±Infinity are points like any other (a loss that diverges should show),
 * but they never enter arithmetic. ±Infinity counts as the most extreme value there is, so it survives
 * like a spike; NaN is never an extreme, and is kept where a bucket holds nothing else.
 */

export interface Point {
  x: number;
  y: number;
}

/** A min/max bucket: where it spans on x, its extremes (NaN ignored) and how many points it hides. */
export interface Band {
  x: number;
  xEnd: number;
  /** Smallest non-NaN y in the bucket (may be -Infinity); NaN when every point is NaN. */
  min: number;
  /** Largest non-NaN y in the bucket (may be +Infinity); NaN when every point is NaN. */
  max: number;
  count: number;
  nanCount: number;
}

/** What a min/max bucket must know about its points: computed here in JS, or by SQL for long series. */
export interface BucketSummary<P extends Point> {
  index: number;
  count: number;
  nanCount: number;
  /** Smallest non-NaN y (ties: smallest x, then earliest); null when every point is NaN. */
  minPoint: P | null;
  /** Largest non-NaN y (ties: smallest x, then earliest); null when every point is NaN. */
  maxPoint: P | null;
  /** The first NaN point, kept when the bucket has nothing else. */
  firstNaN: P | null;
}

export interface MinMaxResult<P extends Point> {
  points: P[];
  bands: Band[];
}

/** Buckets that min/max downsampling to `maxPoints` uses: two points each, plus the first and the last. */
export function minMaxBucketCount(maxPoints: number): number {
  return Math.max(1, Math.floor((maxPoints - 2) / 2));
}

/**
 * Equal-width bucket of `x` over [x0, x1]. The SQL path computes the same expression
 * (`floor(((x - x0)::float8 / (x1 - x0)) * buckets)`, clamped), so both agree point for point.
 */
export function bucketIndex(x: number, x0: number, x1: number, buckets: number): number {
  if (!(x1 > x0)) return 0;
  const i = Math.floor(((x - x0) / (x1 - x0)) * buckets);
  return Math.min(buckets - 1, Math.max(0, i));
}

export function bucketBounds(index: number, x0: number, x1: number, buckets: number): { x: number; xEnd: number } {
  if (!(x1 > x0)) return { x: x0, xEnd: x1 };
  const w = (x1 - x0) / buckets;
  return { x: x0 + index * w, xEnd: index === buckets - 1 ? x1 : x0 + (index + 1) * w };
}

function better(candidate: Point, current: Point | null, wantMax: boolean): boolean {
  if (current === null) return true;
  if (candidate.y === current.y) return candidate.x < current.x;
  return wantMax ? candidate.y > current.y : candidate.y < current.y;
}

/** Per-bucket summaries of a series held in memory. */
export function summarizeBuckets<P extends Point>(points: readonly P[], buckets: number): BucketSummary<P>[] {
  if (points.length === 0) return [];
  const x0 = points[0].x;
  const x1 = points[points.length - 1].x;
  const byIndex = new Map<number, BucketSummary<P>>();
  for (const p of points) {
    const index = bucketIndex(p.x, x0, x1, buckets);
    let s = byIndex.get(index);
    if (!s) {
      s = { index, count: 0, nanCount: 0, minPoint: null, maxPoint: null, firstNaN: null };
      byIndex.set(index, s);
    }
    s.count += 1;
    if (Number.isNaN(p.y)) {
      s.nanCount += 1;
      s.firstNaN ??= p;
      continue;
    }
    if (better(p, s.minPoint, false)) s.minPoint = p;
    if (better(p, s.maxPoint, true)) s.maxPoint = p;
  }
  return [...byIndex.values()].sort((a, b) => a.index - b.index);
}

/**
 * Assembles min/max output from bucket summaries (in bucket order): the first point, each bucket's
 * min and max in x order (or its first NaN when it holds only NaN), the last point; plus one band per
 * non-empty bucket. `x0`/`x1` are the series' x extent, used for band bounds.
 */
export function assembleMinMax<P extends Point>(summaries: readonly BucketSummary<P>[], first: P, last: P, x0: number, x1: number, buckets: number): MinMaxResult<P> {
  const out: P[] = [first];
  const bands: Band[] = [];
  const push = (p: P) => {
    const prev = out[out.length - 1];
    if (prev !== p && !(prev.x === p.x && Object.is(prev.y, p.y))) out.push(p);
  };
  for (const s of summaries) {
    const inBucket: P[] = [];
    if (s.minPoint && s.maxPoint) {
      const [a, b] = s.minPoint.x <= s.maxPoint.x ? [s.minPoint, s.maxPoint] : [s.maxPoint, s.minPoint];
      inBucket.push(a);
      if (b !== a && !(a.x === b.x && Object.is(a.y, b.y))) inBucket.push(b);
    } else if (s.firstNaN) {
      inBucket.push(s.firstNaN);
    }
    for (const p of inBucket) if (p !== last) push(p);
    bands.push({
      ...bucketBounds(s.index, x0, x1, buckets),
      min: s.minPoint ? s.minPoint.y : NaN,
      max: s.maxPoint ? s.maxPoint.y : NaN,
      count: s.count,
      nanCount: s.nanCount,
    });
  }
  push(last);
  return { points: out, bands };
}

/**
 * Min/max per equal-width x bucket: every bucket keeps its lowest and highest point, so no spike and
 * neither global extreme is ever lost; the bands say how much each bucket hides.
 */
export function minMaxDownsample<P extends Point>(points: readonly P[], maxPoints: number): MinMaxResult<P> {
  if (points.length === 0 || maxPoints <= 0) return { points: [], bands: [] };
  // Nothing is hidden, so there is no band to draw.
  if (points.length <= maxPoints) return { points: [...points], bands: [] };
  if (maxPoints === 1) return { points: [points[0]], bands: [] };
  const first = points[0];
  const last = points[points.length - 1];
  if (maxPoints < 4) return { points: [first, last], bands: [] };
  const buckets = minMaxBucketCount(maxPoints);
  return assembleMinMax(summarizeBuckets(points, buckets), first, last, first.x, last.x, buckets);
}

function extremeIndexes(points: readonly Point[]): number[] {
  let lo = -1;
  let hi = -1;
  for (let i = 0; i < points.length; i++) {
    const y = points[i].y;
    if (Number.isNaN(y)) continue;
    if (lo < 0 || y < points[lo].y) lo = i;
    if (hi < 0 || y > points[hi].y) hi = i;
  }
  return [lo, hi].filter((i) => i >= 0);
}

/** Index of the point LTTB keeps in points[from, to), given the anchor before and the mean after. */
function pickInBucket(points: readonly Point[], from: number, to: number, anchor: Point | null, next: Point | null): number {
  let best = from;
  let bestArea = -Infinity;
  for (let i = from; i < to; i++) {
    const p = points[i];
    let area: number;
    if (Number.isNaN(p.y)) area = -Infinity;
    else if (!Number.isFinite(p.y)) area = Infinity;
    else if (anchor && next) area = Math.abs((anchor.x - next.x) * (p.y - anchor.y) - (anchor.x - p.x) * (next.y - anchor.y));
    else if (anchor) area = Math.abs(p.y - anchor.y);
    else area = 0;
    if (area > bestArea) {
      bestArea = area;
      best = i;
    }
  }
  return best;
}

/** Mean of the finite points in [from, to); null when there are none. */
function finiteMean(points: readonly Point[], from: number, to: number): Point | null {
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (let i = from; i < to; i++) {
    const p = points[i];
    if (!Number.isFinite(p.y)) continue;
    sx += p.x;
    sy += p.y;
    n += 1;
  }
  return n === 0 ? null : { x: sx / n, y: sy / n };
}

function lttbIndexes(points: readonly Point[], target: number): number[] {
  const n = points.length;
  const kept = [0];
  const every = (n - 2) / (target - 2);
  let anchor: Point | null = Number.isFinite(points[0].y) ? points[0] : null;
  for (let b = 0; b < target - 2; b++) {
    const from = Math.floor(b * every) + 1;
    const to = Math.min(n - 1, Math.floor((b + 1) * every) + 1);
    const nextTo = Math.min(n, Math.floor((b + 2) * every) + 1);
    // The next bucket's mean; when it has no finite point, look further right, then fall back to the anchor.
    const next = finiteMean(points, to, nextTo) ?? finiteMean(points, to, n) ?? anchor;
    const chosen = pickInBucket(points, from, Math.max(from + 1, to), anchor, next);
    kept.push(chosen);
    if (Number.isFinite(points[chosen].y)) anchor = points[chosen];
  }
  kept.push(n - 1);
  return kept;
}

/**
 * Largest-triangle-three-buckets (Steinarsson 2013) over equal-count buckets, with two guarantees on
 * top of it: both global extremes (non-NaN) are kept, which plain LTTB does not promise when they share
 * a bucket, and non-finite points never take part in an area (they count as infinitely or never
 * significant instead), so one Infinity or NaN cannot turn every area in its neighbourhood into NaN.
 */
export function lttbDownsample<P extends Point>(points: readonly P[], maxPoints: number): P[] {
  const n = points.length;
  if (n === 0 || maxPoints <= 0) return [];
  if (n <= maxPoints) return [...points];
  if (maxPoints === 1) return [points[0]];
  if (maxPoints < 5) {
    const idx = [...new Set([0, ...extremeIndexes(points), n - 1])].sort((a, b) => a - b);
    const trimmed = idx.length <= maxPoints ? idx : [0, n - 1];
    return trimmed.map((i) => points[i]);
  }
  const chosen = new Set(lttbIndexes(points, maxPoints - 2));
  for (const i of extremeIndexes(points)) chosen.add(i);
  return [...chosen].sort((a, b) => a - b).map((i) => points[i]);
}
