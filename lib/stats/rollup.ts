/**
 * Step-bucket summaries of metric histories, and the min/max chart built from them. Pure: no I/O.
 *
 * A bucket of width W holds the points whose step s has floor(s / W) = bucket. What a chart needs from
 * a bucket is mergeable (count, NaN count, the lowest and highest point, the first NaN, the first and last
 * point, the time extent), so summaries of parts of a bucket merge into the summary of the whole: the
 * ingest path keeps `metric_history_rollups` at a few fixed widths by merging each batch's summaries into
 * the stored ones (SQL in lib/experiments/run-writes.ts applies exactly `mergeSummary`), and a chart
 * bucket of width D reads the stored rows of width D instead of the D raw points.
 *
 * Orders (the SQL uses the same ones): the lowest point is the smallest value, ties by (step, timestamp);
 * the highest is the largest value, ties by (step, timestamp); the first NaN by (step, timestamp); the
 * first and last point by (step, timestamp, value) with NaN above every number, as PostgreSQL orders float8.
 * NaN never counts as an extreme; ±Infinity does.
 */

export interface HistoryPoint {
  step: number;
  timestamp: number;
  value: number;
}

export interface StepBucket {
  bucket: number;
  count: number;
  nanCount: number;
  min: HistoryPoint | null;
  max: HistoryPoint | null;
  firstNaN: HistoryPoint | null;
  first: HistoryPoint;
  last: HistoryPoint;
  tsMin: number;
  tsMax: number;
}

/** Widths of the stored summaries, in steps; powers of 4 so every chart width 16·4^i is one of them. */
export const ROLLUP_WIDTHS = [16, 64, 256, 1024, 4096] as const;
export const WIDEST_ROLLUP = ROLLUP_WIDTHS[ROLLUP_WIDTHS.length - 1];

/** floor(step / width); exact for safe-integer steps and power-of-two widths (the SQL uses step >> log2 width). */
export function bucketOf(step: number, width: number): number {
  return Math.floor(step / width);
}

/** PostgreSQL's float8 order: NaN above everything, equal to itself. */
export function compareValue(a: number, b: number): number {
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  return a === b ? 0 : a < b ? -1 : 1;
}

/** (step, timestamp, value) order. */
export function comparePoints(a: HistoryPoint, b: HistoryPoint): number {
  if (a.step !== b.step) return a.step < b.step ? -1 : 1;
  if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp ? -1 : 1;
  return compareValue(a.value, b.value);
}

/** (timestamp, step, value) order, for a wall-time axis. */
export function comparePointsByTime(a: HistoryPoint, b: HistoryPoint): number {
  if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp ? -1 : 1;
  if (a.step !== b.step) return a.step < b.step ? -1 : 1;
  return compareValue(a.value, b.value);
}

const earlier = (a: HistoryPoint, b: HistoryPoint) => a.step < b.step || (a.step === b.step && a.timestamp < b.timestamp);

function lower(a: HistoryPoint | null, b: HistoryPoint | null): HistoryPoint | null {
  if (!a) return b;
  if (!b) return a;
  if (a.value !== b.value) return a.value < b.value ? a : b;
  return earlier(b, a) ? b : a;
}

function higher(a: HistoryPoint | null, b: HistoryPoint | null): HistoryPoint | null {
  if (!a) return b;
  if (!b) return a;
  if (a.value !== b.value) return a.value > b.value ? a : b;
  return earlier(b, a) ? b : a;
}

function firstOf(a: HistoryPoint | null, b: HistoryPoint | null): HistoryPoint | null {
  if (!a) return b;
  if (!b) return a;
  return earlier(b, a) ? b : a;
}

/** The summary of the union of two parts of one bucket. */
export function mergeSummary(a: StepBucket, b: StepBucket): StepBucket {
  return {
    bucket: a.bucket,
    count: a.count + b.count,
    nanCount: a.nanCount + b.nanCount,
    min: lower(a.min, b.min),
    max: higher(a.max, b.max),
    firstNaN: firstOf(a.firstNaN, b.firstNaN),
    first: comparePoints(b.first, a.first) < 0 ? b.first : a.first,
    last: comparePoints(b.last, a.last) > 0 ? b.last : a.last,
    tsMin: Math.min(a.tsMin, b.tsMin),
    tsMax: Math.max(a.tsMax, b.tsMax),
  };
}

function single(p: HistoryPoint, bucket: number): StepBucket {
  const nan = Number.isNaN(p.value);
  return { bucket, count: 1, nanCount: nan ? 1 : 0, min: nan ? null : p, max: nan ? null : p, firstNaN: nan ? p : null, first: p, last: p, tsMin: p.timestamp, tsMax: p.timestamp };
}

/** Summaries of points (any order) in buckets of `width` steps, in bucket order. */
export function summarizeSteps(points: readonly HistoryPoint[], width: number): StepBucket[] {
  const byBucket = new Map<number, StepBucket>();
  for (const p of points) {
    const bucket = bucketOf(p.step, width);
    const s = byBucket.get(bucket);
    byBucket.set(bucket, s ? mergeSummary(s, single(p, bucket)) : single(p, bucket));
  }
  return [...byBucket.values()].sort((a, b) => a.bucket - b.bucket);
}

