/**
 * Exact percentiles of raw values, as numpy.percentile computes them by default (method 'linear',
 * Hyndman–Fan type 7). Pure: no I/O. For when the raw latencies are at hand, and as
 * the yardstick for the histogram estimates in latency-histogram.ts.
 *
 * Hand-written rather than taken from a package: it is a few lines, and the type-7 implementation on
 * npm that fits (d3-array's quantile) needs a second package for its types and silently drops NaN,
 * where we want to refuse it.
 */

/**
 * The q-quantiles (q in [0, 1]) of values, in the order of qs, sorting once: with x sorted ascending
 * and h = (n − 1)·q, i = ⌊h⌋, the result is x[i] + (h − i)·(x[i+1] − x[i]), or x[n−1] when i = n − 1.
 * Each is null when values is empty. The interpolation is evaluated the way numpy evaluates it (from the
 * upper neighbour when h − i ≥ 0.5), so results equal numpy's exactly (checked against 1.24 and 2.4),
 * not just within rounding.
 */
export function percentiles(values: readonly number[], qs: readonly number[]): (number | null)[] {
  qs.forEach((q, k) => {
    if (!(q >= 0 && q <= 1)) throw new RangeError(`qs[${k}] must be within [0, 1], got ${q}`);
  });
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new RangeError(`values[${i}] must be a finite number, got ${v}`);
  });
  if (values.length === 0) return qs.map(() => null);

  const x = Float64Array.from(values).sort();
  const n = x.length;
  return qs.map((q) => {
    const h = (n - 1) * q;
    const i = Math.floor(h);
    if (i >= n - 1) return x[n - 1];
    const t = h - i;
    const step = x[i + 1] - x[i];
    return t >= 0.5 ? x[i + 1] - step * (1 - t) : x[i] + step * t;
  });
}

/** The q-quantile (q in [0, 1]) of values as numpy.percentile(values, 100·q) gives it; null when values is empty. */
export function percentile(values: readonly number[], q: number): number | null {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`q must be within [0, 1], got ${q}`);
  return percentiles(values, [q])[0];
}
