import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { experiments, metricHistory, runs } from '@/db/schema/tracking';
import type { Actor } from '@/lib/auth/actor';
import { assembleChart, bucketBudget, planBuckets, summarizeSteps } from '@/lib/stats/rollup';
import { makeUser } from '@/test/factories';
import { getMetricHistoriesBulk, getMetricHistory } from './get-metric-history';
import { rebuildMetricRollups } from './get-metric-history-rollups';
import { decodeMetricValue } from './schemas';

let actor: Actor;
let experimentId: number;
const hex = () => randomBytes(16).toString('hex');

/** A run whose `loss` history is given as [step, timestamp, value] rows. */
async function runWith(points: [number, number, number][], key = 'loss'): Promise<string> {
  const db = await getDb();
  const id = hex();
  await db.insert(runs).values({ id, experimentId, name: id.slice(0, 6), startTime: 1 });
  for (let i = 0; i < points.length; i += 5_000) {
    await db.insert(metricHistory).values(points.slice(i, i + 5_000).map(([step, timestamp, value]) => ({ runId: id, key, step, timestamp, value })));
  }
  // Written around writeMetrics: summarise as the migration does for old history.
  await db.transaction((tx) => rebuildMetricRollups(tx as never, [id]));
  return id;
}

/** 20,000 points of a noisy curve with one spike, a NaN stretch and an infinity. */
function longSeries(): [number, number, number][] {
  let seed = 42;
  const r = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: 20_000 }, (_, i) => {
    let v = Math.exp(-i / 5_000) + r() * 0.05;
    if (i === 12_345) v = 40;
    if (i >= 15_000 && i < 15_100) v = NaN;
    if (i === 17_000) v = -Infinity;
    return [i, 1_700_000_000_000 + i * 1_000, v];
  });
}

beforeAll(async () => {
  actor = await makeUser('viewer');
  const db = await getDb();
  const [e] = await db.insert(experiments).values({ name: `history-${hex()}` }).returning();
  experimentId = e.id;
});

const values = (points: { value: number | string }[]) => points.map((p) => decodeMetricValue(p.value));

describe('getMetricHistory, raw pages', () => {
  it('pages the raw history in step order and the pages join up to the whole series, repeated points included', async () => {
    const pts: [number, number, number][] = [
      [0, 10, 1],
      [1, 11, 2],
      [1, 11, 2],
      [1, 11, 2],
      [2, 12, NaN],
      [3, 13, 4],
    ];
    const runId = await runWith([...pts].reverse());
    for (const maxResults of [1, 2, 3, 10]) {
      const got: { step: number; value: number | string }[] = [];
      let pageToken: string | undefined;
      for (let i = 0; i < 20; i++) {
        const page = await getMetricHistory(actor, { runId, key: 'loss', maxResults, pageToken });
        got.push(...page.points);
        if (!page.nextPageToken) break;
        pageToken = page.nextPageToken;
      }
      expect(got.map((p) => p.step)).toEqual([0, 1, 1, 1, 2, 3]);
      expect(got.map((p) => p.value)).toEqual([1, 2, 2, 2, 'NaN', 4]);
    }
  });

  it('answers 404 for an unknown run and an empty series for an unknown key', async () => {
    await expect(getMetricHistory(actor, { runId: hex(), key: 'loss' })).rejects.toMatchObject({ kind: 'not_found' });
    const runId = await runWith([[0, 1, 1]]);
    expect((await getMetricHistory(actor, { runId, key: 'nope' })).points).toEqual([]);
  });

  it('refuses a forged page token as a validation error', async () => {
    const runId = await runWith([[0, 1, 1]]);
    await expect(getMetricHistory(actor, { runId, key: 'loss', pageToken: Buffer.from('{"k":["x"]}').toString('base64url') })).rejects.toMatchObject({
      code: 'invalid_page_token',
    });
  });
});

