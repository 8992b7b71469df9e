import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb, rowsOf } from '@/db/client';
import { resourceGrants } from '@/db/schema/identity';
import { makeExperiment, makeRun } from '@/lib/experiments/test-support';
import { makeUser, pgErrorOf } from '@/test/factories';
import { createModel } from './create-model';
import { createVersion } from './create-version';
import { deleteModel } from './delete-model';
import { deleteVersion } from './delete-version';
import { getModel } from './get-model';
import { listVersions } from './list-versions';
import { renameModel } from './rename-model';
import { requestTransition } from './request-transition';
import { decideTransition } from './decide-transition';
import { searchModels } from './search-models';
import { searchVersions } from './search-versions';
import { getVersionByAlias } from './get-version';
import { setAlias } from './set-alias';
import { auditActions, makeModel, makeVersions, registryCounts, stagesOf } from './test-support';
import { updateVersion } from './update-version';

describe('createVersion', () => {
  it('numbers versions 1..8 with no gap and no duplicate under 8 concurrent creators', async () => {
    const scientist = await makeUser('scientist');
    const model = await makeModel(scientist);
    const created = await Promise.all(Array.from({ length: 8 }, (_, i) => createVersion(scientist, { name: model.name, source: `s3://m/${i}` })));
    expect(created.map((v) => v.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Object.keys(await stagesOf(model.name)).map(Number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const events = await getDb().then((db) =>
      db.execute(sql`select count(*)::int as n from audit_events where action = 'version.create' and (after->>'modelId') = ${model.id}`),
    );
    expect(rowsOf<{ n: number }>(events)[0].n).toBe(8);
  });

  it('links the version to its source run (lineage), defaults the source to runs:/<id>/model, and records version.create', async () => {
    const scientist = await makeUser('scientist');
    const exp = await makeExperiment(scientist);
    const run = await makeRun(scientist, exp.id);
    const model = await makeModel(scientist);
    const v = await createVersion(scientist, { name: model.name, runId: run.id, intendedUse: 'churn scoring', owners: ['ml-team@example.test'] });
    expect(v).toMatchObject({ version: 1, runId: run.id, source: `runs:/${run.id}/model`, stage: 'None', status: 'READY', modelName: model.name });
    expect(v.cardCompleteness).toEqual({ filled: 2, total: 7, missing: ['limitations', 'trainingData', 'evaluationData', 'metricsSummary', 'ethicalConsiderations'] });
    const [event] = await auditActions('model_version', v.id);
    expect(event).toMatchObject({ action: 'version.create', actor_id: scientist.userId });
  });

  it('refuses an unknown run with validation naming runId and writes nothing', async () => {
    const scientist = await makeUser('scientist');
    const model = await makeModel(scientist);
    const before = await registryCounts();
    await expect(createVersion(scientist, { name: model.name, runId: 'f'.repeat(32) })).rejects.toMatchObject({ code: 'invalid_reference', message: 'The source run does not exist.' });
    expect(await registryCounts()).toEqual(before);
  });

  it('refuses a scientist without EDIT on someone else’s model, and lets them in with an EDIT grant', async () => {
    const owner = await makeUser('scientist');
    const other = await makeUser('scientist');
    const model = await makeModel(owner);
    await expect(createVersion(other, { name: model.name })).rejects.toMatchObject({ code: 'forbidden' });
    const db = await getDb();
    await db.insert(resourceGrants).values({ resourceType: 'registered_model', resourceId: model.id, userId: other.userId, level: 'EDIT' });
    await expect(createVersion(other, { name: model.name })).resolves.toMatchObject({ version: 1 });
  });

  it.each(['viewer', 'approver', 'auditor'] as const)('refuses a %s with forbidden', async (role) => {
    const owner = await makeUser('scientist');
    const model = await makeModel(owner);
    await expect(createVersion(await makeUser(role), { name: model.name })).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('searchVersions and getVersionByAlias', () => {
  it('finds the versions registered from a run across models (lineage), and a version by alias', async () => {
    const scientist = await makeUser('scientist');
    const exp = await makeExperiment(scientist);
    const run = await makeRun(scientist, exp.id);
    const a = await makeModel(scientist);
    const b = await makeModel(scientist);
    await createVersion(scientist, { name: a.name, runId: run.id });
    await createVersion(scientist, { name: b.name });
    await createVersion(scientist, { name: b.name, runId: run.id });
    const found = await searchVersions(scientist, { runId: run.id });
    expect(found.versions.map((v) => [v.modelName, v.version])).toEqual([
      [b.name, 2],
      [a.name, 1],
    ]);
    const paged = await searchVersions(scientist, { runId: run.id, pageSize: 1 });
    expect(paged.versions).toHaveLength(1);
    const rest = await searchVersions(scientist, { runId: run.id, pageSize: 1, pageToken: paged.nextPageToken! });
    expect(rest.versions.map((v) => v.modelName)).toEqual([a.name]);
    await setAlias(scientist, { name: b.name, alias: 'champion', version: 2 });
    await expect(getVersionByAlias(scientist, { name: b.name, alias: 'champion' })).resolves.toMatchObject({ version: 2, aliases: ['champion'] });
    await expect(getVersionByAlias(scientist, { name: b.name, alias: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('one Production per model', () => {
  it('is refused by model_versions_one_production_per_model even for a direct INSERT', async () => {
    const scientist = await makeUser('scientist');
    const approver = await makeUser('approver');
    const model = await makeModel(scientist);
    const [v1] = await makeVersions(scientist, model.name, 1);
    const { request } = await requestTransition(scientist, { id: v1.id, target: 'Production' });
    await decideTransition(approver, { id: request.id, decision: 'approve' });
    const db = await getDb();
    const err = await pgErrorOf(db.execute(sql`insert into model_versions (model_id, version, stage) values (${model.id}, 2, 'Production')`));
    expect(err.code).toBe('23505');
    expect(err.message).toContain('model_versions_one_production_per_model');
    const err2 = await pgErrorOf(db.execute(sql`insert into model_versions (model_id, version, stage) values (${model.id}, 1, 'None')`));
    expect(err2.message).toContain('model_versions_number_unique_per_model');
  });
});

describe('models', () => {
  it('creates, renames and finds a model by name search, with latest version and Production holder', async () => {
    const scientist = await makeUser('scientist');
    const tag = `srch${Date.now()}`;
    const model = await createModel(scientist, { name: `${tag}-a`, description: '# Churn', tags: { team: 'growth' } });
    expect(model).toMatchObject({ name: `${tag}-a`, ownerId: scientist.userId, tags: { team: 'growth' }, versionCount: 0, latestVersion: null, production: null });
    await makeVersions(scientist, model.name, 2);
    const renamed = await renameModel(scientist, { name: model.name, newName: `${tag}-b` });
    expect(renamed).toMatchObject({ name: `${tag}-b`, versionCount: 2, latestVersion: { version: 2 } });
    const found = await searchModels(scientist, { q: tag });
    expect(found.models.map((m) => m.name)).toEqual([`${tag}-b`]);
    await expect(getModel(scientist, { name: `${tag}-a` })).rejects.toMatchObject({ code: 'not_found' });
    const actions = (await auditActions('registered_model', model.id)).map((e) => e.action);
    expect(actions).toEqual(['model.create', 'model.rename']);
  });

  it('refuses a duplicate name with already_exists', async () => {
    const scientist = await makeUser('scientist');
    const model = await makeModel(scientist);
    await expect(createModel(scientist, { name: model.name })).rejects.toMatchObject({ code: 'already_exists', message: 'A registered model with this name already exists.' });
  });

  it('refuses to delete a model with a version in Production (model_in_production), and deletes it otherwise', async () => {
    const scientist = await makeUser('scientist');
    const approver = await makeUser('approver');
    const model = await makeModel(scientist);
    const [v1] = await makeVersions(scientist, model.name, 1);
    const { request } = await requestTransition(scientist, { id: v1.id, target: 'Production' });
    await decideTransition(approver, { id: request.id, decision: 'approve' });
    await expect(deleteModel(scientist, { name: model.name })).rejects.toMatchObject({ code: 'model_in_production' });
    await requestTransition(scientist, { id: v1.id, target: 'Archived' });
    await expect(deleteModel(scientist, { name: model.name })).resolves.toMatchObject({ name: model.name });
    await expect(getModel(scientist, { name: model.name })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('updateVersion and deleteVersion', () => {
  it('edits the model card and records before/after', async () => {
    const scientist = await makeUser('scientist');
    const model = await makeModel(scientist);
    const [v1] = await makeVersions(scientist, model.name, 1);
    const after = await updateVersion(scientist, { name: model.name, version: 1, limitations: 'Not for minors', description: 'first' });
    expect(after).toMatchObject({ description: 'first', card: { limitations: 'Not for minors' } });
    const update = (await auditActions('model_version', v1.id)).find((e) => e.action === 'version.update');
    expect(update?.before).toMatchObject({ description: null, card: { limitations: null } });
    expect(update?.after).toMatchObject({ description: 'first', card: { limitations: 'Not for minors' } });
  });

  it('deletes a version but keeps the numbering: the next one is 3, not 2', async () => {
    const scientist = await makeUser('scientist');
    const model = await makeModel(scientist);
    await makeVersions(scientist, model.name, 2);
    await deleteVersion(scientist, { name: model.name, version: 2 });
    const v = await createVersion(scientist, { name: model.name });
    expect(v.version).toBe(3);
    const list = await listVersions(scientist, { name: model.name });
    expect(list.versions.map((x) => x.version)).toEqual([3, 1]);
  });
});
