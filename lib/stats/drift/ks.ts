/**
 * Two-sample Kolmogorov-Smirnov test as scipy's ks_2samp(reference, current) runs it with its defaults
 * (two-sided, method 'auto'), which is what Evidently reports: the exact p-value while both samples have
 * at most 10,000 values, otherwise the finite-n Kolmogorov tail at n = round(n_ref·n_cur/(n_ref + n_cur)).
 */
import { kolmogorovSf } from './kolmogorov-sf';
import { probOutsideBand, probOutsideSquare } from './ks-exact';
import { assertNumericSample, type NumericSample } from './samples';

/** Largest sample size for which scipy's 'auto' method computes the exact p-value. */
export const MAX_EXACT_KS_N = 10_000;

export type KsMethod = 'exact' | 'asymp';

export interface KsResult {
  /** sup_x |F_ref(x) - F_cur(x)|, in [0, 1]; on the exact branch snapped to h / lcm(n_ref, n_cur). */
  statistic: number;
  /** P(D >= statistic) under the null of one continuous distribution, in [0, 1]. */
  pValue: number;
  /** Which p-value scipy's 'auto' method took. */
  method: KsMethod;
}

/**
 * The two-sided KS statistic: the largest gap between the right-continuous empirical CDFs, evaluated at
 * every pooled value so ties are handled.
 */
export function ksStatistic(reference: NumericSample, current: NumericSample): number {
  const a = [...reference].sort((x, y) => x - y);
  const b = [...current].sort((x, y) => x - y);
  let i = 0;
  let j = 0;
  let maxDiff = 0;
  let minDiff = 0;
  while (i < a.length || j < b.length) {
    // Step both ECDFs past the next pooled value, including all its ties in either sample.
    const v = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
    while (i < a.length && a[i] <= v) i++;
    while (j < b.length && b[j] <= v) j++;
    const diff = i / a.length - j / b.length;
    if (diff > maxDiff) maxDiff = diff;
    if (diff < minDiff) minDiff = diff;
  }
  return Math.max(-minDiff, maxDiff);
}

/** KS statistic, p-value and the branch taken, for numeric reference and current samples. */
export function computeKs(reference: NumericSample, current: NumericSample): KsResult {
  assertNumericSample('reference', reference);
  assertNumericSample('current', current);
  const n1 = reference.length;
  const n2 = current.length;
  const d = ksStatistic(reference, current);
  let statistic = d;
  if (Math.max(n1, n2) <= MAX_EXACT_KS_N) {
    const exact = exactKs(n1, n2, d);
    if (exact.pValue !== null) return { statistic: exact.statistic, pValue: exact.pValue, method: 'exact' };
    statistic = exact.statistic;
  }
  const [m, n] = n1 >= n2 ? [n1, n2] : [n2, n1];
  const en = roundHalfEven((m * n) / (m + n));
  return { statistic, pValue: clip(kolmogorovSf(statistic, en)), method: 'asymp' };
}

/**
 * The exact branch: D is snapped to h / lcm, the only values it can take, so rounding in the ECDF
 * differences cannot shift the p-value. The p-value is null where scipy would fall back to 'asymp' (a result
 * outside [0, 1]); the recursions used here stay in range, so that is a guard, not a path we expect.
 */
function exactKs(n1: number, n2: number, d: number): { statistic: number; pValue: number | null } {
  const g = gcd(n1, n2);
  const lcm = (n1 / g) * n2;
  const h = roundHalfEven(d * lcm);
  const statistic = h / lcm;
  if (h === 0) return { statistic, pValue: 1 };
  const p = n1 === n2 ? probOutsideSquare(n1, h) : probOutsideBand(n1, n2, g, h);
  return { statistic, pValue: p >= 0 && p <= 1 ? p : null };
}

/** numpy.round: to the nearest integer, halves to even. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

function clip(p: number): number {
  return Math.min(Math.max(p, 0), 1);
}
