import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { adminApi } from '../fixtures/auth';
import { basic, bearer, makeMlflowUser, MlflowClient, nowMs, uniqueName, type MlflowUser } from './mlflow-client';

/*
 * The MLflow REST protocol as the official Python client speaks it, against the production server.
 * Each case sends what mlflow/store/tracking/rest_store.py (or the artifact repositories) sends — the
 * function is named in a comment — and checks the fields the client reads back.
 */

let scientist: MlflowUser;
let viewer: MlflowUser;

test.beforeAll(async () => {
  scientist = await makeMlflowUser('scientist');
  viewer = await makeMlflowUser('viewer');
});

const hex32 = () => randomBytes(16).toString('hex');

async function newExperiment(c: MlflowClient, name = uniqueName('proto')): Promise<string> {
  // RestStore.create_experiment
  const { experiment_id } = await c.ok(c.post('/mlflow/experiments/create', { name, tags: [] }));
  return experiment_id;
}

async function newRun(c: MlflowClient, experimentId: string, extra: { run_name?: string; start_time?: number; tags?: { key: string; value: string }[] } = {}) {
  // RestStore.create_run: experiment_id as a string, user_id, start_time (ms), tags [{key, value}], run_name
  const { run } = await c.ok(
    c.post('/mlflow/runs/create', { experiment_id: experimentId, user_id: 'py-user', start_time: extra.start_time ?? nowMs(), tags: extra.tags ?? [], run_name: extra.run_name ?? '' }),
  );
  return run as { info: Record<string, unknown> & { run_id: string }; data: Record<string, unknown> };
}

async function getRun(c: MlflowClient, runId: string) {
  // RestStore.get_run: GET with run_uuid and run_id
  const { run } = await c.ok(c.get('/mlflow/runs/get', { run_uuid: runId, run_id: runId }));
  return run;
}

test.describe('[MLFLOW] experiments', () => {
  test('create, get, get-by-name, search (GET and POST), update, tags, delete and restore', async ({ request }) => {
    const c = new MlflowClient(request, bearer(scientist.token));
    const name = uniqueName('exp');
    // RestStore.get_experiment_by_name: a miss is RESOURCE_DOES_NOT_EXIST, which the client turns into None
    const miss = await c.get('/mlflow/experiments/get-by-name', { experiment_name: name });
    expect(miss).toEqual({ status: 404, json: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: expect.any(String) } });

    // RestStore.create_experiment with tags
    const { experiment_id: id } = await c.ok(c.post('/mlflow/experiments/create', { name, tags: [{ key: 'team', value: 'vision' }] }));
    expect(id).toMatch(/^\d+$/);

    // RestStore.get_experiment: GET experiment_id as a string
    const { experiment } = await c.ok(c.get('/mlflow/experiments/get', { experiment_id: id }));
    expect(experiment).toMatchObject({ experiment_id: id, name, lifecycle_stage: 'active', artifact_location: `mlflow-artifacts:/${id}`, tags: [{ key: 'team', value: 'vision' }] });
    expect(Number.isInteger(experiment.creation_time)).toBe(true);
    expect(Number.isInteger(experiment.last_update_time)).toBe(true);

    expect((await c.ok(c.get('/mlflow/experiments/get-by-name', { experiment_name: name }))).experiment.experiment_id).toBe(id);

    await newExperiment(c);
    await newExperiment(c);
    // RestStore.search_experiments: POST {view_type, max_results, filter?, order_by, page_token?}; the same message as a GET query
    const searched = await c.ok(c.post('/mlflow/experiments/search', { view_type: 'ACTIVE_ONLY', max_results: 1000, order_by: [] }));
    expect(searched.experiments.map((e: { experiment_id: string }) => e.experiment_id)).toEqual(expect.arrayContaining([id, '0']));
    const viaGet = await c.ok(c.get('/mlflow/experiments/search', { max_results: 2, view_type: 'ACTIVE_ONLY' }));
    expect(viaGet.experiments).toHaveLength(2);
    expect(typeof viaGet.next_page_token).toBe('string');
    const page2 = await c.ok(c.get('/mlflow/experiments/search', { max_results: 2, page_token: viaGet.next_page_token }));
    expect(page2.experiments[0].experiment_id).not.toBe(viaGet.experiments[0].experiment_id);
    const byName = await c.ok(c.post('/mlflow/experiments/search', { filter: `name ILIKE '%${name.toUpperCase()}%'`, max_results: 10 }));
    expect(byName.experiments.map((e: { name: string }) => e.name)).toEqual([name]);

    // RestStore.set_experiment_tag, then DeleteExperimentTag
    await c.ok(c.post('/mlflow/experiments/set-experiment-tag', { experiment_id: id, key: 'stage', value: 'dev' }));
    await c.ok(c.post('/mlflow/experiments/delete-experiment-tag', { experiment_id: id, key: 'team' }));
    expect((await c.ok(c.get('/mlflow/experiments/get', { experiment_id: id }))).experiment.tags).toEqual([{ key: 'stage', value: 'dev' }]);

    // RestStore.rename_experiment: UpdateExperiment {experiment_id, new_name}
    const renamed = `${name}-renamed`;
    expect(await c.ok(c.post('/mlflow/experiments/update', { experiment_id: id, new_name: renamed }))).toEqual({});

    // RestStore.delete_experiment / restore_experiment: POST with a JSON body, answered with {}
    expect(await c.ok(c.post('/mlflow/experiments/delete', { experiment_id: id }))).toEqual({});
    const deleted = (await c.ok(c.get('/mlflow/experiments/get-by-name', { experiment_name: renamed }))).experiment;
    expect(deleted.lifecycle_stage).toBe('deleted');
    const activeOnly = await c.ok(c.post('/mlflow/experiments/search', { view_type: 'ACTIVE_ONLY', max_results: 1000 }));
    expect(activeOnly.experiments.map((e: { experiment_id: string }) => e.experiment_id)).not.toContain(id);
    const deletedOnly = await c.ok(c.post('/mlflow/experiments/search', { view_type: 'DELETED_ONLY', max_results: 1000 }));
    expect(deletedOnly.experiments.map((e: { experiment_id: string }) => e.experiment_id)).toContain(id);

    // A deleted experiment still holds its name.
    const clash = await c.post('/mlflow/experiments/create', { name: renamed });
    expect(clash).toEqual({ status: 400, json: { error_code: 'RESOURCE_ALREADY_EXISTS', message: expect.any(String) } });

    expect(await c.ok(c.post('/mlflow/experiments/restore', { experiment_id: id }))).toEqual({});
    expect((await c.ok(c.get('/mlflow/experiments/get', { experiment_id: id }))).experiment.lifecycle_stage).toBe('active');
  });

  test('the Default experiment "0" exists', async ({ request }) => {
    const c = new MlflowClient(request, bearer(scientist.token));
    const { experiment } = await c.ok(c.get('/mlflow/experiments/get', { experiment_id: '0' }));
    expect(experiment).toMatchObject({ experiment_id: '0', name: 'Default', lifecycle_stage: 'active' });
  });

  test('a duplicate name is 400 RESOURCE_ALREADY_EXISTS', async ({ request }) => {
    const c = new MlflowClient(request, bearer(scientist.token));
    const name = uniqueName('dup');
    await newExperiment(c, name);
    expect(await c.post('/mlflow/experiments/create', { name })).toEqual({ status: 400, json: { error_code: 'RESOURCE_ALREADY_EXISTS', message: expect.any(String) } });
  });
});

