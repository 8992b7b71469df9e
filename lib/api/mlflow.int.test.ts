import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as proxyDownload, PUT as proxyUpload } from '@/app/api/2.0/mlflow-artifacts/artifacts/[...path]/route';
import { GET as proxyList } from '@/app/api/2.0/mlflow-artifacts/artifacts/route';
import { GET as listArtifacts } from '@/app/api/2.0/mlflow/artifacts/list/route';
import { POST as createExperiment } from '@/app/api/2.0/mlflow/experiments/create/route';
import { GET as getByName } from '@/app/api/2.0/mlflow/experiments/get-by-name/route';
import { GET as getHistory } from '@/app/api/2.0/mlflow/metrics/get-history/route';
import { POST as createRun } from '@/app/api/2.0/mlflow/runs/create/route';
import { GET as getRun } from '@/app/api/2.0/mlflow/runs/get/route';
import { POST as logBatch } from '@/app/api/2.0/mlflow/runs/log-batch/route';
import { POST as logMetric } from '@/app/api/2.0/mlflow/runs/log-metric/route';
import { POST as logParam } from '@/app/api/2.0/mlflow/runs/log-parameter/route';
import { POST as searchRuns } from '@/app/api/2.0/mlflow/runs/search/route';
import { POST as updateRun } from '@/app/api/2.0/mlflow/runs/update/route';
import { makeToken, makeUser, TEST_PASSWORD } from '@/test/factories';

/*
 * HTTP contract of the MLflow door, calling the route handlers with real Requests as the Python client
 * builds them (rest_store.py). The full protocol suite runs against a production server in
 * e2e/mlflow/protocol.spec.ts; this one keeps the door honest on both database drivers.
 */

let artifactsDir: string;
let token: string;
let email: string;

type Handler = (request: Request, context?: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

function req(method: string, pathAndQuery: string, opts: { body?: unknown; raw?: BodyInit; auth?: string | null } = {}): Request {
  const headers = new Headers();
  const auth = opts.auth === undefined ? `Bearer ${token}` : opts.auth;
  if (auth) headers.set('authorization', auth);
  let body: BodyInit | undefined = opts.raw;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers.set('content-type', 'application/json');
  }
  return new Request(`http://localhost${pathAndQuery}`, { method, headers, body, ...(opts.raw ? { duplex: 'half' } : {}) } as RequestInit);
}

async function call(handler: Handler, request: Request) {
  const res = await handler(request, { params: Promise.resolve({}) });
  const text = await res.text();
  return { status: res.status, text, json: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null };
}

beforeAll(async () => {
  artifactsDir = await mkdtemp(path.join(tmpdir(), 'mlflow-int-'));
  process.env.ARTIFACTS_DIR = artifactsDir;
  const user = await makeUser('scientist');
  email = user.email;
  token = (await makeToken(user)).token;
});

afterAll(async () => {
  delete process.env.ARTIFACTS_DIR;
  await rm(artifactsDir, { recursive: true, force: true });
});

