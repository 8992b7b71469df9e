import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb, rowsOf } from '@/db/client';
import { makeUser } from '@/test/factories';
import { getRun } from './get-run';
import { logBatch } from './log-batch';
import { logMetric, logMetricPoint } from './log-metric';
import { logParam } from './log-param';
import { auditEventsFor, makeExperiment, makeRun, trackingCounts } from './test-support';

async function setup() {
  const owner = await makeUser('scientist');
  const experiment = await makeExperiment(owner);
  const run = await makeRun(owner, experiment.id);
  return { owner, experiment, run };
}

async function history(runId: string, key: string) {
  const db = await getDb();
  return rowsOf<{ step: string | number; timestamp: string | number; value: number | string }>(
    await db.execute(sql`select step, timestamp, value from metric_history where run_id = ${runId} and key = ${key} order by step, timestamp`),
  ).map((r) => ({ step: Number(r.step), timestamp: Number(r.timestamp), value: Number(r.value) }));
}

describe('logParam', () => {
  it('accepts the same value twice and records one audit event', async () => {
    const { owner, run } = await setup();
    await logParam(owner, { id: run.id, key: 'lr', value: '0.01' });
    await expect(logParam(owner, { id: run.id, key: 'lr', value: '0.01' })).resolves.toEqual({ runId: run.id, key: 'lr', value: '0.01' });
    expect((await getRun(owner, { id: run.id })).params).toEqual({ lr: '0.01' });
    const events = (await auditEventsFor('run', run.id)).filter((e) => e.action === 'run.log_param');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_id: owner.userId, before: { key: 'lr', value: null }, after: { key: 'lr', value: '0.01' } });
  });

  it('refuses a different value with param_immutable naming the key and both values, and writes nothing', async () => {
    const { owner, run } = await setup();
    await logParam(owner, { id: run.id, key: 'max_depth', value: '6' });
    const before = await trackingCounts(run.id);
    const err = await logParam(owner, { id: run.id, key: 'max_depth', value: '8' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'conflict', code: 'param_immutable', details: { key: 'max_depth', oldValue: '6', newValue: '8' } });
    expect((err as Error).message).toContain("'max_depth'");
    expect((err as Error).message).toContain("'6'");
    expect((err as Error).message).toContain("'8'");
    expect(await trackingCounts(run.id)).toEqual(before);
  });

  it('lets exactly one of several concurrent different values win; the others fail with param_immutable', async () => {
    const { owner, run } = await setup();
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => logParam(owner, { id: run.id, key: 'seed', value: String(i) })));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(lost).toHaveLength(5);
    expect(lost.every((r) => (r.reason as { code?: string }).code === 'param_immutable')).toBe(true);
    expect(await trackingCounts(run.id)).toMatchObject({ params: 1 });
  });

  it('keeps latest metrics exact under concurrent batches to one run', async () => {
    const { owner, run } = await setup();
    await Promise.all(
      Array.from({ length: 5 }, (_, b) => logBatch(owner, { id: run.id, metrics: Array.from({ length: 100 }, (_, i) => ({ key: 'loss', value: b * 100 + i, step: b * 100 + i, timestamp: 1 })) })),
    );
    expect((await getRun(owner, { id: run.id })).metrics.loss).toEqual({ value: 499, step: 499, timestamp: 1, min: 0, max: 499 });
    expect(await trackingCounts(run.id)).toMatchObject({ history: 500, latest: 1 });
  });

  it('rejects bad keys and overlong values with validation_failed naming the field', async () => {
    const { owner, run } = await setup();
    await expect(logParam(owner, { id: run.id, key: 'a/../b', value: 'x' })).rejects.toMatchObject({ code: 'validation_failed', issues: [{ path: 'key' }] });
    await expect(logParam(owner, { id: run.id, key: 'bad*key', value: 'x' })).rejects.toMatchObject({ code: 'validation_failed', issues: [{ path: 'key' }] });
    await expect(logParam(owner, { id: run.id, key: 'k'.repeat(251), value: 'x' })).rejects.toMatchObject({ issues: [{ path: 'key', message: 'param key must be at most 250 characters' }] });
    await expect(logParam(owner, { id: run.id, key: 'ok', value: 'v'.repeat(6001) })).rejects.toMatchObject({ issues: [{ path: 'value', message: 'param value must be at most 6000 characters' }] });
  });
});