/** Summaries of buckets of `width` regrouped into buckets `factor` times wider (factor ≥ 1), in bucket order. */
export function coarsen(buckets: readonly StepBucket[], factor: number): StepBucket[] {
  if (factor === 1) return [...buckets].sort((a, b) => a.bucket - b.bucket);
  const out = new Map<number, StepBucket>();
  for (const b of buckets) {
    const bucket = Math.floor(b.bucket / factor);
    const s = out.get(bucket);
    const moved = { ...b, bucket };
    out.set(bucket, s ? mergeSummary(s, moved) : moved);
  }
  return [...out.values()].sort((a, b) => a.bucket - b.bucket);
}

// ------------------------------------------------------------------ choosing the chart width

/** Buckets that min/max downsampling to `maxPoints` may use: two points each, plus the first and last. */
export function bucketBudget(maxPoints: number): number {
  return Math.max(1, Math.floor((maxPoints - 2) / 2));
}

/** How many buckets of `width` the steps lo..hi touch. */
export function bucketSpan(lo: number, hi: number, width: number): number {
  return bucketOf(hi, width) - bucketOf(lo, width) + 1;
}

export interface BucketPlan {
  /** Chart bucket width in steps. */
  width: number;
  /** Stored width read for it (width is a multiple), or null: summarize raw points. */
  rollup: number | null;
}

/**
 * The chart width for steps lo..hi: the narrowest power of two whose buckets number at most `budget`, so
 * a line keeps between budget/2 and budget buckets. It is read from the stored width that equals it, or
 * from the widest one (coarsened) above that. Below half the narrowest stored width the raw points are
 * read, which happens only for ranges of fewer than about 4 × budget steps (a deep zoom).
 */
export function planBuckets(lo: number, hi: number, budget: number): BucketPlan {
  let width = 1;
  while (bucketSpan(lo, hi, width) > budget) width *= 2;
  // Half the narrowest stored width is still read from it (coarser by 2): raw reads stay under ~4 × budget points a line.
  if (width < ROLLUP_WIDTHS[0] / 2) return { width, rollup: null };
  // Round up to a power of 4 at or above 16, so a stored width is exactly the chart width (no merging in the
  // database); past the widest stored width, powers of two of it, merged here.
  if (width <= WIDEST_ROLLUP) {
    const stored = ROLLUP_WIDTHS.find((w) => w >= width)!;
    return { width: stored, rollup: stored };
  }
  return { width, rollup: WIDEST_ROLLUP };
}

// ------------------------------------------------------------------ the chart

export interface ChartPoint {
  /** Position on the chart's x axis (the step, or the timestamp). */
  x: number;
  point: HistoryPoint;
}

export interface ChartBand {
  x: number;
  xEnd: number;
  /** NaN when every point in the bucket is NaN. */
  min: number;
  max: number;
  count: number;
  nanCount: number;
}

/**
 * Min/max chart from bucket summaries (any order): the series' first point, each bucket's lowest and
 * highest point (or its first NaN when it holds nothing else), the series' last point, in x order without
 * repeats; and one band per bucket spanning the x of its points. `axis` picks x: the step, or the
 * timestamp (then the summaries are still step buckets: a bucket's points are contiguous in steps, which
 * for a run's wall time is contiguous in time as well unless timestamps go backwards).
 */
export function assembleChart(buckets: readonly StepBucket[], axis: 'step' | 'timestamp'): { points: HistoryPoint[]; bands: ChartBand[] } {
  if (buckets.length === 0) return { points: [], bands: [] };
  const order = axis === 'step' ? comparePoints : comparePointsByTime;
  let inOrder = true;
  for (let i = 1; i < buckets.length && inOrder; i++) inOrder = buckets[i - 1].bucket < buckets[i].bucket;
  const sorted = inOrder ? buckets : [...buckets].sort((a, b) => a.bucket - b.bucket);
  let first = sorted[0].first;
  let last = sorted[0].last;
  const chosen: HistoryPoint[] = [];
  const bands: ChartBand[] = [];
  for (const b of sorted) {
    if (comparePoints(b.first, first) < 0) first = b.first;
    if (comparePoints(b.last, last) > 0) last = b.last;
    // In step order within the bucket; buckets are disjoint step ranges, so the list stays sorted by step.
    if (b.min && b.max) chosen.push(...(comparePoints(b.min, b.max) <= 0 ? [b.min, b.max] : [b.max, b.min]));
    else if (b.firstNaN) chosen.push(b.firstNaN);
    bands.push({
      x: axis === 'step' ? b.first.step : b.tsMin,
      xEnd: axis === 'step' ? b.last.step : b.tsMax,
      min: b.min ? b.min.value : NaN,
      max: b.max ? b.max.value : NaN,
      count: b.count,
      nanCount: b.nanCount,
    });
  }
  chosen.unshift(first);
  chosen.push(last);
  if (axis === 'timestamp') chosen.sort(order);
  const points = chosen.filter((p, i) => i === 0 || order(chosen[i - 1], p) !== 0);
  if (axis === 'timestamp') bands.sort((a, b) => a.x - b.x || a.xEnd - b.xEnd);
  return { points, bands };
}

