/**
 * Upper tail of the one-sided Kolmogorov-Smirnov statistic, P(D_n+ >= x) (scipy.special.smirnov), which
 * kolmogorov-sf.ts doubles for the two-sided tail where the two one-sided events cannot both happen
 * (x >= 0.5) or where their joint probability is below double precision.
 */

import { binomialPmf, exactProduct } from './binomial-pmf';

/** ln of the smallest normal double: where -2n·x² is below it, the tail is 0 in double precision. */
const MIN_LOG = -708.3964185322641;

/** Above this n the exact sum would take too long; scipy switches to an asymptotic formula there too. */
const MAX_EXACT_N = 1_000_000;

/**
 * P(D_n+ >= x) for integer n >= 1 and 0 <= x <= 1, by the Birnbaum-Tingey sum
 * x Σ_{v=0}^{⌊n(1-x)⌋} C(n, v) (x + v/n)^(v-1) (1 - x - v/n)^(n-v). Each term is a binomial probability
 * (see binomial-pmf.ts), so nothing overflows and the sum of up to n positive terms keeps about 1e-12
 * relative accuracy where a running sum of log binomial coefficients would lose ~1e-9 at n = 250,000.
 */
export function smirnovSf(n: number, x: number): number {
  if (!(n >= 1 && Number.isInteger(n) && x >= 0 && x <= 1)) return NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const nxFloor = Math.floor(n * x);
  if (nxFloor === 0) return 1 - x * (1 + x) ** (n - 1);
  if (-2 * n * x * x < MIN_LOG) return 0;
  if (nxFloor >= n - 1) return (1 - x) ** n;
  if (n > MAX_EXACT_N) {
    // Smirnov's corrected asymptotic: P ≈ exp(-(6nx + 1)² / (18n)).
    const logp = -((6 * n * x + 1) ** 2) / 18 / n;
    return logp < -Math.LN2 ? Math.exp(logp) : 1 + Math.expm1(logp);
  }
  // n·x exactly as hi + lo, so n·(1 - x - v/n) = (n - v) - n·x keeps its relative accuracy near the end.
  const [nxHi, nxLo] = exactProduct(n, x);
  const lastV = n - nxFloor - 1;
  // v = 0 term: (1 - x)^n / x.
  let sum = Math.exp(n * Math.log1p(-x)) / x;
  for (let v = 1; v <= lastV; v++) {
    const np = nxHi + v + nxLo;
    const nq = n - v - nxHi - nxLo;
    if (nq <= 0) break;
    // C(n, v) p^(v-1) q^(n-v) with p = x + v/n is the binomial probability of v at p, divided by p.
    const term = binomialPmf(v, n, np, nq) / (np / n);
    sum += term;
    // Past the mode the terms fall off fast; stop once the rest cannot change the sum in double precision.
    if (term !== 0 && 4 * (lastV - v + 1) * term < Number.EPSILON * sum && v !== lastV) break;
    if (term === 0 && v > n / 2) break;
  }
  return Math.min(Math.max(x * sum, 0), 1);
}
