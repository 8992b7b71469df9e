import { describe, expect, it } from 'vitest';
import { chiSquareSf, computeChiSquare } from './chi-square';

const repeat = (v: string, n: number) => Array.from({ length: n }, () => v);

describe('computeChiSquare', () => {
  it('compares current counts with reference shares scaled to the current size (30/20 vs 25/25 gives 2, df 1)', () => {
    const r = computeChiSquare([...repeat('a', 50), ...repeat('b', 50)], [...repeat('a', 30), ...repeat('b', 20)]);
    expect(r.statistic).toBeCloseTo(2, 14);
    expect(r.df).toBe(1);
    // With df 1, chi2.sf(x) = erfc(√(x/2)); at x = 2 that is erfc(1) = 0.15729920705028513.
    expect(r.pValue).toBeCloseTo(0.15729920705028513, 14);
  });

  it('gives +Infinity and p 0 for a category seen only in current', () => {
    const r = computeChiSquare(['a', 'b'], ['a', 'b', 'c']);
    expect(r.statistic).toBe(Infinity);
    expect(r.pValue).toBe(0);
    expect(r.df).toBe(2);
  });

  it('stays finite for a category seen only in the reference (observed 0)', () => {
    const r = computeChiSquare(['a', 'b'], ['a', 'a']);
    expect(r.statistic).toBe(2);
  });

  it('has no p-value with a single category overall', () => {
    expect(computeChiSquare(['a'], ['a']).pValue).toBeNaN();
  });

  it('rejects empty samples and non-strings, naming them', () => {
    expect(() => computeChiSquare([], ['a'])).toThrow(/reference must not be empty/);
    expect(() => computeChiSquare(['a'], [1 as unknown as string])).toThrow(/current\[0\] must be a string/);
  });
});

describe('chiSquareSf', () => {
  it('is exp(-x/2) for df 2 and keeps relative accuracy deep in the tail', () => {
    for (const x of [0.5, 3, 40, 1400]) {
      const expected = Math.exp(-x / 2);
      expect(Math.abs(chiSquareSf(x, 2) - expected)).toBeLessThanOrEqual(1e-13 * expected);
    }
    expect(chiSquareSf(0, 3)).toBe(1);
    expect(chiSquareSf(Infinity, 3)).toBe(0);
  });
});
