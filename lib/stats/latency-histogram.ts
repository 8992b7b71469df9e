/**
 * Inference latency as fixed-bucket histograms, and p50/p95/p99 estimated from them. Pure: no I/O.
 *
 * Latency is stored per deployment and minute as per-bucket counts over fixed upper bounds, Prometheus
 * `le` style, so any time range is answered by adding the minutes' counts and estimating inside one
 * bucket (PromQL's histogram_quantile). The bounds are part of the stored data: changing them makes old
 * and new rows impossible to add, so they are a literal here, not a library's default.
 *
 * A histogram is an array of LATENCY_BUCKET_COUNT per-bucket (not cumulative) counts: one per finite
 * bound, then the +Inf bucket. Counts are non-negative numbers; they are whole for stored minutes, but
 * nothing here needs that.
 */

/** Finite upper bounds in milliseconds: the Prometheus client's default buckets (5 ms … 10 s). */
export const LATENCY_BUCKET_BOUNDS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000] as const;

/** Buckets in a histogram: one per finite bound plus the +Inf bucket. */
export const LATENCY_BUCKET_COUNT = LATENCY_BUCKET_BOUNDS_MS.length + 1;

const LARGEST_FINITE_BOUND = LATENCY_BUCKET_BOUNDS_MS[LATENCY_BUCKET_BOUNDS_MS.length - 1];

export interface LatencySummary {
  /** Observations in the histogram. */
  count: number;
  /** Estimates in milliseconds; null when the histogram is empty (there is nothing to estimate). */
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/**
 * Index of the bucket a latency (ms) belongs to: the first bound ≥ value, so a value equal to a bound is
 * counted in that bound's bucket; above the last bound (and +Infinity) it is the +Inf bucket. Zero and
 * negative values fall in the first bucket, as in Prometheus.
 */
export function bucketOf(value: number): number {
  if (Number.isNaN(value)) throw new RangeError('value must be a latency in milliseconds, got NaN');
  const i = LATENCY_BUCKET_BOUNDS_MS.findIndex((bound) => value <= bound);
  return i === -1 ? LATENCY_BUCKET_BOUNDS_MS.length : i;
}

/** The histogram of latencies (ms), in any order; an empty list gives all-zero counts. */
export function histogram(values: Iterable<number>): number[] {
  const counts = new Array<number>(LATENCY_BUCKET_COUNT).fill(0);
  for (const v of values) counts[bucketOf(v)] += 1;
  return counts;
}

/**
 * The histogram of the union of several windows: their counts added bucket by bucket. With no argument
 * it is the empty histogram, so a range with no stored minutes merges to "no observations".
 */
export function mergeHistograms(...histograms: readonly (readonly number[])[]): number[] {
  const merged = new Array<number>(LATENCY_BUCKET_COUNT).fill(0);
  histograms.forEach((counts, h) => {
    checkCounts(counts, `histograms[${h}]`);
    counts.forEach((c, i) => (merged[i] += c));
  });
  return merged;
}

/**
 * PromQL histogram_quantile (promql/quantile.go, bucketQuantile) over our bounds: the q-quantile (ms)
 * by linear interpolation inside the bucket that holds rank q · total, the first bucket starting at 0.
 * When the rank falls in the +Inf bucket nothing is known about its spread, so the answer is the largest
 * finite bound (10000), a floor rather than an estimate. Returns null for an empty histogram, where
 * Prometheus returns NaN.
 *
 * Prometheus also returns the first bound itself when it is ≤ 0; ours is 5 ms, so that case cannot arise.
 * One deliberate difference: for q = 0 Prometheus interpolates in the first bucket even when it is empty
 * (0/0, NaN); we take the first non-empty bucket instead, giving its lower edge. For q > 0 the two agree.
 */
export function histogramQuantile(q: number, counts: readonly number[]): number | null {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`q must be within [0, 1], got ${q}`);
  checkCounts(counts, 'counts');
  const cumulative: number[] = [];
  let total = 0;
  for (const c of counts) cumulative.push((total += c));
  if (total === 0) return null;

  const rank = q * total;
  // The first finite bucket whose cumulative count reaches the rank; `cum > 0` only matters for q = 0.
  const b = cumulative.findIndex((cum, i) => i < LATENCY_BUCKET_BOUNDS_MS.length && cum >= rank && cum > 0);
  if (b === -1) return LARGEST_FINITE_BOUND;

  const start = b > 0 ? LATENCY_BUCKET_BOUNDS_MS[b - 1] : 0;
  const below = b > 0 ? cumulative[b - 1] : 0;
  return start + (LATENCY_BUCKET_BOUNDS_MS[b] - start) * ((rank - below) / (cumulative[b] - below));
}

/** Observation count and p50/p95/p99 estimates (ms) of a histogram; the estimates are null when it is empty. */
export function summarizeLatency(counts: readonly number[]): LatencySummary {
  checkCounts(counts, 'counts');
  return {
    count: counts.reduce((sum, c) => sum + c, 0),
    p50: histogramQuantile(0.5, counts),
    p95: histogramQuantile(0.95, counts),
    p99: histogramQuantile(0.99, counts),
  };
}

function checkCounts(counts: readonly number[], name: string): void {
  if (counts.length !== LATENCY_BUCKET_COUNT) {
    throw new RangeError(
      `${name} must hold ${LATENCY_BUCKET_COUNT} per-bucket counts (${LATENCY_BUCKET_BOUNDS_MS.length} finite bounds and +Inf), got ${counts.length}`,
    );
  }
  counts.forEach((c, i) => {
    if (!(Number.isFinite(c) && c >= 0)) throw new RangeError(`${name}[${i}] must be a finite count ≥ 0, got ${c}`);
  });
}
