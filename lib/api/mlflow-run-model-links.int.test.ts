import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, rowsOf } from '@/db/client';
import { POST as createExperiment } from '@/app/api/2.0/mlflow/experiments/create/route';
import { GET as getModel, DELETE as deleteModel } from '@/app/api/2.0/mlflow/logged-models/[modelId]/route';
import { POST as createLoggedModel } from '@/app/api/2.0/mlflow/logged-models/route';
import { POST as createVersion } from '@/app/api/2.0/mlflow/model-versions/create/route';
import { GET as getDownloadUri } from '@/app/api/2.0/mlflow/model-versions/get-download-uri/route';
import { GET as getVersion } from '@/app/api/2.0/mlflow/model-versions/get/route';
import { POST as createRegisteredModel } from '@/app/api/2.0/mlflow/registered-models/create/route';
import { POST as createRun } from '@/app/api/2.0/mlflow/runs/create/route';
import { GET as getRun } from '@/app/api/2.0/mlflow/runs/get/route';
import { POST as logInputs } from '@/app/api/2.0/mlflow/runs/log-inputs/route';
import { POST as logOutputs } from '@/app/api/2.0/mlflow/runs/outputs/route';
import { POST as searchRuns } from '@/app/api/2.0/mlflow/runs/search/route';
import { auditEventsFor } from '@/lib/experiments/test-support';
import { makeToken, makeUser } from '@/test/factories';

/*
 * Where MLflow 3's runs meet logged models beyond their metrics: a run's `outputs.model_outputs` and
 * `inputs.model_inputs` on runs/get and runs/search, and registering a logged model
 * (`mlflow.register_model("models:/m-…")`, `log_model(…, registered_model_name=…)`) through
 * model-versions/create with `model_id`. Requests as rest_store.py sends them, answers compared whole.
 */

