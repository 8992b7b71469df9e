import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb, rowsOf } from '@/db/client';
import { DELETE as revokeExperimentGrantRoute, GET as listExperimentGrantsRoute, PUT as putExperimentGrantRoute } from '@/app/api/v1/experiments/[id]/grants/route';
import { DELETE as revokeModelGrantRoute, GET as listModelGrantsRoute, PUT as putModelGrantRoute } from '@/app/api/v1/models/[name]/grants/route';
import { PATCH as updateModelRoute } from '@/app/api/v1/models/[name]/route';
import { createExperiment } from '@/lib/experiments/create-experiment';
import { updateExperiment } from '@/lib/experiments/update-experiment';
import { deleteModel } from '@/lib/registry/delete-model';
import { protectAlias } from '@/lib/registry/protect-alias';
import { makeModel } from '@/lib/registry/test-support';
import { updateModel } from '@/lib/registry/update-model';
import { makeToken, makeUser } from '@/test/factories';
import { apiRequest, routeContext } from '@/test/http';
import { grantAccess } from './grant-access';
import { listGrants } from './list-grants';
import { revokeGrant } from './revoke-grant';

/** The grant events recorded on a resource, oldest first. */
async function grantEvents(resourceType: string, resourceId: string) {
  const db = await getDb();
  return rowsOf<{ action: string; actor_id: string | null; before: unknown; after: unknown }>(
    await db.execute(sql`select action, actor_id, before, after from audit_events where resource_type = ${resourceType} and resource_id = ${resourceId} and action like 'grant.%' order by seq`),
  );
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as { code: string }).code;
  }
  return 'ok';
}

async function kindOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return `${(e as { kind: string }).kind}:${(e as { code: string }).code}`;
  }
  return 'ok';
}