// ------------------------------------------------------------------ the chart from slim columns

/**
 * The stored summaries of one line without timestamps, column by column, as the compare page reads them
 * from the database (one array per column: a line is a dozen arrays instead of one per bucket, and the
 * database aggregates plain arrays faster than JSON rows). Values may arrive as strings ("Infinity"); extremes and the
 * first-NaN step are null where a bucket has none.
 */
export interface SlimColumns {
  bucket: number[];
  count: number[];
  nanCount: number[];
  min: unknown[];
  minStep: (number | null)[];
  max: unknown[];
  maxStep: (number | null)[];
  nanStep: (number | null)[];
  firstStep: number[];
  first: unknown[];
  lastStep: number[];
  last: unknown[];
}

/** The order of the columns in the database's JSON array. */
export const SLIM_COLUMN_ORDER = ['bucket', 'count', 'nanCount', 'min', 'minStep', 'max', 'maxStep', 'nanStep', 'firstStep', 'first', 'lastStep', 'last'] as const;

const slimValue = (v: unknown): number => (v === null || v === undefined ? NaN : typeof v === 'number' ? v : Number(v));

/**
 * `assembleChart(buckets, 'step')` straight from slim columns (timestamps taken as 0), without building a
 * summary object per bucket: the same points and bands, and the total count. Where a long line has a few
 * hundred buckets and a comparison a few hundred lines, those objects are most of the work.
 */
export function assembleSlimStepChart(c: SlimColumns): { total: number; points: HistoryPoint[]; bands: ChartBand[] } {
  const points: HistoryPoint[] = [];
  const bands: ChartBand[] = [];
  let total = 0;
  const n = c.bucket.length;
  if (n === 0) return { total, points, bands };
  // Consecutive repeats (same step, timestamp and value) are dropped, as assembleChart does.
  const push = (step: number, value: number) => {
    const prev = points[points.length - 1];
    if (prev !== undefined && prev.step === step && compareValue(prev.value, value) === 0) return;
    points.push({ step, timestamp: 0, value });
  };
  push(c.firstStep[0], slimValue(c.first[0]));
  for (let i = 0; i < n; i++) {
    const count = c.count[i];
    const nanCount = c.nanCount[i];
    total += count;
    const minStep = c.minStep[i];
    const maxStep = c.maxStep[i];
    if (minStep !== null && maxStep !== null) {
      const min = slimValue(c.min[i]);
      const max = slimValue(c.max[i]);
      if (minStep < maxStep || (minStep === maxStep && compareValue(min, max) <= 0)) {
        push(minStep, min);
        push(maxStep, max);
      } else {
        push(maxStep, max);
        push(minStep, min);
      }
      bands.push({ x: c.firstStep[i], xEnd: c.lastStep[i], min, max, count, nanCount });
    } else {
      const nanStep = c.nanStep[i];
      if (nanStep !== null) push(nanStep, NaN);
      bands.push({ x: c.firstStep[i], xEnd: c.lastStep[i], min: NaN, max: NaN, count, nanCount });
    }
  }
  push(c.lastStep[n - 1], slimValue(c.last[n - 1]));
  return { total, points, bands };
}

/**
 * The columns in bucket order. The database aggregates them in the order it reads the stored rows, which
 * follows the table, not the bucket (a summary updated by a later batch moves): usually already sorted.
 */
export function sortSlimColumns(c: SlimColumns): SlimColumns {
  const b = c.bucket;
  let sorted = true;
  for (let i = 1; i < b.length && sorted; i++) sorted = b[i - 1] < b[i];
  if (sorted) return c;
  const order = b.map((_, i) => i).sort((i, j) => b[i] - b[j]);
  return Object.fromEntries(SLIM_COLUMN_ORDER.map((name) => [name, order.map((i) => (c[name] as unknown[])[i])])) as unknown as SlimColumns;
}

/** The summaries slim columns stand for (timestamps 0), for the paths that merge or coarsen buckets. */
export function decodeSlimColumns(c: SlimColumns): StepBucket[] {
  const at = (step: number, value: unknown): HistoryPoint => ({ step, timestamp: 0, value: slimValue(value) });
  return c.bucket.map((bucket, i) => {
    const minStep = c.minStep[i];
    const maxStep = c.maxStep[i];
    const nanStep = c.nanStep[i];
    return {
      bucket,
      count: c.count[i],
      nanCount: c.nanCount[i],
      min: minStep === null ? null : at(minStep, c.min[i]),
      max: maxStep === null ? null : at(maxStep, c.max[i]),
      firstNaN: nanStep === null ? null : at(nanStep, NaN),
      first: at(c.firstStep[i], c.first[i]),
      last: at(c.lastStep[i], c.last[i]),
      tsMin: 0,
      tsMax: 0,
    };
  });
}
