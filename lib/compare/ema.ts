/*
 * Exponential moving average for chart smoothing, debiased as TensorBoard does so the start of a curve
 * is not dragged towards zero. Pure. `weight` is in [0, 1): 0 leaves the series unchanged.
 *
 * Non-finite values (NaN, ±Infinity, or null for "no value") pass through untouched and do not enter the
 * average, so one diverged step cannot poison the rest of the line. On a downsampled series the average
 * runs over the points received, as W&B's does; the min/max bands still show the raw spread.
 */
export function emaSmooth(values: readonly (number | null)[], weight: number): (number | null)[] {
  if (!(weight > 0)) return [...values];
  const w = Math.min(weight, 0.999);
  let last = 0;
  let debias = 0;
  return values.map((v) => {
    if (v === null || !Number.isFinite(v)) return v;
    last = last * w + (1 - w) * v;
    debias = debias * w + (1 - w);
    return last / debias;
  });
}