describe('grants on a registered model', () => {
  it('an EDIT grant lets a scientist who is not the owner edit the model; revoking takes it away at once; each change is audited', async () => {
    const owner = await makeUser('scientist');
    const other = await makeUser('scientist');
    const model = await makeModel(owner);
    const target = { resourceType: 'registered_model' as const, name: model.name };

    expect(await kindOf(updateModel(other, { name: model.name, description: 'not mine' }))).toBe('forbidden:forbidden');

    const created = await grantAccess(owner, { ...target, email: other.email, level: 'EDIT' });
    expect(created.change).toBe('create');
    expect(created.grant).toMatchObject({ level: 'EDIT', effectiveLevel: 'EDIT', user: { id: other.userId, email: other.email }, grantedBy: { id: owner.userId } });
    expect((await updateModel(other, { name: model.name, description: 'edited by a grantee' })).description).toBe('edited by a grantee');
    // EDIT is not MANAGE: no deleting, no protecting aliases, no granting.
    expect(await kindOf(deleteModel(other, { name: model.name }))).toBe('forbidden:forbidden');
    expect(await kindOf(protectAlias(other, { name: model.name, alias: 'champion' }))).toBe('forbidden:forbidden');
    expect(await kindOf(grantAccess(other, { ...target, email: (await makeUser('scientist')).email, level: 'READ' }))).toBe('forbidden:forbidden');

    const upgraded = await grantAccess(owner, { ...target, email: other.email, level: 'MANAGE' });
    expect(upgraded).toMatchObject({ change: 'update', grant: { level: 'MANAGE' } });
    expect((await protectAlias(other, { name: model.name, alias: 'champion' })).protected).toBe(true);
    // The same level again changes nothing and records nothing.
    expect((await grantAccess(owner, { ...target, email: other.email, level: 'MANAGE' })).change).toBe('unchanged');

    expect(await revokeGrant(owner, { ...target, email: other.email })).toEqual({ grant: null, change: 'revoke' });
    expect(await kindOf(updateModel(other, { name: model.name, description: 'again' }))).toBe('forbidden:forbidden');
    expect(await kindOf(revokeGrant(owner, { ...target, email: other.email }))).toBe('not_found:not_found');

    const events = await grantEvents('registered_model', model.id);
    expect(events.map((e) => [e.action, e.before, e.after])).toEqual([
      ['grant.create', null, { userId: other.userId, email: other.email, level: 'EDIT' }],
      ['grant.update', { userId: other.userId, email: other.email, level: 'EDIT' }, { userId: other.userId, email: other.email, level: 'MANAGE' }],
      ['grant.revoke', { userId: other.userId, email: other.email, level: 'MANAGE' }, null],
    ]);
    expect(events.every((e) => e.actor_id === owner.userId)).toBe(true);
  });

  it('a grant never lifts a role: a viewer (or approver) with EDIT or MANAGE still only reads', async () => {
    const owner = await makeUser('scientist');
    const viewer = await makeUser('viewer');
    const approver = await makeUser('approver');
    const model = await makeModel(owner);
    const target = { resourceType: 'registered_model' as const, name: model.name };
    const v = await grantAccess(owner, { ...target, email: viewer.email, level: 'MANAGE' });
    const a = await grantAccess(owner, { ...target, email: approver.email, level: 'EDIT' });
    expect(v.grant).toMatchObject({ level: 'MANAGE', effectiveLevel: 'READ' });
    expect(a.grant).toMatchObject({ level: 'EDIT', effectiveLevel: 'READ' });
    expect(await kindOf(updateModel(viewer, { name: model.name, description: 'x' }))).toBe('forbidden:forbidden');
    expect(await kindOf(updateModel(approver, { name: model.name, description: 'x' }))).toBe('forbidden:forbidden');
    expect(await kindOf(grantAccess(viewer, { ...target, email: approver.email, level: 'READ' }))).toBe('forbidden:forbidden');
    expect(await kindOf(deleteModel(viewer, { name: model.name }))).toBe('forbidden:forbidden');
    // What the viewer sees of their own standing: the grant's level, but no managing.
    const seen = await listGrants(viewer, target);
    expect(seen).toMatchObject({ yourLevel: 'MANAGE', mayManage: false });
  });

  it('refuses with clear errors: unknown email (422 naming email), oneself, the owner, a disabled account; admins manage any model', async () => {
    const owner = await makeUser('scientist');
    const admin = await makeUser('admin');
    const model = await makeModel(owner);
    const target = { resourceType: 'registered_model' as const, name: model.name };
    await expect(grantAccess(owner, { ...target, email: 'nobody-here@example.test', level: 'READ' })).rejects.toMatchObject({ kind: 'rule', code: 'unknown_user', message: "email: no user has the email 'nobody-here@example.test'.", details: { field: 'email' } });
    expect(await codeOf(grantAccess(admin, { ...target, email: admin.email, level: 'EDIT' }))).toBe('grant_to_self');
    expect(await codeOf(grantAccess(admin, { ...target, email: owner.email, level: 'EDIT' }))).toBe('grant_to_owner');
    expect(await codeOf(grantAccess(owner, { ...target, email: owner.email, level: 'EDIT' }))).toBe('grant_to_owner');
    await expect(grantAccess(owner, { ...target, email: 'not an email', level: 'READ' })).rejects.toMatchObject({ kind: 'validation', issues: [{ path: 'email', message: 'email must be an email address' }] });
    await expect(grantAccess(owner, { ...target, email: owner.email, level: 'OWNER' as 'READ' })).rejects.toMatchObject({ kind: 'validation' });
    // Emails are matched case-insensitively, as they are stored lower-case.
    const sci = await makeUser('scientist');
    const byAdmin = await grantAccess(admin, { ...target, email: sci.email.toUpperCase(), level: 'READ' });
    expect(byAdmin.grant).toMatchObject({ user: { id: sci.userId }, grantedBy: { id: admin.userId } });
    const list = await listGrants(owner, target);
    expect(list).toMatchObject({ resourceName: model.name, owner: { id: owner.userId }, yourLevel: 'MANAGE', mayManage: true });
    expect(list.grants.map((g) => g.user.email)).toEqual([sci.email]);
    expect((await listGrants(sci, target)).mayManage).toBe(false);
  });
});

describe('grants on an experiment', () => {
  it('an EDIT grant lets a scientist edit the experiment; revoke takes it away; the Default experiment (no owner) takes no grants', async () => {
    const owner = await makeUser('scientist');
    const other = await makeUser('scientist');
    const exp = await createExperiment(owner, { name: `grants-exp-${Date.now()}-${Math.random().toString(36).slice(2, 7)}` });
    const target = { resourceType: 'experiment' as const, id: exp.id };
    expect(await kindOf(updateExperiment(other, { id: exp.id, description: 'no' }))).toBe('forbidden:forbidden');
    await grantAccess(owner, { ...target, email: other.email, level: 'EDIT' });
    expect((await updateExperiment(other, { id: exp.id, description: 'granted' })).description).toBe('granted');
    await revokeGrant(owner, { ...target, email: other.email });
    expect(await kindOf(updateExperiment(other, { id: exp.id, description: 'again' }))).toBe('forbidden:forbidden');
    const events = (await grantEvents('experiment', String(exp.id))).map((e) => e.action);
    expect(events).toEqual(['grant.create', 'grant.revoke']);
    const admin = await makeUser('admin');
    expect(await codeOf(grantAccess(admin, { resourceType: 'experiment', id: '0', email: other.email, level: 'EDIT' }))).toBe('no_owner');
  });
});