test.describe('[MLFLOW] runs', () => {
  test('create, log param/metric/batch, tags, update, get, delete and restore with the client’s shapes', async ({ request }) => {
    const c = new MlflowClient(request, bearer(scientist.token));
    const experimentId = await newExperiment(c);
    const start = nowMs();
    const run = await newRun(c, experimentId, { run_name: 'trial-1', start_time: start, tags: [{ key: 'mlflow.runName', value: 'trial-1' }, { key: 'mlflow.user', value: 'py-user' }] });
    const runId = run.info.run_id;
    expect(run.info).toMatchObject({
      run_id: runId,
      run_uuid: runId,
      run_name: 'trial-1',
      experiment_id: experimentId,
      user_id: 'py-user',
      status: 'RUNNING',
      start_time: start,
      artifact_uri: `mlflow-artifacts:/${experimentId}/${runId}/artifacts`,
      lifecycle_stage: 'active',
    });
    expect(runId).toMatch(/^[0-9a-f]{32}$/);

    // RestStore.log_param: {run_uuid, run_id, key, value}
    expect(await c.ok(c.post('/mlflow/runs/log-parameter', { run_uuid: runId, run_id: runId, key: 'lr', value: '0.01' }))).toEqual({});
    // RestStore.log_metric: {run_uuid, run_id, key, value, timestamp, step}; NaN travels as the string "NaN"
    await c.ok(c.post('/mlflow/runs/log-metric', { run_uuid: runId, run_id: runId, key: 'loss', value: 0.9, timestamp: start + 1, step: 0 }));
    await c.ok(c.post('/mlflow/runs/log-metric', { run_uuid: runId, run_id: runId, key: 'odd', value: 'NaN', timestamp: start + 1, step: 0 }));
    await c.ok(c.post('/mlflow/runs/log-metric', { run_uuid: runId, run_id: runId, key: 'big', value: 'Infinity', timestamp: start + 1, step: 0 }));
    // RestStore.log_batch: {metrics: [{key, value, timestamp, step}], params, tags, run_id}
    await c.ok(
      c.post('/mlflow/runs/log-batch', {
        metrics: [
          { key: 'loss', value: 0.5, timestamp: start + 2, step: 1 },
          { key: 'acc', value: 0.7, timestamp: start + 2, step: 1 },
        ],
        params: [{ key: 'epochs', value: '10' }],
        tags: [{ key: 'team', value: 'vision' }],
        run_id: runId,
      }),
    );
    // RestStore.set_tag / delete_tag
    await c.ok(c.post('/mlflow/runs/set-tag', { run_uuid: runId, run_id: runId, key: 'temp', value: 'x' }));
    expect(await c.ok(c.post('/mlflow/runs/delete-tag', { run_id: runId, key: 'temp' }))).toEqual({});

    const got = await getRun(c, runId);
    const metrics = Object.fromEntries(got.data.metrics.map((m: { key: string }) => [m.key, m]));
    expect(metrics.loss).toEqual({ key: 'loss', value: 0.5, timestamp: start + 2, step: 1 });
    expect(metrics.odd.value).toBe('NaN');
    expect(metrics.big.value).toBe('Infinity');
    expect(got.data.params).toEqual(expect.arrayContaining([{ key: 'lr', value: '0.01' }, { key: 'epochs', value: '10' }]));
    const tags = Object.fromEntries(got.data.tags.map((t: { key: string; value: string }) => [t.key, t.value]));
    expect(tags).toMatchObject({ team: 'vision', 'mlflow.runName': 'trial-1' });
    expect(tags.temp).toBeUndefined();

    // RestStore.get_metric_history: GET {run_uuid, run_id, metric_key}
    const history = await c.ok(c.get('/mlflow/metrics/get-history', { run_uuid: runId, run_id: runId, metric_key: 'loss' }));
    expect(history.metrics).toEqual([
      { key: 'loss', value: 0.9, timestamp: start + 1, step: 0 },
      { key: 'loss', value: 0.5, timestamp: start + 2, step: 1 },
    ]);
    const paged = await c.ok(c.get('/mlflow/metrics/get-history', { run_id: runId, metric_key: 'loss', max_results: 1 }));
    expect(paged.metrics).toHaveLength(1);
    expect(typeof paged.next_page_token).toBe('string');
    // The UI's chart call
    const bulk = await c.ok(c.get('/mlflow/metrics/get-history-bulk-interval', { run_ids: [runId], metric_key: 'loss', max_results: 100 }));
    expect(bulk.metrics.map((m: { step: number; run_id: string }) => [m.step, m.run_id])).toEqual([
      [0, runId],
      [1, runId],
    ]);

    // RestStore.update_run_info: {run_uuid, run_id, status, end_time, run_name} → {run_info}
    const end = start + 10;
    const updated = await c.ok(c.post('/mlflow/runs/update', { run_uuid: runId, run_id: runId, status: 'FINISHED', end_time: end }));
    expect(updated.run_info).toMatchObject({ run_id: runId, status: 'FINISHED', end_time: end, run_name: 'trial-1' });

    // RestStore.delete_run / restore_run
    expect(await c.ok(c.post('/mlflow/runs/delete', { run_id: runId }))).toEqual({});
    expect((await getRun(c, runId)).info.lifecycle_stage).toBe('deleted');
    expect(await c.ok(c.post('/mlflow/runs/restore', { run_id: runId }))).toEqual({});
    expect((await getRun(c, runId)).info.lifecycle_stage).toBe('active');
  });

  test('log-inputs stores datasets with their context tag and get-run returns them', async ({ request }) => {
    const c = new MlflowClient(request, bearer(scientist.token));
    const { info } = await newRun(c, await newExperiment(c));
    // RestStore.log_inputs: {run_id, datasets: [{tags, dataset: {name, digest, source_type, source, schema, profile}}]}
    const dataset = { name: 'iris', digest: 'abc123', source_type: 'local', source: '{"uri": "/data/iris.csv"}', schema: '{"mlflow_colspec": []}', profile: '{"num_rows": 150}' };
    await c.ok(c.post('/mlflow/runs/log-inputs', { run_id: info.run_id, datasets: [{ tags: [{ key: 'mlflow.data.context', value: 'training' }], dataset }] }));
    const run = await getRun(c, info.run_id);
    expect(run.inputs.dataset_inputs).toEqual([{ tags: [{ key: 'mlflow.data.context', value: 'training' }], dataset: expect.objectContaining({ name: 'iris', digest: 'abc123', source_type: 'local', source: dataset.source }) }]);
  });

  test('run name and the mlflow.runName tag follow each other', async ({ request }) => {
    const c = new MlflowClient(request, bearer(scientist.token));
    const { info } = await newRun(c, await newExperiment(c), { run_name: 'before' });
    await c.ok(c.post('/mlflow/runs/update', { run_id: info.run_id, run_uuid: info.run_id, run_name: 'after-update' }));
    let run = await getRun(c, info.run_id);
    expect(run.info.run_name).toBe('after-update');
    expect(run.data.tags).toContainEqual({ key: 'mlflow.runName', value: 'after-update' });
    await c.ok(c.post('/mlflow/runs/set-tag', { run_id: info.run_id, run_uuid: info.run_id, key: 'mlflow.runName', value: 'after-tag' }));
    run = await getRun(c, info.run_id);
    expect(run.info.run_name).toBe('after-tag');
  });

  test('a run without a name gets a generated one, mirrored in mlflow.runName', async ({ request }) => {
    const c = new MlflowClient(request, bearer(scientist.token));
    const { info, data } = await newRun(c, await newExperiment(c));
    expect(String(info.run_name)).not.toBe('');
    expect(data.tags).toContainEqual({ key: 'mlflow.runName', value: info.run_name });
  });

  test('the current metric is the highest step, then the latest timestamp, then the highest value', async ({ request }) => {
    const c = new MlflowClient(request, bearer(scientist.token));
    const runId = (await newRun(c, await newExperiment(c))).info.run_id;
    const log = (value: number, timestamp: number, step: number) => c.ok(c.post('/mlflow/runs/log-metric', { run_id: runId, run_uuid: runId, key: 'm', value, timestamp, step }));
    const current = async () => (await getRun(c, runId)).data.metrics.find((m: { key: string }) => m.key === 'm');
    await log(1, 100, 2);
    await log(9, 500, 1); // later, but a lower step
    expect(await current()).toEqual({ key: 'm', value: 1, timestamp: 100, step: 2 });
    await log(0.5, 200, 2); // same step, later timestamp
    expect(await current()).toEqual({ key: 'm', value: 0.5, timestamp: 200, step: 2 });
    await log(3, 200, 2); // same step and timestamp, higher value
    await log(2, 200, 2);
    expect(await current()).toEqual({ key: 'm', value: 3, timestamp: 200, step: 2 });
  });
});

