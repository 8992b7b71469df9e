import { describe, expect, it } from 'vitest';
import { POST as createVersionRoute } from '@/app/api/v1/models/[name]/versions/route';
import { PUT as setAliasRoute } from '@/app/api/v1/models/[name]/aliases/[alias]/route';
import { PUT as protectAliasRoute } from '@/app/api/v1/models/[name]/protected-aliases/[alias]/route';
import { GET as getModelRoute } from '@/app/api/v1/models/[name]/route';
import { POST as createModelRoute } from '@/app/api/v1/models/route';
import { POST as requestRoute } from '@/app/api/v1/model-versions/[id]/transition-requests/route';
import { GET as inboxRoute } from '@/app/api/v1/transition-requests/route';
import { POST as cancelRoute } from '@/app/api/v1/transition-requests/[id]/cancel/route';
import { makeToken, makeUser } from '@/test/factories';
import { apiRequest, routeContext } from '@/test/http';
import { registryCounts } from './test-support';

async function tokenFor(role: 'scientist' | 'approver' | 'viewer', scopes: ('read' | 'write')[] = ['read', 'write']) {
  const user = await makeUser(role);
  return { user, token: (await makeToken(user, scopes)).token };
}

async function newModel(token: string) {
  const name = `http-model-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const res = await createModelRoute(apiRequest('POST', '/models', { token, body: { name, description: '# About' } }), routeContext());
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; name: string };
}

describe('/api/v1 registry routes', () => {
  it('POST /models answers 201; a duplicate name answers 409 already_exists naming the rule', async () => {
    const { token } = await tokenFor('scientist');
    const model = await newModel(token);
    const dup = await createModelRoute(apiRequest('POST', '/models', { token, body: { name: model.name } }), routeContext());
    expect(dup.status).toBe(409);
    expect(await dup.json()).toEqual({ error: { code: 'already_exists', message: 'A registered model with this name already exists.', details: { constraint: 'registered_models_name_unique' } } });
  });

  it('POST /models/{name}/versions answers 201 with version 1, then a request answers 201 and shows in the approver inbox', async () => {
    const { token } = await tokenFor('scientist');
    const model = await newModel(token);
    const res = await createVersionRoute(apiRequest('POST', `/models/${model.name}/versions`, { token, body: { source: 's3://m/1', intendedUse: 'demo' } }), routeContext({ name: model.name }));
    expect(res.status).toBe(201);
    const version = (await res.json()) as { id: string; version: number; cardCompleteness: { filled: number } };
    expect(version).toMatchObject({ version: 1, cardCompleteness: { filled: 1 } });
    const req = await requestRoute(apiRequest('POST', `/model-versions/${version.id}/transition-requests`, { token, body: { target: 'Staging', comment: 'please' } }), routeContext({ id: version.id }));
    expect(req.status).toBe(201);
    const { request } = (await req.json()) as { request: { id: string; status: string } };
    expect(request.status).toBe('pending');
    const { token: approverToken } = await tokenFor('approver', ['read']);
    const inbox = await inboxRoute(apiRequest('GET', '/transition-requests', { token: approverToken, query: { name: model.name, decidable: 'true' } }), routeContext());
    expect(inbox.status).toBe(200);
    const body = (await inbox.json()) as { requests: { request: { id: string } }[] };
    expect(body.requests.map((r) => r.request.id)).toEqual([request.id]);
    const cancelled = await cancelRoute(apiRequest('POST', `/transition-requests/${request.id}/cancel`, { token, body: {} }), routeContext({ id: request.id }));
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ status: 'cancelled' });
  });

  it('GET /models/{name} answers 404 not_found for an unknown model', async () => {
    const { token } = await tokenFor('viewer', ['read']);
    const res = await getModelRoute(apiRequest('GET', '/models/nope', { token }), routeContext({ name: 'no-such-model' }));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: "Registered model 'no-such-model' was not found." } });
  });

  it('PUT /models/{name}/aliases/{alias} on a protected alias answers 422 alias_protected and changes nothing', async () => {
    const { token } = await tokenFor('scientist');
    const model = await newModel(token);
    await createVersionRoute(apiRequest('POST', `/models/${model.name}/versions`, { token, body: {} }), routeContext({ name: model.name }));
    const prot = await protectAliasRoute(apiRequest('PUT', `/models/${model.name}/protected-aliases/champion`, { token, body: {} }), routeContext({ name: model.name, alias: 'champion' }));
    expect(prot.status).toBe(200);
    const before = await registryCounts();
    const res = await setAliasRoute(apiRequest('PUT', `/models/${model.name}/aliases/champion`, { token, body: { version: 1 } }), routeContext({ name: model.name, alias: 'champion' }));
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: { code: 'alias_protected', details: { alias: 'champion', requiredApprovals: 1 } } });
    expect(await registryCounts()).toEqual(before);
  });

  it('refuses a viewer’s POST /models with 403 forbidden and a read-only scientist token with 403 token_scope', async () => {
    const { token: viewer } = await tokenFor('viewer');
    const res = await createModelRoute(apiRequest('POST', '/models', { token: viewer, body: { name: 'x' } }), routeContext());
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    const { token: readOnly } = await tokenFor('scientist', ['read']);
    const res2 = await createModelRoute(apiRequest('POST', '/models', { token: readOnly, body: { name: 'x' } }), routeContext());
    expect(((await res2.json()) as { error: { code: string } }).error.code).toBe('token_scope');
  });
});
