import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { resourceGrants } from '@/db/schema/identity';
import { makeUser } from '@/test/factories';
import { createRun } from './create-run';
import { deleteRun, restoreRun } from './delete-run';
import { importRun } from './import-run';
import { getRun, listChildRuns } from './get-run';
import { logBatch } from './log-batch';
import { logInputs } from './datasets';
import { logMetric } from './log-metric';
import { logParam } from './log-param';
import { deleteRunTag, setRunTag } from './run-tags';
import { auditEventsFor, makeExperiment, makeRun, trackingCounts } from './test-support';
import { updateRun } from './update-run';

describe('createRun', () => {
  it('creates a RUNNING run with a 32-hex id, a generated adjective-noun-number name and the system tags', async () => {
    const owner = await makeUser('scientist');
    const e = await makeExperiment(owner);
    const before = Date.now();
    const run = await createRun(owner, { experimentId: e.id, source: { name: 'train.py', type: 'LOCAL', version: 'abc123' } });
    expect(run.id).toMatch(/^[0-9a-f]{32}$/);
    expect(run.name).toMatch(/^[a-z]+-[a-z]+-\d{1,3}$/);
    expect(run).toMatchObject({ experimentId: e.id, status: 'RUNNING', endTime: null, userId: owner.userId, userName: owner.email, lifecycleStage: 'active', artifactUri: `mlflow-artifacts:/${e.id}/${run.id}/artifacts` });
    expect(run.startTime).toBeGreaterThanOrEqual(before);
    expect(run.tags).toMatchObject({ 'mlflow.runName': run.name, 'mlflow.user': owner.email, 'mlflow.source.name': 'train.py', 'mlflow.source.git.commit': 'abc123' });
    const [event] = await auditEventsFor('run', run.id);
    expect(event).toMatchObject({ action: 'run.create', actor_id: owner.userId, after: { id: run.id, name: run.name } });
  });

  it('takes the name from an mlflow.runName tag, and refuses a name that differs from it', async () => {
    const owner = await makeUser('scientist');
    const e = await makeExperiment(owner);
    expect((await createRun(owner, { experimentId: e.id, tags: { 'mlflow.runName': 'from-tag', 'mlflow.source.git.commit': 'c0ffee' } })).name).toBe('from-tag');
    const run = await createRun(owner, { experimentId: e.id, tags: { 'mlflow.source.git.commit': 'c0ffee' } });
    expect(run.source.version).toBe('c0ffee');
    await expect(createRun(owner, { experimentId: e.id, name: 'a', tags: { 'mlflow.runName': 'b' } })).rejects.toMatchObject({ code: 'validation_failed', issues: [{ path: 'name' }] });
  });

  it('lets any scientist log into the Default experiment, which nobody owns', async () => {
    const scientist = await makeUser('scientist');
    const run = await createRun(scientist, {});
    expect(run.experimentId).toBe('0');
    await expect(logMetric(scientist, { id: run.id, key: 'loss', value: 0.5 })).resolves.toMatchObject({ key: 'loss' });
  });
});

describe('run name ↔ mlflow.runName', () => {
  it('renaming the run updates the tag, setting the tag renames the run, and the tag cannot be deleted', async () => {
    const owner = await makeUser('scientist');
    const e = await makeExperiment(owner);
    const run = await makeRun(owner, e.id, { name: 'first' });
    expect((await updateRun(owner, { id: run.id, name: 'second' })).tags['mlflow.runName']).toBe('second');
    await setRunTag(owner, { id: run.id, key: 'mlflow.runName', value: 'third' });
    expect((await getRun(owner, { id: run.id })).name).toBe('third');
    await expect(deleteRunTag(owner, { id: run.id, key: 'mlflow.runName' })).rejects.toMatchObject({ code: 'system_tag' });
    await logBatch(owner, { id: run.id, tags: [{ key: 'mlflow.runName', value: 'fourth' }, { key: 'mlflow.note.content', value: 'notes' }] });
    expect(await getRun(owner, { id: run.id })).toMatchObject({ name: 'fourth', description: 'notes' });
    await deleteRunTag(owner, { id: run.id, key: 'mlflow.note.content' });
    expect((await getRun(owner, { id: run.id })).description).toBeNull();
    await expect(setRunTag(owner, { id: run.id, key: 'mlflow.runName', value: '  ' })).rejects.toMatchObject({ code: 'validation_failed' });
  });
});

