import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { createExperiment } from '@/lib/experiments/create-experiment';
import { createRun } from '@/lib/experiments/create-run';
import { deleteRun } from '@/lib/experiments/delete-run';
import { logBatch } from '@/lib/experiments/log-batch';
import { makeUser } from '@/test/factories';
import { getComparison } from './get-comparison';
import { getComparisonCurves } from './get-comparison-curves';

/*
 * Comparison services over data logged through the tracking services, as a client would log it.
 * Runs in one experiment: a, b and c share `optimizer` and differ on `lr`; only c has `dropout`.
 */

let scientist: Actor;
let viewer: Actor;
let experimentId: string;
const ids: Record<string, string> = {};
const T0 = 1_700_000_000_000;

async function logRun(name: string, startTime: number, params: Record<string, string>, metrics: { key: string; value: number; step: number; timestamp?: number }[]) {
  const run = await createRun(scientist, { experimentId, name, startTime });
  for (let i = 0; i < metrics.length; i += 1000) {
    await logBatch(scientist, {
      id: run.id,
      params: i === 0 ? Object.entries(params).map(([key, value]) => ({ key, value })) : [],
      metrics: metrics.slice(i, i + 1000).map((m) => ({ ...m, timestamp: m.timestamp ?? startTime + m.step * 1000 })),
    });
  }
  if (metrics.length === 0) await logBatch(scientist, { id: run.id, params: Object.entries(params).map(([key, value]) => ({ key, value })) });
  ids[name] = run.id;
  return run.id;
}

const curve = (key: string, n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => ({ key, value: f(i), step: i }));

beforeAll(async () => {
  scientist = await makeUser('scientist');
  viewer = await makeUser('viewer');
  experimentId = (await createExperiment(scientist, { name: `compare-${Date.now()}-${Math.random().toString(16).slice(2)}` })).id;
  await logRun('a', T0, { optimizer: 'adam', lr: '0.1' }, [...curve('loss', 3, (i) => 1 - i * 0.2), { key: 'acc', value: 0.7, step: 2 }]);
  await logRun('b', T0 + 60_000, { optimizer: 'adam', lr: '0.01' }, [...curve('loss', 3, (i) => 0.9 - i * 0.3), { key: 'acc', value: 0.9, step: 2 }]);
  // 5,000 steps with a one-step spike at 3,333: the chart must keep it.
  await logRun('c', T0 + 120_000, { optimizer: 'adam', lr: '0.01', dropout: '0.2' }, curve('loss', 5000, (i) => (i === 3333 ? 50 : 1 / (1 + i / 100))));
});

describe('getComparison', () => {
  it('returns the runs in the order asked, every param flagged where runs differ, and last/min/max per metric', async () => {
    const out = await getComparison(viewer, { runIds: [ids.b, ids.a, ids.c] });
    expect(out.runs.map((r) => r.name)).toEqual(['b', 'a', 'c']);
    expect(out.runs[0]).toMatchObject({ id: ids.b, experimentId, status: 'RUNNING', startTime: T0 + 60_000, deleted: false });
    expect(out.params).toEqual([
      { key: 'dropout', differs: true, numeric: true, values: [null, null, '0.2'] },
      { key: 'lr', differs: true, numeric: true, values: ['0.01', '0.1', '0.01'] },
      { key: 'optimizer', differs: false, numeric: false, values: ['adam', 'adam', 'adam'] },
    ]);
    const loss = out.metrics.find((m) => m.key === 'loss')!;
    expect(loss.last).toEqual([expect.closeTo(0.3, 9), expect.closeTo(0.6, 9), expect.closeTo(1 / 50.99, 9)]);
    expect(loss.min[2]).toBeCloseTo(1 / 50.99, 9);
    expect(loss.max).toEqual([0.9, 1, 50]);
    expect(loss.step).toEqual([2, 2, 4999]);
    expect(out.metrics.find((m) => m.key === 'acc')).toMatchObject({ last: [0.9, 0.7, null], differs: true });
    expect(out).toMatchObject({ truncated: false, missingRunIds: [] });
  });

  it('takes "all runs matching this filter", newest first, and reports ids that do not exist', async () => {
    const out = await getComparison(viewer, { experimentIds: [experimentId], filter: "params.lr = '0.01'" });
    expect(out.runs.map((r) => r.name)).toEqual(['c', 'b']);
    const missing = 'f'.repeat(32);
    const byIds = await getComparison(viewer, { runIds: `${ids.a},${missing}` });
    expect(byIds.runs.map((r) => r.name)).toEqual(['a']);
    expect(byIds.missingRunIds).toEqual([missing]);
  });

  it('leaves deleted runs out of a filter but shows a chosen deleted run, marked', async () => {
    const id = await logRun('gone', T0 + 300_000, { lr: '0.01' }, []);
    await deleteRun(scientist, { id });
    const filtered = await getComparison(viewer, { experimentIds: [experimentId], filter: "params.lr = '0.01'" });
    expect(filtered.runs.map((r) => r.name)).toEqual(['c', 'b']);
    const chosen = await getComparison(viewer, { runIds: [id] });
    expect(chosen.runs).toEqual([expect.objectContaining({ name: 'gone', deleted: true })]);
  });

  it('refuses a bad filter with invalid_filter naming the field, and input that gives both or neither source', async () => {
    await expect(getComparison(viewer, { experimentIds: [experimentId], filter: 'params.lr =' })).rejects.toMatchObject({ code: 'invalid_filter', issues: [{ path: 'filter' }] });
    await expect(getComparison(viewer, {})).rejects.toMatchObject({ code: 'validation_failed', issues: [{ path: 'runIds' }] });
    await expect(getComparison(viewer, { runIds: [ids.a], experimentIds: [experimentId] })).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(getComparison(viewer, { runIds: Array.from({ length: 1001 }, (_, i) => i.toString(16).padStart(32, '0')) })).rejects.toMatchObject({
      code: 'validation_failed',
      issues: [{ path: 'runIds', message: 'at most 1000 runs' }],
    });
  });
});

