import { describe, expect, it } from 'vitest';
import {
  bucketOf,
  histogram,
  histogramQuantile,
  LATENCY_BUCKET_BOUNDS_MS,
  LATENCY_BUCKET_COUNT,
  mergeHistograms,
  summarizeLatency,
} from './latency-histogram';
import { driftReference, expectWithinReferenceTolerance, type PercentileTriple } from '@/test/drift-reference';
import { seededRandom } from './seeded-random';

/**
 * Reference: the "percentiles" section of test/fixtures/drift-cases.json (bucket counts and Prometheus
 * histogram_quantile estimates). A value matches when |actual − expected| ≤ 1e-9 · max(1, |expected|),
 * the file's tolerance.
 */

type Estimates = PercentileTriple;

interface ReferenceCase {
  name: string;
  n: number;
  bucketCounts: number[];
  expected: Estimates;
  windows: { slice: [number, number]; bucketCounts: number[]; expected: Estimates }[];
}

const reference = driftReference().percentiles;
const REFERENCE_BUCKET_UPPER_BOUNDS = reference.bucket_upper_bounds;
const REFERENCE_CASES: ReferenceCase[] = reference.cases.map((c) => ({
  name: c.name,
  n: c.values.length,
  bucketCounts: c.bucket_counts,
  expected: c.expected.histogram,
  windows: (c.windows ?? []).map((w) => ({ slice: w.slice, bucketCounts: w.bucket_counts, expected: w.expected.histogram })),
}));
/** The reference's latency samples in ms, by case. */
const referenceValues = (): Record<string, number[]> => Object.fromEntries(reference.cases.map((c) => [c.name, c.values]));
const QUANTILES = { p50: 0.5, p95: 0.95, p99: 0.99 } as const;

const expectClose = expectWithinReferenceTolerance;

function expectEstimates(counts: readonly number[], expected: Estimates) {
  for (const [key, q] of Object.entries(QUANTILES)) expectClose(histogramQuantile(q, counts), expected[key as keyof Estimates]);
}

/** Latencies spread over every bucket, +Inf included, with some values exactly on a bound. */
function latencies(n: number, seed: number): number[] {
  const r = seededRandom(seed);
  return Array.from({ length: n }, () => {
    if (r() < 0.1) return LATENCY_BUCKET_BOUNDS_MS[Math.floor(r() * LATENCY_BUCKET_BOUNDS_MS.length)];
    return Math.round(Math.exp(r() * Math.log(40_000)) * 1000) / 1000;
  });
}

/** The bucket whose cumulative range (below, below + count] holds the rank, by brute force; null past the finite buckets. */
function bucketHoldingRank(counts: readonly number[], rank: number): number | null {
  let below = 0;
  for (let b = 0; b < LATENCY_BUCKET_BOUNDS_MS.length; b++) {
    if (counts[b] > 0 && rank <= below + counts[b]) return b;
    below += counts[b];
  }
  return null;
}

const empty = () => new Array<number>(LATENCY_BUCKET_COUNT).fill(0);

