import { describe, expect, it } from 'vitest';
import { GET as stageAtRoute } from '@/app/api/v1/models/[name]/stage-at/route';
import { makeToken, makeUser } from '@/test/factories';
import { apiRequest, routeContext } from '@/test/http';
import type { Actor } from '@/lib/auth/actor';
import { decideTransition } from './decide-transition';
import { deleteAlias } from './delete-alias';
import { deleteVersion } from './delete-version';
import { emergencyRollback } from './emergency-rollback';
import { getAliasHolderAt, getModelTimeline, getStageHolderAt } from './history-queries';
import { protectAlias } from './protect-alias';
import { setRegistryPolicy } from './registry-policy';
import { requestRollback } from './request-rollback';
import { requestTransition } from './request-transition';
import { setAlias } from './set-alias';
import { auditActions, makeModel, makeVersions, registryCounts, stagesOf } from './test-support';

const pause = () => new Promise((r) => setTimeout(r, 15));

async function promote(scientist: Actor, approver: Actor, id: string) {
  const { request } = await requestTransition(scientist, { id, target: 'Production' });
  return decideTransition(approver, { id: request.id, decision: 'approve' });
}

/** v1 then v2 in Production (v1 archived), with the instants in between. */
async function twoProductions() {
  const scientist = await makeUser('scientist');
  const approver = await makeUser('approver');
  const admin = await makeUser('admin');
  const model = await makeModel(scientist);
  const [v1, v2, v3] = await makeVersions(scientist, model.name, 3);
  const t0 = new Date();
  await pause();
  await promote(scientist, approver, v1.id);
  await pause();
  const t1 = new Date();
  await pause();
  await promote(scientist, approver, v2.id);
  await pause();
  const t2 = new Date();
  return { scientist, approver, admin, model, v1, v2, v3, t0, t1, t2 };
}

describe('requestRollback', () => {
  it('defaults to the previous Production holder and goes through approval: v1 back, v2 archived', async () => {
    const { scientist, approver, model, v1 } = await twoProductions();
    const out = await requestRollback(scientist, { name: model.name, comment: 'v2 regressed' });
    expect(out).toMatchObject({ applied: false, request: { kind: 'rollback', target: 'Production', version: 1, archiveExisting: true, status: 'pending', holderAtRequest: 2 } });
    expect(await stagesOf(model.name)).toEqual({ 1: 'Archived', 2: 'Production', 3: 'None' });
    await expect(decideTransition(scientist, { id: out.request.id, decision: 'approve' })).rejects.toMatchObject({ code: 'forbidden' });
    await decideTransition(approver, { id: out.request.id, decision: 'approve' });
    expect(await stagesOf(model.name)).toEqual({ 1: 'Production', 2: 'Archived', 3: 'None' });
    expect((await auditActions('model_version', v1.id)).map((e) => e.action).slice(-3)).toEqual(['transition.request', 'transition.approve', 'transition.apply']);
  });

  it('refuses when Production never changed hands, with no_previous_production', async () => {
    const scientist = await makeUser('scientist');
    const model = await makeModel(scientist);
    await makeVersions(scientist, model.name, 1);
    await expect(requestRollback(scientist, { name: model.name })).rejects.toMatchObject({ code: 'no_previous_production' });
  });
});

