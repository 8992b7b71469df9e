import 'server-only';
import { Readable } from 'node:stream';
import { artifactResponse, urlPathAfter } from '@/lib/artifacts/artifact-response';
import type { ArtifactEntry } from '@/lib/artifacts/artifact-store';
import { deleteArtifactsAtStorePath, listRunArtifacts, listStoreArtifacts, openStoreArtifact, uploadArtifactAtStorePath } from '@/lib/artifacts/run-artifacts';
import type { MlflowContext } from './mlflow';
import { mlflowErrorResponse } from './mlflow-errors';
import { optionalString, requiredString } from './mlflow-request';

/*
 * MLflow's artifact endpoints. Runs created here get `mlflow-artifacts:/<experiment_id>/<run_id>/artifacts`
 * as artifact URI, which the client resolves to the proxy routes below
 * (mlflow/store/artifact/mlflow_artifacts_repo.py → http_artifact_repo.py):
 *   PUT    /api/2.0/mlflow-artifacts/artifacts/<path>     upload (raw body)
 *   GET    /api/2.0/mlflow-artifacts/artifacts/<path>     download
 *   GET    /api/2.0/mlflow-artifacts/artifacts?path=<dir> list (base names)
 *   DELETE /api/2.0/mlflow-artifacts/artifacts/<path>     delete
 */

const PROXY_PREFIX = '/api/2.0/mlflow-artifacts/artifacts/';
const proxyPathFrom = (request: Request) => urlPathAfter(request, PROXY_PREFIX);

interface MlflowFileInfo {
  path: string;
  is_dir: boolean;
  file_size?: number;
}

function toFileInfo(entry: ArtifactEntry, path: string): MlflowFileInfo {
  return { path, is_dir: entry.isDir, ...(entry.size === null ? {} : { file_size: entry.size }) };
}

/** GET /mlflow-artifacts/artifacts?path= → {files?: [{path (base name), is_dir, file_size?}]} */
export async function mlflowProxyList({ actor, input }: MlflowContext) {
  const entries = await listStoreArtifacts(actor, { path: optionalString(input, 'path') ?? '' });
  return entries.length ? { files: entries.map((e) => toFileInfo(e, e.path.split('/').pop()!)) } : {};
}

export async function mlflowProxyDownload({ actor, request }: MlflowContext) {
  return artifactResponse(await openStoreArtifact(actor, { path: proxyPathFrom(request) }));
}

export async function mlflowProxyUpload({ actor, request }: MlflowContext) {
  await uploadArtifactAtStorePath(actor, proxyPathFrom(request), request.body ?? Readable.from([]));
  return {};
}

export async function mlflowProxyDelete({ actor, request }: MlflowContext) {
  await deleteArtifactsAtStorePath(actor, proxyPathFrom(request));
  return {};
}

/** GET /mlflow/artifacts/list?run_id=&run_uuid=&path= → {root_uri, files?: [{path (run-relative), is_dir, file_size?}]} */
export async function mlflowListRunArtifacts({ actor, input }: MlflowContext) {
  const listing = await listRunArtifacts(actor, { runId: requiredString(input, 'run_id', 'run_uuid'), path: optionalString(input, 'path') ?? '' });
  return { root_uri: listing.rootUri, ...(listing.files.length ? { files: listing.files.map((e) => toFileInfo(e, e.path)) } : {}) };
}

/**
 * POST /mlflow-artifacts/mpu/{create,complete,abort}/<path>: multipart uploads go straight to cloud storage,
 * which a local store has not got. MLflow's client falls back to a plain PUT when the message starts
 * with this text (http_artifact_repo.py _try_multipart_upload, exceptions.py _UnsupportedMultipartUploadException).
 */
export async function mlflowMultipartUnsupported() {
  return mlflowErrorResponse(501, 'NOT_IMPLEMENTED', 'Multipart upload is not supported for the current artifact repository');
}