describe('the reference cases', () => {
  const values = referenceValues();

  it('use the same bucket bounds as ours', () => {
    expect([...LATENCY_BUCKET_BOUNDS_MS]).toEqual(REFERENCE_BUCKET_UPPER_BOUNDS);
    expect(LATENCY_BUCKET_COUNT).toBe(REFERENCE_BUCKET_UPPER_BOUNDS.length + 1);
  });

  it('are the four of the reference, each with its own bounds equal to ours', () => {
    expect(REFERENCE_CASES.map((c) => c.name)).toEqual(['api_lognormal_n2000', 'cache_bimodal_n1500', 'small_uniform_n20', 'timeouts_beyond_last_bucket']);
    for (const c of reference.cases) expect(c.bucket_upper_bounds).toEqual([...LATENCY_BUCKET_BOUNDS_MS]);
  });

  describe.each(REFERENCE_CASES)('$name', (c) => {
    const all = values[c.name];

    it('histogram gives the reference bucket counts', () => {
      expect(histogram(all)).toEqual(c.bucketCounts);
    });

    it('histogramQuantile gives the reference p50, p95 and p99', () => {
      expectEstimates(c.bucketCounts, c.expected);
    });

    it('summarizeLatency gives the count and the same estimates', () => {
      const s = summarizeLatency(histogram(all));
      expect(s.count).toBe(c.n);
      for (const key of Object.keys(QUANTILES) as (keyof Estimates)[]) expectClose(s[key], c.expected[key]);
    });
  });

  describe.each(REFERENCE_CASES.filter((c) => c.windows.length > 0))('$name, split into time windows', (c) => {
    const all = values[c.name];

    it('has consecutive windows covering every value', () => {
      const bounds = c.windows.flatMap((w) => w.slice);
      expect(bounds[0]).toBe(0);
      expect(bounds[bounds.length - 1]).toBe(c.n);
      for (let i = 1; i < c.windows.length; i++) expect(c.windows[i].slice[0]).toBe(c.windows[i - 1].slice[1]);
    });

    it('gives each window the reference counts and estimates, and merged windows the whole range\'s', () => {
      const parts = c.windows.map((w) => {
        const counts = histogram(all.slice(...w.slice));
        expect(counts).toEqual(w.bucketCounts);
        expectEstimates(counts, w.expected);
        return counts;
      });
      const merged = mergeHistograms(...parts);
      expect(merged).toEqual(c.bucketCounts);
      expect(merged).toEqual(histogram(all));
      expectEstimates(merged, c.expected);
    });
  });

  it('cover a rank in the first bucket, in the +Inf bucket, and ranks on a bucket edge', () => {
    // The first bucket starts at 0: p50 of cache_bimodal is 5 × (750 / 895).
    const bimodal = REFERENCE_CASES.find((c) => c.name === 'cache_bimodal_n1500')!;
    expect(bucketHoldingRank(bimodal.bucketCounts, 0.5 * bimodal.n)).toBe(0);
    expectClose(histogramQuantile(0.5, bimodal.bucketCounts), 5 * (750 / 895));
    // p99 of the timeouts is in +Inf: the answer is the largest finite bound.
    const timeouts = REFERENCE_CASES.find((c) => c.name === 'timeouts_beyond_last_bucket')!;
    expect(bucketHoldingRank(timeouts.bucketCounts, 0.99 * timeouts.n)).toBeNull();
    expect(histogramQuantile(0.99, timeouts.bucketCounts)).toBe(10000);
    // small_uniform's p50 rank (10) is exactly the cumulative count of the 250 ms bucket: its upper edge.
    const small = REFERENCE_CASES.find((c) => c.name === 'small_uniform_n20')!;
    expect(histogramQuantile(0.5, small.bucketCounts)).toBe(250);
  });
});

describe('bucketOf', () => {
  it('puts a value equal to a bound in that bound\'s bucket and anything just above it in the next', () => {
    LATENCY_BUCKET_BOUNDS_MS.forEach((bound, i) => {
      expect(bucketOf(bound)).toBe(i);
      expect(bucketOf(bound + 0.001)).toBe(i + 1);
    });
  });

  it('puts zero and negative values in the first bucket and values past 10 s (or +Infinity) in +Inf', () => {
    expect([bucketOf(0), bucketOf(-3), bucketOf(-Infinity), bucketOf(4.999)]).toEqual([0, 0, 0, 0]);
    expect([bucketOf(10000.001), bucketOf(1e9), bucketOf(Infinity)]).toEqual([11, 11, 11]);
  });

  it('refuses NaN, naming the value', () => {
    expect(() => bucketOf(NaN)).toThrow(new RangeError('value must be a latency in milliseconds, got NaN'));
    expect(() => histogram([1, NaN])).toThrow(RangeError);
  });
});

describe('mergeHistograms', () => {
  it('of any split of the values into windows equals the histogram of the union', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const values = latencies(400, seed);
      const r = seededRandom(seed + 100);
      const cuts = [0, ...Array.from({ length: 1 + Math.floor(r() * 6) }, () => Math.floor(r() * values.length)).sort((a, b) => a - b), values.length];
      const windows = cuts.slice(1).map((end, i) => histogram(values.slice(cuts[i], end)));
      expect(mergeHistograms(...windows)).toEqual(histogram(values));
      expect(mergeHistograms(...windows.toReversed())).toEqual(histogram(values));
      expect(mergeHistograms(mergeHistograms(...windows.slice(0, 2)), ...windows.slice(2))).toEqual(histogram(values));
    }
  });

  it('of nothing is the empty histogram, which leaves another unchanged', () => {
    expect(mergeHistograms()).toEqual(empty());
    const h = histogram(latencies(50, 3));
    expect(mergeHistograms(h, mergeHistograms())).toEqual(h);
  });

  it('refuses a histogram of the wrong length or with a negative count, naming it', () => {
    const good = histogram([1, 2, 3]);
    expect(() => mergeHistograms(good, good.slice(1))).toThrow(
      new RangeError('histograms[1] must hold 12 per-bucket counts (11 finite bounds and +Inf), got 11'),
    );
    expect(() => mergeHistograms(good.with(3, -1))).toThrow(new RangeError('histograms[0][3] must be a finite count ≥ 0, got -1'));
  });
});

