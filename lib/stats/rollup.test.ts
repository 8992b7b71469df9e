import { describe, expect, it } from 'vitest';
import { minMaxDownsample } from './downsample';
import {
  assembleChart,
  assembleSlimStepChart,
  bucketBudget,
  bucketSpan,
  coarsen,
  comparePoints,
  decodeSlimColumns,
  sortSlimColumns,
  mergeSummary,
  planBuckets,
  ROLLUP_WIDTHS,
  summarizeSteps,
  type HistoryPoint,
  type SlimColumns,
  type StepBucket,
} from './rollup';
import { seededRandom } from './seeded-random';

/** Steps with repeats, gaps, NaN, ±Infinity and ties of value, shuffled. */
function messy(n: number, seed = 1): HistoryPoint[] {
  const r = seededRandom(seed);
  const out: HistoryPoint[] = [];
  for (let i = 0; i < n; i++) {
    const step = Math.floor(r() * n * 1.5) - 20;
    const roll = r();
    const value = roll < 0.03 ? NaN : roll < 0.035 ? Infinity : roll < 0.04 ? -Infinity : Math.round(r() * 20) / 4;
    out.push({ step, timestamp: 1_000 + step * 10 + Math.floor(r() * 3), value });
  }
  return out;
}

/** Brute force over the points of one bucket. */
function expected(points: HistoryPoint[]) {
  const finite = points.filter((p) => !Number.isNaN(p.value));
  const byStepTime = (a: HistoryPoint, b: HistoryPoint) => a.step - b.step || a.timestamp - b.timestamp;
  const min = [...finite].sort((a, b) => (a.value === b.value ? byStepTime(a, b) : a.value < b.value ? -1 : 1))[0] ?? null;
  const max = [...finite].sort((a, b) => (a.value === b.value ? byStepTime(a, b) : a.value > b.value ? -1 : 1))[0] ?? null;
  const nans = points.filter((p) => Number.isNaN(p.value)).sort(byStepTime);
  const ordered = [...points].sort(comparePoints);
  return {
    count: points.length,
    nanCount: nans.length,
    min: min && [min.value, min.step, min.timestamp],
    max: max && [max.value, max.step, max.timestamp],
    firstNaN: nans[0] ? [nans[0].step, nans[0].timestamp] : null,
    first: ordered[0],
    last: ordered[ordered.length - 1],
  };
}

describe('summarizeSteps and mergeSummary', () => {
  it('agree with brute force per bucket, whatever the order of the points and the width', () => {
    const points = messy(3_000);
    for (const width of [1, 16, 64, 4096]) {
      const buckets = summarizeSteps(points, width);
      expect(buckets.reduce((n, b) => n + b.count, 0)).toBe(points.length);
      for (const b of buckets) {
        const mine = points.filter((p) => Math.floor(p.step / width) === b.bucket);
        const e = expected(mine);
        expect(b.count).toBe(e.count);
        expect(b.nanCount).toBe(e.nanCount);
        expect(b.min && [b.min.value, b.min.step, b.min.timestamp]).toEqual(e.min);
        expect(b.max && [b.max.value, b.max.step, b.max.timestamp]).toEqual(e.max);
        expect(b.firstNaN && [b.firstNaN.step, b.firstNaN.timestamp]).toEqual(e.firstNaN);
        expect(comparePoints(b.first, e.first)).toBe(0);
        expect(comparePoints(b.last, e.last)).toBe(0);
        expect([b.tsMin, b.tsMax]).toEqual([Math.min(...mine.map((p) => p.timestamp)), Math.max(...mine.map((p) => p.timestamp))]);
      }
    }
  });

  it('a series summarised in batches and merged equals it summarised whole', () => {
    const points = messy(2_000, 7);
    const whole = summarizeSteps(points, 16);
    const merged = new Map<number, ReturnType<typeof summarizeSteps>[number]>();
    for (let i = 0; i < points.length; i += 137) {
      for (const b of summarizeSteps(points.slice(i, i + 137), 16)) {
        const seen = merged.get(b.bucket);
        merged.set(b.bucket, seen ? mergeSummary(seen, b) : b);
      }
    }
    expect([...merged.values()].sort((a, b) => a.bucket - b.bucket)).toEqual(whole);
  });

  it('coarsening narrow buckets equals summarising at the wider width, through every stored width', () => {
    const points = messy(5_000, 3);
    let level = summarizeSteps(points, ROLLUP_WIDTHS[0]);
    for (let i = 1; i < ROLLUP_WIDTHS.length; i++) {
      level = coarsen(level, ROLLUP_WIDTHS[i] / ROLLUP_WIDTHS[i - 1]);
      expect(level).toEqual(summarizeSteps(points, ROLLUP_WIDTHS[i]));
    }
  });

  it('puts negative steps in floor buckets', () => {
    const b = summarizeSteps(
      [
        { step: -1, timestamp: 1, value: 1 },
        { step: -16, timestamp: 1, value: 2 },
        { step: -17, timestamp: 1, value: 3 },
        { step: 0, timestamp: 1, value: 4 },
      ],
      16,
    );
    expect(b.map((x) => [x.bucket, x.count])).toEqual([
      [-2, 1],
      [-1, 2],
      [0, 1],
    ]);
  });
});

