import { describe, expect, it } from 'vitest';
import { POST as compareRoute } from '@/app/api/v1/compare/route';
import { POST as curvesRoute } from '@/app/api/v1/compare/curves/route';
import { createExperiment } from '@/lib/experiments/create-experiment';
import { createRun } from '@/lib/experiments/create-run';
import { logBatch } from '@/lib/experiments/log-batch';
import { makeToken, makeUser } from '@/test/factories';
import { apiRequest, routeContext } from '@/test/http';

describe('POST /api/v1/compare and /api/v1/compare/curves', () => {
  it('answers a read-only token with the comparison and curves, and refuses bad input with the field named', async () => {
    const scientist = await makeUser('scientist');
    const experimentId = (await createExperiment(scientist, { name: `compare-http-${Date.now()}-${Math.random()}` })).id;
    const run = await createRun(scientist, { experimentId, name: 'r1' });
    await logBatch(scientist, { id: run.id, params: [{ key: 'lr', value: '0.1' }], metrics: [{ key: 'loss', value: 0.5, step: 0, timestamp: 1000 }] });
    const viewer = await makeUser('viewer');
    const { token } = await makeToken(viewer, ['read']);

    const res = await compareRoute(apiRequest('POST', '/compare', { token, body: { experimentIds: [experimentId] } }), routeContext());
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ runs: [{ id: run.id, name: 'r1' }], params: [{ key: 'lr', values: ['0.1'], differs: false }], metrics: [{ key: 'loss', last: [0.5] }] });

    const curves = await curvesRoute(apiRequest('POST', '/compare/curves', { token, body: { runIds: [run.id], keys: ['loss'] } }), routeContext());
    expect(curves.status).toBe(200);
    expect(await curves.json()).toEqual({ xAxis: 'step', range: null, series: [{ runId: run.id, key: 'loss', totalPoints: 1, downsampled: false, points: [[0, 0.5]], bands: [] }] });

    const bad = await curvesRoute(apiRequest('POST', '/compare/curves', { token, body: { runIds: [run.id], keys: [], xAxis: 'epoch' } }), routeContext());
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; details: { path: string }[] } };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.map((d) => d.path).sort()).toEqual(['keys', 'xAxis']);

    const anonymous = await compareRoute(apiRequest('POST', '/compare', { body: { runIds: [run.id] } }), routeContext());
    expect(anonymous.status).toBe(401);
  });
});
