import { beforeAll, describe, expect, it } from 'vitest';
import { POST as createExperiment } from '@/app/api/2.0/mlflow/experiments/create/route';
import { POST as createRun } from '@/app/api/2.0/mlflow/runs/create/route';
import { POST as createVersion } from '@/app/api/2.0/mlflow/model-versions/create/route';
import { DELETE as deleteVersion } from '@/app/api/2.0/mlflow/model-versions/delete/route';
import { GET as getByAlias } from '@/app/api/2.0/mlflow/model-versions/get-by-alias/route';
import { GET as getDownloadUri } from '@/app/api/2.0/mlflow/model-versions/get-download-uri/route';
import { GET as getVersion } from '@/app/api/2.0/mlflow/model-versions/get/route';
import { GET as searchVersions } from '@/app/api/2.0/mlflow/model-versions/search/route';
import { POST as setVersionTag } from '@/app/api/2.0/mlflow/model-versions/set-tag/route';
import { POST as transitionStage } from '@/app/api/2.0/mlflow/model-versions/transition-stage/route';
import { PATCH as updateVersion } from '@/app/api/2.0/mlflow/model-versions/update/route';
import { DELETE as deleteAlias, GET as getAlias, POST as setAlias } from '@/app/api/2.0/mlflow/registered-models/alias/route';
import { POST as createModel } from '@/app/api/2.0/mlflow/registered-models/create/route';
import { DELETE as deleteModel } from '@/app/api/2.0/mlflow/registered-models/delete/route';
import { GET as getModel } from '@/app/api/2.0/mlflow/registered-models/get/route';
import { POST as getLatest } from '@/app/api/2.0/mlflow/registered-models/get-latest-versions/route';
import { POST as renameModel } from '@/app/api/2.0/mlflow/registered-models/rename/route';
import { GET as searchModels } from '@/app/api/2.0/mlflow/registered-models/search/route';
import { POST as setModelTag } from '@/app/api/2.0/mlflow/registered-models/set-tag/route';
import { PATCH as updateModel } from '@/app/api/2.0/mlflow/registered-models/update/route';
import { POST as approveRequest } from '@/app/api/2.0/mlflow/transition-requests/approve/route';
import { POST as createRequest } from '@/app/api/2.0/mlflow/transition-requests/create/route';
import { DELETE as cancelRequest } from '@/app/api/2.0/mlflow/transition-requests/delete/route';
import { GET as listRequests } from '@/app/api/2.0/mlflow/transition-requests/list/route';
import { POST as rejectRequest } from '@/app/api/2.0/mlflow/transition-requests/reject/route';
import { makeToken, makeUser } from '@/test/factories';

/*
 * The MLflow registry door, calling the route handlers with Requests shaped as
 * mlflow/store/model_registry/rest_store.py builds them (and Databricks' transition-request calls), on
 * both database drivers. Stage moves go through the registry's requests: the built-in policy asks one
 * approval for Staging and Production, none for Archived.
 */