describe('planBuckets', () => {
  it('keeps between budget/8 and budget buckets, reads a stored width equal to the chart width, raw only for short spans', () => {
    const budget = bucketBudget(1000);
    for (const [lo, hi] of [
      [0, 9_999],
      [0, 1_999],
      [5, 2_100],
      [-300, 50_000],
      [0, 999_999],
      [0, 10_000_000],
      [17, 123_456],
    ]) {
      const plan = planBuckets(lo, hi, budget);
      const n = bucketSpan(lo, hi, plan.width);
      expect(n).toBeLessThanOrEqual(budget);
      if (plan.rollup === null) {
        expect(plan.width).toBeLessThan(8);
        expect(hi - lo + 1).toBeLessThanOrEqual(4 * budget);
      } else {
        expect(plan.width % plan.rollup).toBe(0);
        if (plan.width <= 4096) expect(plan.rollup).toBe(plan.width);
        // The narrowest power of two within budget, rounded up to a stored width: never coarser than 4× needed.
        expect(n).toBeGreaterThanOrEqual(Math.floor(budget / 8) - 1);
      }
    }
    expect(planBuckets(0, 9_999, budget)).toEqual({ width: 64, rollup: 64 });
    expect(planBuckets(0, 999, budget)).toEqual({ width: 4, rollup: null });
    expect(planBuckets(0, 10_000_000, budget)).toEqual({ width: 32_768, rollup: 4096 });
  });
});

describe('assembleChart', () => {
  it('equals the in-memory min/max downsampler given the same buckets: every extreme kept, bounded size, ends kept', () => {
    const points: HistoryPoint[] = Array.from({ length: 10_000 }, (_, i) => ({ step: i, timestamp: 5_000 + i, value: i === 4_321 ? 99 : i === 8_000 ? NaN : Math.sin(i / 50) }));
    const buckets = summarizeSteps(points, 64);
    const chart = assembleChart(buckets, 'step');
    expect(chart.points.length).toBeLessThanOrEqual(2 * buckets.length + 2);
    expect(chart.points[0]).toBe(points[0]);
    expect(chart.points[chart.points.length - 1]).toBe(points[points.length - 1]);
    expect(chart.points).toContain(points[4_321]);
    expect(chart.points.every((p, i) => i === 0 || comparePoints(chart.points[i - 1], p) < 0)).toBe(true);
    expect(chart.bands).toHaveLength(buckets.length);
    expect(chart.bands.reduce((n, b) => n + b.count, 0)).toBe(10_000);
    expect(chart.bands.find((b) => b.x <= 8_000 && b.xEnd >= 8_000)?.nanCount).toBe(1);
    // Same extremes per bucket as the pure downsampler when its buckets happen to be these.
    const reference = minMaxDownsample(
      points.map((p) => ({ x: p.step, y: p.value })),
      2 * Math.ceil(10_000 / 64) + 2,
    );
    expect(Math.max(...chart.points.map((p) => p.value).filter((v) => !Number.isNaN(v)))).toBe(Math.max(...reference.points.map((p) => p.y).filter((v) => !Number.isNaN(v))));
    expect(Math.min(...chart.points.map((p) => p.value))).toBe(Math.min(...reference.points.map((p) => p.y)));
  });

  it('keeps a bucket of only NaN as its first NaN point, with a NaN band', () => {
    const pts: HistoryPoint[] = [
      { step: 0, timestamp: 1, value: 1 },
      { step: 20, timestamp: 2, value: NaN },
      { step: 21, timestamp: 3, value: NaN },
      { step: 40, timestamp: 4, value: 2 },
    ];
    const chart = assembleChart(summarizeSteps(pts, 16), 'step');
    expect(chart.points.map((p) => p.step)).toEqual([0, 20, 40]);
    expect(chart.bands[1]).toMatchObject({ x: 20, xEnd: 21, count: 2, nanCount: 2 });
    expect(Number.isNaN(chart.bands[1].min)).toBe(true);
  });

  it('orders points by time on the wall-time axis and bands by their time extent', () => {
    const pts: HistoryPoint[] = Array.from({ length: 100 }, (_, i) => ({ step: i, timestamp: 10_000 - i * 7, value: i % 13 }));
    const chart = assembleChart(summarizeSteps(pts, 16), 'timestamp');
    expect(chart.points.every((p, i) => i === 0 || chart.points[i - 1].timestamp <= p.timestamp)).toBe(true);
    expect(chart.bands.every((b, i) => b.x <= b.xEnd && (i === 0 || chart.bands[i - 1].x <= b.x))).toBe(true);
  });
});

