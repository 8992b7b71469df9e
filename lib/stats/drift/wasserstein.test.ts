import { describe, expect, it } from 'vitest';
import { computeWassersteinNorm, populationStd, wassersteinDistance } from './wasserstein';

describe('computeWassersteinNorm', () => {
  it('divides the area between the ECDFs by the reference population std: a shift by 1 of {0, 1} gives 2', () => {
    expect(computeWassersteinNorm([0, 1], [1, 2])).toEqual({ value: 2, rawDistance: 1, norm: 0.5 });
  });

  it('floors the norm at 0.001 for a constant reference', () => {
    const r = computeWassersteinNorm([3, 3, 3], [4]);
    expect(r.norm).toBe(0.001);
    expect(r.rawDistance).toBe(1);
    expect(r.value).toBeCloseTo(1000, 9);
  });

  it('rejects empty and non-finite samples, naming them', () => {
    expect(() => computeWassersteinNorm([], [1])).toThrow(/reference must not be empty/);
    expect(() => computeWassersteinNorm([1], [NaN])).toThrow(/current\[0\] must be a finite number/);
  });
});

describe('wassersteinDistance', () => {
  it('weights each value equally within its sample: {0} vs {0, 0, 3} is 1', () => {
    expect(wassersteinDistance([0], [0, 0, 3])).toBe(1);
  });
});

describe('populationStd', () => {
  it('uses ddof 0', () => {
    expect(populationStd([2, 4, 4, 4, 5, 5, 7, 9])).toBe(2);
  });
});
