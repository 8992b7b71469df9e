import { describe, expect, it } from 'vitest';
import { POST as compareRoute } from '@/app/api/v1/compare/route';
import { POST as curvesRoute } from '@/app/api/v1/compare/curves/route';
import { POST as exportRoute } from '@/app/api/v1/compare/export/route';
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

  it('downloads the comparison as CSV: a row per run with its params and latest metrics, bad input refused with the field named', async () => {
    const scientist = await makeUser('scientist');
    const experimentId = (await createExperiment(scientist, { name: `compare-csv-${Date.now()}-${Math.random()}` })).id;
    const a = await createRun(scientist, { experimentId, name: 'run-a' });
    const b = await createRun(scientist, { experimentId, name: 'run, b' });
    await logBatch(scientist, { id: a.id, params: [{ key: 'lr', value: '0.1' }], metrics: [{ key: 'loss', value: 0.5, step: 0, timestamp: 1000 }, { key: 'loss', value: 0.25, step: 1, timestamp: 2000 }] });
    await logBatch(scientist, { id: b.id, params: [{ key: 'lr', value: '0.01' }] });
    const { token } = await makeToken(await makeUser('viewer'), ['read']);

    const res = await exportRoute(apiRequest('POST', '/compare/export', { token, body: { runIds: [a.id, b.id] } }), routeContext());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('x-modelkeep-truncated')).toBe('false');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="modelkeep-comparison-2-runs-[\d-TZ]+\.csv"$/);
    const lines = (await res.text()).split('\r\n');
    expect(lines[0]).toBe('run_id,run,experiment,status,start_time,end_time,params.lr,metrics.loss');
    const rows = new Map(lines.slice(1, 3).map((l) => [l.slice(0, 32), l]));
    expect(rows.get(a.id)).toMatch(new RegExp(`^${a.id},run-a,compare-csv-[^,]+,RUNNING,[^,]+,,0\\.1,0\\.25$`));
    expect(rows.get(b.id)).toMatch(new RegExp(`^${b.id},"run, b",compare-csv-[^,]+,RUNNING,[^,]+,,0\\.01,$`));
    expect(lines.slice(3)).toEqual(['']);

    const bad = await exportRoute(apiRequest('POST', '/compare/export', { token, body: { filter: 'params.lr = "0.1"' } }), routeContext());
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { details: { path: string }[] } }).error.details.map((d) => d.path)).toContain('runIds');
    const anonymous = await exportRoute(apiRequest('POST', '/compare/export', { body: { runIds: [a.id] } }), routeContext());
    expect(anonymous.status).toBe(401);
  });
});
