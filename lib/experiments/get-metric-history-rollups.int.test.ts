import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, rowsOf } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { assembleChart, comparePoints, planBuckets, bucketBudget, summarizeSteps, type HistoryPoint } from '@/lib/stats/rollup';
import { makeUser } from '@/test/factories';
import { readDownsampledSeries, rebuildMetricRollups, type AxisRange, type ReadSeriesOptions } from './get-metric-history-rollups';
import { logBatch } from './log-batch';
import { makeExperiment, makeRun } from './test-support';
import { seededRandom } from '@/lib/stats/seeded-random';

let owner: Actor;
let experimentId: string;

/**
 * `n` steps of a noisy curve with a spike, a NaN stretch, ±Infinity, some repeated steps (same and other
 * values) and gaps, timestamps rising with the step; shuffled so batches arrive out of order.
 */
function history(n: number, seed: number): HistoryPoint[] {
  const r = seededRandom(seed);
  const out: HistoryPoint[] = [];
  for (let step = 0; step < n; step++) {
    if (r() < 0.05) continue;
    let value = Math.exp(-step / (n / 3)) + r() * 0.05;
    if (step === Math.floor(n * 0.61)) value = 40;
    if (step >= Math.floor(n * 0.75) && step < Math.floor(n * 0.75) + 40) value = NaN;
    if (step === Math.floor(n * 0.85)) value = -Infinity;
    if (step === Math.floor(n * 0.9)) value = Infinity;
    out.push({ step, timestamp: 1_700_000_000_000 + step * 1_000, value });
    if (r() < 0.02) out.push({ step, timestamp: 1_700_000_000_000 + step * 1_000, value });
    if (r() < 0.02) out.push({ step, timestamp: 1_700_000_000_000 + step * 1_000 + 1, value: value + 1 });
  }
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** A run whose history under `key` is logged through logBatch in batches of `batch` points. */
async function loggedRun(points: HistoryPoint[], key = 'loss', batch = 1000): Promise<string> {
  const run = await makeRun(owner, experimentId);
  for (let i = 0; i < points.length; i += batch) {
    await logBatch(owner, { id: run.id, metrics: points.slice(i, i + batch).map((p) => ({ key, ...p })) });
  }
  return run.id;
}

async function rollupRows(runId: string) {
  const db = await getDb();
  return rowsOf<Record<string, unknown>>(
    await db.execute(sql`SELECT key, width, bucket::float8, n, nan_count, min_value::text, min_step::float8, min_ts::float8, max_value::text, max_step::float8, max_ts::float8,
      nan_step::float8, nan_ts::float8, first_step::float8, first_ts::float8, first_value::text, last_step::float8, last_ts::float8, last_value::text, ts_min::float8, ts_max::float8
      FROM metric_history_rollups WHERE run_id = ${runId} ORDER BY key, width, bucket`),
  );
}

async function read(runIds: string[], opts: Partial<ReadSeriesOptions> & { maxPoints: number }, key = 'loss') {
  const db = await getDb();
  return db.transaction((tx) => readDownsampledSeries(tx as never, runIds, key, { xAxis: 'step', rangeOf: () => undefined, ...opts }));
}

/** What the chart must be, computed in memory from the raw points for a given bucket width. */
function reference(points: HistoryPoint[], width: number, axis: 'step' | 'timestamp', range?: AxisRange) {
  const x = (p: HistoryPoint) => (axis === 'step' ? p.step : p.timestamp);
  const inRange = points.filter((p) => (range?.min === undefined || x(p) >= Math.ceil(range.min)) && (range?.max === undefined || x(p) <= Math.floor(range.max)));
  return { total: inRange.length, ...assembleChart(summarizeSteps(inRange, width), axis) };
}

const plain = (s: { points: HistoryPoint[]; bands?: unknown[] } | undefined) => s && { points: s.points.map((p) => [p.step, p.timestamp, p.value]), bands: s.bands };

beforeAll(async () => {
  owner = await makeUser('scientist');
  experimentId = (await makeExperiment(owner)).id;
});

describe('metric_history_rollups kept by the ingest path', () => {
  it('after batches logged out of order equal the summaries rebuilt from the raw history (the migration backfill)', async () => {
    const points = history(6_000, 1);
    const runId = await loggedRun(points, 'loss', 700);
    const kept = await rollupRows(runId);
    expect(kept.length).toBeGreaterThan(0);
    const db = await getDb();
    await db.transaction((tx) => rebuildMetricRollups(tx as never, [runId]));
    expect(await rollupRows(runId)).toEqual(kept);
  });

  it('a single point at a time, NaN first, merges like a batch', async () => {
    const points: HistoryPoint[] = [
      { step: 5, timestamp: 10, value: NaN },
      { step: 3, timestamp: 9, value: 2 },
      { step: 3, timestamp: 8, value: 2 },
      { step: 7, timestamp: 11, value: -1 },
      { step: 20, timestamp: 12, value: Infinity },
      { step: 7, timestamp: 11, value: NaN },
    ];
    const one = await loggedRun(points, 'loss', 1);
    const batch = await loggedRun(points, 'loss', 100);
    const strip = (rows: Record<string, unknown>[]) => rows.map((r) => ({ ...r }));
    expect(strip(await rollupRows(one))).toEqual(strip(await rollupRows(batch)));
    const [w16] = (await rollupRows(one)).filter((r) => r.width === 16);
    expect(w16).toMatchObject({ bucket: 0, n: 5, nan_count: 2, min_value: '-1', min_step: 7, max_value: '2', max_step: 3, max_ts: 8, nan_step: 5, first_step: 3, first_ts: 8 });
  });
});

describe('readDownsampledSeries: stored summaries equal the raw points', () => {
  let long: string;
  let short: string;
  let longPoints: HistoryPoint[];
  let shortPoints: HistoryPoint[];
  beforeAll(async () => {
    longPoints = history(20_000, 2);
    shortPoints = history(300, 3);
    long = await loggedRun(longPoints);
    short = await loggedRun(shortPoints);
  });

  const cases: { name: string; axis: 'step' | 'timestamp'; range?: AxisRange; maxPoints: number }[] = [
    { name: 'whole series', axis: 'step', maxPoints: 1000 },
    { name: 'whole series, 2000 points', axis: 'step', maxPoints: 2000 },
    { name: 'zoom cutting buckets at both ends', axis: 'step', range: { min: 3_001.5, max: 15_077 }, maxPoints: 1000 },
    { name: 'zoom over the NaN stretch and the infinities', axis: 'step', range: { min: 14_000, max: 19_999 }, maxPoints: 600 },
    { name: 'zoom read raw (short window, still more than maxPoints)', axis: 'step', range: { min: 1_000, max: 2_500 }, maxPoints: 1000 },
    { name: 'zoom open at one end', axis: 'step', range: { min: 12_000 }, maxPoints: 400 },
    { name: 'wall time, whole series', axis: 'timestamp', maxPoints: 1000 },
    { name: 'wall time, zoomed', axis: 'timestamp', range: { min: 1_700_000_000_000 + 2_345_678, max: 1_700_000_000_000 + 17_000_500 }, maxPoints: 800 },
    { name: 'wall time, narrow zoom', axis: 'timestamp', range: { min: 1_700_000_000_000 + 5_000_000, max: 1_700_000_000_000 + 6_500_000 }, maxPoints: 500 },
  ];

  it('without timestamps, history logged latest steps first reads the same as history logged in order', async () => {
    const points = Array.from({ length: 12_000 }, (_, i) => ({ step: i, timestamp: 1_700_000_000_000 + i, value: Math.sin(i / 300) + (i % 97 === 0 ? 5 : 0) }));
    const backwards = [...points.slice(8_000), ...points.slice(4_000, 8_000), ...points.slice(0, 4_000)];
    const reversed = await loggedRun(backwards, 'loss', 1_000);
    const inOrder = await loggedRun(points, 'loss', 1_000);
    const slim = await read([reversed, inOrder], { maxPoints: 500, timestamps: false });
    expect(slim.get(reversed)!.downsampled).toBe(true);
    expect(slim.get(reversed)!.points).toEqual(slim.get(inOrder)!.points);
    expect(slim.get(reversed)!.bands).toEqual(slim.get(inOrder)!.bands);
    const steps = slim.get(reversed)!.points.map((p) => p.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
  });

  for (const c of cases) {
    it(`${c.name}: same points and bands from rollups and from raw, as computed in memory`, async () => {
      const opts = { xAxis: c.axis, rangeOf: () => c.range, maxPoints: c.maxPoints };
      const fromRollups = (await read([long, short], opts)).get(long)!;
      const fromRaw = (await read([long, short], { ...opts, source: 'raw' })).get(long)!;
      expect(plain(fromRollups)).toEqual(plain(fromRaw));
      expect(fromRollups.total).toBe(fromRaw.total);
      if (c.axis === 'step') {
        // Without timestamps (the compare page) the same steps, values and bands come back.
        const slim = (await read([long, short], { ...opts, timestamps: false })).get(long)!;
        expect(slim.points.map((p) => [p.step, p.value])).toEqual(fromRaw.points.map((p) => [p.step, p.value]));
        expect(slim.bands).toEqual(fromRaw.bands);
        expect(slim.total).toBe(fromRaw.total);
      }
      expect(fromRollups.downsampled).toBe(true);
      expect(fromRollups.points.length).toBeLessThanOrEqual(c.maxPoints);
      // Independently: the chart of the in-range raw points at the width the plan picks for their step span.
      const x = (p: HistoryPoint) => (c.axis === 'step' ? p.step : p.timestamp);
      const inRange = longPoints.filter((p) => (c.range?.min === undefined || x(p) >= Math.ceil(c.range.min)) && (c.range?.max === undefined || x(p) <= Math.floor(c.range.max)));
      const steps = inRange.map((p) => p.step);
      const width = planBuckets(Math.min(...steps), Math.max(...steps), bucketBudget(c.maxPoints)).width;
      const expected = reference(longPoints, width, c.axis, c.range);
      expect(fromRollups.total).toBe(expected.total);
      expect(plain(fromRollups)).toEqual(plain(expected));
      // No spike is lost: the global extremes in range are points of the line.
      const finite = inRange.filter((p) => !Number.isNaN(p.value)).map((p) => p.value);
      expect(fromRollups.points.map((p) => p.value)).toContain(Math.max(...finite));
      expect(fromRollups.points.map((p) => p.value)).toContain(Math.min(...finite));
      // The short run is exact either way.
      const s = (await read([long, short], opts)).get(short);
      const expectedShort = shortPoints.filter((p) => (c.range?.min === undefined || x(p) >= Math.ceil(c.range.min)) && (c.range?.max === undefined || x(p) <= Math.floor(c.range.max)));
      if (expectedShort.length === 0) expect(s).toBeUndefined();
      else expect(s?.downsampled).toBe(false);
    });
  }

  it('returns the exact points, sorted, when the range holds no more than maxPoints', async () => {
    const got = (await read([long], { maxPoints: 500, rangeOf: () => ({ min: 12_300.5, max: 12_400 }) })).get(long)!;
    const expected = longPoints.filter((p) => p.step >= 12_301 && p.step <= 12_400).sort(comparePoints);
    expect(got.downsampled).toBe(false);
    expect(got.points.map((p) => [p.step, p.timestamp, p.value])).toEqual(expected.map((p) => [p.step, p.timestamp, p.value]));
    const all = (await read([short], { maxPoints: 1000 })).get(short)!;
    expect(all.points).toHaveLength(shortPoints.length);
  });

  it('gives each run its own range (relative time) and leaves out runs with nothing in range', async () => {
    const ranges: Record<string, AxisRange> = { [long]: { min: 0, max: 5_000 }, [short]: { min: 100_000, max: 200_000 } };
    const got = await read([long, short], { maxPoints: 300, rangeOf: (id) => ranges[id] });
    expect(got.get(short)).toBeUndefined();
    expect(Math.max(...got.get(long)!.points.map((p) => p.step))).toBeLessThanOrEqual(5_000);
  });
});
