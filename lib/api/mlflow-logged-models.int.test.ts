import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb, rowsOf } from '@/db/client';
import { GET as proxyDownload, PUT as proxyUpload } from '@/app/api/2.0/mlflow-artifacts/artifacts/[...path]/route';
import { POST as createExperiment } from '@/app/api/2.0/mlflow/experiments/create/route';
import { GET as listModelArtifacts } from '@/app/api/2.0/mlflow/logged-models/[modelId]/artifacts/directories/route';
import { POST as logModelParams } from '@/app/api/2.0/mlflow/logged-models/[modelId]/params/route';
import { DELETE as deleteModel, GET as getModel, PATCH as finalizeModel } from '@/app/api/2.0/mlflow/logged-models/[modelId]/route';
import { DELETE as deleteModelTag } from '@/app/api/2.0/mlflow/logged-models/[modelId]/tags/[...key]/route';
import { PATCH as setModelTags } from '@/app/api/2.0/mlflow/logged-models/[modelId]/tags/route';
import { POST as createModel } from '@/app/api/2.0/mlflow/logged-models/route';
import { POST as searchModels } from '@/app/api/2.0/mlflow/logged-models/search/route';
import { GET as getHistory } from '@/app/api/2.0/mlflow/metrics/get-history/route';
import { POST as createRun } from '@/app/api/2.0/mlflow/runs/create/route';
import { POST as deleteRun } from '@/app/api/2.0/mlflow/runs/delete/route';
import { GET as getRun } from '@/app/api/2.0/mlflow/runs/get/route';
import { POST as logBatch } from '@/app/api/2.0/mlflow/runs/log-batch/route';
import { POST as logMetric } from '@/app/api/2.0/mlflow/runs/log-metric/route';
import { POST as logModel } from '@/app/api/2.0/mlflow/runs/log-model/route';
import { POST as logOutputs } from '@/app/api/2.0/mlflow/runs/outputs/route';
import { POST as searchRuns } from '@/app/api/2.0/mlflow/runs/search/route';
import { deleteExperiment } from '@/lib/experiments/delete-experiment';
import { purgeExperiment } from '@/lib/experiments/purge-experiment';
import { auditEventsFor } from '@/lib/experiments/test-support';
import { makeToken, makeUser } from '@/test/factories';
import { callRoute, mlflowRequest } from '@/test/http';
import { mostQueriesInFlight } from '@/test/pg-in-flight';

/*
 * The MLflow door for logging models, on both drivers: MLflow 2.x's runs/log-model (the run's
 * mlflow.log-model.history tag) and MLflow 3.x's LoggedModel calls, each request shaped as
 * mlflow/store/tracking/rest_store.py sends it from `mlflow.<flavor>.log_model`, answers compared whole.
 */

let artifactsDir: string;
let scientist: string;
let scientistActor: Awaited<ReturnType<typeof makeUser>>;
let viewer: string;
let otherScientist: string;


const api = (p: string) => `/api/2.0/mlflow${p}`;

async function newRun(token = scientist) {
  const exp = await callRoute(createExperiment, mlflowRequest('POST', api('/experiments/create'), token, { body: { name: `lm-${Date.now()}-${Math.random().toString(36).slice(2, 8)}` } }));
  expect(exp.status).toBe(200);
  const run = await callRoute(createRun, mlflowRequest('POST', api('/runs/create'), token, { body: { experiment_id: exp.json.experiment_id, start_time: 1_700_000_000_000, tags: [] } }));
  expect(run.status).toBe(200);
  return { experimentId: exp.json.experiment_id as string, runId: run.json.run.info.run_id as string, artifactUri: run.json.run.info.artifact_uri as string };
}

async function tagsOf(runId: string, token = scientist): Promise<Record<string, string>> {
  const res = await callRoute(getRun, mlflowRequest('GET', api(`/runs/get?run_id=${runId}&run_uuid=${runId}`), token));
  return Object.fromEntries((res.json.run.data.tags ?? []).map((t: { key: string; value: string }) => [t.key, t.value]));
}