describe('logBatch', () => {
  it('writes metrics, params and tags in one call and keeps one latest row per key', async () => {
    const { owner, run } = await setup();
    const metrics = Array.from({ length: 1000 }, (_, i) => ({ key: i % 2 ? 'loss' : 'acc', value: i / 1000, step: Math.floor(i / 2), timestamp: 1_700_000_000_000 + i }));
    const result = await logBatch(owner, { id: run.id, metrics, params: [{ key: 'optimizer', value: 'adam' }], tags: [{ key: 'team', value: 'risk' }] });
    expect(result).toEqual({ runId: run.id, metrics: 1000, params: 1, tags: 1 });
    const view = await getRun(owner, { id: run.id });
    expect(view.params).toEqual({ optimizer: 'adam' });
    expect(view.tags.team).toBe('risk');
    expect(view.metrics.loss).toEqual({ value: 0.999, step: 499, timestamp: 1_700_000_000_999, min: 0.001, max: 0.999 });
    expect(view.metrics.acc).toMatchObject({ value: 0.998, step: 499, min: 0, max: 0.998 });
    expect(await trackingCounts(run.id)).toMatchObject({ history: 1000, latest: 2 });
  });

  it.each([
    ['metrics', { metrics: Array.from({ length: 1001 }, (_, i) => ({ key: 'm', value: i, step: i, timestamp: 1 })) }, 'at most 1000 metrics per batch'],
    ['params', { params: Array.from({ length: 101 }, (_, i) => ({ key: `p${i}`, value: 'x' })) }, 'at most 100 params per batch'],
    ['tags', { tags: Array.from({ length: 101 }, (_, i) => ({ key: `t${i}`, value: 'x' })) }, 'at most 100 tags per batch'],
  ])('refuses more than the limit of %s with a 400 naming the limit, writing nothing', async (field, body, message) => {
    const { owner, run } = await setup();
    const before = await trackingCounts(run.id);
    await expect(logBatch(owner, { id: run.id, ...body })).rejects.toMatchObject({ kind: 'validation', code: 'validation_failed', issues: [{ path: field, message }] });
    expect(await trackingCounts(run.id)).toEqual(before);
  });

  it('names the first index of a bad metric key in a batch', async () => {
    const { owner, run } = await setup();
    const metrics = [{ key: 'ok', value: 1 }, { key: 'bad|key', value: 2 }, { key: 'bad|key', value: 3 }, { key: 'ok', value: 'oops' }];
    await expect(logBatch(owner, { id: run.id, metrics })).rejects.toMatchObject({
      code: 'validation_failed',
      issues: [
        { path: 'metrics.3.value', message: 'must be a number, or "NaN", "Infinity", "-Infinity"' },
        { path: 'metrics.1.key', message: expect.stringContaining('may only contain') },
      ],
    });
  });

  it('refuses a batch whose param conflicts, leaving its metrics and tags unwritten', async () => {
    const { owner, run } = await setup();
    await logParam(owner, { id: run.id, key: 'seed', value: '1' });
    const before = await trackingCounts(run.id);
    await expect(
      logBatch(owner, { id: run.id, metrics: [{ key: 'loss', value: 1, step: 0, timestamp: 1 }], params: [{ key: 'seed', value: '2' }], tags: [{ key: 'x', value: 'y' }] }),
    ).rejects.toMatchObject({ code: 'param_immutable' });
    expect(await trackingCounts(run.id)).toEqual(before);
  });
});

describe('metric values', () => {
  it('round-trips NaN and ±Infinity through log, history and latest, encoded as strings', async () => {
    const { owner, run } = await setup();
    await logMetric(owner, { id: run.id, key: 'nan', value: NaN, step: 0, timestamp: 10 });
    await logMetric(owner, { id: run.id, key: 'pinf', value: 'Infinity', step: 0, timestamp: 10 });
    await logBatch(owner, { id: run.id, metrics: [{ key: 'ninf', value: -Infinity, step: 0, timestamp: 10 }] });
    const view = await getRun(owner, { id: run.id });
    expect(view.metrics.nan).toEqual({ value: 'NaN', step: 0, timestamp: 10, min: null, max: null });
    expect(view.metrics.pinf).toEqual({ value: 'Infinity', step: 0, timestamp: 10, min: 'Infinity', max: 'Infinity' });
    expect(view.metrics.ninf).toEqual({ value: '-Infinity', step: 0, timestamp: 10, min: '-Infinity', max: '-Infinity' });
    expect(JSON.parse(JSON.stringify(view)).metrics.nan.value).toBe('NaN');
    expect((await history(run.id, 'nan'))[0].value).toBeNaN();
    expect((await history(run.id, 'ninf'))[0].value).toBe(-Infinity);
  });

  it('keeps min and max over the history with NaN left out', async () => {
    const { owner, run } = await setup();
    await logBatch(owner, { id: run.id, metrics: [3, NaN, -2, 7].map((value, step) => ({ key: 'm', value, step, timestamp: 1 })) });
    await logMetric(owner, { id: run.id, key: 'm', value: NaN, step: 9, timestamp: 1 });
    await logMetric(owner, { id: run.id, key: 'm', value: 10, step: 1, timestamp: 1 });
    expect((await getRun(owner, { id: run.id })).metrics.m).toEqual({ value: 'NaN', step: 9, timestamp: 1, min: -2, max: 10 });
  });
});

