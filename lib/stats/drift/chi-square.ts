/**
 * Pearson's chi-square test of the current category counts against the counts the reference shares
 * predict (scipy.stats.chisquare as Evidently calls it): no continuity correction, no smoothing.
 */
import gammainc from '@stdlib/math-base-special-gammainc';
import { assertCategoricalSample, countValues, type CategoricalSample } from './samples';

export interface ChiSquareResult {
  /** Σ (observed - expected)² / expected, in [0, ∞]; +Infinity when a category occurs only in current. */
  statistic: number;
  /** chi2.sf(statistic, df), in [0, 1]; 0 for an infinite statistic. */
  pValue: number;
  /** Number of categories in reference ∪ current, minus one. */
  df: number;
}

/**
 * Upper tail of the chi-square distribution, P(X >= x) for df degrees of freedom: the regularized upper
 * incomplete gamma Q(df/2, x/2), which keeps its relative accuracy far into the tail (1 - cdf would not).
 */
export function chiSquareSf(x: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`df must be positive, got ${df}`);
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  return gammainc(x / 2, df / 2, true, true);
}

/**
 * Chi-square statistic and p-value of current against reference, categories taken from both. With one
 * category overall df is 0 and there is nothing to test: scipy returns a NaN p-value there, and so do we,
 * so no verdict can be drawn from it.
 */
export function computeChiSquare(reference: CategoricalSample, current: CategoricalSample): ChiSquareResult {
  assertCategoricalSample('reference', reference);
  assertCategoricalSample('current', current);
  const refCounts = countValues(reference);
  const curCounts = countValues(current);
  const keys = new Set([...curCounts.keys(), ...refCounts.keys()]);
  const scale = current.length / reference.length;
  let statistic = 0;
  for (const k of keys) {
    const observed = curCounts.get(k) ?? 0;
    const expected = (refCounts.get(k) ?? 0) * scale;
    // A category unseen in the reference has expected 0: the term is +Infinity, as in scipy and Evidently.
    statistic += expected === 0 ? Infinity : ((observed - expected) * (observed - expected)) / expected;
  }
  const df = keys.size - 1;
  if (df === 0) return { statistic, pValue: NaN, df };
  return { statistic, pValue: chiSquareSf(statistic, df), df };
}