describe('/api/v1 grant routes', () => {
  it('PUT, GET and DELETE /models/{name}/grants, for a name with a slash and a space', async () => {
    const owner = await makeUser('scientist');
    const other = await makeUser('scientist');
    const ownerToken = (await makeToken(owner)).token;
    const otherToken = (await makeToken(other)).token;
    const model = await makeModel(owner, `team/fraud model ${Date.now()}`);
    const path = `/models/${encodeURIComponent(model.name)}/grants`;
    const ctx = routeContext({ name: model.name });

    const bad = await putModelGrantRoute(apiRequest('PUT', path, { token: ownerToken, body: { level: 'EDIT' } }), ctx);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { details: { path: string }[] } }).error.details.map((d) => d.path)).toEqual(['email']);
    const unknown = await putModelGrantRoute(apiRequest('PUT', path, { token: ownerToken, body: { email: 'ghost@example.test', level: 'EDIT' } }), ctx);
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toEqual({ error: { code: 'unknown_user', message: "email: no user has the email 'ghost@example.test'.", details: { field: 'email' } } });

    const denied = await updateModelRoute(apiRequest('PATCH', `/models/${encodeURIComponent(model.name)}`, { token: otherToken, body: { description: 'x' } }), ctx);
    expect(denied.status).toBe(403);
    const put = await putModelGrantRoute(apiRequest('PUT', path, { token: ownerToken, body: { email: other.email, level: 'EDIT' } }), ctx);
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ change: 'create', grant: { level: 'EDIT', user: { email: other.email } } });
    const edited = await updateModelRoute(apiRequest('PATCH', `/models/${encodeURIComponent(model.name)}`, { token: otherToken, body: { description: 'via grant' } }), ctx);
    expect(edited.status).toBe(200);
    const list = await listModelGrantsRoute(apiRequest('GET', path, { token: otherToken }), ctx);
    expect(await list.json()).toMatchObject({ resourceName: model.name, yourLevel: 'EDIT', mayManage: false, grants: [{ level: 'EDIT', user: { email: other.email } }] });
    const notYours = await revokeModelGrantRoute(apiRequest('DELETE', path, { token: otherToken, query: { email: other.email } }), ctx);
    expect(notYours.status).toBe(403);
    const del = await revokeModelGrantRoute(apiRequest('DELETE', path, { token: ownerToken, query: { email: other.email } }), ctx);
    expect(del.status).toBe(200);
    const after = await updateModelRoute(apiRequest('PATCH', `/models/${encodeURIComponent(model.name)}`, { token: otherToken, body: { description: 'gone' } }), ctx);
    expect(after.status).toBe(403);
  });

  it('PUT, GET and DELETE /experiments/{id}/grants; a non-numeric id is a 400 naming id', async () => {
    const owner = await makeUser('scientist');
    const other = await makeUser('scientist');
    const token = (await makeToken(owner)).token;
    const exp = await createExperiment(owner, { name: `grants-http-${Date.now()}-${Math.random().toString(36).slice(2, 7)}` });
    const ctx = routeContext({ id: String(exp.id) });
    const path = `/experiments/${exp.id}/grants`;
    expect((await putExperimentGrantRoute(apiRequest('PUT', path, { token, body: { email: other.email, level: 'READ' } }), ctx)).status).toBe(200);
    const list = (await (await listExperimentGrantsRoute(apiRequest('GET', path, { token }), ctx)).json()) as { grants: { level: string }[]; mayManage: boolean };
    expect(list).toMatchObject({ mayManage: true, grants: [{ level: 'READ' }] });
    expect((await revokeExperimentGrantRoute(apiRequest('DELETE', path, { token, query: { email: other.email } }), ctx)).status).toBe(200);
    const badId = await listExperimentGrantsRoute(apiRequest('GET', '/experiments/abc/grants', { token }), routeContext({ id: 'abc' }));
    expect(badId.status).toBe(400);
  });
});
