import { describe, expect, it } from 'vitest';
import { computeJensenShannon, jensenShannonDistance } from './jensen-shannon';

describe('jensenShannonDistance', () => {
  it('is 0 for equal distributions and √ln 2 (natural log) or 1 (base 2) for disjoint ones', () => {
    expect(jensenShannonDistance([0.2, 0.8], [0.2, 0.8])).toBe(0);
    expect(jensenShannonDistance([1, 0], [0, 1])).toBeCloseTo(Math.sqrt(Math.LN2), 15);
    expect(jensenShannonDistance([1, 0], [0, 1], 2)).toBeCloseTo(1, 15);
  });

  it('normalises its inputs and matches the definition on a hand case', () => {
    // p = (1/2, 1/2), q = (1/4, 3/4), m = (3/8, 5/8).
    const kl = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * Math.log(x / b[i]), 0);
    const m = [3 / 8, 5 / 8];
    const expected = Math.sqrt((kl([0.5, 0.5], m) + kl([0.25, 0.75], m)) / 2);
    expect(jensenShannonDistance([2, 2], [1, 3])).toBeCloseTo(expected, 15);
  });

  it('rejects vectors of different lengths', () => {
    expect(() => jensenShannonDistance([1], [0.5, 0.5])).toThrow(/same length/);
  });
});

describe('computeJensenShannon', () => {
  it('reports the log base and that base 2 is the natural-log distance divided by √ln 2', () => {
    const e = computeJensenShannon(['a', 'b', 'b'], ['a', 'a', 'c']);
    const two = computeJensenShannon(['a', 'b', 'b'], ['a', 'a', 'c'], { base: 2 });
    expect(e.logBase).toBe('e');
    expect(two.logBase).toBe(2);
    expect(two.value).toBeCloseTo(e.value / Math.sqrt(Math.LN2), 14);
  });

  it('rejects an unknown base, naming it', () => {
    expect(() => computeJensenShannon(['a'], ['a'], { base: 10 as unknown as 2 })).toThrow(/base must be/);
  });
});
