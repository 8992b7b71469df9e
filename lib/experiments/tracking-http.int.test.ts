import { describe, expect, it } from 'vitest';
import { POST as createExperimentRoute, GET as listExperimentsRoute } from '@/app/api/v1/experiments/route';
import { POST as createRunRoute } from '@/app/api/v1/runs/route';
import { GET as getRunRoute } from '@/app/api/v1/runs/[id]/route';
import { POST as logBatchRoute } from '@/app/api/v1/runs/[id]/batch/route';
import { POST as logMetricRoute } from '@/app/api/v1/runs/[id]/metrics/route';
import { POST as logParamRoute } from '@/app/api/v1/runs/[id]/params/route';
import { DELETE as deleteRunTagRoute } from '@/app/api/v1/runs/[id]/tags/[...key]/route';
import { makeToken, makeUser } from '@/test/factories';
import { apiRequest, routeContext } from '@/test/http';
import { trackingCounts } from './test-support';

async function scientistWithToken(scopes: ('read' | 'write')[] = ['read', 'write']) {
  const user = await makeUser('scientist');
  return { user, token: (await makeToken(user, scopes)).token };
}

async function newRun(token: string) {
  const exp = await createExperimentRoute(apiRequest('POST', '/experiments', { token, body: { name: `http-${Date.now()}-${Math.random()}` } }), routeContext());
  expect(exp.status).toBe(201);
  const { id: experimentId } = (await exp.json()) as { id: string };
  const res = await createRunRoute(apiRequest('POST', '/runs', { token, body: { experimentId, name: 'http-run' } }), routeContext());
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; experimentId: string; name: string };
}

describe('/api/v1 tracking routes', () => {
  it('GET /experiments takes MLflow’s filter and order_by (one or repeated orderBy) and refuses a bad filter with 400', async () => {
    const { token } = await scientistWithToken();
    const prefix = `v1s-${Date.now()}`;
    for (const [name, team] of [['a', 'x'], ['b', 'y'], ['c', 'x']]) {
      const res = await createExperimentRoute(apiRequest('POST', '/experiments', { token, body: { name: `${prefix}-${name}`, tags: { team } } }), routeContext());
      expect(res.status).toBe(201);
    }
    const list = async (query: string) => {
      const res = await listExperimentsRoute(new Request(`http://localhost/api/v1/experiments?${query}`, { headers: { authorization: `Bearer ${token}` } }), routeContext());
      return { status: res.status, json: (await res.json()) as { experiments?: { name: string }[]; error?: { code: string } } };
    };
    const filter = encodeURIComponent(`name LIKE '${prefix}-%' and tags.team = 'x'`);
    const one = await list(`filter=${filter}&orderBy=${encodeURIComponent('name DESC')}`);
    expect(one.json.experiments!.map((e) => e.name)).toEqual([`${prefix}-c`, `${prefix}-a`]);
    const repeated = await list(`filter=${encodeURIComponent(`name LIKE '${prefix}-%'`)}&orderBy=${encodeURIComponent('name ASC')}&orderBy=experiment_id`);
    expect(repeated.json.experiments!.map((e) => e.name)).toEqual([`${prefix}-a`, `${prefix}-b`, `${prefix}-c`]);
    const bad = await list(`filter=${encodeURIComponent('name > 1')}`);
    expect(bad.status).toBe(400);
  });

  it('POST /experiments and /runs answer 201 with the views', async () => {
    const { token } = await scientistWithToken();
    const run = await newRun(token);
    expect(run).toMatchObject({ name: 'http-run', experimentId: expect.stringMatching(/^\d+$/), id: expect.stringMatching(/^[0-9a-f]{32}$/) });
  });

  it('POST /runs/{id}/params answers 409 param_immutable naming the key and both values', async () => {
    const { token } = await scientistWithToken();
    const run = await newRun(token);
    const ok = await logParamRoute(apiRequest('POST', `/runs/${run.id}/params`, { token, body: { key: 'lr', value: '0.1' } }), routeContext({ id: run.id }));
    expect(ok.status).toBe(200);
    const res = await logParamRoute(apiRequest('POST', `/runs/${run.id}/params`, { token, body: { key: 'lr', value: '0.2' } }), routeContext({ id: run.id }));
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      error: {
        code: 'param_immutable',
        message: `Param 'lr' of run '${run.id}' was already logged with value '0.1'; it cannot be changed to '0.2'. Params are immutable.`,
        details: { key: 'lr', oldValue: '0.1', newValue: '0.2' },
      },
    });
  });

  it('POST /runs/{id}/batch answers 400 naming the limit for 1001 metrics and writes nothing', async () => {
    const { token } = await scientistWithToken();
    const run = await newRun(token);
    const before = await trackingCounts(run.id);
    const metrics = Array.from({ length: 1001 }, (_, i) => ({ key: 'loss', value: i, step: i, timestamp: 1 }));
    const res = await logBatchRoute(apiRequest('POST', `/runs/${run.id}/batch`, { token, body: { metrics } }), routeContext({ id: run.id }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'validation_failed', message: 'metrics: at most 1000 metrics per batch', details: [{ path: 'metrics', message: 'at most 1000 metrics per batch' }] } });
    expect(await trackingCounts(run.id)).toEqual(before);
  });

  it('POST /runs/{id}/metrics takes "NaN" and GET /runs/{id} gives it back as "NaN"', async () => {
    const { token } = await scientistWithToken();
    const run = await newRun(token);
    const res = await logMetricRoute(apiRequest('POST', `/runs/${run.id}/metrics`, { token, body: { key: 'loss', value: 'NaN', step: 3, timestamp: 7 } }), routeContext({ id: run.id }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ value: 'NaN', latest: { value: 'NaN', min: null, max: null } });
    const got = await getRunRoute(apiRequest('GET', `/runs/${run.id}`, { token }), routeContext({ id: run.id }));
    expect(((await got.json()) as { metrics: unknown }).metrics).toEqual({ loss: { value: 'NaN', step: 3, timestamp: 7, min: null, max: null } });
  });

  it('DELETE /runs/{id}/tags/{key} accepts keys with slashes', async () => {
    const { token } = await scientistWithToken();
    const run = await newRun(token);
    await logBatchRoute(apiRequest('POST', `/runs/${run.id}/batch`, { token, body: { tags: [{ key: 'data/split', value: 'v1' }] } }), routeContext({ id: run.id }));
    const res = await deleteRunTagRoute(apiRequest('DELETE', `/runs/${run.id}/tags/data/split`, { token }), routeContext({ id: run.id, key: ['data', 'split'] as unknown as string }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ runId: run.id, key: 'data/split', value: null });
  });

  it('refuses a read-scoped token on a write with 403 token_scope', async () => {
    const { token } = await scientistWithToken();
    const run = await newRun(token);
    const { token: readOnly } = await scientistWithToken(['read']);
    const res = await logBatchRoute(apiRequest('POST', `/runs/${run.id}/batch`, { token: readOnly, body: { metrics: [{ key: 'a', value: 1 }] } }), routeContext({ id: run.id }));
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('token_scope');
  });
});
