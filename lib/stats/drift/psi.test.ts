import { describe, expect, it } from 'vitest';
import { computePsi, zeroFillFor } from './psi';

describe('computePsi', () => {
  it('is Σ (p_ref - p_cur) ln(p_ref / p_cur): shares 1/2,1/2 against 1/4,3/4 give ln(3)/4', () => {
    const r = computePsi(['a', 'b'], ['a', 'b', 'b', 'b']);
    expect(r.value).toBeCloseTo(Math.log(3) / 4, 15);
    expect(r.zeroFill).toEqual({ reference: null, current: null });
    expect(r.nBins).toBe(2);
  });

  it('is 0 for samples with the same shares', () => {
    expect(computePsi(['x', 'y'], ['y', 'x', 'x', 'y']).value).toBe(0);
  });

  it('fills a zero share with 0.0001 when the smallest non-zero share exceeds 0.0001', () => {
    const r = computePsi(['a', 'a'], ['a', 'b']);
    expect(r.zeroFill).toEqual({ reference: 0.0001, current: null });
    const expected = (1 - 0.5) * Math.log(1 / 0.5) + (0.0001 - 0.5) * Math.log(0.0001 / 0.5);
    expect(r.value).toBeCloseTo(expected, 12);
  });

  it('accepts a numeric bins option and the Sturges rule', () => {
    const reference = Array.from({ length: 100 }, (_, i) => i);
    const current = Array.from({ length: 100 }, (_, i) => i + 30);
    expect(computePsi(reference, current, { bins: 5 }).nBins).toBe(5);
    expect(computePsi(reference, current, { bins: 'sturges' }).binning).toBe('equal_width_combined_sturges');
  });
});

describe('zeroFillFor', () => {
  it('uses the smallest non-zero share / 1e6 when that share is at most 0.0001', () => {
    expect(zeroFillFor([0.00005, 0.99995, 0])).toBeCloseTo(0.00005 / 1e6, 25);
    expect(zeroFillFor([0.0001, 0.9999, 0])).toBe(0.0001 / 1e6);
    expect(zeroFillFor([0.5, 0.5])).toBeNull();
  });
});
