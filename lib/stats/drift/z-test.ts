/**
 * Evidently's two-proportion z-test, its default for small columns with at most two distinct values: the
 * share of rows equal to the first value (values sorted, numbers by value, strings by code point) in the
 * reference against that share in current, with the pooled standard error. When both samples hold one
 * and the same value there is nothing to compare and p is 1.
 */
import gammainc from '@stdlib/math-base-special-gammainc';
import { checkSamplePair, type Sample } from './samples';

export interface ZTestResult {
  /** (p_ref - p_cur) / sqrt(P (1 - P) (1/n_ref + 1/n_cur)), P the pooled share; 0 when p is 1 by rule. */
  statistic: number;
  /** Two-sided normal p-value, in [0, 1]. */
  pValue: number;
}

/**
 * Two-sided upper tail of the standard normal, P(|Z| >= |z|) = erfc(|z| / √2) = Q(1/2, z² / 2): the
 * regularized upper incomplete gamma keeps its relative accuracy in the far tail, where Evidently's
 * 2 (1 - cdf) rounds to 0 (beyond |z| ≈ 8.3); the verdict is the same.
 */
export function twoSidedNormalP(z: number): number {
  if (Number.isNaN(z)) return NaN;
  if (z === 0) return 1;
  return gammainc((z * z) / 2, 0.5, true, true);
}

export function computeZTest(reference: Sample, current: Sample): ZTestResult {
  const kind = checkSamplePair(reference, current);
  const values = [...new Set<number | string>([...reference, ...current])];
  if (values.length === 1) return { statistic: 0, pValue: 1 };
  const first = kind === 'numeric' ? Math.min(...(values as number[])) : (values as string[]).sort()[0];
  const share = (sample: Sample) => sample.reduce<number>((n, v) => n + (v === first ? 1 : 0), 0) / sample.length;
  const pRef = share(reference);
  const pCur = share(current);
  const pooled = (pRef * reference.length + pCur * current.length) / (reference.length + current.length);
  const statistic = (pRef - pCur) / Math.sqrt(pooled * (1 - pooled) * (1 / reference.length + 1 / current.length));
  return { statistic, pValue: twoSidedNormalP(statistic) };
}
