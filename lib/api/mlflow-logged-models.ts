import 'server-only';
import { listLoggedModelArtifacts } from '@/lib/artifacts/model-artifacts';
import { ValidationError } from '@/lib/errors';
import { SEARCH_LOGGED_MODELS_MAX_RESULTS, type LoggedModelView } from '@/lib/experiments/logged-model-schemas';
import { createLoggedModel, deleteLoggedModel, deleteLoggedModelTag, finalizeLoggedModel, logLoggedModelParams, setLoggedModelTags } from '@/lib/experiments/logged-models';
import { getLoggedModel, searchLoggedModels } from '@/lib/experiments/search-logged-models';
import { encodeMetricValue } from '@/lib/experiments/schemas';
import type { LoggedModelStatus } from '@/db/schema/logged-models';
import type { MlflowContext } from './mlflow';
import { keyValueList, missing, optionalInt, optionalList, optionalString, requiredString, stringList, type MlflowInput } from './mlflow-request';
import type { MlflowKeyValue } from './mlflow-views';

/*
 * MLflow 3's LoggedModel endpoints (service.proto: /mlflow/logged-models…), with requests as
 * mlflow/store/tracking/rest_store.py sends them and answers as mlflow/server/handlers.py writes them:
 * `{"model": {"info": {…}, "data": {…}}}`, the status as its enum name, empty lists left out.
 */

const STATUS_TO_PROTO: Record<LoggedModelStatus, string> = { PENDING: 'LOGGED_MODEL_PENDING', READY: 'LOGGED_MODEL_READY', FAILED: 'LOGGED_MODEL_UPLOAD_FAILED' };
const STATUS_FROM_PROTO: Record<string, LoggedModelStatus> = {
  LOGGED_MODEL_PENDING: 'PENDING',
  LOGGED_MODEL_READY: 'READY',
  LOGGED_MODEL_UPLOAD_FAILED: 'FAILED',
  '1': 'PENDING',
  '2': 'READY',
  '3': 'FAILED',
};

const pairs = (record: Record<string, string>): MlflowKeyValue[] => Object.entries(record).map(([key, value]) => ({ key, value }));

export function toMlflowLoggedModel(view: LoggedModelView) {
  return {
    info: {
      model_id: view.id,
      experiment_id: view.experimentId,
      name: view.name,
      creation_timestamp_ms: view.creationTime,
      last_updated_timestamp_ms: view.lastUpdatedTime,
      artifact_uri: view.artifactLocation,
      status: STATUS_TO_PROTO[view.status],
      ...(view.modelType ? { model_type: view.modelType } : {}),
      ...(view.sourceRunId ? { source_run_id: view.sourceRunId } : {}),
      ...(Object.keys(view.tags).length ? { tags: pairs(view.tags) } : {}),
    },
    data: {
      ...(Object.keys(view.params).length ? { params: pairs(view.params) } : {}),
      ...(view.metrics.length
        ? {
            metrics: view.metrics.map((m) => ({
              key: m.key,
              value: encodeMetricValue(m.value),
              timestamp: m.timestamp,
              step: m.step,
              ...(m.datasetName ? { dataset_name: m.datasetName } : {}),
              ...(m.datasetDigest ? { dataset_digest: m.datasetDigest } : {}),
              model_id: view.id,
              ...(m.runId ? { run_id: m.runId } : {}),
            })),
          }
        : {}),
    },
  };
}

/** The model id from the path (`/logged-models/{model_id}`); the body's copy, when sent, must agree. */
function modelIdOf({ params, input }: MlflowContext): string {
  const id = params.modelId;
  const fromBody = optionalString(input, 'model_id');
  if (fromBody && fromBody !== id) throw new ValidationError(`model_id '${fromBody}' in the body differs from '${id}' in the path.`, [{ path: 'model_id', message: 'differs from the path' }]);
  return id;
}

/** POST /mlflow/logged-models {experiment_id, name?, model_type?, source_run_id?, params?, tags?} → {model} */
export async function mlflowCreateLoggedModel({ actor, input }: MlflowContext) {
  const view = await createLoggedModel(actor, {
    experimentId: requiredString(input, 'experiment_id'),
    // The handler passes `name or None`: an empty name is generated like a missing one.
    name: optionalString(input, 'name') || undefined,
    modelType: optionalString(input, 'model_type') || undefined,
    sourceRunId: optionalString(input, 'source_run_id') || undefined,
    params: keyValueList(input, 'params'),
    tags: keyValueList(input, 'tags'),
  });
  return { model: toMlflowLoggedModel(view) };
}

/** GET /mlflow/logged-models/{model_id} → {model} */
export async function mlflowGetLoggedModel(ctx: MlflowContext) {
  return { model: toMlflowLoggedModel(await getLoggedModel(ctx.actor, { id: ctx.params.modelId })) };
}

