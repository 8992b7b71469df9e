import { describe, expect, it } from 'vitest';
import { computeChiSquare } from './chi-square';
import { chooseDefaultMethod, DEFAULT_THRESHOLDS, detectDrift, isDrifted } from './choose-method';
import { computeKs } from './ks';
import { computeWassersteinNorm } from './wasserstein';
import { computeZTest } from './z-test';

const range = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

describe('chooseDefaultMethod', () => {
  it('picks KS / chi-square for references of at most 1000 rows and Wasserstein / Jensen-Shannon above', () => {
    expect(chooseDefaultMethod('numeric', 1000, 500)).toBe('ks');
    expect(chooseDefaultMethod('numeric', 1001, 500)).toBe('wasserstein');
    expect(chooseDefaultMethod('categorical', 1000, 4)).toBe('chisquare');
    expect(chooseDefaultMethod('categorical', 1001, 4)).toBe('jensenshannon');
  });

  it('treats numeric columns with at most 5 distinct values like categories', () => {
    expect(chooseDefaultMethod('numeric', 200, 5)).toBe('chisquare');
    expect(chooseDefaultMethod('numeric', 5000, 5)).toBe('jensenshannon');
    expect(chooseDefaultMethod('numeric', 5000, 6)).toBe('wasserstein');
  });

  it('picks the two-proportion z-test for small columns with at most two values', () => {
    expect(chooseDefaultMethod('categorical', 1000, 2)).toBe('z');
    expect(chooseDefaultMethod('numeric', 300, 2)).toBe('z');
    expect(chooseDefaultMethod('categorical', 1000, 3)).toBe('chisquare');
    expect(chooseDefaultMethod('categorical', 1001, 2)).toBe('jensenshannon');
  });
});

describe('isDrifted', () => {
  it('uses Evidently\'s comparisons: KS p <= t, chi-square p < t, distances >= t', () => {
    expect(DEFAULT_THRESHOLDS).toEqual({ ks: 0.05, chisquare: 0.05, z: 0.05, wasserstein: 0.1, jensenshannon: 0.1, psi: 0.1 });
    expect(isDrifted('z', 0.05)).toBe(false);
    expect(isDrifted('z', 0.0499)).toBe(true);
    expect(isDrifted('ks', 0.05)).toBe(true);
    expect(isDrifted('chisquare', 0.05)).toBe(false);
    expect(isDrifted('psi', 0.1)).toBe(true);
    expect(isDrifted('wasserstein', 0.0999)).toBe(false);
    expect(isDrifted('chisquare', NaN)).toBe(false);
  });
});

describe('detectDrift', () => {
  it('runs the z-test on a small two-valued column', () => {
    const reference = [...Array<string>(60).fill('a'), ...Array<string>(40).fill('b')];
    const current = [...Array<string>(45).fill('a'), ...Array<string>(55).fill('b')];
    const v = detectDrift(reference, current);
    expect(v).toEqual({ method: 'z', threshold: 0.05, score: computeZTest(reference, current).pValue, drifted: true });
  });

  it('runs KS on a small numeric column and reports its p-value as the score', () => {
    const reference = range(300, (i) => i / 300);
    const current = range(300, (i) => i / 300 + 0.2);
    const v = detectDrift(reference, current);
    expect(v.method).toBe('ks');
    expect(v.score).toBe(computeKs(reference, current).pValue);
    expect(v.drifted).toBe(true);
  });

  it('runs normed Wasserstein on a large numeric column, with a caller threshold', () => {
    const reference = range(2000, (i) => i / 2000);
    const current = range(2000, (i) => i / 2000 + 0.01);
    const v = detectDrift(reference, current, { threshold: 0.5 });
    expect(v).toEqual({
      method: 'wasserstein',
      threshold: 0.5,
      score: computeWassersteinNorm(reference, current).value,
      drifted: false,
    });
  });

  it('refuses a chosen method that does not apply to the column kind, naming it', () => {
    expect(() => detectDrift(['a', 'b'], ['a'], { method: 'ks' })).toThrow(/method 'ks' does not apply to categorical/);
    expect(() => detectDrift([1, 2], [1], { method: 'chisquare' })).toThrow(/method 'chisquare' does not apply to numeric/);
  });

  it('defaults a small few-valued numeric column to chi-square over its values, as Evidently does', () => {
    const reference = range(100, (i) => i % 3);
    const current = range(90, (i) => (i % 2) + 1);
    const v = detectDrift(reference, current);
    expect(v.method).toBe('chisquare');
    expect(v.score).toBe(computeChiSquare(reference.map(String), current.map(String)).pValue);
    expect(v.drifted).toBe(true);
  });
});