describe('MLflow door', () => {
  it('runs the client’s set_experiment → start_run → log → end_run sequence with MLflow’s shapes', async () => {
    const name = `int-${Date.now()}`;
    const missing = await call(getByName, req('GET', `/api/2.0/mlflow/experiments/get-by-name?experiment_name=${name}`));
    expect(missing).toMatchObject({ status: 404, json: { error_code: 'RESOURCE_DOES_NOT_EXIST' } });
    const created = await call(createExperiment, req('POST', '/api/2.0/mlflow/experiments/create', { body: { name } }));
    expect(created.status).toBe(200);
    const experimentId = created.json.experiment_id as string;
    expect(experimentId).toMatch(/^\d+$/);

    const run = await call(createRun, req('POST', '/api/2.0/mlflow/runs/create', { body: { experiment_id: experimentId, user_id: 'ana', start_time: 1_700_000_000_000, tags: [{ key: 'mlflow.runName', value: 'first' }], run_name: 'first' } }));
    expect(run.status).toBe(200);
    const info = run.json.run.info;
    expect(info).toMatchObject({ run_name: 'first', experiment_id: experimentId, status: 'RUNNING', start_time: 1_700_000_000_000, lifecycle_stage: 'active', user_id: 'ana' });
    expect(info.run_uuid).toBe(info.run_id);
    expect(info.artifact_uri).toBe(`mlflow-artifacts:/${experimentId}/${info.run_id}/artifacts`);
    const runId = info.run_id as string;

    expect((await call(logParam, req('POST', '/api/2.0/mlflow/runs/log-parameter', { body: { run_id: runId, run_uuid: runId, key: 'lr', value: '0.1' } }))).json).toEqual({});
    expect((await call(logMetric, req('POST', '/api/2.0/mlflow/runs/log-metric', { body: { run_id: runId, run_uuid: runId, key: 'loss', value: 'NaN', timestamp: '1700000000100', step: 1 } }))).status).toBe(200);
    const batch = await call(
      logBatch,
      req('POST', '/api/2.0/mlflow/runs/log-batch', { body: { run_id: runId, metrics: [{ key: 'loss', value: 0.5, timestamp: 1_700_000_000_200, step: 2 }], params: [{ key: 'epochs', value: '3' }], tags: [{ key: 'team', value: 'x' }] } }),
    );
    expect(batch).toMatchObject({ status: 200, json: {} });
    const changed = await call(logParam, req('POST', '/api/2.0/mlflow/runs/log-parameter', { body: { run_id: runId, key: 'lr', value: '0.2' } }));
    expect(changed).toMatchObject({ status: 400, json: { error_code: 'INVALID_PARAMETER_VALUE' } });

    const ended = await call(updateRun, req('POST', '/api/2.0/mlflow/runs/update', { body: { run_id: runId, run_uuid: runId, status: 'FINISHED', end_time: 1_700_000_001_000 } }));
    expect(ended.json.run_info).toMatchObject({ status: 'FINISHED', end_time: 1_700_000_001_000 });

    const got = await call(getRun, req('GET', `/api/2.0/mlflow/runs/get?run_uuid=${runId}&run_id=${runId}`));
    expect(got.json.run.data.metrics).toEqual([{ key: 'loss', value: 0.5, timestamp: 1_700_000_000_200, step: 2 }]);
    expect(got.json.run.data.params).toEqual(expect.arrayContaining([{ key: 'lr', value: '0.1' }, { key: 'epochs', value: '3' }]));

    const history = await call(getHistory, req('GET', `/api/2.0/mlflow/metrics/get-history?run_id=${runId}&run_uuid=${runId}&metric_key=loss`));
    expect(history.json.metrics).toEqual([
      { key: 'loss', value: 'NaN', timestamp: 1_700_000_000_100, step: 1 },
      { key: 'loss', value: 0.5, timestamp: 1_700_000_000_200, step: 2 },
    ]);

    const found = await call(searchRuns, req('POST', '/api/2.0/mlflow/runs/search', { body: { experiment_ids: [experimentId], filter: "params.lr = '0.1'", run_view_type: 'ACTIVE_ONLY', max_results: 10, order_by: [] } }));
    expect(found.json.runs.map((r: { info: { run_id: string } }) => r.info.run_id)).toEqual([runId]);
    expect(found.json.next_page_token).toBeUndefined();

    // Artifacts through the proxy, as HttpArtifactRepository.log_artifact / list_artifacts / _download_file do.
    const root = `${experimentId}/${runId}/artifacts`;
    const put = await call(proxyUpload, req('PUT', `/api/2.0/mlflow-artifacts/artifacts/${root}/model/MLmodel`, { raw: 'flavors: {}\n' }));
    expect(put).toMatchObject({ status: 200, json: {} });
    const listed = await call(proxyList, req('GET', `/api/2.0/mlflow-artifacts/artifacts?path=${root}/model`));
    expect(listed.json).toEqual({ files: [{ path: 'MLmodel', is_dir: false, file_size: 12 }] });
    const runListed = await call(listArtifacts, req('GET', `/api/2.0/mlflow/artifacts/list?run_id=${runId}`));
    expect(runListed.json).toEqual({ root_uri: `mlflow-artifacts:/${root}`, files: [{ path: 'model', is_dir: true }] });
    const down = await call(proxyDownload, req('GET', `/api/2.0/mlflow-artifacts/artifacts/${root}/model/MLmodel`));
    expect(down).toMatchObject({ status: 200, text: 'flavors: {}\n' });
  });

  it('accepts HTTP Basic with an API token or with the user’s password, and refuses no credentials with 401 UNAUTHENTICATED', async () => {
    const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;
    const q = '/api/2.0/mlflow/experiments/get-by-name?experiment_name=Default';
    expect((await call(getByName, req('GET', q, { auth: basic('anyone', token) }))).json.experiment.experiment_id).toBe('0');
    expect((await call(getByName, req('GET', q, { auth: basic(email, TEST_PASSWORD) }))).json.experiment.name).toBe('Default');
    expect(await call(getByName, req('GET', q, { auth: basic(email, 'wrong') }))).toMatchObject({ status: 401, json: { error_code: 'UNAUTHENTICATED' } });
    expect(await call(getByName, req('GET', q, { auth: null }))).toMatchObject({ status: 401, json: { error_code: 'UNAUTHENTICATED' } });
  });

  it('refuses an artifact path that climbs out of the store with 400 INVALID_PARAMETER_VALUE', async () => {
    const res = await call(proxyList, req('GET', '/api/2.0/mlflow-artifacts/artifacts?path=../../etc'));
    expect(res).toMatchObject({ status: 400, json: { error_code: 'INVALID_PARAMETER_VALUE' } });
  });
});