/** An MLmodel as MLflow 2.x's Model.to_json writes it for mlflow.sklearn.log_model(…, "model"). */
function mlmodel(runId: string, artifactPath = 'model') {
  return {
    artifact_path: artifactPath,
    flavors: {
      python_function: { model_path: 'model.pkl', predict_fn: 'predict', loader_module: 'mlflow.sklearn', python_version: '3.11.9', env: { conda: 'conda.yaml', virtualenv: 'python_env.yaml' } },
      sklearn: { pickled_model: 'model.pkl', sklearn_version: '1.5.1', serialization_format: 'cloudpickle', code: null, config: { note: 'dropped from the history' } },
    },
    mlflow_version: '2.17.2',
    model_size_bytes: 1130,
    model_uuid: 'c2f1c5f3a0c54a6fb1c2f6f3c8d3e1a9',
    run_id: runId,
    utc_time_created: '2026-12-07 10:15:02.123456',
  };
}

beforeAll(async () => {
  artifactsDir = await mkdtemp(path.join(tmpdir(), 'mlflow-lm-'));
  process.env.ARTIFACTS_DIR = artifactsDir;
  scientistActor = await makeUser('scientist');
  scientist = (await makeToken(scientistActor)).token;
  otherScientist = (await makeToken(await makeUser('scientist'))).token;
  viewer = (await makeToken(await makeUser('viewer'))).token;
});

afterAll(async () => {
  delete process.env.ARTIFACTS_DIR;
  await rm(artifactsDir, { recursive: true, force: true });
});

describe('runs/log-model (MLflow 2.x)', () => {
  it('appends each model to the run’s mlflow.log-model.history tag as MLflow’s server writes it, each audited as run.set_tag', async () => {
    const { runId } = await newRun();
    const first = await callRoute(logModel, mlflowRequest('POST', api('/runs/log-model'), scientist, { body: { run_id: runId, model_json: JSON.stringify(mlmodel(runId)) } }));
    expect(first).toEqual({ status: 200, json: {} });
    const second = await callRoute(logModel, mlflowRequest('POST', api('/runs/log-model'), scientist, { body: { run_id: runId, model_json: JSON.stringify(mlmodel(runId, 'second')) } }));
    expect(second).toEqual({ status: 200, json: {} });
    const entry = (artifactPath: string) =>
      `{"run_id": "${runId}", "artifact_path": "${artifactPath}", "utc_time_created": "2026-12-07 10:15:02.123456", "model_uuid": "c2f1c5f3a0c54a6fb1c2f6f3c8d3e1a9", "flavors": ` +
      `{"python_function": {"model_path": "model.pkl", "predict_fn": "predict", "loader_module": "mlflow.sklearn", "python_version": "3.11.9", "env": {"conda": "conda.yaml", "virtualenv": "python_env.yaml"}}, ` +
      `"sklearn": {"pickled_model": "model.pkl", "sklearn_version": "1.5.1", "serialization_format": "cloudpickle", "code": null}}}`;
    const history = (await tagsOf(runId))['mlflow.log-model.history'];
    expect(history).toBe(`[${entry('model')}, ${entry('second')}]`);
    const events = await auditEventsFor('run', runId);
    const setTags = events.filter((e) => e.action === 'run.set_tag');
    expect(setTags).toHaveLength(2);
    expect(setTags[0].before).toEqual({ key: 'mlflow.log-model.history', value: null });
    expect(setTags[1].before).toEqual({ key: 'mlflow.log-model.history', value: `[${entry('model')}]` });
    expect(setTags[1].after).toEqual({ runId, key: 'mlflow.log-model.history', value: history });
  });

  it('keeps every entry when several models are logged to one run at once', async () => {
    const { runId } = await newRun();
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => callRoute(logModel, mlflowRequest('POST', api('/runs/log-model'), scientist, { body: { run_id: runId, model_json: JSON.stringify(mlmodel(runId, `m${i}`)) } }))),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const history = JSON.parse((await tagsOf(runId))['mlflow.log-model.history']) as { artifact_path: string }[];
    expect(history.map((h) => h.artifact_path).sort()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
  });

  it('refuses what MLflow’s handler refuses, with its codes and words, and writes nothing', async () => {
    const { runId } = await newRun();
    const post = (body: unknown, token = scientist) => callRoute(logModel, mlflowRequest('POST', api('/runs/log-model'), token, { body }));
    expect(await post({ run_id: runId })).toEqual({ status: 400, json: { error_code: 'INVALID_PARAMETER_VALUE', message: "Missing value for required parameter 'model_json'." } });
    expect(await post({ model_json: '{}' })).toEqual({ status: 400, json: { error_code: 'INVALID_PARAMETER_VALUE', message: "Missing value for required parameter 'run_id'." } });
    expect(await post({ run_id: runId, model_json: '{not json' })).toEqual({
      status: 400,
      json: { error_code: 'INVALID_PARAMETER_VALUE', message: 'Malformed model info. \n {not json \n is not a valid JSON.' },
    });
    expect(await post({ run_id: runId, model_json: JSON.stringify({ artifact_path: 'model', utc_time_created: 'x' }) })).toEqual({
      status: 400,
      json: { error_code: 'INVALID_PARAMETER_VALUE', message: "Model json is missing mandatory fields: {'flavors', 'run_id'}" },
    });
    expect(await post({ run_id: 'f'.repeat(32), model_json: JSON.stringify(mlmodel(runId)) })).toEqual({
      status: 404,
      json: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `Run '${'f'.repeat(32)}' was not found.` },
    });
    expect((await post({ run_id: runId, model_json: JSON.stringify(mlmodel(runId)) }, viewer)).json.error_code).toBe('PERMISSION_DENIED');
    expect((await post({ run_id: runId, model_json: JSON.stringify(mlmodel(runId)) }, otherScientist)).json.error_code).toBe('PERMISSION_DENIED');
    expect(await tagsOf(runId)).not.toHaveProperty('mlflow.log-model.history');
    expect((await auditEventsFor('run', runId)).filter((e) => e.action === 'run.set_tag')).toEqual([]);
    // A deleted run takes no more models, as MLflow requires the run to be active.
    expect((await callRoute(deleteRun, mlflowRequest('POST', api('/runs/delete'), scientist, { body: { run_id: runId } }))).status).toBe(200);
    expect((await post({ run_id: runId, model_json: JSON.stringify(mlmodel(runId)) })).json.error_code).toBe('INVALID_PARAMETER_VALUE');
  });
});

