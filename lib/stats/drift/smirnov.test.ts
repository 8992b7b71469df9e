import { describe, expect, it } from 'vitest';
import { binomialPmf } from './binomial-pmf';
import { smirnovSf } from './smirnov';

const within = (actual: number, expected: number, rel: number) =>
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(rel * Math.abs(expected));

/** The Birnbaum-Tingey sum term by term with exact binomial coefficients; fine for small n. */
function directSum(n: number, x: number): number {
  let binomial = 1;
  let s = 0;
  for (let v = 0; v <= Math.floor(n * (1 - x)); v++) {
    if (v > 0) binomial = (binomial * (n - v + 1)) / v;
    s += binomial * (x + v / n) ** (v - 1) * (1 - x - v / n) ** (n - v);
  }
  return x * s;
}

describe('smirnovSf', () => {
  it('equals the Birnbaum-Tingey sum evaluated directly for small n', () => {
    for (const [n, x] of [[10, 0.3], [20, 0.17], [7, 0.61]]) within(smirnovSf(n, x), directSum(n, x), 1e-13);
  });

  it.each([
    [10, 0.3, 0.1354635556],
    [3, 0.5, 0.16666666666666666],
    [500, 0.08, 0.0015652529099678134],
    [100000, 0.005, 0.006715412488899804],
  ])('matches scipy.special.smirnov(%d, %d)', (n, x, expected) => {
    within(smirnovSf(n, x), expected, 1e-10);
  });

  it('is (1 - x)^n for x >= 1 - 1/n, 1 - x for n = 1, and 1 at x = 0', () => {
    within(smirnovSf(10, 0.95), 0.05 ** 10, 1e-12);
    expect(smirnovSf(1, 0.25)).toBe(0.75);
    expect(smirnovSf(50, 0)).toBe(1);
  });
});

describe('binomialPmf', () => {
  it('matches C(n, k) p^k q^(n-k) for small n and scipy.stats.binom.pmf far from the mean for large n', () => {
    within(binomialPmf(3, 10, 3, 7), 120 * 0.3 ** 3 * 0.7 ** 7, 1e-14);
    within(binomialPmf(49000, 100000, 50000, 50000), 5.1946592098898214e-12, 1e-12);
  });

  it('sums to 1 over 0 < k < n when the ends are added', () => {
    const n = 2000;
    const p = 0.37;
    let s = (1 - p) ** n + p ** n;
    for (let k = 1; k < n; k++) s += binomialPmf(k, n, n * p, n * (1 - p));
    within(s, 1, 1e-13);
  });
});
