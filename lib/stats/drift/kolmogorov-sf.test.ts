/**
 * kstwo.sf has no case in drift_cases.json, so it is checked three ways: against values printed by
 * scipy 1.17.1's scipy.stats.kstwo.sf (whose _ksstats.py and smirnov are the algorithms scipy 1.10.1 ships),
 * one per region of its method choice; against the published closed forms of Ruben and Gambino; and against
 * the Kolmogorov limit with the classical 1/(6√n) continuity shift as n grows.
 */
import { describe, expect, it } from 'vitest';
import { kolmogorovSf } from './kolmogorov-sf';

const within = (actual: number, expected: number, rel: number) =>
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(rel * Math.abs(expected));

/** Kolmogorov's limiting tail K(z) = 2 Σ (-1)^(k-1) exp(-2k²z²). */
function kolmogorovLimit(z: number): number {
  let s = 0;
  for (let k = 1; k <= 100; k++) s += (k % 2 ? 2 : -2) * Math.exp(-2 * k * k * z * z);
  return s;
}

describe('kolmogorovSf against scipy.stats.kstwo.sf', () => {
  it.each([
    ['Ruben-Gambino lower end', 0.18, 5, 0.987417088],
    ['Ruben-Gambino upper end', 0.9833333333333333, 30, 9.046747814154837e-54],
    ['d >= 0.5: twice the one-sided tail', 0.55, 40, 6.839711201497781e-12],
    ['n <= 140, Durbin matrix', 0.07, 120, 0.5745532331712968],
    ['n <= 140, Pomeranz', 0.15, 100, 0.019839242125641813],
    ['n <= 140, twice the one-sided tail', 0.25, 100, 5.408871776434847e-6],
    ['n > 140, Durbin matrix', 0.035, 200, 0.959895555633483],
    ['n > 140, Durbin matrix, sf near 1', 0.0075, 2000, 0.9998386991703584],
    ['Pelz-Good, n·d^1.5 > 1.4', 0.00758946638440411, 25000, 0.11168219816101665],
    ['Pelz-Good, n > 100,000', 0.0018, 250000, 0.39227085641503323],
    ['twice the one-sided tail, large n', 0.009486832980505138, 25000, 0.02207681030930623],
    ['twice the one-sided tail, far tail', 0.0175, 40000, 4.5194211322507545e-11],
    ['twice the one-sided tail, n = 250,000', 0.005, 250000, 7.428069840216574e-6],
    ['Smirnov asymptotic, n > 1e6', 0.0012020815280171307, 2_000_000, 0.006172482111144204],
  ])('%s (d = %d, n = %d)', (_region, d, n, expected) => {
    within(kolmogorovSf(d, n), expected, 1e-9);
  });

  it('is exactly 0 for n·d² >= 370 and at d >= 1, and 1 at d <= 1/(2n)', () => {
    expect(kolmogorovSf(0.08944271909999159, 50000)).toBe(0);
    expect(kolmogorovSf(1, 10)).toBe(0);
    expect(kolmogorovSf(0.05, 10)).toBe(1);
  });
});

describe('kolmogorovSf closed forms (Ruben and Gambino 1982)', () => {
  it('is 1 - n!/n^n (2nd - 1)^n for 1/(2n) <= d <= 1/n', () => {
    // n = 3, d = 0.3: 1 - (6/27) · 0.8³.
    within(kolmogorovSf(0.3, 3), 1 - (6 / 27) * 0.8 ** 3, 1e-14);
  });

  it('is 2 (1 - d)^n for d >= 1 - 1/n', () => {
    within(kolmogorovSf(0.95, 12), 2 * (1 - 0.95) ** 12, 1e-13);
  });
});

describe('kolmogorovSf as n grows', () => {
  it.each([20000, 200000, 1_000_000, 3_000_000])('at n = %d is within 1e-3 of K(z + 1/(6√n)) for d = z/√n', (n) => {
    for (const z of [0.6, 1.0, 1.36, 1.63, 2.0]) {
      within(kolmogorovSf(z / Math.sqrt(n), n), kolmogorovLimit(z + 1 / (6 * Math.sqrt(n))), 1e-3);
    }
  });

  it('approaches the Kolmogorov limit: the gap to K(z) shrinks as n grows (z = 1.36, K ≈ 0.0495)', () => {
    const gaps = [20000, 200000, 3_000_000].map((n) => Math.abs(kolmogorovSf(1.36 / Math.sqrt(n), n) / kolmogorovLimit(1.36) - 1));
    expect(gaps[0]).toBeGreaterThan(gaps[1]);
    expect(gaps[1]).toBeGreaterThan(gaps[2]);
    expect(gaps[2]).toBeLessThan(1e-3);
    expect(kolmogorovLimit(1.36)).toBeCloseTo(0.0494858767553779, 12);
  });

  it('rejects a non-integer n, naming it', () => {
    expect(() => kolmogorovSf(0.1, 2.5)).toThrow(/n must be a positive integer/);
  });
});