describe('updateRun', () => {
  it('finishes a run, sets its end time and records before/after', async () => {
    const owner = await makeUser('scientist');
    const e = await makeExperiment(owner);
    const run = await makeRun(owner, e.id, { startTime: 1000 });
    const done = await updateRun(owner, { id: run.id, status: 'FINISHED', endTime: 5000 });
    expect(done).toMatchObject({ status: 'FINISHED', endTime: 5000 });
    await expect(updateRun(owner, { id: run.id, endTime: 10 })).rejects.toMatchObject({ code: 'validation_failed', message: expect.stringContaining('End time') });
    const events = (await auditEventsFor('run', run.id)).filter((x) => x.action === 'run.update');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ before: { status: 'RUNNING', endTime: null }, after: { status: 'FINISHED', endTime: 5000 } });
  });
});

describe('deleteRun / restoreRun', () => {
  it('refuses logging to a deleted run and accepts it again after restore', async () => {
    const owner = await makeUser('scientist');
    const e = await makeExperiment(owner);
    const run = await makeRun(owner, e.id);
    const deleted = await deleteRun(owner, { id: run.id });
    expect(deleted).toMatchObject({ lifecycleStage: 'deleted' });
    expect(deleted.deletedTime).toEqual(expect.any(Number));
    const before = await trackingCounts(run.id);
    await expect(logParam(owner, { id: run.id, key: 'a', value: '1' })).rejects.toMatchObject({ code: 'run_deleted' });
    await expect(setRunTag(owner, { id: run.id, key: 'a', value: '1' })).rejects.toMatchObject({ code: 'run_deleted' });
    expect(await trackingCounts(run.id)).toEqual(before);
    await expect(restoreRun(owner, { id: run.id })).resolves.toMatchObject({ lifecycleStage: 'active', deletedTime: null });
    await expect(logParam(owner, { id: run.id, key: 'a', value: '1' })).resolves.toMatchObject({ key: 'a' });
    expect((await auditEventsFor('run', run.id)).map((x) => x.action)).toEqual(['run.create', 'run.delete', 'run.restore', 'run.log_param']);
  });
});

describe('nested runs', () => {
  it('lists the children of a sweep parent, set by field or by mlflow.parentRunId tag', async () => {
    const owner = await makeUser('scientist');
    const e = await makeExperiment(owner);
    const parent = await makeRun(owner, e.id, { name: 'sweep' });
    const c1 = await makeRun(owner, e.id, { parentRunId: parent.id, startTime: 1 });
    const c2 = await makeRun(owner, e.id, { tags: { 'mlflow.parentRunId': parent.id }, startTime: 2 });
    const c3 = await makeRun(owner, e.id, { startTime: 3 });
    await setRunTag(owner, { id: c3.id, key: 'mlflow.parentRunId', value: parent.id });
    expect(c1).toMatchObject({ parentRunId: parent.id, tags: { 'mlflow.parentRunId': parent.id } });
    const children = await listChildRuns(owner, { id: parent.id });
    expect(children.runs.map((r) => r.id)).toEqual([c1.id, c2.id, c3.id]);
    await expect(makeRun(owner, e.id, { parentRunId: 'f'.repeat(32) })).rejects.toMatchObject({ code: 'invalid_reference', message: 'The parent run does not exist.' });
  });
});