describe('assembleSlimStepChart', () => {
  /** Summaries as the slim columns the compare page reads (timestamps left out). */
  const slimColumns = (buckets: StepBucket[]): SlimColumns => ({
    bucket: buckets.map((b) => b.bucket),
    count: buckets.map((b) => b.count),
    nanCount: buckets.map((b) => b.nanCount),
    min: buckets.map((b) => (b.min ? encode(b.min.value) : null)),
    minStep: buckets.map((b) => b.min?.step ?? null),
    max: buckets.map((b) => (b.max ? encode(b.max.value) : null)),
    maxStep: buckets.map((b) => b.max?.step ?? null),
    nanStep: buckets.map((b) => b.firstNaN?.step ?? null),
    firstStep: buckets.map((b) => b.first.step),
    first: buckets.map((b) => encode(b.first.value)),
    lastStep: buckets.map((b) => b.last.step),
    last: buckets.map((b) => encode(b.last.value)),
  });
  // As PostgreSQL's JSON writes float8: non-finite values quoted.
  const encode = (v: number) => (Number.isFinite(v) ? v : String(v));
  const rand = seededRandom(7);

  it('gives the same points, bands and total as assembleChart over the decoded rows', () => {
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(rand() * 3_000);
      const points: HistoryPoint[] = [];
      for (let i = 0; i < n; i++) {
        const r = rand();
        // Repeated steps, NaN runs, infinities and plateaus: the cases where order and de-duplication matter.
        const step = Math.floor(i * (0.5 + rand()));
        const value = r < 0.05 ? NaN : r < 0.07 ? Infinity : r < 0.09 ? -Infinity : r < 0.3 ? 1 : Math.round(rand() * 100) / 10;
        points.push({ step, timestamp: 0, value });
      }
      const width = [16, 64, 256][trial % 3];
      const buckets = summarizeSteps(points, width);
      const columns = slimColumns(buckets);
      expect(decodeSlimColumns(columns)).toEqual(buckets);
      const expected = assembleChart(decodeSlimColumns(columns), 'step');
      const got = assembleSlimStepChart(columns);
      expect(got.points).toEqual(expected.points);
      expect(got.bands).toEqual(expected.bands);
      expect(got.total).toBe(n);
    }
  });

  it('puts columns read out of bucket order back in order, every column alike', () => {
    const buckets = summarizeSteps(Array.from({ length: 200 }, (_, i) => ({ step: i, timestamp: 0, value: (i * 7) % 11 })), 16);
    const columns = slimColumns(buckets);
    expect(sortSlimColumns(columns)).toBe(columns);
    const shuffled = [...buckets].reverse();
    shuffled.push(shuffled.splice(3, 1)[0]);
    expect(sortSlimColumns(slimColumns(shuffled))).toEqual(columns);
  });

  it('draws an all-NaN bucket as its first NaN and keeps the ends', () => {
    const pts: HistoryPoint[] = [
      { step: 0, timestamp: 0, value: 1 },
      { step: 20, timestamp: 0, value: NaN },
      { step: 21, timestamp: 0, value: NaN },
      { step: 40, timestamp: 0, value: 2 },
    ];
    const got = assembleSlimStepChart(slimColumns(summarizeSteps(pts, 16)));
    expect(got.points.map((p) => p.step)).toEqual([0, 20, 40]);
    expect(Number.isNaN(got.bands[1].min)).toBe(true);
    expect(assembleSlimStepChart(slimColumns([]))).toEqual({ total: 0, points: [], bands: [] });
  });
});
