import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as proxyList } from '@/app/api/2.0/mlflow-artifacts/artifacts/route';
import { DELETE as proxyDelete, GET as proxyDownload, PUT as proxyUpload } from '@/app/api/2.0/mlflow-artifacts/artifacts/[...path]/route';
import { POST as createExperiment } from '@/app/api/2.0/mlflow/experiments/create/route';
import { GET as listModelArtifacts } from '@/app/api/2.0/mlflow/logged-models/[modelId]/artifacts/directories/route';
import { DELETE as deleteModel, PATCH as finalizeModel } from '@/app/api/2.0/mlflow/logged-models/[modelId]/route';
import { POST as createModel } from '@/app/api/2.0/mlflow/logged-models/route';
import { auditEventsFor } from '@/lib/experiments/test-support';
import { makeToken, makeUser } from '@/test/factories';
import { getArtifactStore } from './local-artifact-store';
import { deleteExperiment } from '@/lib/experiments/delete-experiment';
import { purgeExperimentAndArtifacts } from './purge-artifacts';
import { callRoute, mlflowRequest } from '@/test/http';

/*
 * Files of logged models created without a run (MLflow 3's log_model outside start_run,
 * create_external_model, initialize_logged_model): they live at `<experiment>/models/<id>/artifacts`,
 * and the client's HttpArtifactRepository uploads, lists and downloads them through the proxy routes.
 */

let artifactsDir: string;
let owner: Awaited<ReturnType<typeof makeUser>>;
let ownerToken: string;
let viewer: string;
let stranger: string;


const proxy = (p: string) => `/api/2.0/mlflow-artifacts/artifacts/${p}`;

