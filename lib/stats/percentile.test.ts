import { describe, expect, it } from 'vitest';
import { percentile, percentiles } from './percentile';
import { driftReference, expectWithinReferenceTolerance, type PercentileTriple } from '@/test/drift-reference';
import { seededRandom } from './seeded-random';

/**
 * Reference: the "percentiles" section of test/fixtures/drift-cases.json, expected.exact
 * (numpy.percentile, method 'linear'). A value matches when |actual − expected| ≤ 1e-9 · max(1, |expected|),
 * the file's tolerance.
 */

type Exact = PercentileTriple;

interface ReferenceCase {
  name: string;
  n: number;
  expected: Exact;
  windows: { slice: [number, number]; expected: Exact }[];
}

const QUANTILES = { p50: 0.5, p95: 0.95, p99: 0.99 } as const;

const reference = driftReference().percentiles;
const REFERENCE_CASES: ReferenceCase[] = reference.cases.map((c) => ({
  name: c.name,
  n: c.values.length,
  expected: c.expected.exact,
  windows: (c.windows ?? []).map((w) => ({ slice: w.slice, expected: w.expected.exact })),
}));
/** The reference's latency samples in ms, by case. */
const referenceValues = (): Record<string, number[]> => Object.fromEntries(reference.cases.map((c) => [c.name, c.values]));

const expectClose = expectWithinReferenceTolerance;

function expectExact(values: readonly number[], expected: Exact) {
  for (const [key, q] of Object.entries(QUANTILES)) expectClose(percentile(values, q), expected[key as keyof Exact]);
  expect(percentiles(values, Object.values(QUANTILES))).toEqual(Object.values(QUANTILES).map((q) => percentile(values, q)));
}

describe('percentile on the reference cases', () => {
  const values = referenceValues();

  it('has the four cases of the reference, with their stated sizes', () => {
    expect(REFERENCE_CASES.map((c) => [c.name, c.n])).toEqual([
      ['api_lognormal_n2000', 2000],
      ['cache_bimodal_n1500', 1500],
      ['small_uniform_n20', 20],
      ['timeouts_beyond_last_bucket', 500],
    ]);
  });

  it.each(REFERENCE_CASES)('$name: p50, p95 and p99 of all values and of each window', (c) => {
    expectExact(values[c.name], c.expected);
    for (const w of c.windows) expectExact(values[c.name].slice(...w.slice), w.expected);
  });
});

describe('percentile', () => {
  it('evaluates the interpolation as numpy does, to the last bit', () => {
    // numpy.percentile (2.4) outputs where x[i] + t·(x[i+1] − x[i]) would be one ulp off: numpy takes
    // x[i+1] − (1 − t)·(x[i+1] − x[i]) when t ≥ 0.5.
    expect(percentile([119.628, 62.455], 0.9)).toBe(113.9107);
    expect(percentile([282.051, 72.612, 21.797, 55.885, 202.974, 263.513], 0.1)).toBe(38.841);
    expect(percentile([225.994, 131.105, 131.001, 49.729], 0.33)).toBe(130.18828);
  });

  it('gives the order statistic itself where (n − 1)·q is whole, the minimum at 0 and the maximum at 1', () => {
    const values = [7, 1, 9, 3, 5];
    expect(percentiles(values, [0, 0.25, 0.5, 0.75, 1])).toEqual([1, 3, 5, 7, 9]);
    expect(percentiles([42], [0, 0.5, 0.99, 1])).toEqual([42, 42, 42, 42]);
  });

  it('lies between the two order statistics around rank (n − 1)·q, rises with q, and ignores input order', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const r = seededRandom(seed);
      const values = Array.from({ length: 1 + Math.floor(r() * 60) }, () => Math.round(r() * 5000) / 1000);
      const sorted = [...values].sort((a, b) => a - b);
      const qs = Array.from({ length: 25 }, (_, k) => k / 24);
      const results = percentiles(values, qs) as number[];
      qs.forEach((q, k) => {
        const h = (values.length - 1) * q;
        expect(results[k]).toBeGreaterThanOrEqual(sorted[Math.floor(h)]);
        expect(results[k]).toBeLessThanOrEqual(sorted[Math.ceil(h)]);
        if (k > 0) expect(results[k]).toBeGreaterThanOrEqual(results[k - 1]);
      });
      expect(percentiles(values.toReversed(), qs)).toEqual(results);
    }
  });

  it('leaves its input unsorted', () => {
    const values = [3, 1, 2];
    percentile(values, 0.5);
    expect(values).toEqual([3, 1, 2]);
  });

  it('answers null, not NaN, for no values', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentiles([], [0, 0.5, 1])).toEqual([null, null, null]);
  });

  it('refuses q outside [0, 1] and non-finite values, naming the argument', () => {
    for (const q of [-0.5, 1.5, NaN]) expect(() => percentile([1, 2], q)).toThrow(new RangeError(`q must be within [0, 1], got ${q}`));
    expect(() => percentiles([1, 2], [0.5, 95])).toThrow(new RangeError('qs[1] must be within [0, 1], got 95'));
    expect(() => percentile([1, NaN, 3], 0.5)).toThrow(new RangeError('values[1] must be a finite number, got NaN'));
    expect(() => percentile([Infinity], 0.5)).toThrow(new RangeError('values[0] must be a finite number, got Infinity'));
  });
});