type Handler = (request: Request, context?: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

let scientist: string;
let approver: string;
let scientistEmail: string;

function req(method: string, pathAndQuery: string, token: string, body?: unknown): Request {
  const headers = new Headers({ authorization: `Bearer ${token}` });
  if (body !== undefined) headers.set('content-type', 'application/json');
  return new Request(`http://localhost/api/2.0/mlflow${pathAndQuery}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function call(handler: Handler, request: Request) {
  const res = await handler(request, { params: Promise.resolve({}) });
  return { status: res.status, json: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const unique = (p: string) => `${p}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

async function newModelWithVersion(token = scientist) {
  const name = unique('mlflow-reg');
  expect((await call(createModel, req('POST', '/registered-models/create', token, { name }))).status).toBe(200);
  const v = await call(createVersion, req('POST', '/model-versions/create', token, { name, source: 's3://bucket/model' }));
  expect(v.status).toBe(200);
  return name;
}

beforeAll(async () => {
  const s = await makeUser('scientist');
  scientistEmail = s.email;
  scientist = (await makeToken(s)).token;
  approver = (await makeToken(await makeUser('approver'))).token;
});

describe('MLflow registry door', () => {
  it('registers a model and a version from a run with MLflow’s shapes, and resolves its download URI', async () => {
    const exp = await call(createExperiment, req('POST', '/experiments/create', scientist, { name: unique('reg-exp') }));
    const run = await call(createRun, req('POST', '/runs/create', scientist, { experiment_id: exp.json.experiment_id, start_time: 1_700_000_000_000 }));
    const runId = run.json.run.info.run_id as string;
    const name = unique('mlflow-reg');

    const created = await call(createModel, req('POST', '/registered-models/create', scientist, { name, description: 'churn', tags: [{ key: 'team', value: 'x' }] }));
    expect(created.status).toBe(200);
    expect(created.json.registered_model).toMatchObject({ name, description: 'churn', tags: [{ key: 'team', value: 'x' }], user_id: scientistEmail });
    expect(typeof created.json.registered_model.creation_timestamp).toBe('number');

    const v1 = await call(createVersion, req('POST', '/model-versions/create', scientist, { name, source: `runs:/${runId}/model`, run_id: runId, tags: [{ key: 'k', value: 'v' }] }));
    expect(v1.status).toBe(200);
    expect(v1.json.model_version).toMatchObject({ name, version: '1', current_stage: 'None', status: 'READY', run_id: runId, source: `runs:/${runId}/model`, tags: [{ key: 'k', value: 'v' }] });

    const got = await call(getVersion, req('GET', `/model-versions/get?name=${name}&version=1`, scientist));
    expect(got.json.model_version.version).toBe('1');
    const uri = await call(getDownloadUri, req('GET', `/model-versions/get-download-uri?name=${name}&version=1`, scientist));
    expect(uri.json).toEqual({ artifact_uri: `mlflow-artifacts:/${exp.json.experiment_id}/${runId}/artifacts/model` });

    const updated = await call(updateVersion, req('PATCH', '/model-versions/update', scientist, { name, version: '1', description: 'first' }));
    expect(updated.json.model_version.description).toBe('first');
    expect((await call(setVersionTag, req('POST', '/model-versions/set-tag', scientist, { name, version: '1', key: 'k2', value: 'v2' }))).json).toEqual({});
    expect((await call(setModelTag, req('POST', '/registered-models/set-tag', scientist, { name, key: 'a', value: 'b' }))).json).toEqual({});
    const model = await call(updateModel, req('PATCH', '/registered-models/update', scientist, { name, description: 'changed' }));
    expect(model.json.registered_model).toMatchObject({ description: 'changed', latest_versions: [{ name, version: '1', current_stage: 'None' }] });

    const byRun = await call(searchVersions, req('GET', `/model-versions/search?filter=${encodeURIComponent(`run_id='${runId}'`)}`, scientist));
    expect(byRun.json.model_versions.map((v: { name: string; version: string }) => [v.name, v.version])).toEqual([[name, '1']]);
  });

  it('refuses transition-stage with PERMISSION_DENIED naming the request when approval is needed; the requester cannot approve it, another user can', async () => {
    const name = await newModelWithVersion();
    const refused = await call(transitionStage, req('POST', '/model-versions/transition-stage', scientist, { name, version: '1', stage: 'production', archive_existing_versions: true }));
    expect(refused.status).toBe(403);
    expect(refused.json.error_code).toBe('PERMISSION_DENIED');
    const requestId = /transition request ([0-9a-f-]{36})/.exec(refused.json.message)?.[1];
    expect(requestId).toBeDefined();
    expect((await call(getVersion, req('GET', `/model-versions/get?name=${name}&version=1`, scientist))).json.model_version.current_stage).toBe('None');

    const listed = await call(listRequests, req('GET', `/transition-requests/list?name=${name}&version=1`, approver));
    expect(listed.json.requests).toEqual([expect.objectContaining({ id: requestId, to_stage: 'Production', user_id: scientistEmail })]);

    const self = await call(approveRequest, req('POST', '/transition-requests/approve', scientist, { name, version: '1', stage: 'Production', archive_existing_versions: true }));
    expect(self).toMatchObject({ status: 403, json: { error_code: 'PERMISSION_DENIED' } });

    const approved = await call(approveRequest, req('POST', '/transition-requests/approve', approver, { name, version: '1', stage: 'Production', comment: 'ok' }));
    expect(approved.status).toBe(200);
    expect(approved.json.activity).toMatchObject({ id: requestId, activity_type: 'APPROVED_REQUEST', from_stage: 'None', to_stage: 'Production', comment: 'ok' });

    const latest = await call(getLatest, req('POST', '/registered-models/get-latest-versions', scientist, { name, stages: ['Production'] }));
    expect(latest.json.model_versions).toEqual([expect.objectContaining({ name, version: '1', current_stage: 'Production' })]);
  });

  it('applies transition-stage at once where the policy needs no approval, and serves the Databricks request lifecycle', async () => {
    const name = await newModelWithVersion();
    const archived = await call(transitionStage, req('POST', '/model-versions/transition-stage', scientist, { name, version: '1', stage: 'Archived', archive_existing_versions: false }));
    expect(archived.status).toBe(200);
    expect(archived.json.model_version).toMatchObject({ version: '1', current_stage: 'Archived' });

    const asked = await call(createRequest, req('POST', '/transition-requests/create', scientist, { name, version: '1', stage: 'Staging', comment: 'try' }));
    expect(asked.json.request).toMatchObject({ to_stage: 'Staging', comment: 'try', user_id: scientistEmail });
    const again = await call(createRequest, req('POST', '/transition-requests/create', scientist, { name, version: '1', stage: 'Staging' }));
    expect(again).toMatchObject({ status: 409, json: { error_code: 'RESOURCE_CONFLICT' } });
    const rejected = await call(rejectRequest, req('POST', '/transition-requests/reject', approver, { name, version: '1', stage: 'Staging', comment: 'no' }));
    expect(rejected.json.activity).toMatchObject({ activity_type: 'REJECTED_REQUEST', to_stage: 'Staging' });

    await call(createRequest, req('POST', '/transition-requests/create', scientist, { name, version: '1', stage: 'Staging' }));
    expect((await call(cancelRequest, req('DELETE', '/transition-requests/delete', scientist, { name, version: '1', stage: 'Staging', creator: scientistEmail }))).json).toEqual({});
    expect((await call(listRequests, req('GET', `/transition-requests/list?name=${name}&version=1`, scientist))).json).toEqual({});
    const gone = await call(rejectRequest, req('POST', '/transition-requests/reject', approver, { name, version: '1', stage: 'Staging' }));
    expect(gone).toMatchObject({ status: 404, json: { error_code: 'RESOURCE_DOES_NOT_EXIST' } });

    const latest = await call(getLatest, req('POST', '/registered-models/get-latest-versions', scientist, { name }));
    expect(latest.json.model_versions).toEqual([expect.objectContaining({ version: '1', current_stage: 'Archived' })]);
  });

  it('sets, reads and deletes aliases', async () => {
    const name = await newModelWithVersion();
    expect((await call(setAlias, req('POST', '/registered-models/alias', scientist, { name, alias: 'champion', version: '1' }))).json).toEqual({});
    const byAlias = await call(getAlias, req('GET', `/registered-models/alias?name=${name}&alias=champion`, scientist));
    expect(byAlias.json.model_version).toMatchObject({ version: '1', aliases: ['champion'] });
    expect((await call(getByAlias, req('GET', `/model-versions/get-by-alias?name=${name}&alias=champion`, scientist))).json.model_version.version).toBe('1');
    const model = await call(getModel, req('GET', `/registered-models/get?name=${name}`, scientist));
    expect(model.json.registered_model.aliases).toEqual([{ alias: 'champion', version: '1' }]);
    const bad = await call(setAlias, req('POST', '/registered-models/alias', scientist, { name, alias: 'latest', version: '1' }));
    expect(bad).toMatchObject({ status: 400, json: { error_code: 'INVALID_PARAMETER_VALUE' } });
    expect((await call(deleteAlias, req('DELETE', '/registered-models/alias', scientist, { name, alias: 'champion' }))).json).toEqual({});
    expect(await call(getAlias, req('GET', `/registered-models/alias?name=${name}&alias=champion`, scientist))).toMatchObject({ status: 404, json: { error_code: 'RESOURCE_DOES_NOT_EXIST' } });
  });

  it('searches, renames and deletes registered models', async () => {
    const name = await newModelWithVersion();
    const exact = await call(searchModels, req('GET', `/registered-models/search?filter=${encodeURIComponent(`name = '${name}'`)}&max_results=10`, scientist));
    expect(exact.json.registered_models.map((m: { name: string }) => m.name)).toEqual([name]);
    const byName = await call(searchVersions, req('GET', `/model-versions/search?filter=${encodeURIComponent(`name='${name}'`)}`, scientist));
    expect(byName.json.model_versions).toHaveLength(1);
    const badOrder = await call(searchModels, req('GET', '/registered-models/search?order_by=last_updated_timestamp+DESC', scientist));
    expect(badOrder).toMatchObject({ status: 400, json: { error_code: 'INVALID_PARAMETER_VALUE' } });

    const renamed = await call(renameModel, req('POST', '/registered-models/rename', scientist, { name, new_name: `${name}-2` }));
    expect(renamed.json.registered_model.name).toBe(`${name}-2`);
    expect((await call(deleteVersion, req('DELETE', '/model-versions/delete', scientist, { name: `${name}-2`, version: '1' }))).json).toEqual({});
    expect((await call(deleteModel, req('DELETE', '/registered-models/delete', scientist, { name: `${name}-2` }))).json).toEqual({});
    expect(await call(getModel, req('GET', `/registered-models/get?name=${name}-2`, scientist))).toMatchObject({ status: 404, json: { error_code: 'RESOURCE_DOES_NOT_EXIST' } });
  });

  it('answers RESOURCE_ALREADY_EXISTS 400 for a duplicate name and RESOURCE_DOES_NOT_EXIST 404 for unknown models and versions', async () => {
    const name = await newModelWithVersion();
    expect(await call(createModel, req('POST', '/registered-models/create', scientist, { name }))).toMatchObject({ status: 400, json: { error_code: 'RESOURCE_ALREADY_EXISTS' } });
    expect(await call(getVersion, req('GET', `/model-versions/get?name=${name}&version=9`, scientist))).toMatchObject({ status: 404, json: { error_code: 'RESOURCE_DOES_NOT_EXIST' } });
    expect(await call(getLatest, req('POST', '/registered-models/get-latest-versions', scientist, { name: unique('nope') }))).toMatchObject({ status: 404, json: { error_code: 'RESOURCE_DOES_NOT_EXIST' } });
    expect(await call(createVersion, req('POST', '/model-versions/create', scientist, { name: unique('nope'), source: 's3://x' }))).toMatchObject({ status: 404, json: { error_code: 'RESOURCE_DOES_NOT_EXIST' } });
    expect(await call(transitionStage, req('POST', '/model-versions/transition-stage', scientist, { name, version: '1', stage: 'Prod' }))).toMatchObject({ status: 400, json: { error_code: 'INVALID_PARAMETER_VALUE' } });
  });
});