describe('getMetricHistory, downsampled', () => {
  let runId: string;
  const series = longSeries();
  beforeAll(async () => {
    runId = await runWith(series);
  });

  it('min/max from the stored summaries equals the pure min/max chart of the full series, bands included', async () => {
    const out = await getMetricHistory(actor, { runId, key: 'loss', maxPoints: 400 });
    const width = planBuckets(0, 19_999, bucketBudget(400)).width;
    const expected = assembleChart(
      summarizeSteps(
        series.map(([step, timestamp, value]) => ({ step, timestamp, value })),
        width,
      ),
      'step',
    );
    expect(out.downsampled).toBe(true);
    expect(out.totalPoints).toBe(20_000);
    expect(out.points.length).toBeLessThanOrEqual(400);
    expect(out.points.map((p) => p.step)).toEqual(expected.points.map((p) => p.step));
    expect(values(out.points)).toEqual(expected.points.map((p) => p.value));
    expect(out.bands?.map((b) => [b.x, b.xEnd, b.count, b.nanCount])).toEqual(expected.bands.map((b) => [b.x, b.xEnd, b.count, b.nanCount]));
    expect(out.bands?.map((b) => [decodeMetricValue(b.min), decodeMetricValue(b.max)])).toEqual(expected.bands.map((b) => [b.min, b.max]));
    expect(out.points).toContainEqual({ step: 12_345, timestamp: 1_700_000_000_000 + 12_345_000, value: 40 });
    expect(out.points.some((p) => p.value === '-Infinity')).toBe(true);
  });

  it('LTTB keeps the size bound, the ends, the spike and the infinity', async () => {
    const out = await getMetricHistory(actor, { runId, key: 'loss', maxPoints: 300, method: 'lttb' });
    expect(out.points.length).toBeLessThanOrEqual(300);
    expect(out.points[0].step).toBe(0);
    expect(out.points[out.points.length - 1].step).toBe(19_999);
    expect(out.points.map((p) => p.step)).toContain(12_345);
    expect(out.points.some((p) => p.value === '-Infinity')).toBe(true);
    expect(out.points.every((p, i) => i === 0 || p.step > out.points[i - 1].step)).toBe(true);
    expect(out.bands).toBeUndefined();
  });

  it('returns the exact points when the (zoomed) range holds no more than maxPoints', async () => {
    const out = await getMetricHistory(actor, { runId, key: 'loss', maxPoints: 500, range: { min: 12_300.5, max: 12_400 } });
    expect(out.downsampled).toBe(false);
    expect(out.points.map((p) => p.step)).toEqual(Array.from({ length: 100 }, (_, i) => 12_301 + i));
  });

  it('downsamples on the timestamp axis too', async () => {
    const out = await getMetricHistory(actor, { runId, key: 'loss', maxPoints: 100, xAxis: 'timestamp' });
    expect(out.points.length).toBeLessThanOrEqual(100);
    expect(out.points[0].timestamp).toBe(1_700_000_000_000);
    expect(out.points.map((p) => p.step)).toContain(12_345);
  });
});

describe('getMetricHistoriesBulk', () => {
  it('returns every run × key, downsampled where long, exact where short', async () => {
    const long = await runWith(longSeries());
    const short = await runWith([
      [0, 1, 3],
      [1, 2, 2],
    ]);
    const db = await getDb();
    await db.insert(metricHistory).values({ runId: short, key: 'acc', step: 0, timestamp: 1, value: 0.5 });
    await db.transaction((tx) => rebuildMetricRollups(tx as never, [short]));
    const out = await getMetricHistoriesBulk(actor, { runIds: [long, short], keys: ['loss', 'acc'], maxPoints: 200 });
    expect(out.series.map((s) => [s.runId, s.key, s.downsampled, s.totalPoints])).toEqual([
      [long, 'loss', true, 20_000],
      [short, 'loss', false, 2],
      [long, 'acc', false, 0],
      [short, 'acc', false, 1],
    ]);
    expect(out.series[0].points.length).toBeLessThanOrEqual(200);
    expect(values(out.series[1].points)).toEqual([3, 2]);
  });

  it('refuses more than 100 runs', async () => {
    await expect(getMetricHistoriesBulk(actor, { runIds: Array.from({ length: 101 }, hex), keys: ['loss'] })).rejects.toMatchObject({ kind: 'validation' });
  });
});