describe('histogramQuantile', () => {
  it('lands inside the bucket that holds rank q · total (or on 10000 when that is +Inf), rising with q', () => {
    const qs = [0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];
    // Sparse random histograms (some first buckets empty), one with everything in +Inf, one mostly there.
    const histograms = Array.from({ length: 40 }, (_, seed) => {
      const r = seededRandom(seed + 1);
      return empty().map(() => (r() < 0.4 ? 0 : Math.floor(r() * 50)));
    }).filter((counts) => counts.some((c) => c > 0));
    histograms.push(empty().with(11, 7), empty().with(4, 3).with(11, 9));
    expect(histograms.length).toBeGreaterThan(30);
    for (const counts of histograms) {
      const total = counts.reduce((a, b) => a + b, 0);
      const estimates = qs.map((q) => histogramQuantile(q, counts)!);
      qs.forEach((q, k) => {
        const b = bucketHoldingRank(counts, q * total);
        if (b === null) expect(estimates[k]).toBe(10000);
        else {
          expect(estimates[k]).toBeGreaterThanOrEqual(b === 0 ? 0 : LATENCY_BUCKET_BOUNDS_MS[b - 1]);
          expect(estimates[k]).toBeLessThanOrEqual(LATENCY_BUCKET_BOUNDS_MS[b]);
        }
        if (k > 0) expect(estimates[k]).toBeGreaterThanOrEqual(estimates[k - 1]);
      });
    }
  });

  it('interpolates linearly inside the bucket, the first one starting at 0', () => {
    // 4 observations in (0, 5] and 2 in (10, 25]. Rank 3 of 6 is the 3rd of 4 in the first bucket;
    // rank 5 is the 1st of 2 in (10, 25].
    const counts = empty().with(0, 4).with(2, 2);
    expectClose(histogramQuantile(0.5, counts), 0 + 5 * (3 / 4));
    expectClose(histogramQuantile(5 / 6, counts), 10 + 15 * (1 / 2));
  });

  it('gives the lower edge of the first non-empty bucket for q = 0 and the upper edge of the last for q = 1', () => {
    const counts = empty().with(3, 2).with(6, 5);
    expect(histogramQuantile(0, counts)).toBe(25);
    expect(histogramQuantile(1, counts)).toBe(500);
    expect(histogramQuantile(0, empty().with(0, 1))).toBe(0);
    expect(histogramQuantile(0, empty().with(11, 3))).toBe(10000);
  });

  it('answers null, not NaN, for an empty histogram', () => {
    for (const q of [0, 0.5, 1]) expect(histogramQuantile(q, empty())).toBeNull();
    expect(summarizeLatency(mergeHistograms())).toEqual({ count: 0, p50: null, p95: null, p99: null });
    expect(summarizeLatency(histogram([]))).toEqual({ count: 0, p50: null, p95: null, p99: null });
  });

  it('refuses q outside [0, 1] and counts of the wrong length, naming the argument', () => {
    const counts = histogram([12, 40, 700]);
    for (const q of [-0.01, 1.01, NaN, Infinity]) {
      expect(() => histogramQuantile(q, counts)).toThrow(new RangeError(`q must be within [0, 1], got ${q}`));
    }
    expect(() => histogramQuantile(0.5, counts.slice(0, 11))).toThrow(
      new RangeError('counts must hold 12 per-bucket counts (11 finite bounds and +Inf), got 11'),
    );
    expect(() => histogramQuantile(0.5, [...counts, 0])).toThrow(/^counts must hold 12 per-bucket counts .* got 13$/);
    expect(() => histogramQuantile(0.5, counts.with(2, NaN))).toThrow(new RangeError('counts[2] must be a finite count ≥ 0, got NaN'));
    expect(() => summarizeLatency([])).toThrow(/^counts must hold 12/);
  });
});