test.describe('[MLFLOW] search runs', () => {
  test('filters, LIKE versus ILIKE, missing sort keys last, ties by start time then run id, pages', async ({ request }) => {
    const c = new MlflowClient(request, bearer(scientist.token));
    const experimentId = await newExperiment(c);
    const t0 = nowMs();
    const a = (await newRun(c, experimentId, { run_name: 'a', start_time: t0, tags: [{ key: 'team', value: 'Alpha' }] })).info.run_id;
    const b = (await newRun(c, experimentId, { run_name: 'b', start_time: t0 + 1000, tags: [{ key: 'team', value: 'alpha' }] })).info.run_id;
    const d = (await newRun(c, experimentId, { run_name: 'd', start_time: t0 + 1000, tags: [{ key: 'team', value: 'beta' }] })).info.run_id;
    for (const [id, acc] of [
      [a, 0.9],
      [b, 0.8],
    ] as const) {
      await c.ok(c.post('/mlflow/runs/log-batch', { run_id: id, metrics: [{ key: 'acc', value: acc, timestamp: t0, step: 0 }], params: [{ key: 'same', value: 'x' }], tags: [] }));
    }
    await c.ok(c.post('/mlflow/runs/log-batch', { run_id: d, metrics: [], params: [{ key: 'same', value: 'x' }], tags: [] }));

    // RestStore._search_runs: {experiment_ids, filter, run_view_type, max_results, order_by, page_token}
    const search = async (body: Record<string, unknown>) => {
      const res = await c.ok(c.post('/mlflow/runs/search', { experiment_ids: [experimentId], run_view_type: 'ACTIVE_ONLY', max_results: 1000, order_by: [], ...body }));
      return { ids: (res.runs ?? []).map((r: { info: { run_id: string } }) => r.info.run_id) as string[], token: res.next_page_token as string | undefined };
    };
    expect((await search({ filter: "tags.team LIKE 'Alp%'" })).ids).toEqual([a]);
    expect((await search({ filter: "tags.team ILIKE 'alp%'" })).ids.sort()).toEqual([a, b].sort());
    expect((await search({ filter: 'metrics.acc > 0.85' })).ids).toEqual([a]);

    // Missing sort keys last in both directions
    expect((await search({ order_by: ['metrics.acc DESC'] })).ids).toEqual([a, b, d]);
    expect((await search({ order_by: ['metrics.acc ASC'] })).ids).toEqual([b, a, d]);
    // Equal sort values: start time descending, then run id
    const [first, second] = [b, d].sort();
    expect((await search({ order_by: ['params.same ASC'] })).ids).toEqual([first, second, a]);

    // Pages
    const p1 = await search({ max_results: 2 });
    expect(p1.ids).toHaveLength(2);
    expect(p1.token).toBeTruthy();
    const p2 = await search({ max_results: 2, page_token: p1.token });
    expect(p2.ids).toHaveLength(1);
    expect(p2.token).toBeUndefined();
    expect(new Set([...p1.ids, ...p2.ids])).toEqual(new Set([a, b, d]));

    // run_view_type
    await c.ok(c.post('/mlflow/runs/delete', { run_id: d }));
    expect((await search({})).ids.sort()).toEqual([a, b].sort());
    expect((await search({ run_view_type: 'DELETED_ONLY' })).ids).toEqual([d]);
    expect((await search({ run_view_type: 'ALL' })).ids).toHaveLength(3);
  });

  test('a bad page token and a bad filter are 400 INVALID_PARAMETER_VALUE', async ({ request }) => {
    const c = new MlflowClient(request, bearer(scientist.token));
    const experimentId = await newExperiment(c);
    expect(await c.post('/mlflow/runs/search', { experiment_ids: [experimentId], page_token: 'not-a-token', max_results: 10 })).toEqual({
      status: 400,
      json: { error_code: 'INVALID_PARAMETER_VALUE', message: expect.any(String) },
    });
    expect((await c.post('/mlflow/runs/search', { experiment_ids: [experimentId], filter: 'metrics.acc >>> 1' })).json.error_code).toBe('INVALID_PARAMETER_VALUE');
  });
});