describe('RBAC on runs', () => {
  it('refuses a viewer every run write with forbidden and writes nothing', async () => {
    const owner = await makeUser('scientist');
    const viewer = await makeUser('viewer');
    const e = await makeExperiment(owner);
    const run = await makeRun(owner, e.id);
    const before = await trackingCounts();
    const calls = [
      () => createRun(viewer, { experimentId: e.id }),
      () => updateRun(viewer, { id: run.id, status: 'FAILED' }),
      () => deleteRun(viewer, { id: run.id }),
      () => logParam(viewer, { id: run.id, key: 'a', value: '1' }),
      () => logMetric(viewer, { id: run.id, key: 'a', value: 1 }),
      () => logBatch(viewer, { id: run.id, metrics: [{ key: 'a', value: 1 }] }),
      () => setRunTag(viewer, { id: run.id, key: 'a', value: '1' }),
      () => logInputs(viewer, { id: run.id, datasets: [{ dataset: { name: 'd', digest: '1', sourceType: 'local', source: 'x' } }] }),
    ];
    for (const call of calls) await expect(call()).rejects.toMatchObject({ code: 'forbidden' });
    expect(await trackingCounts()).toEqual(before);
  });

  it('refuses a scientist in another scientist’s experiment until granted EDIT; admins may always', async () => {
    const owner = await makeUser('scientist');
    const other = await makeUser('scientist');
    const admin = await makeUser('admin');
    const e = await makeExperiment(owner);
    const run = await makeRun(owner, e.id);
    await expect(createRun(other, { experimentId: e.id })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(logMetric(other, { id: run.id, key: 'a', value: 1 })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(deleteRun(other, { id: run.id })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(logMetric(admin, { id: run.id, key: 'a', value: 1 })).resolves.toMatchObject({ key: 'a' });

    const db = await getDb();
    await db.insert(resourceGrants).values({ resourceType: 'experiment', resourceId: e.id, userId: other.userId, level: 'READ' });
    await expect(logMetric(other, { id: run.id, key: 'a', value: 1 })).rejects.toMatchObject({ code: 'forbidden' });
    const other2 = await makeUser('scientist');
    await db.insert(resourceGrants).values({ resourceType: 'experiment', resourceId: e.id, userId: other2.userId, level: 'EDIT' });
    await expect(logMetric(other2, { id: run.id, key: 'a', value: 2 })).resolves.toMatchObject({ key: 'a' });
    await expect(createRun(other2, { experimentId: e.id })).resolves.toMatchObject({ experimentId: e.id });
    await expect(deleteRun(other2, { id: run.id })).resolves.toMatchObject({ lifecycleStage: 'deleted' });
  });

  it('refuses a read-scoped token with token_scope', async () => {
    const owner = await makeUser('scientist');
    const e = await makeExperiment(owner);
    const run = await makeRun(owner, e.id);
    const token = { ...owner, kind: 'token' as const, tokenId: 't', scopes: ['read' as const] };
    await expect(logBatch(token, { id: run.id, metrics: [{ key: 'a', value: 1 }] })).rejects.toMatchObject({ code: 'token_scope' });
    await expect(getRun(token, { id: run.id })).resolves.toMatchObject({ id: run.id });
  });
});

describe('importRun', () => {
  it('records a finished run with params, metrics, tags and inputs in one call and one audit event', async () => {
    const owner = await makeUser('scientist');
    const e = await makeExperiment(owner);
    const run = await importRun(owner, {
      experimentId: e.id,
      name: 'imported',
      startTime: 1000,
      endTime: 9000,
      status: 'FAILED',
      params: [{ key: 'lr', value: '0.1' }],
      metrics: [0.9, 0.5, 0.7].map((value, step) => ({ key: 'loss', value, step, timestamp: 1000 + step })),
      tags: { team: 'risk' },
      datasets: [{ dataset: { name: 'train', digest: 'abc', sourceType: 'local', source: '/d' }, context: 'training' }],
    });
    expect(run).toMatchObject({ name: 'imported', status: 'FAILED', startTime: 1000, endTime: 9000, params: { lr: '0.1' }, tags: { team: 'risk', 'mlflow.runName': 'imported' } });
    expect(run.metrics.loss).toEqual({ value: 0.7, step: 2, timestamp: 1002, min: 0.5, max: 0.9 });
    expect((await getRun(owner, { id: run.id })).inputs).toHaveLength(1);
    const events = await auditEventsFor('run', run.id);
    expect(events.map((x) => x.action)).toEqual(['run.import']);
    expect(events[0]).toMatchObject({ after: { status: 'FAILED', metrics: 3, params: { lr: '0.1' }, inputs: [{ name: 'train', context: 'training' }] } });
  });

  it('refuses a scientist without EDIT on the experiment, writing nothing', async () => {
    const owner = await makeUser('scientist');
    const other = await makeUser('scientist');
    const e = await makeExperiment(owner);
    const before = await trackingCounts();
    await expect(importRun(other, { experimentId: e.id, metrics: [{ key: 'a', value: 1 }] })).rejects.toMatchObject({ code: 'forbidden' });
    expect(await trackingCounts()).toEqual(before);
  });
});