/** PATCH /mlflow/logged-models/{model_id} {model_id, status} → {model} (finalize) */
export async function mlflowFinalizeLoggedModel(ctx: MlflowContext) {
  const id = modelIdOf(ctx);
  const raw = ctx.input.status;
  if (raw === undefined || raw === null || raw === '') throw missing('status');
  const status = STATUS_FROM_PROTO[String(raw)];
  if (!status) throw new ValidationError(`Invalid value ${JSON.stringify(raw)} for parameter 'status' supplied.`, [{ path: 'status', message: 'must be LOGGED_MODEL_PENDING, LOGGED_MODEL_READY or LOGGED_MODEL_UPLOAD_FAILED' }]);
  return { model: toMlflowLoggedModel(await finalizeLoggedModel(ctx.actor, { id, status })) };
}

/** DELETE /mlflow/logged-models/{model_id} → {} */
export async function mlflowDeleteLoggedModel(ctx: MlflowContext) {
  await deleteLoggedModel(ctx.actor, { id: modelIdOf(ctx) });
  return {};
}

/** PATCH /mlflow/logged-models/{model_id}/tags {tags: [{key, value}]} → {} */
export async function mlflowSetLoggedModelTags(ctx: MlflowContext) {
  await setLoggedModelTags(ctx.actor, { id: modelIdOf(ctx), tags: keyValueList(ctx.input, 'tags') });
  return {};
}

/** DELETE /mlflow/logged-models/{model_id}/tags/{tag_key} → {} */
export async function mlflowDeleteLoggedModelTag(ctx: MlflowContext) {
  await deleteLoggedModelTag(ctx.actor, { id: ctx.params.modelId, key: ctx.params.key });
  return {};
}

/** POST /mlflow/logged-models/{model_id}/params {model_id, params: [{key, value}]} → {} */
export async function mlflowLogLoggedModelParams(ctx: MlflowContext) {
  await logLoggedModelParams(ctx.actor, { id: modelIdOf(ctx), params: keyValueList(ctx.input, 'params') });
  return {};
}

/**
 * POST /mlflow/logged-models/search {experiment_ids, filter?, datasets?: [{dataset_name, dataset_digest?}], max_results?,
 *   order_by?: [{field_name, ascending, dataset_name?, dataset_digest?}], page_token?}
 * → {models?, next_page_token?}. A page holds at most 1000 models; the client's search_logged_models
 * follows next_page_token until it has max_results.
 */
export async function mlflowSearchLoggedModels({ actor, input }: MlflowContext) {
  if (input.experiment_ids === undefined || input.experiment_ids === null) throw missing('experiment_ids');
  const datasets = (optionalList(input, 'datasets') ?? []).map((item) => {
    const d = (typeof item === 'object' && item !== null ? item : {}) as MlflowInput;
    const name = optionalString(d, 'dataset_name');
    // The store's own words (sqlalchemy_store.search_logged_models).
    if (!name) throw new ValidationError('`dataset_name` in the `datasets` clause must be specified.', [{ path: 'datasets', message: 'dataset_name is required' }]);
    return { name, digest: optionalString(d, 'dataset_digest') || undefined };
  });
  const orderBy = (optionalList(input, 'order_by') ?? []).map((item, i) => {
    const o = (typeof item === 'object' && item !== null ? item : {}) as MlflowInput;
    if (typeof o.field_name !== 'string' || !o.field_name) throw missing(`order_by[${i}].field_name`);
    return {
      field: o.field_name,
      ascending: o.ascending === undefined || o.ascending === null ? true : o.ascending === true || o.ascending === 'true',
      datasetName: optionalString(o, 'dataset_name') || undefined,
      datasetDigest: optionalString(o, 'dataset_digest') || undefined,
    };
  });
  const requested = optionalInt(input, 'max_results');
  const page = await searchLoggedModels(actor, {
    experimentIds: stringList(input, 'experiment_ids'),
    filter: optionalString(input, 'filter') || undefined,
    datasets,
    orderBy,
    // The handler passes `max_results or None`: 0 means the default.
    maxResults: requested ? Math.min(requested, SEARCH_LOGGED_MODELS_MAX_RESULTS) : undefined,
    pageToken: optionalString(input, 'page_token') || undefined,
  });
  return {
    ...(page.models.length ? { models: page.models.map(toMlflowLoggedModel) } : {}),
    ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}),
  };
}

/**
 * GET /mlflow/logged-models/{model_id}/artifacts/directories?artifact_directory_path= → {root_uri, files?}
 * Paths are relative to the model's artifact root, as the handler lists a proxied artifact root.
 */
export async function mlflowListLoggedModelArtifacts(ctx: MlflowContext) {
  const listing = await listLoggedModelArtifacts(ctx.actor, { modelId: ctx.params.modelId, path: optionalString(ctx.input, 'artifact_directory_path') ?? '' });
  const files = listing.files.map((e) => ({ path: e.path, is_dir: e.isDir, ...(e.size === null ? {} : { file_size: e.size }) }));
  return { root_uri: listing.rootUri, ...(files.length ? { files } : {}) };
}