describe('runs/search max_results', () => {
  it('answers 0, a negative number and more than 50,000 as MLflow’s server does, and serves 50,000', async () => {
    const { experimentId } = await newRun();
    const search = (max_results: unknown) => callRoute(searchRuns, mlflowRequest('POST', api('/runs/search'), scientist, { body: { experiment_ids: [experimentId], max_results } }));
    expect(await search(0)).toEqual({ status: 400, json: { error_code: 'INVALID_PARAMETER_VALUE', message: "Invalid value 0 for parameter 'max_results' supplied. It must be a positive integer" } });
    expect(await search(-5)).toEqual({ status: 400, json: { error_code: 'INVALID_PARAMETER_VALUE', message: "Invalid value -5 for parameter 'max_results' supplied. It must be a positive integer" } });
    expect(await search(50_001)).toEqual({
      status: 400,
      json: {
        error_code: 'INVALID_PARAMETER_VALUE',
        message: "Invalid value 50001 for parameter 'max_results' supplied:  Hint: Value was of type 'int'. See the API docs for more information about request parameters.",
      },
    });
    expect((await search('60000')).json.message).toBe(
      "Invalid value \"60000\" for parameter 'max_results' supplied:  Hint: Value was of type 'str'. See the API docs for more information about request parameters.",
    );
    const ok = await search(50_000);
    expect(ok.status).toBe(200);
    expect(ok.json.runs).toHaveLength(1);
  });
});