type Handler = (request: Request, context?: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

let scientist: string;
let viewer: string;
let stranger: string;

function req(method: string, pathAndQuery: string, token: string, body?: unknown): Request {
  const headers = new Headers({ authorization: `Bearer ${token}` });
  if (body !== undefined) headers.set('content-type', 'application/json');
  return new Request(`http://localhost/api/2.0/mlflow${pathAndQuery}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(handler: Handler, request: Request, params: Record<string, string | string[]> = {}): Promise<{ status: number; json: any }> {
  const res = await handler(request, { params: Promise.resolve(params) });
  return { status: res.status, json: await res.json() };
}

const unique = (p: string) => `${p}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

async function newRun(token = scientist) {
  const exp = await call(createExperiment, req('POST', '/experiments/create', token, { name: unique('io') }));
  const run = await call(createRun, req('POST', '/runs/create', token, { experiment_id: exp.json.experiment_id, start_time: 1_700_000_000_000, tags: [] }));
  expect(run.status).toBe(200);
  return { experimentId: exp.json.experiment_id as string, runId: run.json.run.info.run_id as string, artifactUri: run.json.run.info.artifact_uri as string };
}

async function newLoggedModel(experimentId: string, sourceRunId?: string, name = 'model') {
  const res = await call(createLoggedModel, req('POST', '/logged-models', scientist, { experiment_id: experimentId, name, ...(sourceRunId ? { source_run_id: sourceRunId } : {}) }));
  expect(res.status).toBe(200);
  return res.json.model.info as { model_id: string; artifact_uri: string };
}

const getRunJson = async (runId: string, token = scientist) => (await call(getRun, req('GET', `/runs/get?run_id=${runId}&run_uuid=${runId}`, token))).json.run;

async function countInputs(runId: string): Promise<number> {
  const db = await getDb();
  return rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from run_model_inputs where run_id = ${runId}`))[0].n;
}

beforeAll(async () => {
  scientist = (await makeToken(await makeUser('scientist'))).token;
  viewer = (await makeToken(await makeUser('viewer'))).token;
  stranger = (await makeToken(await makeUser('scientist'))).token;
});

describe('a run’s model inputs and outputs (MLflow 3)', () => {
  it('runs/get and runs/search return outputs.model_outputs and inputs.model_inputs beside the dataset inputs', async () => {
    const { experimentId, runId } = await newRun();
    const produced = await newLoggedModel(experimentId, runId);
    const used = await newLoggedModel(experimentId);
    // Model.log → RestStore.log_outputs; a model loaded in the run → RestStore.log_inputs(models=[LoggedModelInput])
    expect(await call(logOutputs, req('POST', '/runs/outputs', scientist, { run_id: runId, models: [{ model_id: produced.model_id, step: 3 }] }))).toEqual({ status: 200, json: {} });
    const dataset = { name: 'train', digest: 'd1', source_type: 'local', source: '{"uri": "/data/train.csv"}' };
    const logged = await call(logInputs, req('POST', '/runs/log-inputs', scientist, { run_id: runId, datasets: [{ tags: [{ key: 'mlflow.data.context', value: 'training' }], dataset }], models: [{ model_id: used.model_id }] }));
    expect(logged).toEqual({ status: 200, json: {} });
    // The same model again adds nothing
    expect((await call(logInputs, req('POST', '/runs/log-inputs', scientist, { run_id: runId, models: [{ model_id: used.model_id }] }))).status).toBe(200);
    expect(await countInputs(runId)).toBe(1);

    const run = await getRunJson(runId, viewer);
    expect(run.inputs).toEqual({ dataset_inputs: [{ tags: [{ key: 'mlflow.data.context', value: 'training' }], dataset }], model_inputs: [{ model_id: used.model_id }] });
    expect(run.outputs).toEqual({ model_outputs: [{ model_id: produced.model_id, step: 3 }] });

    const searched = await call(searchRuns, req('POST', '/runs/search', viewer, { experiment_ids: [experimentId] }));
    expect(searched.json.runs).toHaveLength(1);
    expect(searched.json.runs[0].inputs.model_inputs).toEqual([{ model_id: used.model_id }]);
    expect(searched.json.runs[0].outputs).toEqual({ model_outputs: [{ model_id: produced.model_id, step: 3 }] });

    const events = (await auditEventsFor('run', runId)).filter((e) => e.action === 'run.log_inputs');
    expect(events).toHaveLength(2);
    expect(events[0].after).toEqual({ added: [{ name: 'train', digest: 'd1', context: 'training' }], alreadyLogged: 0, models: [used.model_id], modelsAlreadyLogged: 0 });
    expect(events[1].after).toEqual({ added: [], alreadyLogged: 0, models: [], modelsAlreadyLogged: 1 });
  });

  it('a run with neither answers empty inputs and outputs', async () => {
    const { runId } = await newRun();
    const run = await getRunJson(runId);
    expect(run.inputs).toEqual({});
    expect(run.outputs).toEqual({});
  });

  it('refuses an unknown or deleted model, a model without an id, and writers without rights, writing nothing', async () => {
    const { experimentId, runId } = await newRun();
    const dataset = { name: 'eval', digest: 'd2', source_type: 'local', source: '{}' };
    const unknown = `m-${'b'.repeat(32)}`;
    expect(await call(logInputs, req('POST', '/runs/log-inputs', scientist, { run_id: runId, datasets: [{ tags: [], dataset }], models: [{ model_id: unknown }] }))).toEqual({
      status: 404,
      json: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `Logged model with ID '${unknown}' not found.` },
    });
    const gone = await newLoggedModel(experimentId);
    expect((await call(deleteModel, req('DELETE', `/logged-models/${gone.model_id}`, scientist), { modelId: gone.model_id })).status).toBe(200);
    expect((await call(logInputs, req('POST', '/runs/log-inputs', scientist, { run_id: runId, models: [{ model_id: gone.model_id }] }))).status).toBe(404);
    expect(await call(logInputs, req('POST', '/runs/log-inputs', scientist, { run_id: runId, models: [{}] }))).toEqual({
      status: 400,
      json: { error_code: 'INVALID_PARAMETER_VALUE', message: "Missing value for required parameter 'models[0].model_id'." },
    });
    const live = await newLoggedModel(experimentId);
    for (const token of [viewer, stranger]) {
      expect((await call(logInputs, req('POST', '/runs/log-inputs', token, { run_id: runId, models: [{ model_id: live.model_id }] }))).json.error_code).toBe('PERMISSION_DENIED');
    }
    expect(await countInputs(runId)).toBe(0);
    expect(await getRunJson(runId)).toMatchObject({ inputs: {} });
    expect((await auditEventsFor('run', runId)).filter((e) => e.action === 'run.log_inputs')).toEqual([]);
  });
});

describe('registering a logged model (model-versions/create with model_id)', () => {
  it('records the model and its source run for `models:/m-…`, tags the model with the version, and resolves the download URI to the model’s files', async () => {
    const { experimentId, runId } = await newRun();
    const lm = await newLoggedModel(experimentId, runId);
    const name = unique('reg');
    // _register_model: create_registered_model, then _create_model_version(source=models:/<id>, run_id=None, model_id=<id>)
    expect((await call(createRegisteredModel, req('POST', '/registered-models/create', scientist, { name }))).status).toBe(200);
    const created = await call(createVersion, req('POST', '/model-versions/create', scientist, { name, source: `models:/${lm.model_id}`, model_id: lm.model_id, tags: [] }));
    expect(created.status).toBe(200);
    expect(created.json.model_version).toMatchObject({ name, version: '1', source: `models:/${lm.model_id}`, run_id: runId, model_id: lm.model_id, status: 'READY', current_stage: 'None' });
    const got = await call(getVersion, req('GET', `/model-versions/get?name=${name}&version=1`, viewer));
    expect(got.json.model_version).toEqual(created.json.model_version);
    // ModelsArtifactRepository: models:/<name>/1 → get-download-uri → the logged model's artifact location
    expect(await call(getDownloadUri, req('GET', `/model-versions/get-download-uri?name=${name}&version=1`, viewer))).toEqual({ status: 200, json: { artifact_uri: lm.artifact_uri } });
    // set_model_versions_tags: the logged model lists its versions under mlflow.modelVersions
    const model = await call(getModel, req('GET', `/logged-models/${lm.model_id}`, viewer), { modelId: lm.model_id });
    expect(model.json.model.info.tags).toEqual([{ key: 'mlflow.modelVersions', value: `[{"name": "${name}", "version": 1}]` }]);

    // A second version of the same model, this time from a run URI resolved by the client: the tag grows, run_id is kept as sent
    const second = await call(createVersion, req('POST', '/model-versions/create', scientist, { name, source: lm.artifact_uri, run_id: runId, model_id: lm.model_id }));
    expect(second.json.model_version).toMatchObject({ version: '2', source: lm.artifact_uri, run_id: runId, model_id: lm.model_id });
    const tagged = await call(getModel, req('GET', `/logged-models/${lm.model_id}`, viewer), { modelId: lm.model_id });
    expect(tagged.json.model.info.tags).toEqual([{ key: 'mlflow.modelVersions', value: `[{"name": "${name}", "version": 1}, {"name": "${name}", "version": 2}]` }]);
    const events = await auditEventsFor('logged_model', lm.model_id);
    expect(events.map((e) => e.action)).toEqual(['logged_model.create', 'logged_model.set_tags', 'logged_model.set_tags']);
    expect(events[1]).toMatchObject({ before: { tags: { 'mlflow.modelVersions': null } } });
  });

  it('registers a model logged without a run with no run id; a source of models:/m-… alone is enough', async () => {
    const { experimentId } = await newRun();
    const lm = await newLoggedModel(experimentId);
    const name = unique('reg');
    await call(createRegisteredModel, req('POST', '/registered-models/create', scientist, { name }));
    const created = await call(createVersion, req('POST', '/model-versions/create', scientist, { name, source: `models:/${lm.model_id}` }));
    expect(created.status).toBe(200);
    expect(created.json.model_version).toMatchObject({ version: '1', source: `models:/${lm.model_id}`, model_id: lm.model_id });
    expect(created.json.model_version).not.toHaveProperty('run_id');
    expect((await call(getDownloadUri, req('GET', `/model-versions/get-download-uri?name=${name}&version=1`, scientist))).json.artifact_uri).toBe(lm.artifact_uri);
  });

  it('refuses an unknown or deleted logged model with MLflow’s 404 and creates no version', async () => {
    const { experimentId } = await newRun();
    const name = unique('reg');
    await call(createRegisteredModel, req('POST', '/registered-models/create', scientist, { name }));
    const unknown = `m-${'c'.repeat(32)}`;
    expect(await call(createVersion, req('POST', '/model-versions/create', scientist, { name, source: `models:/${unknown}`, model_id: unknown }))).toEqual({
      status: 404,
      json: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `Logged model with ID '${unknown}' not found.` },
    });
    const lm = await newLoggedModel(experimentId);
    await call(deleteModel, req('DELETE', `/logged-models/${lm.model_id}`, scientist), { modelId: lm.model_id });
    expect((await call(createVersion, req('POST', '/model-versions/create', scientist, { name, source: `models:/${lm.model_id}`, model_id: lm.model_id }))).status).toBe(404);
    expect((await call(getVersion, req('GET', `/model-versions/get?name=${name}&version=1`, scientist))).status).toBe(404);
  });
});