test.describe('[MLFLOW] refusals', () => {
  test('an unknown run is 404 RESOURCE_DOES_NOT_EXIST on read and write', async ({ request }) => {
    const c = new MlflowClient(request, bearer(scientist.token));
    const id = hex32();
    expect(await c.get('/mlflow/runs/get', { run_uuid: id, run_id: id })).toEqual({ status: 404, json: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: expect.any(String) } });
    expect((await c.post('/mlflow/runs/log-metric', { run_id: id, key: 'x', value: 1, timestamp: nowMs(), step: 0 })).status).toBe(404);
    expect((await c.get('/mlflow/experiments/get', { experiment_id: '999999999' })).json.error_code).toBe('RESOURCE_DOES_NOT_EXIST');
  });

  test('changing a logged param is 400 INVALID_PARAMETER_VALUE; the same value again is fine', async ({ request }) => {
    const c = new MlflowClient(request, bearer(scientist.token));
    const runId = (await newRun(c, await newExperiment(c))).info.run_id;
    await c.ok(c.post('/mlflow/runs/log-parameter', { run_id: runId, run_uuid: runId, key: 'lr', value: '0.1' }));
    await c.ok(c.post('/mlflow/runs/log-parameter', { run_id: runId, run_uuid: runId, key: 'lr', value: '0.1' }));
    expect(await c.post('/mlflow/runs/log-parameter', { run_id: runId, run_uuid: runId, key: 'lr', value: '0.2' })).toEqual({
      status: 400,
      json: { error_code: 'INVALID_PARAMETER_VALUE', message: expect.stringContaining('lr') },
    });
    expect((await c.post('/mlflow/runs/log-batch', { run_id: runId, params: [{ key: 'lr', value: '0.3' }], metrics: [{ key: 'm', value: 1, timestamp: nowMs(), step: 0 }] })).status).toBe(400);
    expect((await getRun(c, runId)).data.metrics).toBeUndefined();
  });

  test('a batch over MLflow’s limits is 400 before anything is written', async ({ request }) => {
    const c = new MlflowClient(request, bearer(scientist.token));
    const runId = (await newRun(c, await newExperiment(c))).info.run_id;
    const t = nowMs();
    const metrics = Array.from({ length: 1001 }, (_, i) => ({ key: 'm', value: i, timestamp: t, step: i }));
    const tooMany = await c.post('/mlflow/runs/log-batch', { run_id: runId, metrics, params: [{ key: 'p', value: '1' }], tags: [] });
    expect(tooMany).toEqual({ status: 400, json: { error_code: 'INVALID_PARAMETER_VALUE', message: expect.stringContaining('1000') } });
    const params = Array.from({ length: 101 }, (_, i) => ({ key: `p${i}`, value: '1' }));
    expect((await c.post('/mlflow/runs/log-batch', { run_id: runId, metrics: [], params, tags: [] })).json.error_code).toBe('INVALID_PARAMETER_VALUE');
    const run = await getRun(c, runId);
    expect(run.data.metrics).toBeUndefined();
    expect(run.data.params).toBeUndefined();
  });

  test('no credentials is 401 UNAUTHENTICATED; a bad token too', async ({ request }) => {
    const none = new MlflowClient(request, null);
    expect(await none.get('/mlflow/experiments/get', { experiment_id: '0' })).toEqual({ status: 401, json: { error_code: 'UNAUTHENTICATED', message: expect.any(String) } });
    const bad = new MlflowClient(request, bearer('mk_00000000_' + 'x'.repeat(40)));
    expect((await bad.post('/mlflow/experiments/create', { name: uniqueName('x') })).json.error_code).toBe('UNAUTHENTICATED');
  });

  test('a viewer writing is 403 PERMISSION_DENIED and can still read', async ({ request }) => {
    const c = new MlflowClient(request, bearer(viewer.token));
    expect(await c.post('/mlflow/experiments/create', { name: uniqueName('viewer') })).toEqual({ status: 403, json: { error_code: 'PERMISSION_DENIED', message: expect.any(String) } });
    const owner = new MlflowClient(request, bearer(scientist.token));
    const runId = (await newRun(owner, await newExperiment(owner))).info.run_id;
    expect((await c.post('/mlflow/runs/log-metric', { run_id: runId, key: 'x', value: 1, timestamp: nowMs(), step: 0 })).json.error_code).toBe('PERMISSION_DENIED');
    await c.ok(c.get('/mlflow/runs/get', { run_id: runId, run_uuid: runId }));
  });

  test('another scientist cannot write to someone else’s experiment', async ({ request }) => {
    const other = await makeMlflowUser('scientist');
    const owner = new MlflowClient(request, bearer(scientist.token));
    const runId = (await newRun(owner, await newExperiment(owner))).info.run_id;
    const c = new MlflowClient(request, bearer(other.token));
    expect((await c.post('/mlflow/runs/log-parameter', { run_id: runId, key: 'x', value: '1' })).json.error_code).toBe('PERMISSION_DENIED');
  });
});