describe('getComparisonCurves', () => {
  it('sends short series whole and downsamples a long one to maxPoints, keeping the spike and banding hidden buckets', async () => {
    const out = await getComparisonCurves(viewer, { runIds: [ids.a, ids.c], keys: ['loss'], maxPoints: 200 });
    const [a, c] = out.series;
    expect(a).toMatchObject({ runId: ids.a, key: 'loss', totalPoints: 3, downsampled: false, bands: [] });
    expect(a.points).toEqual([
      [0, 1],
      [1, 0.8],
      [2, expect.closeTo(0.6, 9)],
    ]);
    expect(c).toMatchObject({ runId: ids.c, totalPoints: 5000, downsampled: true });
    expect(c.points.length).toBeLessThanOrEqual(200);
    expect(c.points).toContainEqual([3333, 50]);
    expect(c.bands.length).toBeGreaterThan(0);
    expect(c.bands.every(([x, xEnd, min, max]) => xEnd >= x && (max as number) > (min as number))).toBe(true);
  });

  it('re-fetches detail for a zoomed step range', async () => {
    const out = await getComparisonCurves(viewer, { runIds: [ids.c], keys: ['loss'], maxPoints: 200, range: { min: 3300, max: 3400 } });
    const [c] = out.series;
    expect(c.totalPoints).toBe(101);
    expect(c.points.length).toBe(101);
    expect(c.points[0]).toEqual([3300, expect.any(Number)]);
    expect(out.range).toEqual({ min: 3300, max: 3400 });
  });

  it('puts x on wall time or on time since each run started, and zooms relative time per run', async () => {
    const time = await getComparisonCurves(viewer, { runIds: [ids.a, ids.b], keys: ['loss'], xAxis: 'time' });
    expect(time.series[1].points[0][0]).toBe(T0 + 60_000);
    const rel = await getComparisonCurves(viewer, { runIds: [ids.a, ids.b, ids.c], keys: ['loss'], xAxis: 'relative', maxPoints: 100 });
    expect(rel.series.map((s) => s.points[0][0])).toEqual([0, 0, 0]);
    const zoom = await getComparisonCurves(viewer, { runIds: [ids.a, ids.c], keys: ['loss'], xAxis: 'relative', maxPoints: 100, range: { min: 1000, max: 60_000 } });
    expect(zoom.series[0].points.map((p) => p[0])).toEqual([1000, 2000]);
    const c = zoom.series[1].points.map((p) => p[0] as number);
    expect(c.length).toBeGreaterThanOrEqual(50);
    expect(c.length).toBeLessThanOrEqual(100);
    expect(Math.min(...c)).toBeGreaterThanOrEqual(1000);
    expect(Math.max(...c)).toBeLessThanOrEqual(60_000);
  });

  it('returns one series per run and key in one call, empty for a run without the metric, none for unknown runs', async () => {
    const out = await getComparisonCurves(viewer, { runIds: `${ids.a},${ids.c},${'e'.repeat(32)}`, keys: 'loss,acc' });
    expect(out.series.map((s) => `${s.key}:${s.runId === ids.a ? 'a' : 'c'}:${s.totalPoints}`)).toEqual(['loss:a:3', 'loss:c:5000', 'acc:a:1', 'acc:c:0']);
  });

  it('refuses more than 100 runs per chart and a maxPoints beyond 2,000, naming the field', async () => {
    const many = Array.from({ length: 101 }, (_, i) => i.toString(16).padStart(32, '0'));
    await expect(getComparisonCurves(viewer, { runIds: many, keys: ['loss'] })).rejects.toMatchObject({ code: 'validation_failed', issues: [{ path: 'runIds' }] });
    await expect(getComparisonCurves(viewer, { runIds: [ids.a], keys: ['loss'], maxPoints: 5000 })).rejects.toMatchObject({ issues: [{ path: 'maxPoints' }] });
  });
});
