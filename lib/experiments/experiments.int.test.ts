import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb, rowsOf } from '@/db/client';
import { resourceGrants, type GrantLevel } from '@/db/schema/identity';
import { experiments, runs } from '@/db/schema/tracking';
import type { Actor } from '@/lib/auth/actor';
import { makeUser } from '@/test/factories';
import { createExperiment } from './create-experiment';
import { logInputs, listExperimentDatasets, listRunInputs } from './datasets';
import { deleteExperiment, restoreExperiment } from './delete-experiment';
import { deleteRun } from './delete-run';
import { getExperiment, getExperimentByName } from './get-experiment';
import { getRun } from './get-run';
import { listExperiments } from './list-experiments';
import { logBatch } from './log-batch';
import { purgeExperiment, purgeExperimentTrash } from './purge-experiment';
import { deleteExperimentTag, setExperimentTag, updateExperiment } from './update-experiment';
import { auditEventsFor, makeExperiment, makeRun, trackingCounts } from './test-support';

async function grant(experimentId: string, user: Actor, level: GrantLevel) {
  const db = await getDb();
  await db.insert(resourceGrants).values({ resourceType: 'experiment', resourceId: experimentId, userId: user.userId!, level });
}

describe('createExperiment', () => {
  it('makes the caller the owner, gives a default artifact location and records experiment.create', async () => {
    const owner = await makeUser('scientist');
    const created = await createExperiment(owner, { name: `churn-${Date.now()}`, description: 'd', tags: { team: 'growth' } });
    expect(created).toMatchObject({ ownerId: owner.userId, ownerEmail: owner.email, lifecycleStage: 'active', tags: { team: 'growth' }, artifactLocation: `mlflow-artifacts:/${created.id}` });
    expect(created.id).toMatch(/^\d+$/);
    const [event] = await auditEventsFor('experiment', created.id);
    expect(event).toMatchObject({ action: 'experiment.create', actor_id: owner.userId, before: null, after: { name: created.name, tags: { team: 'growth' } } });
  });

  it('refuses a duplicate name — also of a deleted experiment — with already_exists naming name, and writes no audit event', async () => {
    const owner = await makeUser('scientist');
    const first = await makeExperiment(owner);
    await deleteExperiment(owner, { id: first.id });
    const before = await trackingCounts();
    await expect(createExperiment(owner, { name: first.name })).rejects.toMatchObject({ code: 'already_exists', details: { constraint: 'experiments_name_unique' } });
    await expect(createExperiment(owner, { name: first.name })).rejects.toThrow(/name already exists/);
    expect((await trackingCounts()).audit).toBe(before.audit);
  });

  it('admits exactly one of several concurrent creates with the same name; the others get already_exists', async () => {
    const owner = await makeUser('scientist');
    const name = `race-${Date.now()}`;
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => createExperiment(owner, { name })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(lost.map((r) => (r.reason as { code?: string }).code)).toEqual(['already_exists', 'already_exists', 'already_exists', 'already_exists']);
  });

  it.each(['viewer', 'approver', 'auditor'] as const)('refuses a %s with forbidden', async (role) => {
    const actor = await makeUser(role);
    await expect(createExperiment(actor, { name: `x-${Date.now()}` })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('refuses a read-scoped token with token_scope', async () => {
    const owner = await makeUser('scientist');
    const token: Actor = { ...owner, kind: 'token', tokenId: 't', scopes: ['read'] };
    await expect(createExperiment(token, { name: `x-${Date.now()}` })).rejects.toMatchObject({ code: 'token_scope' });
  });
});

describe('getExperiment and listExperiments', () => {
  it('finds by id and by name, and lists with run counts, last activity, search and view types', async () => {
    const owner = await makeUser('scientist');
    const tag = `lst${Date.now()}`;
    const a = await makeExperiment(owner, `${tag}-alpha`);
    const b = await makeExperiment(owner, `${tag}-beta`);
    await makeRun(owner, a.id, { startTime: 1000 });
    const r2 = await makeRun(owner, a.id, { startTime: 2000 });
    await deleteRun(owner, { id: r2.id });
    await deleteExperiment(owner, { id: b.id });

    expect(await getExperiment(owner, { id: a.id })).toMatchObject({ name: a.name });
    expect(await getExperimentByName(owner, { name: b.name })).toMatchObject({ id: b.id, lifecycleStage: 'deleted' });
    await expect(getExperiment(owner, { id: '999999' })).rejects.toMatchObject({ code: 'not_found' });

    const active = await listExperiments(owner, { q: tag });
    expect(active.experiments.map((e) => e.name)).toEqual([a.name]);
    expect(active.experiments[0]).toMatchObject({ runCount: 1, lastActivity: 2000 });
    expect((await listExperiments(owner, { q: tag, viewType: 'deleted' })).experiments.map((e) => e.name)).toEqual([b.name]);
    const all = await listExperiments(owner, { q: tag, viewType: 'all', pageSize: 1 });
    expect(all.experiments.map((e) => e.name)).toEqual([b.name]);
    const next = await listExperiments(owner, { q: tag, viewType: 'all', pageSize: 1, pageToken: all.nextPageToken! });
    expect(next).toMatchObject({ experiments: [{ name: a.name }], nextPageToken: null });
  });
});

describe('updating experiments', () => {
  it('renames, edits description and tags with before/after audit events', async () => {
    const owner = await makeUser('scientist');
    const e = await makeExperiment(owner);
    const renamed = await updateExperiment(owner, { id: e.id, name: `${e.name}-v2`, description: 'new' });
    expect(renamed).toMatchObject({ name: `${e.name}-v2`, description: 'new' });
    await setExperimentTag(owner, { id: e.id, key: 'stage', value: 'poc' });
    const afterDelete = await deleteExperimentTag(owner, { id: e.id, key: 'stage' });
    expect(afterDelete.tags).toEqual({});
    const events = await auditEventsFor('experiment', e.id);
    expect(events.map((x) => x.action)).toEqual(['experiment.create', 'experiment.rename', 'experiment.set_tag', 'experiment.delete_tag']);
    expect(events[1]).toMatchObject({ before: { name: e.name, description: null }, after: { name: `${e.name}-v2`, description: 'new' } });
    expect(events[2]).toMatchObject({ before: { key: 'stage', value: null }, after: { key: 'stage', value: 'poc' } });
    expect(events[3]).toMatchObject({ before: { key: 'stage', value: 'poc' }, after: { key: 'stage', value: null } });
  });

  it('refuses another scientist without a grant, and accepts them with EDIT (update) but not EDIT (delete)', async () => {
    const owner = await makeUser('scientist');
    const other = await makeUser('scientist');
    const e = await makeExperiment(owner);
    const before = await trackingCounts();
    await expect(updateExperiment(other, { id: e.id, description: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(deleteExperiment(other, { id: e.id })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await trackingCounts()).audit).toBe(before.audit);
    await grant(e.id, other, 'EDIT');
    await expect(updateExperiment(other, { id: e.id, description: 'x' })).resolves.toMatchObject({ description: 'x' });
    await expect(deleteExperiment(other, { id: e.id })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('lets a scientist with MANAGE and an admin delete and restore', async () => {
    const owner = await makeUser('scientist');
    const manager = await makeUser('scientist');
    const admin = await makeUser('admin');
    const e = await makeExperiment(owner);
    await grant(e.id, manager, 'MANAGE');
    await expect(deleteExperiment(manager, { id: e.id })).resolves.toMatchObject({ lifecycleStage: 'deleted' });
    await expect(restoreExperiment(admin, { id: e.id })).resolves.toMatchObject({ lifecycleStage: 'active' });
  });

  it('refuses a viewer every write with forbidden', async () => {
    const owner = await makeUser('scientist');
    const viewer = await makeUser('viewer');
    const e = await makeExperiment(owner);
    for (const call of [
      () => updateExperiment(viewer, { id: e.id, name: 'v' }),
      () => setExperimentTag(viewer, { id: e.id, key: 'k', value: 'v' }),
      () => deleteExperiment(viewer, { id: e.id }),
      () => purgeExperimentTrash(viewer, { id: e.id }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'forbidden' });
    }
  });

  it('refuses deleting or purging the Default experiment', async () => {
    const admin = await makeUser('admin');
    await expect(deleteExperiment(admin, { id: '0' })).rejects.toMatchObject({ code: 'default_experiment' });
    await expect(purgeExperiment(admin, { id: '0' })).rejects.toMatchObject({ code: 'default_experiment' });
  });
});

describe('deleteExperiment / restoreExperiment', () => {
  it('hides the runs with the experiment and restores only those, not runs deleted before', async () => {
    const owner = await makeUser('scientist');
    const e = await makeExperiment(owner);
    const kept = await makeRun(owner, e.id);
    const trashedEarlier = await makeRun(owner, e.id);
    await deleteRun(owner, { id: trashedEarlier.id });

    const deleted = await deleteExperiment(owner, { id: e.id });
    expect(deleted.lifecycleStage).toBe('deleted');
    expect((await getRun(owner, { id: kept.id })).lifecycleStage).toBe('deleted');
    await expect(makeRun(owner, e.id)).rejects.toMatchObject({ code: 'experiment_deleted' });
    await expect(logBatch(owner, { id: kept.id, metrics: [{ key: 'm', value: 1, step: 0, timestamp: 1 }] })).rejects.toMatchObject({ code: 'experiment_deleted' });
    await expect(updateExperiment(owner, { id: e.id, name: 'nope' })).rejects.toMatchObject({ code: 'experiment_deleted' });

    await restoreExperiment(owner, { id: e.id });
    expect((await getRun(owner, { id: kept.id })).lifecycleStage).toBe('active');
    expect((await getRun(owner, { id: trashedEarlier.id })).lifecycleStage).toBe('deleted');
    const events = await auditEventsFor('experiment', e.id);
    expect(events.slice(-2)).toMatchObject([
      { action: 'experiment.delete', before: { lifecycleStage: 'active' }, after: { lifecycleStage: 'deleted', runsDeleted: 1 } },
      { action: 'experiment.restore', before: { lifecycleStage: 'deleted' }, after: { lifecycleStage: 'active', runsRestored: 1 } },
    ]);
  });
});

describe('purging', () => {
  it('purgeExperimentTrash removes deleted runs with their history, params, tags, latest metrics and inputs, and nothing else', async () => {
    const owner = await makeUser('scientist');
    const e = await makeExperiment(owner);
    const keep = await makeRun(owner, e.id);
    const gone = await makeRun(owner, e.id);
    for (const r of [keep, gone]) {
      await logBatch(owner, { id: r.id, metrics: Array.from({ length: 50 }, (_, i) => ({ key: 'loss', value: 1 / (i + 1), step: i, timestamp: i })), params: [{ key: 'lr', value: '0.1' }] });
      await logInputs(owner, { id: r.id, datasets: [{ dataset: { name: 'train', digest: 'abc', sourceType: 'local', source: '/data/train.csv' }, context: 'training' }] });
    }
    await deleteRun(owner, { id: gone.id });
    const result = await purgeExperimentTrash(owner, { id: e.id });
    expect(result).toEqual({ experimentId: e.id, runsRemoved: 1, metricPointsRemoved: 50, datasetsRemoved: 0, artifactUris: [gone.artifactUri], artifactPaths: [`${e.id}/${gone.id}/artifacts`] });
    expect(await trackingCounts(gone.id)).toMatchObject({ history: 0, latest: 0, params: 0, tags: 0 });
    expect(await trackingCounts(keep.id)).toMatchObject({ history: 50, latest: 1, params: 1 });
    const db = await getDb();
    expect(await db.select().from(runs).where(eq(runs.id, gone.id))).toEqual([]);
    const [{ n }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from run_inputs where run_id = ${gone.id}`));
    expect(n).toBe(0);
    expect((await listRunInputs(owner, { id: keep.id })).inputs).toHaveLength(1);
    const [event] = (await auditEventsFor('experiment', e.id)).filter((x) => x.action === 'experiment.purge_trash');
    expect(event).toMatchObject({ before: { deletedRunIds: [gone.id] }, after: { runsRemoved: 1, metricPointsRemoved: 50 } });
  });

  it('purgeExperiment refuses an active experiment, then removes a deleted one entirely and frees its name', async () => {
    const owner = await makeUser('scientist');
    const e = await makeExperiment(owner);
    const r = await makeRun(owner, e.id);
    await logBatch(owner, { id: r.id, metrics: [{ key: 'm', value: 1, step: 0, timestamp: 1 }] });
    await logInputs(owner, { id: r.id, datasets: [{ dataset: { name: 'd', digest: '1', sourceType: 's3', source: 's3://b/d' } }] });
    await expect(purgeExperiment(owner, { id: e.id })).rejects.toMatchObject({ code: 'not_deleted' });
    await deleteExperiment(owner, { id: e.id });
    const result = await purgeExperiment(owner, { id: e.id });
    expect(result).toMatchObject({ runsRemoved: 1, metricPointsRemoved: 1, datasetsRemoved: 1, artifactUris: [e.artifactLocation, r.artifactUri] });
    const db = await getDb();
    expect(await db.select().from(experiments).where(eq(experiments.id, Number(e.id)))).toEqual([]);
    expect(await trackingCounts(r.id)).toMatchObject({ history: 0, latest: 0 });
    await expect(createExperiment(owner, { name: e.name })).resolves.toMatchObject({ name: e.name });
    const [event] = (await auditEventsFor('experiment', e.id)).filter((x) => x.action === 'experiment.purge');
    expect(event).toMatchObject({ before: { name: e.name }, after: { runsRemoved: 1, metricPointsRemoved: 1, datasetsRemoved: 1 } });
  });
});

describe('datasets', () => {
  it('deduplicates datasets by (experiment, name, digest) across runs and lists them', async () => {
    const owner = await makeUser('scientist');
    const e = await makeExperiment(owner);
    const r1 = await makeRun(owner, e.id);
    const r2 = await makeRun(owner, e.id);
    const train = { name: 'churn-train', digest: 'd1', sourceType: 'local', source: '/data/train.parquet', schema: { cols: ['a'] } };
    const evalSet = { name: 'churn-eval', digest: 'd2', sourceType: 'local', source: '/data/eval.parquet' };
    const first = await logInputs(owner, { id: r1.id, datasets: [{ dataset: train, context: 'training' }, { dataset: evalSet, context: 'evaluation' }] });
    await logInputs(owner, { id: r2.id, datasets: [{ dataset: train, context: 'training' }, { dataset: train, context: 'training' }] });
    await logInputs(owner, { id: r1.id, datasets: [{ dataset: train, context: 'training' }] });
    expect(first.inputs.map((i) => [i.dataset.name, i.context])).toEqual([
      ['churn-eval', 'evaluation'],
      ['churn-train', 'training'],
    ]);
    const listed = await listExperimentDatasets(owner, { id: e.id });
    expect(listed.datasets.map((d) => d.name)).toEqual(['churn-eval', 'churn-train']);
    expect(listed.datasets[1].schema).toEqual({ cols: ['a'] });
    const r2Inputs = await listRunInputs(owner, { id: r2.id });
    expect(r2Inputs.inputs.map((i) => i.dataset.id)).toEqual([listed.datasets[1].id]);
    expect((await getRun(owner, { id: r1.id })).inputs).toHaveLength(2);
  });
});
