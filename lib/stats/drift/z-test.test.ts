import { describe, expect, it } from 'vitest';
import { computeZTest, twoSidedNormalP } from './z-test';

const repeat = <T>(value: T, n: number): T[] => new Array<T>(n).fill(value);
const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));

// Expected values: the formula evaluated in Python (math.erfc for the two-sided normal tail).
describe('computeZTest', () => {
  it('compares the share of the first sorted value, with the pooled standard error', () => {
    const r = computeZTest([...repeat('b', 40), ...repeat('a', 60)], [...repeat('a', 45), ...repeat('b', 55)]);
    close(r.statistic, 2.1239769762143657);
    close(r.pValue, 0.033672068856345876);
  });

  it('sorts numbers by value, and finds no drift between near-equal shares', () => {
    const r = computeZTest([...repeat(1, 70), ...repeat(0, 30)], [...repeat(0, 31), ...repeat(1, 69)]);
    close(r.statistic, -0.15358283506716305);
    close(r.pValue, 0.8779386719808685);
  });

  it('keeps the p-value of a large difference (no rounding to 0), and tests disjoint values', () => {
    const r = computeZTest([...repeat('x', 500), ...repeat('y', 500)], [...repeat('x', 100), ...repeat('y', 900)]);
    close(r.statistic, 19.518001458970662);
    expect(r.pValue / 7.719934594295977e-85).toBeCloseTo(1, 9);
    const disjoint = computeZTest(repeat('y', 10), repeat('x', 10));
    close(disjoint.statistic, -4.47213595499958);
    close(disjoint.pValue, 7.744216431044096e-6);
  });

  it('answers p = 1 when both samples hold one and the same value', () => {
    expect(computeZTest(repeat('a', 5), repeat('a', 3))).toEqual({ statistic: 0, pValue: 1 });
  });

  it('refuses empty samples and mixed kinds, naming the sample', () => {
    expect(() => computeZTest([], ['a'])).toThrow(/reference must not be empty/);
    expect(() => computeZTest(['a'], [1] as unknown as string[])).toThrow(/current\[0\] must be a string/);
  });
});

describe('twoSidedNormalP', () => {
  it('is erfc(|z| / √2)', () => {
    expect(twoSidedNormalP(0)).toBe(1);
    close(twoSidedNormalP(1.959963984540054), 0.05);
    close(twoSidedNormalP(-1.959963984540054), 0.05);
  });
});