describe('latest metric rule (highest step, then latest timestamp, then highest value)', () => {
  it('keeps the highest step when steps arrive out of order', async () => {
    const { owner, run } = await setup();
    for (const step of [5, 2, 9, 1]) await logMetric(owner, { id: run.id, key: 'loss', value: step * 10, step, timestamp: 100 - step });
    expect((await getRun(owner, { id: run.id })).metrics.loss).toMatchObject({ value: 90, step: 9, timestamp: 91 });
  });

  it('breaks equal steps by the later timestamp, whatever the order of arrival', async () => {
    const { owner, run } = await setup();
    await logMetric(owner, { id: run.id, key: 'acc', value: 0.5, step: 3, timestamp: 2000 });
    await logMetric(owner, { id: run.id, key: 'acc', value: 0.9, step: 3, timestamp: 1000 });
    expect((await getRun(owner, { id: run.id })).metrics.acc).toMatchObject({ value: 0.5, timestamp: 2000 });
  });

  it('breaks equal step and timestamp by the higher value, inside one batch and across calls', async () => {
    const { owner, run } = await setup();
    await logBatch(owner, { id: run.id, metrics: [0.3, 0.8, 0.1].map((value) => ({ key: 'auc', value, step: 1, timestamp: 5 })) });
    expect((await getRun(owner, { id: run.id })).metrics.auc).toMatchObject({ value: 0.8 });
    await logMetric(owner, { id: run.id, key: 'auc', value: 0.85, step: 1, timestamp: 5 });
    await logMetric(owner, { id: run.id, key: 'auc', value: 0.2, step: 1, timestamp: 5 });
    expect((await getRun(owner, { id: run.id })).metrics.auc).toEqual({ value: 0.85, step: 1, timestamp: 5, min: 0.1, max: 0.85 });
    expect(await history(run.id, 'auc')).toHaveLength(5);
  });
});

describe('logMetricPoint (the MLflow door’s log-metric)', () => {
  it('writes, upkeeps the latest value and audits exactly as logMetric does, without reading the latest value back', async () => {
    const { owner, run } = await setup();
    const viaPoint = await logMetricPoint(owner, { id: run.id, key: 'loss', value: 0.5, step: 2, timestamp: 20 });
    expect(viaPoint).toEqual({ runId: run.id, key: 'loss', value: 0.5, step: 2, timestamp: 20 });
    expect('latest' in viaPoint).toBe(false);
    await logMetricPoint(owner, { id: run.id, key: 'loss', value: 0.9, step: 1, timestamp: 30 });
    const viaLog = await logMetric(owner, { id: run.id, key: 'loss', value: 0.1, step: 1, timestamp: 40 });
    expect(viaLog.latest).toEqual({ value: 0.5, step: 2, timestamp: 20, min: 0.1, max: 0.9 });
    expect(await history(run.id, 'loss')).toHaveLength(3);
    const events = (await auditEventsFor('run', run.id)).filter((e) => e.action === 'run.log_metric');
    expect(events.map((e) => e.after)).toEqual([
      { key: 'loss', value: 0.5, step: 2, timestamp: 20 },
      { key: 'loss', value: 0.9, step: 1, timestamp: 30 },
      { key: 'loss', value: 0.1, step: 1, timestamp: 40 },
    ]);
  });

  it('refuses what logMetric refuses, writing nothing: a viewer, a bad key', async () => {
    const { owner, run } = await setup();
    const viewer = await makeUser('viewer');
    const before = await trackingCounts(run.id);
    await expect(logMetricPoint(viewer, { id: run.id, key: 'loss', value: 1, step: 0 })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(logMetricPoint(owner, { id: run.id, key: '../x', value: 1, step: 0 })).rejects.toMatchObject({ kind: 'validation' });
    expect(await trackingCounts(run.id)).toEqual(before);
  });
});
