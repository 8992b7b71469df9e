import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { makeUser } from '@/test/factories';
import { mostQueriesInFlight } from '@/test/pg-in-flight';
import { testDb } from '@/test/integration-setup';
import { createExperiment } from './create-experiment';
import { createRun } from './create-run';
import { deleteRun } from './delete-run';
import { listExperimentKeys } from './list-experiment-keys';
import { logBatch } from './log-batch';
import { summarizeExperimentContents } from './summarize-experiment-contents';

let scientist: Actor;
let viewer: Actor;
let experimentId: string;
let emptyId: string;

beforeAll(async () => {
  scientist = await makeUser('scientist');
  viewer = await makeUser('viewer');
  const e = await createExperiment(scientist, { name: `keys-${Date.now()}` });
  const empty = await createExperiment(scientist, { name: `keys-empty-${Date.now()}` });
  experimentId = e.id;
  emptyId = empty.id;
  const a = await createRun(scientist, { experimentId, name: 'a' });
  const b = await createRun(scientist, { experimentId, name: 'b', tags: { team: 'vision' } });
  await logBatch(scientist, {
    id: a.id,
    metrics: [
      { key: 'val_loss', value: 0.5, step: 0 },
      { key: 'val_loss', value: 0.4, step: 1 },
      { key: 'acc', value: 0.9 },
    ],
    params: [{ key: 'lr', value: '0.01' }],
  });
  await logBatch(scientist, { id: b.id, metrics: [{ key: 'acc', value: 0.8 }], params: [{ key: 'batch size', value: '32' }] });
  await deleteRun(scientist, { id: b.id });
});

describe('listExperimentKeys', () => {
  it('gives a viewer the metric, param and tag keys of active and deleted runs, each once and sorted', async () => {
    const keys = await listExperimentKeys(viewer, { experimentId });
    expect(keys.metrics).toEqual(['acc', 'val_loss']);
    expect(keys.params).toEqual(['batch size', 'lr']);
    expect(keys.tags).toContain('team');
    expect(keys.tags).toContain('mlflow.runName');
    expect(new Set(keys.tags).size).toBe(keys.tags.length);
    expect(keys.truncated).toBe(false);
  });

  it('reads the three kinds one query after another on its connection (never queued on a busy pg client)', async () => {
    const most = await mostQueriesInFlight(async () => void (await listExperimentKeys(viewer, { experimentId })));
    expect(most).toBe(testDb.driver === 'pg' ? 1 : 0);
  });

  it('gives empty lists for an experiment without runs', async () => {
    expect(await listExperimentKeys(viewer, { experimentId: emptyId })).toEqual({ metrics: [], params: [], tags: [], truncated: false });
  });

  it('refuses an unknown experiment with not_found', async () => {
    await expect(listExperimentKeys(viewer, { experimentId: '999999999' })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('summarizeExperimentContents', () => {
  it('counts runs, deleted runs and metric points per experiment, zeros for unknown ids, in the order asked', async () => {
    const out = await summarizeExperimentContents(viewer, { experimentIds: [emptyId, experimentId, '999999999'] });
    expect(out).toHaveLength(3);
    expect(out[0]).toMatchObject({ experimentId: emptyId, runs: 0, deletedRuns: 0, metricPoints: 0 });
    expect(out[1]).toMatchObject({ experimentId, runs: 2, deletedRuns: 1, metricPoints: 4 });
    expect(out[2]).toMatchObject({ experimentId: '999999999', runs: 0, metricPoints: 0 });
  });
});
