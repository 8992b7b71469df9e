import { describe, expect, it } from 'vitest';
import { bucketIndex, lttbDownsample, minMaxBucketCount, minMaxDownsample, summarizeBuckets, type Point } from './downsample';
import { seededRandom } from './seeded-random';

function series(n: number, seed = 1): Point[] {
  const r = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => ({ x: i, y: Math.sin(i / 50) + r() * 0.2 }));
}

function isStrictlyIncreasingX(points: Point[]): boolean {
  return points.every((p, i) => i === 0 || p.x > points[i - 1].x);
}

const METHODS = {
  lttb: (p: Point[], n: number) => lttbDownsample(p, n),
  minmax: (p: Point[], n: number) => minMaxDownsample(p, n).points,
} as const;

describe.each(Object.entries(METHODS))('%s downsampling', (_name, downsample) => {
  it('returns the series unchanged when it has at most maxPoints points', () => {
    const input = series(100);
    expect(downsample(input, 100)).toEqual(input);
    expect(downsample(input, 500)).toEqual(input);
    expect(downsample([], 10)).toEqual([]);
  });

  it('never returns more than maxPoints points, for every budget', () => {
    const input = series(1_000, 7);
    for (const n of [1, 2, 3, 4, 5, 6, 7, 10, 33, 100, 999]) {
      const out = downsample(input, n);
      expect(out.length).toBeLessThanOrEqual(n);
      expect(out.length).toBeGreaterThan(0);
    }
  });

  it('keeps the first and the last point', () => {
    const input = series(10_000, 3);
    const out = downsample(input, 200);
    expect(out[0]).toBe(input[0]);
    expect(out[out.length - 1]).toBe(input[input.length - 1]);
  });

  it('keeps the global minimum and maximum even when they sit in one bucket', () => {
    const input = series(10_000, 4);
    input[5001] = { x: 5001, y: 50 };
    input[5002] = { x: 5002, y: -50 };
    const out = downsample(input, 100);
    expect(out).toContain(input[5001]);
    expect(out).toContain(input[5002]);
  });

  it('keeps x monotone (output is a subsequence of the input, in order)', () => {
    const input = series(20_000, 5);
    const out = downsample(input, 300);
    expect(isStrictlyIncreasingX(out)).toBe(true);
    let j = 0;
    for (const p of out) {
      while (j < input.length && input[j] !== p) j++;
      expect(j).toBeLessThan(input.length);
    }
  });

  it('keeps a single spike among 100,000 flat points', () => {
    const input = Array.from({ length: 100_000 }, (_, i) => ({ x: i, y: 1 }));
    input[73_421] = { x: 73_421, y: 1_000 };
    const out = downsample(input, 500);
    expect(out.length).toBeLessThanOrEqual(500);
    expect(out).toContain(input[73_421]);
  });

  it('keeps NaN and ±Infinity as points without turning anything else into NaN', () => {
    const input = series(5_000, 6);
    input[1_000] = { x: 1_000, y: Infinity };
    input[3_000] = { x: 3_000, y: -Infinity };
    for (let i = 4_000; i < 4_500; i++) input[i] = { x: i, y: NaN };
    const out = downsample(input, 200);
    expect(out.length).toBeLessThanOrEqual(200);
    expect(out).toContain(input[1_000]);
    expect(out).toContain(input[3_000]);
    expect(out.some((p) => Number.isNaN(p.y))).toBe(true);
    // the finite stretch still looks like the sine: points are spread over it, not piled at the NaNs
    expect(out.filter((p) => p.x < 4_000 && Number.isFinite(p.y)).length).toBeGreaterThan(100);
    expect(isStrictlyIncreasingX(out)).toBe(true);
  });

  it('copes with a series that starts with NaN and holds only NaN', () => {
    const allNaN = Array.from({ length: 1_000 }, (_, i) => ({ x: i, y: NaN }));
    const out = downsample(allNaN, 50);
    expect(out.length).toBeLessThanOrEqual(50);
    expect(out[0]).toBe(allNaN[0]);
    expect(out[out.length - 1]).toBe(allNaN[999]);
  });
});

describe('minMaxDownsample bands', () => {
  it('reports each bucket’s extent, extremes and point count, summing to the input size', () => {
    const input = series(10_000, 8);
    input[10] = { x: 10, y: NaN };
    const { bands } = minMaxDownsample(input, 102);
    expect(bands).toHaveLength(minMaxBucketCount(102));
    expect(bands.reduce((s, b) => s + b.count, 0)).toBe(10_000);
    expect(bands.reduce((s, b) => s + b.nanCount, 0)).toBe(1);
    expect(bands[0].x).toBe(0);
    expect(bands[bands.length - 1].xEnd).toBe(9_999);
    for (const b of bands) expect(b.min).toBeLessThanOrEqual(b.max);
    const globalMax = Math.max(...input.filter((p) => !Number.isNaN(p.y)).map((p) => p.y));
    expect(Math.max(...bands.map((b) => b.max))).toBe(globalMax);
  });

  it('has no bands when nothing is hidden', () => {
    expect(minMaxDownsample(series(10), 10).bands).toEqual([]);
  });

  it('buckets by equal x width, so uneven spacing does not crowd buckets', () => {
    const input = [...Array.from({ length: 1_000 }, (_, i) => ({ x: i / 1_000, y: i })), ...Array.from({ length: 10 }, (_, i) => ({ x: 10 + i, y: -i }))];
    const summaries = summarizeBuckets(input, 10);
    expect(summaries[0].count).toBe(1_000);
    expect(bucketIndex(19, 0, 19, 10)).toBe(9);
    expect(bucketIndex(5, 5, 5, 10)).toBe(0);
  });
});