/** RestStore.create_experiment, then create_logged_model with no source_run_id, as the client does outside a run. */
async function modelWithoutRun(token = ownerToken) {
  const exp = await callRoute(createExperiment, mlflowRequest('POST', '/api/2.0/mlflow/experiments/create', token, { body: { name: `lm-art-${Date.now()}-${Math.random().toString(36).slice(2, 8)}` } }));
  expect(exp.status).toBe(200);
  const experimentId = exp.json.experiment_id as string;
  const created = await callRoute(createModel, mlflowRequest('POST', '/api/2.0/mlflow/logged-models', token, { body: { experiment_id: experimentId, name: 'external' } }));
  expect(created.status).toBe(200);
  const info = created.json.model.info as { model_id: string; artifact_uri: string };
  return { experimentId, modelId: info.model_id, artifactUri: info.artifact_uri, root: info.artifact_uri.replace(/^mlflow-artifacts:\//, '') };
}

beforeAll(async () => {
  artifactsDir = await mkdtemp(path.join(tmpdir(), 'mlflow-model-art-'));
  process.env.ARTIFACTS_DIR = artifactsDir;
  owner = await makeUser('scientist');
  ownerToken = (await makeToken(owner)).token;
  viewer = (await makeToken(await makeUser('viewer'))).token;
  stranger = (await makeToken(await makeUser('scientist'))).token;
});

afterAll(async () => {
  delete process.env.ARTIFACTS_DIR;
  await rm(artifactsDir, { recursive: true, force: true });
});

describe('artifact proxy for logged models without a run', () => {
  it('uploads to the experiment-level location, lists and downloads there, and audits each upload on the model', async () => {
    const { experimentId, modelId, artifactUri, root } = await modelWithoutRun();
    expect(artifactUri).toBe(`mlflow-artifacts:/${experimentId}/models/${modelId}/artifacts`);

    // HttpArtifactRepository.log_artifacts: one PUT per file under the model's artifact_uri
    const mlmodel = 'artifact_path: null\nflavors:\n  python_function: {}\nmodel_id: ' + modelId + '\n';
    expect(await callRoute(proxyUpload, mlflowRequest('PUT', proxy(`${root}/MLmodel`), ownerToken, { raw: mlmodel }))).toEqual({ status: 200, json: {} });
    const weights = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251));
    expect(await callRoute(proxyUpload, mlflowRequest('PUT', proxy(`${root}/data/model%20v1.pkl`), ownerToken, { raw: weights }))).toEqual({ status: 200, json: {} });

    // RestStore.finalize_logged_model once the files are up
    const finalized = await callRoute(finalizeModel, mlflowRequest('PATCH', `/api/2.0/mlflow/logged-models/${modelId}`, ownerToken, { body: { model_id: modelId, status: 'LOGGED_MODEL_READY' } }), { modelId });
    expect(finalized.json.model.info.status).toBe('LOGGED_MODEL_READY');

    // HttpArtifactRepository.list_artifacts (base names) and the logged model's own listing (root-relative paths), read by a viewer
    expect(await callRoute(proxyList, mlflowRequest('GET', `/api/2.0/mlflow-artifacts/artifacts?path=${encodeURIComponent(root)}`, viewer))).toEqual({
      status: 200,
      json: { files: [{ path: 'MLmodel', is_dir: false, file_size: Buffer.byteLength(mlmodel) }, { path: 'data', is_dir: true }] },
    });
    const listing = (dir?: string) =>
      callRoute(listModelArtifacts, mlflowRequest('GET', `/api/2.0/mlflow/logged-models/${modelId}/artifacts/directories${dir ? `?artifact_directory_path=${dir}` : ''}`, viewer), { modelId });
    expect(await listing()).toEqual({
      status: 200,
      json: { root_uri: artifactUri, files: [{ path: 'MLmodel', is_dir: false, file_size: Buffer.byteLength(mlmodel) }, { path: 'data', is_dir: true }] },
    });
    expect(await listing('data')).toEqual({ status: 200, json: { root_uri: artifactUri, files: [{ path: 'data/model v1.pkl', is_dir: false, file_size: weights.length }] } });
    expect(await listing('nothing-here')).toEqual({ status: 200, json: { root_uri: artifactUri } });
    expect((await listing('../..')).json.error_code).toBe('INVALID_PARAMETER_VALUE');

    // HttpArtifactRepository._download_file: streamed back byte for byte
    const res = await proxyDownload(mlflowRequest('GET', proxy(`${root}/data/model%20v1.pkl`), viewer), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    expect(Buffer.compare(Buffer.from(await res.arrayBuffer()), weights)).toBe(0);

    const events = await auditEventsFor('logged_model', modelId);
    expect(events.map((e) => e.action)).toEqual(['logged_model.create', 'artifact.upload', 'artifact.upload', 'logged_model.finalize']);
    expect(events[1].after).toEqual({ path: 'MLmodel', size: Buffer.byteLength(mlmodel) });
    expect(events[2].after).toEqual({ path: 'data/model v1.pkl', size: weights.length });
    expect(events[1].actor_id).toBe(owner.userId);
  });

  it('refuses uploads by a viewer or a scientist without rights on the experiment, storing and auditing nothing; reads stay open', async () => {
    const { modelId, root } = await modelWithoutRun();
    for (const token of [viewer, stranger]) {
      const refused = await callRoute(proxyUpload, mlflowRequest('PUT', proxy(`${root}/MLmodel`), token, { raw: 'nope' }));
      expect(refused.status).toBe(403);
      expect(refused.json.error_code).toBe('PERMISSION_DENIED');
    }
    expect(await getArtifactStore().stat(`${root}/MLmodel`)).toBeNull();
    expect((await auditEventsFor('logged_model', modelId)).map((e) => e.action)).toEqual(['logged_model.create']);
    expect((await callRoute(proxyDelete, mlflowRequest('DELETE', proxy(`${root}`), stranger))).json.error_code).toBe('PERMISSION_DENIED');
  });

  it('refuses paths outside a live model’s own location: traversal, another experiment’s folder, an unknown or deleted model, the root itself', async () => {
    const a = await modelWithoutRun();
    const b = await modelWithoutRun();
    // b's model id under a's experiment: not where b's files live
    const wrongExperiment = await callRoute(proxyUpload, mlflowRequest('PUT', proxy(`${a.experimentId}/models/${b.modelId}/artifacts/x.txt`), ownerToken, { raw: 'x' }));
    expect(wrongExperiment.status).toBe(400);
    expect(wrongExperiment.json.error_code).toBe('INVALID_PARAMETER_VALUE');
    expect(await getArtifactStore().stat(`${a.experimentId}/models/${b.modelId}`)).toBeNull();
    expect((await callRoute(proxyUpload, mlflowRequest('PUT', proxy(`${a.root}/../../../x.txt`), ownerToken, { raw: 'x' }))).status).toBe(400);
    expect((await callRoute(proxyUpload, mlflowRequest('PUT', proxy(`${a.root}/%2e%2e/%2e%2e/x.txt`), ownerToken, { raw: 'x' }))).status).toBe(400);
    expect((await callRoute(proxyUpload, mlflowRequest('PUT', proxy(a.root), ownerToken, { raw: 'x' }))).status).toBe(400);
    const unknown = `m-${'a'.repeat(32)}`;
    expect(await callRoute(proxyUpload, mlflowRequest('PUT', proxy(`${a.experimentId}/models/${unknown}/artifacts/x.txt`), ownerToken, { raw: 'x' }))).toEqual({
      status: 404,
      json: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `Logged model with ID '${unknown}' not found.` },
    });
    expect((await callRoute(deleteModel, mlflowRequest('DELETE', `/api/2.0/mlflow/logged-models/${b.modelId}`, ownerToken), { modelId: b.modelId })).status).toBe(200);
    expect((await callRoute(proxyUpload, mlflowRequest('PUT', proxy(`${b.root}/MLmodel`), ownerToken, { raw: 'x' }))).status).toBe(404);
    expect((await callRoute(listModelArtifacts, mlflowRequest('GET', `/api/2.0/mlflow/logged-models/${b.modelId}/artifacts/directories`, ownerToken), { modelId: b.modelId })).status).toBe(404);
    expect(await getArtifactStore().stat(b.root)).toBeNull();
  });

  it('deletes a model’s files through the proxy (audited), and purging the experiment removes what is left', async () => {
    const { experimentId, modelId, root } = await modelWithoutRun();
    for (const f of ['MLmodel', 'data/a.bin', 'data/b.bin']) expect((await callRoute(proxyUpload, mlflowRequest('PUT', proxy(`${root}/${f}`), ownerToken, { raw: f }))).status).toBe(200);
    expect(await callRoute(proxyDelete, mlflowRequest('DELETE', proxy(`${root}/data`), ownerToken))).toEqual({ status: 200, json: {} });
    expect((await auditEventsFor('logged_model', modelId)).at(-1)).toMatchObject({ action: 'artifact.delete', after: { path: 'data', files: 2 } });
    expect(await getArtifactStore().stat(`${root}/data`)).toBeNull();
    expect(await getArtifactStore().stat(`${root}/MLmodel`)).toMatchObject({ isDir: false });

    await deleteExperiment(owner, { id: experimentId });
    const purged = await purgeExperimentAndArtifacts(owner, { id: experimentId });
    expect(purged.artifactPaths).toEqual([experimentId, root]);
    expect(purged.artifactFilesRemoved).toBe(1);
    expect(await getArtifactStore().stat(experimentId)).toBeNull();
  });
});