describe('logged models (MLflow 3.x log_model)', () => {
  /** The calls of Model.log in MLflow 3 for mlflow.sklearn.log_model(model, name="model") inside a run. */
  async function logModelLikeTheClient(token = scientist) {
    const run = await newRun(token);
    // log_metric before log_model: the client later re-sends this step's points linked to the model.
    expect((await callRoute(logBatch, mlflowRequest('POST', api('/runs/log-batch'), token, { body: { run_id: run.runId, metrics: [{ key: 'rmse', value: 0.5, timestamp: 1_700_000_000_100, step: 0 }], params: [{ key: 'alpha', value: '0.1' }], tags: [] } }))).status).toBe(200);
    const created = await callRoute(
      createModel,
      mlflowRequest('POST', api('/logged-models'), token, {
        body: {
          experiment_id: run.experimentId,
          name: 'model',
          source_run_id: run.runId,
          params: [{ key: 'alpha', value: '0.1' }],
          tags: [
            { key: 'mlflow.user', value: 'ada' },
            { key: 'mlflow.source.name', value: 'train.py' },
            { key: 'mlflow.source.type', value: 'LOCAL' },
          ],
        },
      }),
    );
    expect(created.status).toBe(200);
    return { ...run, created };
  }

  it('runs create → outputs → linked metrics → upload → finalize → get → search as the client sends them', async () => {
    const { experimentId, runId, created } = await logModelLikeTheClient();
    const info = created.json.model.info;
    const modelId = info.model_id as string;
    expect(modelId).toMatch(/^m-[0-9a-f]{32}$/);
    expect(created.json).toEqual({
      model: {
        info: {
          model_id: modelId,
          experiment_id: experimentId,
          name: 'model',
          creation_timestamp_ms: expect.any(Number),
          last_updated_timestamp_ms: info.creation_timestamp_ms,
          artifact_uri: `mlflow-artifacts:/${experimentId}/models/${modelId}/artifacts`,
          status: 'LOGGED_MODEL_PENDING',
          source_run_id: runId,
          tags: [
            { key: 'mlflow.source.name', value: 'train.py' },
            { key: 'mlflow.source.type', value: 'LOCAL' },
            { key: 'mlflow.user', value: 'ada' },
          ],
        },
        data: { params: [{ key: 'alpha', value: '0.1' }] },
      },
    });

    expect(await callRoute(logOutputs, mlflowRequest('POST', api('/runs/outputs'), scientist, { body: { run_id: runId, models: [{ model_id: modelId, step: 0 }] } }))).toEqual({ status: 200, json: {} });
    // log_model_metrics_for_step: the run's points of step 0, sent again with the model's id.
    const linked = { run_id: runId, metrics: [{ key: 'rmse', value: 0.5, timestamp: 1_700_000_000_100, step: 0, model_id: modelId, run_id: runId }] };
    expect(await callRoute(logBatch, mlflowRequest('POST', api('/runs/log-batch'), scientist, { body: linked }))).toEqual({ status: 200, json: {} });
    const history = await callRoute(getHistory, mlflowRequest('GET', api(`/metrics/get-history?run_id=${runId}&metric_key=rmse`), scientist));
    expect(history.json.metrics).toEqual([{ key: 'rmse', value: 0.5, timestamp: 1_700_000_000_100, step: 0 }]);

    // log_model_artifacts: the files go through the artifact proxy to the model's location.
    const root = (info.artifact_uri as string).replace(/^mlflow-artifacts:\//, '');
    const put = await callRoute(proxyUpload, mlflowRequest('PUT', `/api/2.0/mlflow-artifacts/artifacts/${root}/MLmodel`, scientist, { raw: 'artifact_path: model\n' }));
    expect(put).toEqual({ status: 200, json: {} });
    expect((await callRoute(proxyDownload, mlflowRequest('GET', `/api/2.0/mlflow-artifacts/artifacts/${root}/MLmodel`, viewer))).json).toBe('artifact_path: model\n');
    expect(await callRoute(listModelArtifacts, mlflowRequest('GET', api(`/logged-models/${modelId}/artifacts/directories`), viewer), { modelId })).toEqual({
      status: 200,
      json: { root_uri: info.artifact_uri, files: [{ path: 'MLmodel', is_dir: false, file_size: 21 }] },
    });

    const finalized = await callRoute(finalizeModel, mlflowRequest('PATCH', api(`/logged-models/${modelId}`), scientist, { body: { model_id: modelId, status: 'LOGGED_MODEL_READY' } }), { modelId });
    expect(finalized.status).toBe(200);
    expect(finalized.json.model.info.status).toBe('LOGGED_MODEL_READY');
    expect(finalized.json.model.info.last_updated_timestamp_ms).toBeGreaterThanOrEqual(info.creation_timestamp_ms);
    let got = { status: 0, json: null as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
    // Reading a model is several queries in one transaction: sent one after another, never queued on a busy pg client.
    expect(await mostQueriesInFlight(async () => void (got = await callRoute(getModel, mlflowRequest('GET', api(`/logged-models/${modelId}`), viewer), { modelId })))).toBeLessThanOrEqual(1);
    expect(got.json).toEqual({
      model: {
        info: { ...finalized.json.model.info },
        data: { params: [{ key: 'alpha', value: '0.1' }], metrics: [{ key: 'rmse', value: 0.5, timestamp: 1_700_000_000_100, step: 0, model_id: modelId, run_id: runId }] },
      },
    });

    const found = await callRoute(searchModels, mlflowRequest('POST', api('/logged-models/search'), viewer, { body: { experiment_ids: [experimentId] } }));
    expect(found).toEqual({ status: 200, json: { models: [got.json.model] } });

    const events = await auditEventsFor('logged_model', modelId);
    // The files are the model's: their upload is audited on it.
    expect(events.map((e) => e.action)).toEqual(['logged_model.create', 'artifact.upload', 'logged_model.finalize']);
    expect(events[2]).toMatchObject({ before: { status: 'PENDING' }, after: { status: 'READY' } });
    const runEvents = (await auditEventsFor('run', runId)).map((e) => e.action);
    expect(runEvents).toEqual(expect.arrayContaining(['run.log_outputs', 'run.log_batch']));
  });

  it('searches by filter, orders and pages with tokens bound to the query', async () => {
    const run = await newRun();
    const ids: string[] = [];
    for (const [name, rmse] of [['a', 0.3], ['b', 0.1], ['c', 0.2]] as const) {
      const m = await callRoute(createModel, mlflowRequest('POST', api('/logged-models'), scientist, { body: { experiment_id: run.experimentId, name, source_run_id: run.runId, tags: [{ key: 'team', value: name === 'b' ? 'x' : 'y' }] } }));
      ids.push(m.json.model.info.model_id);
      await callRoute(logBatch, mlflowRequest('POST', api('/runs/log-batch'), scientist, { body: { run_id: run.runId, metrics: [{ key: 'rmse', value: rmse, timestamp: 1_700_000_001_000, step: 1, model_id: m.json.model.info.model_id }] } }));
    }
    const search = (body: Record<string, unknown>) => callRoute(searchModels, mlflowRequest('POST', api('/logged-models/search'), scientist, { body: { experiment_ids: [run.experimentId], ...body } }));
    const names = (r: { json: { models?: { info: { name: string } }[] } }) => (r.json.models ?? []).map((m) => m.info.name);
    expect(names(await search({}))).toEqual(['c', 'b', 'a']);
    expect(names(await search({ filter: "name = 'b'" }))).toEqual(['b']);
    expect(names(await search({ filter: "tags.team = 'y' AND metrics.rmse < 0.25" }))).toEqual(['c']);
    expect(names(await search({ filter: "name IN ('a', 'c')", order_by: [{ field_name: 'metrics.rmse', ascending: true }] }))).toEqual(['c', 'a']);
    expect(names(await search({ order_by: [{ field_name: 'creation_time', ascending: true }] }))).toEqual(['a', 'b', 'c']);
    const first = await search({ max_results: 2, order_by: [{ field_name: 'name', ascending: true }] });
    expect(names(first)).toEqual(['a', 'b']);
    const second = await search({ max_results: 2, order_by: [{ field_name: 'name', ascending: true }], page_token: first.json.next_page_token });
    expect(names(second)).toEqual(['c']);
    expect(second.json.next_page_token).toBeUndefined();
    expect((await search({ max_results: 2, page_token: first.json.next_page_token })).json.error_code).toBe('INVALID_PARAMETER_VALUE');
    expect(await search({ filter: 'name ~ 1' })).toMatchObject({ status: 400, json: { error_code: 'INVALID_PARAMETER_VALUE' } });
    expect(await callRoute(searchModels, mlflowRequest('POST', api('/logged-models/search'), scientist, { body: {} }))).toEqual({
      status: 400,
      json: { error_code: 'INVALID_PARAMETER_VALUE', message: "Missing value for required parameter 'experiment_ids'." },
    });
    expect(ids).toHaveLength(3);
  });

  it('restricts metric filters and results to the given datasets, as MLflow’s store does', async () => {
    const run = await newRun();
    const models: string[] = [];
    for (let i = 0; i < 3; i++) {
      models.push((await callRoute(createModel, mlflowRequest('POST', api('/logged-models'), scientist, { body: { experiment_id: run.experimentId, source_run_id: run.runId } }))).json.model.info.model_id);
    }
    // mlflow.log_metric(…, model_id=…, dataset=…): Metric protos with dataset_name and dataset_digest
    const metrics = [
      { key: 'metric1', value: 0.1, timestamp: 0, step: 0, model_id: models[0], dataset_name: 'dataset1', dataset_digest: 'digest1' },
      { key: 'metric1', value: 0.2, timestamp: 0, step: 0, model_id: models[1], dataset_name: 'dataset1', dataset_digest: 'digest2' },
      { key: 'metric2', value: 0.1, timestamp: 0, step: 0, model_id: models[2] },
    ];
    expect((await callRoute(logBatch, mlflowRequest('POST', api('/runs/log-batch'), scientist, { body: { run_id: run.runId, metrics, params: [], tags: [] } }))).status).toBe(200);
    const search = async (body: Record<string, unknown>) => {
      const res = await callRoute(searchModels, mlflowRequest('POST', api('/logged-models/search'), scientist, { body: { experiment_ids: [run.experimentId], ...body } }));
      expect(res.status).toBe(200);
      return ((res.json.models ?? []) as { info: { model_id: string } }[]).map((m) => m.info.model_id).sort();
    };
    expect(await search({ filter: 'metrics.metric1 >= 0.1', datasets: [{ dataset_name: 'dataset1' }] })).toEqual([models[0], models[1]].sort());
    expect(await search({ filter: 'metrics.metric1 >= 0.1', datasets: [{ dataset_name: 'dataset1', dataset_digest: 'digest1' }] })).toEqual([models[0]]);
    expect(await search({ datasets: [{ dataset_name: 'dataset1' }] })).toEqual([models[0], models[1]].sort());
    expect(await search({})).toEqual([...models].sort());
    const got = await callRoute(getModel, mlflowRequest('GET', api(`/logged-models/${models[0]}`), scientist), { modelId: models[0] });
    expect(got.json.model.data.metrics).toEqual([{ key: 'metric1', value: 0.1, timestamp: 0, step: 0, dataset_name: 'dataset1', dataset_digest: 'digest1', model_id: models[0], run_id: run.runId }]);
    expect(await callRoute(searchModels, mlflowRequest('POST', api('/logged-models/search'), scientist, { body: { experiment_ids: [run.experimentId], datasets: [{ dataset_digest: 'digest1' }] } }))).toEqual({
      status: 400,
      json: { error_code: 'INVALID_PARAMETER_VALUE', message: '`dataset_name` in the `datasets` clause must be specified.' },
    });
  });

  it('links a single log-metric with model_id to the model and the run’s history once; an unknown model is 404 and writes nothing', async () => {
    const { runId, created } = await logModelLikeTheClient();
    const modelId = created.json.model.info.model_id as string;
    const point = { run_id: runId, run_uuid: runId, key: 'acc', value: 0.9, timestamp: 1_700_000_000_500, step: 3, model_id: modelId };
    expect(await callRoute(logMetric, mlflowRequest('POST', api('/runs/log-metric'), scientist, { body: point }))).toEqual({ status: 200, json: {} });
    const history = await callRoute(getHistory, mlflowRequest('GET', api(`/metrics/get-history?run_id=${runId}&metric_key=acc`), scientist));
    expect(history.json.metrics).toEqual([{ key: 'acc', value: 0.9, timestamp: 1_700_000_000_500, step: 3 }]);
    const got = await callRoute(getModel, mlflowRequest('GET', api(`/logged-models/${modelId}`), scientist), { modelId });
    expect(got.json.model.data.metrics).toEqual([{ key: 'acc', value: 0.9, timestamp: 1_700_000_000_500, step: 3, model_id: modelId, run_id: runId }]);
    const unknown = `m-${'1'.repeat(32)}`;
    expect(await callRoute(logMetric, mlflowRequest('POST', api('/runs/log-metric'), scientist, { body: { ...point, key: 'other', model_id: unknown } }))).toEqual({
      status: 404,
      json: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `Logged model with ID '${unknown}' not found.` },
    });
    expect((await callRoute(getHistory, mlflowRequest('GET', api(`/metrics/get-history?run_id=${runId}&metric_key=other`), scientist))).json).toEqual({});
  });

  it('sets and deletes tags, logs params, deletes the model; then it is not found', async () => {
    const { created } = await logModelLikeTheClient();
    const modelId = created.json.model.info.model_id as string;
    const p = { modelId };
    expect(await callRoute(setModelTags, mlflowRequest('PATCH', api(`/logged-models/${modelId}/tags`), scientist, { body: { tags: [{ key: 'stage', value: 'dev' }] } }), p)).toEqual({ status: 200, json: {} });
    expect(await callRoute(logModelParams, mlflowRequest('POST', api(`/logged-models/${modelId}/params`), scientist, { body: { model_id: modelId, params: [{ key: 'depth', value: '3' }] } }), p)).toEqual({ status: 200, json: {} });
    expect((await callRoute(logModelParams, mlflowRequest('POST', api(`/logged-models/${modelId}/params`), scientist, { body: { model_id: modelId, params: [{ key: 'depth', value: '4' }] } }), p)).json.error_code).toBe(
      'INVALID_PARAMETER_VALUE',
    );
    expect(await callRoute(deleteModelTag, mlflowRequest('DELETE', api(`/logged-models/${modelId}/tags/stage`), scientist), { modelId, key: ['stage'] })).toEqual({ status: 200, json: {} });
    expect(await callRoute(deleteModelTag, mlflowRequest('DELETE', api(`/logged-models/${modelId}/tags/stage`), scientist), { modelId, key: ['stage'] })).toEqual({
      status: 404,
      json: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `No tag with key 'stage' found for model with ID '${modelId}'.` },
    });
    const got = await callRoute(getModel, mlflowRequest('GET', api(`/logged-models/${modelId}`), scientist), p);
    expect(got.json.model.data.params).toEqual([
      { key: 'alpha', value: '0.1' },
      { key: 'depth', value: '3' },
    ]);
    expect(got.json.model.info.tags.map((t: { key: string }) => t.key)).not.toContain('stage');
    expect(await callRoute(deleteModel, mlflowRequest('DELETE', api(`/logged-models/${modelId}`), scientist, { body: { model_id: modelId } }), p)).toEqual({ status: 200, json: {} });
    expect(await callRoute(getModel, mlflowRequest('GET', api(`/logged-models/${modelId}`), scientist), p)).toEqual({
      status: 404,
      json: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `Logged model with ID '${modelId}' not found.` },
    });
    expect((await auditEventsFor('logged_model', modelId)).map((e) => e.action)).toEqual([
      'logged_model.create',
      'logged_model.set_tags',
      'logged_model.log_params',
      'logged_model.delete_tag',
      'logged_model.delete',
    ]);
  });

  it('refuses a bad name, an unknown experiment, a missing status, and writes by viewers or other scientists, writing nothing', async () => {
    const { experimentId, created } = await logModelLikeTheClient();
    const modelId = created.json.model.info.model_id as string;
    const db = await getDb();
    const count = async () => rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from logged_models where experiment_id = ${Number(experimentId)}`))[0].n;
    const before = await count();
    expect(await callRoute(createModel, mlflowRequest('POST', api('/logged-models'), scientist, { body: { experiment_id: experimentId, name: 'a/b' } }))).toEqual({
      status: 400,
      json: {
        error_code: 'INVALID_PARAMETER_VALUE',
        message: `Invalid model name ('a/b') provided. Model name must be a non-empty string and cannot contain the following characters: ('/', ':', '.', '%', '"', "'")`,
      },
    });
    expect(await callRoute(createModel, mlflowRequest('POST', api('/logged-models'), scientist, { body: { name: 'm' } }))).toEqual({
      status: 400,
      json: { error_code: 'INVALID_PARAMETER_VALUE', message: "Missing value for required parameter 'experiment_id'." },
    });
    expect((await callRoute(createModel, mlflowRequest('POST', api('/logged-models'), scientist, { body: { experiment_id: '987654321' } }))).json.error_code).toBe('RESOURCE_DOES_NOT_EXIST');
    expect((await callRoute(createModel, mlflowRequest('POST', api('/logged-models'), viewer, { body: { experiment_id: experimentId } }))).json.error_code).toBe('PERMISSION_DENIED');
    expect((await callRoute(createModel, mlflowRequest('POST', api('/logged-models'), otherScientist, { body: { experiment_id: experimentId } }))).json.error_code).toBe('PERMISSION_DENIED');
    expect(await count()).toBe(before);
    expect(await callRoute(finalizeModel, mlflowRequest('PATCH', api(`/logged-models/${modelId}`), scientist, { body: { model_id: modelId } }), { modelId })).toEqual({
      status: 400,
      json: { error_code: 'INVALID_PARAMETER_VALUE', message: "Missing value for required parameter 'status'." },
    });
    expect((await callRoute(finalizeModel, mlflowRequest('PATCH', api(`/logged-models/${modelId}`), otherScientist, { body: { model_id: modelId, status: 'LOGGED_MODEL_READY' } }), { modelId })).json.error_code).toBe('PERMISSION_DENIED');
    expect((await callRoute(getModel, mlflowRequest('GET', api(`/logged-models/${modelId}`), viewer), { modelId })).json.model.info.status).toBe('LOGGED_MODEL_PENDING');
    const unknown = `m-${'0'.repeat(32)}`;
    expect(await callRoute(getModel, mlflowRequest('GET', api(`/logged-models/${unknown}`), viewer), { modelId: unknown })).toEqual({
      status: 404,
      json: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `Logged model with ID '${unknown}' not found.` },
    });
  });

  it('leaves with its experiment when the experiment is purged, with its tags, params, metrics and run outputs', async () => {
    const { experimentId, runId, created } = await logModelLikeTheClient();
    const modelId = created.json.model.info.model_id as string;
    expect((await callRoute(logOutputs, mlflowRequest('POST', api('/runs/outputs'), scientist, { body: { run_id: runId, models: [{ model_id: modelId, step: 0 }] } }))).status).toBe(200);
    await deleteExperiment(scientistActor, { id: experimentId });
    await purgeExperiment(scientistActor, { id: experimentId });
    const db = await getDb();
    const [left] = rowsOf<Record<string, number>>(
      await db.execute(sql`select (select count(*)::int from logged_models where id = ${modelId}) as models, (select count(*)::int from logged_model_params where model_id = ${modelId}) as params,
        (select count(*)::int from logged_model_tags where model_id = ${modelId}) as tags, (select count(*)::int from run_model_outputs where model_id = ${modelId}) as outputs`),
    );
    expect(left).toEqual({ models: 0, params: 0, tags: 0, outputs: 0 });
    expect(await callRoute(getModel, mlflowRequest('GET', api(`/logged-models/${modelId}`), scientist), { modelId })).toMatchObject({ status: 404 });
  });

  it('generates a name when none is given and places a model without a run under the experiment', async () => {
    const { experimentId } = await newRun();
    const res = await callRoute(createModel, mlflowRequest('POST', api('/logged-models'), scientist, { body: { experiment_id: experimentId } }));
    expect(res.status).toBe(200);
    const info = res.json.model.info;
    expect(info.name).toMatch(/^[a-z]+-[a-z]+-\d+$/);
    expect(info.artifact_uri).toBe(`mlflow-artifacts:/${experimentId}/models/${info.model_id}/artifacts`);
    expect(info).not.toHaveProperty('source_run_id');
    expect(res.json.model.data).toEqual({});
  });
});