test.describe('[MLFLOW] log_model', () => {
  test('MLflow 2.x: the model files go to the run’s artifacts and runs/log-model appends to mlflow.log-model.history', async ({ request }) => {
    const c = new MlflowClient(request, bearer(scientist.token));
    const { info } = await newRun(c, await newExperiment(c));
    const runId = info.run_id;
    const root = String(info.artifact_uri).replace(/^mlflow-artifacts:\//, '');
    // Model.log → HttpArtifactRepository.log_artifacts, then RestStore.record_logged_model
    expect((await c.raw('PUT', `/mlflow-artifacts/artifacts/${root}/model/MLmodel`, 'artifact_path: model\n', 'text/plain')).status()).toBe(200);
    const model = { artifact_path: 'model', flavors: { python_function: { loader_module: 'mlflow.sklearn' } }, run_id: runId, utc_time_created: '2026-12-07 10:15:02.123456', model_uuid: hex32() };
    expect(await c.ok(c.post('/mlflow/runs/log-model', { run_id: runId, model_json: JSON.stringify(model) }))).toEqual({});
    const tags = Object.fromEntries(((await getRun(c, runId)).data.tags as { key: string; value: string }[]).map((t) => [t.key, t.value]));
    expect(JSON.parse(tags['mlflow.log-model.history'])).toEqual([
      { run_id: runId, artifact_path: 'model', utc_time_created: model.utc_time_created, model_uuid: model.model_uuid, flavors: model.flavors },
    ]);
    expect(await c.post('/mlflow/runs/log-model', { run_id: runId, model_json: '{"artifact_path": "m"}' })).toEqual({
      status: 400,
      json: { error_code: 'INVALID_PARAMETER_VALUE', message: "Model json is missing mandatory fields: {'flavors', 'run_id', 'utc_time_created'}" },
    });
  });

  test('MLflow 3.x: create, outputs, linked metrics, upload to the model’s location, finalize, get and search', async ({ request }) => {
    const c = new MlflowClient(request, bearer(scientist.token));
    const experimentId = await newExperiment(c);
    const { info } = await newRun(c, experimentId);
    const runId = info.run_id;
    await c.ok(c.post('/mlflow/runs/log-batch', { run_id: runId, metrics: [{ key: 'rmse', value: 0.5, timestamp: 1_700_000_000_000, step: 0 }], params: [], tags: [] }));
    // RestStore.create_logged_model
    const { model } = await c.ok(c.post('/mlflow/logged-models', { experiment_id: experimentId, name: 'model', source_run_id: runId, tags: [{ key: 'mlflow.user', value: 'py-user' }] }));
    const modelId = model.info.model_id as string;
    expect(model.info).toMatchObject({ experiment_id: experimentId, name: 'model', status: 'LOGGED_MODEL_PENDING', source_run_id: runId, artifact_uri: `mlflow-artifacts:/${experimentId}/models/${modelId}/artifacts` });
    // RestStore.log_outputs, then log_batch of the step's metrics with model_id
    expect(await c.ok(c.post('/mlflow/runs/outputs', { run_id: runId, models: [{ model_id: modelId, step: 0 }] }))).toEqual({});
    await c.ok(c.post('/mlflow/runs/log-batch', { run_id: runId, metrics: [{ key: 'rmse', value: 0.5, timestamp: 1_700_000_000_000, step: 0, model_id: modelId, run_id: runId }] }));
    expect((await c.ok(c.get('/mlflow/metrics/get-history', { run_id: runId, metric_key: 'rmse' }))).metrics).toHaveLength(1);
    // client.log_model_artifacts → the artifact proxy at the model's artifact_uri
    const root = String(model.info.artifact_uri).replace(/^mlflow-artifacts:\//, '');
    expect((await c.raw('PUT', `/mlflow-artifacts/artifacts/${root}/MLmodel`, 'artifact_path: model\n', 'text/plain')).status()).toBe(200);
    // RestStore.finalize_logged_model: PATCH with the status as its enum name
    const finalized = await c.ok(c.send('PATCH', `/mlflow/logged-models/${modelId}`, { model_id: modelId, status: 'LOGGED_MODEL_READY' }));
    expect(finalized.model.info.status).toBe('LOGGED_MODEL_READY');
    // RestStore.get_logged_model, search_logged_models (a viewer reads too)
    const v = new MlflowClient(request, bearer(viewer.token));
    const got = await v.ok(v.get(`/mlflow/logged-models/${modelId}`));
    expect(got.model.data.metrics).toEqual([{ key: 'rmse', value: 0.5, timestamp: 1_700_000_000_000, step: 0, model_id: modelId, run_id: runId }]);
    expect(await v.ok(v.post('/mlflow/logged-models/search', { experiment_ids: [experimentId], filter: "name = 'model'" }))).toEqual({ models: [got.model] });
    expect((await c.raw('GET', `/mlflow-artifacts/artifacts/${root}/MLmodel`)).status()).toBe(200);
    expect((await v.send('PATCH', `/mlflow/logged-models/${modelId}`, { model_id: modelId, status: 'LOGGED_MODEL_UPLOAD_FAILED' })).json.error_code).toBe('PERMISSION_DENIED');
  });

  test('MLflow 3.x without a run: the model’s files go to <experiment>/models/<id>/artifacts through the proxy, then finalize, list and download', async ({ request }) => {
    const c = new MlflowClient(request, bearer(scientist.token));
    const experimentId = await newExperiment(c);
    // RestStore.create_logged_model as log_model outside start_run / initialize_logged_model sends it: no source_run_id
    const { model } = await c.ok(c.post('/mlflow/logged-models', { experiment_id: experimentId, name: 'external', tags: [{ key: 'mlflow.user', value: 'py-user' }] }));
    const modelId = model.info.model_id as string;
    expect(model.info).toMatchObject({ status: 'LOGGED_MODEL_PENDING', artifact_uri: `mlflow-artifacts:/${experimentId}/models/${modelId}/artifacts` });
    expect(model.info).not.toHaveProperty('source_run_id');
    // MlflowClient.log_model_artifacts → HttpArtifactRepository.log_artifacts: a PUT per file under artifact_uri
    const root = String(model.info.artifact_uri).replace(/^mlflow-artifacts:\//, '');
    const mlmodel = `artifact_path: null\nflavors:\n  python_function: {}\nmodel_id: ${modelId}\n`;
    expect((await c.raw('PUT', `/mlflow-artifacts/artifacts/${root}/MLmodel`, mlmodel, 'text/plain')).status()).toBe(200);
    const weights = Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 7) & 0xff));
    expect((await c.raw('PUT', `/mlflow-artifacts/artifacts/${root}/data/model.pkl`, weights)).status()).toBe(200);
    // A viewer may not write there
    const v = new MlflowClient(request, bearer(viewer.token));
    expect((await v.raw('PUT', `/mlflow-artifacts/artifacts/${root}/data/evil.pkl`, 'x')).status()).toBe(403);
    // RestStore.finalize_logged_model
    expect((await c.ok(c.send('PATCH', `/mlflow/logged-models/${modelId}`, { model_id: modelId, status: 'LOGGED_MODEL_READY' }))).model.info.status).toBe('LOGGED_MODEL_READY');
    // RestStore.list_logged_model_artifacts, and the proxy's own listing
    expect(await v.ok(v.get(`/mlflow/logged-models/${modelId}/artifacts/directories`))).toEqual({
      root_uri: model.info.artifact_uri,
      files: [
        { path: 'MLmodel', is_dir: false, file_size: Buffer.byteLength(mlmodel) },
        { path: 'data', is_dir: true },
      ],
    });
    expect(await v.ok(v.get('/mlflow-artifacts/artifacts', { path: `${root}/data` }))).toEqual({ files: [{ path: 'model.pkl', is_dir: false, file_size: weights.length }] });
    // HttpArtifactRepository._download_file, by a viewer
    const res = await v.raw('GET', `/mlflow-artifacts/artifacts/${root}/data/model.pkl`);
    expect(res.status()).toBe(200);
    expect(Buffer.compare(await res.body(), weights)).toBe(0);
    expect(await (await v.raw('GET', `/mlflow-artifacts/artifacts/${root}/MLmodel`)).text()).toBe(mlmodel);
  });

  test('MLflow 3.x: the run shows its model outputs and inputs; register_model("models:/m-…") records the model and its run', async ({ request }) => {
    const c = new MlflowClient(request, bearer(scientist.token));
    const experimentId = await newExperiment(c);
    const runId = (await newRun(c, experimentId)).info.run_id;
    const { model } = await c.ok(c.post('/mlflow/logged-models', { experiment_id: experimentId, name: 'clf', source_run_id: runId }));
    const modelId = model.info.model_id as string;
    // RestStore.log_outputs, and log_inputs with models=[LoggedModelInput] (a logged model loaded inside the run)
    await c.ok(c.post('/mlflow/runs/outputs', { run_id: runId, models: [{ model_id: modelId, step: 2 }] }));
    await c.ok(c.post('/mlflow/runs/log-inputs', { run_id: runId, datasets: [], models: [{ model_id: modelId }] }));
    const run = await getRun(c, runId);
    expect(run.outputs).toEqual({ model_outputs: [{ model_id: modelId, step: 2 }] });
    expect(run.inputs).toEqual({ model_inputs: [{ model_id: modelId }] });
    const searched = await c.ok(c.post('/mlflow/runs/search', { experiment_ids: [experimentId] }));
    expect(searched.runs[0].outputs).toEqual(run.outputs);
    // _register_model: create_registered_model, then create_model_version with source models:/<id> and model_id
    const name = uniqueName('lm-reg');
    await c.ok(c.post('/mlflow/registered-models/create', { name }));
    const { model_version } = await c.ok(c.post('/mlflow/model-versions/create', { name, source: `models:/${modelId}`, model_id: modelId, tags: [] }));
    expect(model_version).toMatchObject({ name, version: '1', source: `models:/${modelId}`, run_id: runId, model_id: modelId });
    // ModelsArtifactRepository resolves models:/<name>/1 through get-download-uri to the logged model's files
    expect(await c.ok(c.get('/mlflow/model-versions/get-download-uri', { name, version: '1' }))).toEqual({ artifact_uri: model.info.artifact_uri });
    const tags = (await c.ok(c.get(`/mlflow/logged-models/${modelId}`))).model.info.tags;
    expect(tags).toEqual([{ key: 'mlflow.modelVersions', value: `[{"name": "${name}", "version": 1}]` }]);
  });

  test('runs/search refuses max_results 0, negative and above 50,000 as MLflow’s server does', async ({ request }) => {
    const c = new MlflowClient(request, bearer(scientist.token));
    const experimentId = await newExperiment(c);
    for (const n of [0, -1]) {
      expect(await c.post('/mlflow/runs/search', { experiment_ids: [experimentId], max_results: n })).toEqual({
        status: 400,
        json: { error_code: 'INVALID_PARAMETER_VALUE', message: `Invalid value ${n} for parameter 'max_results' supplied. It must be a positive integer` },
      });
    }
    expect((await c.post('/mlflow/runs/search', { experiment_ids: [experimentId], max_results: 50_001 })).json.message).toBe(
      "Invalid value 50001 for parameter 'max_results' supplied:  Hint: Value was of type 'int'. See the API docs for more information about request parameters.",
    );
  });
});

