import { describe, expect, it } from 'vitest';
import { emaSmooth } from './ema';

describe('emaSmooth', () => {
  it('returns the values unchanged with weight 0', () => {
    expect(emaSmooth([1, 5, 2], 0)).toEqual([1, 5, 2]);
  });

  it('is debiased: the first value is kept and a constant series stays constant', () => {
    expect(emaSmooth([4, 4, 4], 0.9)).toEqual([4, 4, 4].map(() => expect.closeTo(4, 12)));
    expect(emaSmooth([7, 0], 0.6)[0]).toBeCloseTo(7, 12);
  });

  it('matches the TensorBoard formula on a short series', () => {
    // last = 0.5*0 + 0.5*2 = 1, debias 0.5 → 2; last = 0.5*1 + 0.5*4 = 2.5, debias 0.75 → 3.333…
    const [a, b] = emaSmooth([2, 4], 0.5) as number[];
    expect(a).toBeCloseTo(2, 12);
    expect(b).toBeCloseTo(2.5 / 0.75, 12);
  });

  it('passes non-finite values and gaps through without letting them into the average', () => {
    const out = emaSmooth([1, NaN, null, Infinity, 1], 0.5);
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeNull();
    expect(out[3]).toBe(Infinity);
    expect(out[4]).toBeCloseTo(1, 12);
  });

  it('caps the weight below 1 so the line still moves', () => {
    const out = emaSmooth([0, 10, 10, 10], 1) as number[];
    expect(out[3]).toBeGreaterThan(0);
  });
});
