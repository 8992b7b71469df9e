import { describe, expect, it } from 'vitest';
import { kolmogorovSf } from './kolmogorov-sf';
import { computeKs, ksStatistic, roundHalfEven } from './ks';
import { probOutsideBand, probOutsideSquare } from './ks-exact';

const within = (actual: number, expected: number, rel = 1e-9) =>
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));

// Deterministic samples from modular arithmetic, so scipy saw exactly these doubles.
const seq = (n: number, mult: number, mod: number, scale = 1) =>
  Array.from({ length: n }, (_, i) => (((i * mult) % mod) / mod) * scale);

describe('ksStatistic', () => {
  it('evaluates both ECDFs at every pooled value, ties included', () => {
    // scipy.stats.ks_2samp([1,2,2,3,5], [2,2,4,6,7,8,9]).statistic = 4/7.
    expect(ksStatistic([1, 2, 2, 3, 5], [2, 2, 4, 6, 7, 8, 9])).toBeCloseTo(4 / 7, 15);
    expect(ksStatistic([1, 2, 3], [1, 2, 3])).toBe(0);
  });
});

describe('computeKs, exact branch', () => {
  it('gives C(6,3)⁻¹·2 = 0.1 for fully separated samples of 3 and 3, and 2/C(5,2) = 0.2 for 2 and 3', () => {
    expect(computeKs([1, 2, 3], [4, 5, 6])).toEqual({ statistic: 1, pValue: expect.closeTo(0.1, 15), method: 'exact' });
    expect(computeKs([1, 2], [3, 4, 5])).toEqual({ statistic: 1, pValue: expect.closeTo(0.2, 15), method: 'exact' });
  });

  it('matches scipy on a tied, unequal-size case (p = 0.23737373737373738)', () => {
    const r = computeKs([1, 2, 2, 3, 5], [2, 2, 4, 6, 7, 8, 9]);
    within(r.pValue, 0.23737373737373738);
    expect(r.method).toBe('exact');
  });

  it('snaps the statistic to h / lcm(n_ref, n_cur) and gives p 1 when h is 0', () => {
    const r = computeKs([5, 5, 5], [5, 5]);
    expect(r).toEqual({ statistic: 0, pValue: 1, method: 'exact' });
  });

  it('stays exact at 10,000 values per sample (scipy: D 0.0099, p 0.7112026399498019)', () => {
    const r = computeKs(seq(10000, 7919, 10000), seq(10000, 7, 10000, 1.01));
    expect(r.method).toBe('exact');
    within(r.statistic, 0.0099);
    within(r.pValue, 0.7112026399498019);
  });

  it('rejects empty and non-finite samples, naming them', () => {
    expect(() => computeKs([], [1])).toThrow(/reference must not be empty/);
    expect(() => computeKs([1], [Number.NEGATIVE_INFINITY])).toThrow(/current\[0\] must be a finite number/);
  });
});

describe('computeKs, asymptotic branch (max n > 10,000), against scipy 1.17.1 ks_2samp', () => {
  it.each([
    ['10007 vs 12011, strong drift', seq(10007, 7919, 10007), seq(12011, 7, 12011, 1.05), 0.04770626925318455, 3.0957816370046435e-11],
    ['10007 vs 12011, no drift', seq(10007, 7919, 10007), seq(12011, 7, 12011, 1.003), 0.003080509532928155, 0.9999999992197754],
    ['10000 vs 10001', seq(10000, 7919, 10000), seq(10001, 7, 10001, 1.01), 0.009999000099989996, 0.6955741661579284],
    ['100 vs 20000 (n = 100, Pomeranz region)', seq(100, 37, 100).map((x) => x + 0.001), seq(20000, 7, 20000, 1.15), 0.13824999999999998, 0.039561311811696816],
  ])('%s', (_name, reference, current, statistic, pValue) => {
    const r = computeKs(reference, current);
    expect(r.method).toBe('asymp');
    within(r.statistic, statistic);
    within(r.pValue, pValue);
  });

  it('agrees with the exact branch across the switch to within 1%: same D, n = 10,000 each vs kstwo at n = 5,000', () => {
    const exact = probOutsideSquare(10000, 99);
    const asymp = kolmogorovSf(99 / 10000, 5000);
    expect(Math.abs(asymp / exact - 1)).toBeLessThan(0.01);
  });
});

describe('exact path counts', () => {
  it('probOutsideBand agrees with probOutsideSquare when the sizes are equal', () => {
    for (const [n, h] of [[5, 2], [20, 7], [50, 10]]) {
      expect(probOutsideBand(n, n, n, h)).toBeCloseTo(probOutsideSquare(n, h), 13);
    }
  });

  it('probOutsideBand is symmetric in the two sizes', () => {
    expect(probOutsideBand(7, 3, 1, 9)).toBe(probOutsideBand(3, 7, 1, 9));
  });
});

describe('roundHalfEven', () => {
  it('rounds halves to even like numpy.round', () => {
    expect([0.5, 1.5, 2.5, 3.5, 2.4, 2.6].map(roundHalfEven)).toEqual([0, 2, 2, 4, 2, 3]);
  });
});