test.describe('[MLFLOW] endpoints not served', () => {
  test('answer in MLflow’s JSON envelope: unknown endpoints 404 ENDPOINT_NOT_FOUND, multipart uploads 501 with the text the client falls back on', async ({ request }) => {
    const c = new MlflowClient(request, bearer(scientist.token));
    // e.g. MLflow 3's RestStore.start_trace_v3 (traces are not served)
    expect(await c.post('/mlflow/traces', { trace: { trace_info: {} } })).toEqual({ status: 404, json: { error_code: 'ENDPOINT_NOT_FOUND', message: expect.any(String) } });
    // HttpArtifactRepository.create_multipart_upload: POST /mlflow-artifacts/mpu/create/<path>
    const mpu = await c.post('/mlflow-artifacts/mpu/create/0/x/artifacts', { path: 'big.bin', num_parts: 2 });
    expect(mpu.status).toBe(501);
    expect(mpu.json.message.startsWith('Multipart upload is not supported for the current artifact repository')).toBe(true);
  });
});

test.describe('[MLFLOW] credentials', () => {
  test('HTTP Basic works with the API token as password and with the user’s own password', async ({ request }) => {
    const withToken = new MlflowClient(request, basic(scientist.email, scientist.token));
    const withPassword = new MlflowClient(request, basic(scientist.email, scientist.password));
    const id1 = await newExperiment(withToken);
    const id2 = await newExperiment(withPassword);
    expect(Number(id2)).toBeGreaterThan(Number(id1));
    const wrong = new MlflowClient(request, basic(scientist.email, 'not-the-password'));
    expect((await wrong.get('/mlflow/experiments/get', { experiment_id: '0' })).json.error_code).toBe('UNAUTHENTICATED');
  });

  test('writes through a token are audited with actor kind token', async ({ request }) => {
    const c = new MlflowClient(request, bearer(scientist.token));
    const runId = (await newRun(c, await newExperiment(c))).info.run_id;
    const admin = await adminApi();
    const res = await admin.get(`/api/v1/audit/events?action=run.create&resourceId=${runId}`);
    expect(res.status()).toBe(200);
    const { events } = (await res.json()) as { events: { actorKind: string; actorEmail: string; resourceId: string }[] };
    await admin.dispose();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorKind: 'token', actorEmail: scientist.email, resourceId: runId });
  });
});

