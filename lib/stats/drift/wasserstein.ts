/**
 * Normed first Wasserstein distance, Evidently's default drift measure for large numeric columns: the area
 * between the two empirical CDFs (scipy.stats.wasserstein_distance), divided by the reference's population
 * standard deviation floored at 0.001, so the result is in units of reference spread and scale-free.
 */
import { assertNumericSample, type NumericSample } from './samples';

/** The floor on the norm, so a constant reference does not divide by zero. */
export const MIN_WASSERSTEIN_NORM = 0.001;

export interface WassersteinResult {
  /** raw / norm, in [0, ∞). */
  value: number;
  /** ∫ |F_ref(x) - F_cur(x)| dx, in the feature's units. */
  rawDistance: number;
  /** max(population std of the reference, 0.001). */
  norm: number;
}

/** First Wasserstein distance between two empirical distributions with equal weights per value. */
export function wassersteinDistance(u: NumericSample, v: NumericSample): number {
  assertNumericSample('reference', u);
  assertNumericSample('current', v);
  const us = [...u].sort((a, b) => a - b);
  const vs = [...v].sort((a, b) => a - b);
  const all = [...us, ...vs].sort((a, b) => a - b);
  let i = 0;
  let j = 0;
  let total = 0;
  for (let k = 0; k < all.length - 1; k++) {
    // CDFs right after all[k]: the number of values <= all[k] in each sample, over its size.
    while (i < us.length && us[i] <= all[k]) i++;
    while (j < vs.length && vs[j] <= all[k]) j++;
    total += Math.abs(i / us.length - j / vs.length) * (all[k + 1] - all[k]);
  }
  return total;
}

/** Population standard deviation (ddof = 0), two-pass like numpy.std. */
export function populationStd(xs: NumericSample): number {
  let s = 0;
  for (const x of xs) s += x;
  const mean = s / xs.length;
  let ss = 0;
  for (const x of xs) ss += (x - mean) * (x - mean);
  return Math.sqrt(ss / xs.length);
}

/** Wasserstein distance of current from reference, normed by the reference's population std (floor 0.001). */
export function computeWassersteinNorm(reference: NumericSample, current: NumericSample): WassersteinResult {
  const rawDistance = wassersteinDistance(reference, current);
  const norm = Math.max(populationStd(reference), MIN_WASSERSTEIN_NORM);
  return { value: rawDistance / norm, rawDistance, norm };
}