describe('emergencyRollback', () => {
  it('lets an admin restore the previous holder at once with a reason, archiving the current one, audited as transition.emergency_rollback', async () => {
    const { admin, model, v1, scientist } = await twoProductions();
    const pending = await requestTransition(scientist, { name: model.name, version: 3, target: 'Production' });
    const out = await emergencyRollback(admin, { name: model.name, reason: 'v2 returns empty scores since 10:05' });
    expect(out).toMatchObject({ restored: 1, archived: [2], model: { production: { version: 1 } } });
    expect(await stagesOf(model.name)).toEqual({ 1: 'Production', 2: 'Archived', 3: 'None' });
    const event = (await auditActions('model_version', v1.id)).at(-1);
    expect(event).toMatchObject({ action: 'transition.emergency_rollback', actor_id: admin.userId });
    expect(event?.after).toMatchObject({ reason: 'v2 returns empty scores since 10:05', versions: [{ version: 2, stage: 'Archived' }, { version: 1, stage: 'Production' }] });
    const timeline = await getModelTimeline(admin, { name: model.name, pageSize: 2 });
    expect(timeline.events.map((e) => [e.version, e.toStage, e.emergency, e.reason])).toEqual([
      [1, 'Production', true, 'v2 returns empty scores since 10:05'],
      [2, 'Archived', true, 'v2 returns empty scores since 10:05'],
    ]);
    expect(timeline.nextPageToken).not.toBeNull();
    // The pending request expected v2 to hold Production; it is stale now.
    const approver = await makeUser('approver');
    await expect(decideTransition(approver, { id: pending.request.id, decision: 'approve' })).rejects.toMatchObject({ code: 'stale_request' });
  });

  it('requires a reason (validation naming reason) and writes nothing', async () => {
    const { admin, model } = await twoProductions();
    const before = await registryCounts();
    await expect(emergencyRollback(admin, { name: model.name, reason: ' ' })).rejects.toMatchObject({
      code: 'validation_failed',
      issues: [{ path: 'reason', message: 'reason is required (at least 10 characters)' }],
    });
    expect(await registryCounts()).toEqual(before);
  });

  it.each(['scientist', 'approver', 'auditor', 'viewer'] as const)('refuses a %s with forbidden', async (role) => {
    const { model } = await twoProductions();
    await expect(emergencyRollback(await makeUser(role), { name: model.name, reason: 'production is down, rolling back' })).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('history at time T', () => {
  it('answers which version was in Production before, between and after two promotions, and after a deleted version', async () => {
    const { scientist, model, t0, t1, t2 } = await twoProductions();
    const at = async (t: Date) => (await getStageHolderAt(scientist, { name: model.name, stage: 'Production', at: t.toISOString() })).version;
    expect(await at(t0)).toBeNull();
    expect(await at(t1)).toBe(1);
    expect(await at(t2)).toBe(2);
    expect((await getStageHolderAt(scientist, { name: model.name, stage: 'Archived', at: t2.toISOString() })).versions).toEqual([1]);
    await deleteVersion(scientist, { name: model.name, version: 1 });
    expect(await at(t1)).toBe(1);
  });

  it('answers over HTTP: GET /models/{name}/stage-at?stage=Production&at=…, and 400 naming `at` for a bad date', async () => {
    const { scientist, model, t1 } = await twoProductions();
    const { token } = await makeToken(scientist, ['read']);
    const res = await stageAtRoute(apiRequest('GET', `/models/${model.name}/stage-at`, { token, query: { stage: 'Production', at: t1.toISOString() } }), routeContext({ name: model.name }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ modelName: model.name, stage: 'Production', at: t1.toISOString(), versions: [1], version: 1 });
    const bad = await stageAtRoute(apiRequest('GET', `/models/${model.name}/stage-at`, { token, query: { stage: 'Production', at: 'yesterday' } }), routeContext({ name: model.name }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { details: { path: string }[] } }).error.details.map((d) => d.path)).toEqual(['at']);
  });

  it('answers which version an alias pointed at, at time T', async () => {
    const scientist = await makeUser('scientist');
    const model = await makeModel(scientist);
    await makeVersions(scientist, model.name, 2);
    const t0 = new Date();
    await pause();
    await setAlias(scientist, { name: model.name, alias: 'challenger', version: 1 });
    await pause();
    const t1 = new Date();
    await pause();
    await setAlias(scientist, { name: model.name, alias: 'challenger', version: 2 });
    await pause();
    const t2 = new Date();
    await pause();
    await deleteAlias(scientist, { name: model.name, alias: 'challenger' });
    const t3 = new Date();
    const at = async (t: Date) => (await getAliasHolderAt(scientist, { name: model.name, alias: 'challenger', at: t.toISOString() })).version;
    expect([await at(t0), await at(t1), await at(t2), await at(t3)]).toEqual([null, 1, 2, null]);
  });
});

describe('aliases', () => {
  it('refuses alias names MLflow refuses, naming the rule', async () => {
    const scientist = await makeUser('scientist');
    const model = await makeModel(scientist);
    await makeVersions(scientist, model.name, 1);
    for (const [alias, message] of [
      ['latest', "alias must not be 'latest' (it always means the newest version)"],
      ['v12', "alias must not look like a version reference ('v' followed by digits)"],
      ['has space', 'alias may only contain letters, digits, underscores (_) and dashes (-)'],
    ]) {
      await expect(setAlias(scientist, { name: model.name, alias, version: 1 })).rejects.toMatchObject({ code: 'validation_failed', issues: [{ path: 'alias', message }] });
    }
  });

  it('refuses to move a protected alias directly (alias_protected); a request moves it after approval; a 0-approval policy lets it move directly', async () => {
    const scientist = await makeUser('scientist');
    const approver = await makeUser('approver');
    const admin = await makeUser('admin');
    const model = await makeModel(scientist);
    const [, v2] = await makeVersions(scientist, model.name, 2);
    await setAlias(scientist, { name: model.name, alias: 'champion', version: 1 });
    await protectAlias(scientist, { name: model.name, alias: 'champion' });
    const before = await registryCounts();
    await expect(setAlias(scientist, { name: model.name, alias: 'champion', version: 2 })).rejects.toMatchObject({ code: 'alias_protected' });
    await expect(deleteAlias(scientist, { name: model.name, alias: 'champion' })).rejects.toMatchObject({ code: 'alias_protected' });
    expect(await registryCounts()).toEqual(before);

    const { request, applied } = await requestTransition(scientist, { id: v2.id, kind: 'alias', target: 'champion' });
    expect({ applied, holderAtRequest: request.holderAtRequest, requiredApprovals: request.requiredApprovals }).toEqual({ applied: false, holderAtRequest: 1, requiredApprovals: 1 });
    const decided = await decideTransition(approver, { id: request.id, decision: 'approve' });
    expect(decided.applied).toBe(true);
    expect((await getAliasHolderAt(scientist, { name: model.name, alias: 'champion', at: new Date(Date.now() + 1000).toISOString() })).version).toBe(2);

    await setRegistryPolicy(admin, { name: model.name, target: 'alias', requiredApprovals: 0 });
    await expect(setAlias(scientist, { name: model.name, alias: 'champion', version: 1 })).resolves.toMatchObject({ version: 1, protected: true });
  });

  it('lets only MANAGE holders protect an alias: another scientist is refused with forbidden', async () => {
    const owner = await makeUser('scientist');
    const model = await makeModel(owner);
    await expect(protectAlias(await makeUser('scientist'), { name: model.name, alias: 'champion' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(protectAlias(await makeUser('viewer'), { name: model.name, alias: 'champion' })).rejects.toMatchObject({ code: 'forbidden' });
  });
});