test.describe('[MLFLOW] artifacts', () => {
  test('upload, list, download and delete through the mlflow-artifacts proxy, as HttpArtifactRepository does', async ({ request }) => {
    const c = new MlflowClient(request, bearer(scientist.token));
    const experimentId = await newExperiment(c);
    const { info } = await newRun(c, experimentId);
    const runId = info.run_id;
    // mlflow_artifacts_repo resolves mlflow-artifacts:/<exp>/<run>/artifacts to /api/2.0/mlflow-artifacts/artifacts/<exp>/<run>/artifacts
    const root = String(info.artifact_uri).replace(/^mlflow-artifacts:\//, '');
    expect(root).toBe(`${experimentId}/${runId}/artifacts`);

    // HttpArtifactRepository.log_artifact: PUT <root>/<artifact_path>/<file> with the file as body
    const model = 'artifact_path: model\nflavors:\n  python_function: {}\n';
    let res = await c.raw('PUT', `/mlflow-artifacts/artifacts/${root}/model/MLmodel`, model, 'text/plain');
    expect(res.status()).toBe(200);
    expect(await res.json()).toEqual({});
    const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, i) => i & 0xff));
    res = await c.raw('PUT', `/mlflow-artifacts/artifacts/${root}/model/data/weights%20v1.bin`, bytes);
    expect(res.status()).toBe(200);

    // HttpArtifactRepository.list_artifacts: GET /mlflow-artifacts/artifacts?path=<root>/<path>, base names back
    expect(await c.ok(c.get('/mlflow-artifacts/artifacts', { path: `${root}/model` }))).toEqual({
      files: [
        { path: 'MLmodel', is_dir: false, file_size: Buffer.byteLength(model) },
        { path: 'data', is_dir: true },
      ],
    });
    // RestStore-side listing: GET /mlflow/artifacts/list {run_id, path} → run-relative paths and root_uri
    expect(await c.ok(c.get('/mlflow/artifacts/list', { run_id: runId, path: 'model/data' }))).toEqual({
      root_uri: info.artifact_uri,
      files: [{ path: 'model/data/weights v1.bin', is_dir: false, file_size: bytes.length }],
    });

    // HttpArtifactRepository._download_file: GET <root>/<path>, streamed
    res = await c.raw('GET', `/mlflow-artifacts/artifacts/${root}/model/data/weights%20v1.bin`);
    expect(res.status()).toBe(200);
    expect(Buffer.compare(await res.body(), bytes)).toBe(0);
    expect(res.headers()['content-disposition']).toContain('attachment');

    // Missing file: 404 with MLflow's envelope
    res = await c.raw('GET', `/mlflow-artifacts/artifacts/${root}/nope.txt`);
    expect(res.status()).toBe(404);
    expect((await res.json()).error_code).toBe('RESOURCE_DOES_NOT_EXIST');

    // HttpArtifactRepository.delete_artifacts: DELETE <root>/<path>
    res = await c.raw('DELETE', `/mlflow-artifacts/artifacts/${root}/model/data`);
    expect(res.status()).toBe(200);
    expect((await c.ok(c.get('/mlflow-artifacts/artifacts', { path: `${root}/model` }))).files).toEqual([{ path: 'MLmodel', is_dir: false, file_size: Buffer.byteLength(model) }]);

    // Uploads are audited
    const admin = await adminApi();
    const audit = await admin.get(`/api/v1/audit/events?action=artifact.upload&resourceId=${runId}`);
    const { events } = (await audit.json()) as { events: { actorKind: string; after: { path: string } }[] };
    await admin.dispose();
    expect(events.map((e) => e.after.path).sort()).toEqual(['model/MLmodel', 'model/data/weights v1.bin']);
    expect(events.every((e) => e.actorKind === 'token')).toBe(true);
  });

  test('artifact writes need run rights; traversal is refused; reads are open to viewers', async ({ request }) => {
    const owner = new MlflowClient(request, bearer(scientist.token));
    const experimentId = await newExperiment(owner);
    const runId = (await newRun(owner, experimentId)).info.run_id;
    const root = `${experimentId}/${runId}/artifacts`;
    expect((await owner.raw('PUT', `/mlflow-artifacts/artifacts/${root}/a.txt`, 'hello')).status()).toBe(200);

    const v = new MlflowClient(request, bearer(viewer.token));
    const refused = await v.raw('PUT', `/mlflow-artifacts/artifacts/${root}/b.txt`, 'nope');
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error_code).toBe('PERMISSION_DENIED');
    expect(await (await v.raw('GET', `/mlflow-artifacts/artifacts/${root}/a.txt`)).text()).toBe('hello');

    const climb = await owner.get('/mlflow-artifacts/artifacts', { path: `${root}/../../../..` });
    expect(climb).toEqual({ status: 400, json: { error_code: 'INVALID_PARAMETER_VALUE', message: expect.any(String) } });
    const encoded = await owner.raw('GET', `/mlflow-artifacts/artifacts/${root}/%2e%2e/%2e%2e/%2e%2e/etc/passwd`);
    expect([400, 404]).toContain(encoded.status());
    const outsideRun = await owner.raw('PUT', `/mlflow-artifacts/artifacts/${experimentId}/not-a-run/x.txt`, 'x');
    expect(outsideRun.status()).toBe(400);
  });
});
