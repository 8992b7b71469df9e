import 'server-only';
import { createExperiment } from '@/lib/experiments/create-experiment';
import { deleteExperiment, restoreExperiment } from '@/lib/experiments/delete-experiment';
import { getExperiment, getExperimentByName } from '@/lib/experiments/get-experiment';
import { listExperiments } from '@/lib/experiments/list-experiments';
import { deleteExperimentTag, setExperimentTag, updateExperiment } from '@/lib/experiments/update-experiment';
import { ValidationError } from '@/lib/errors';
import { SYSTEM_TAGS } from '@/lib/experiments/schemas';
import type { MlflowContext } from './mlflow';
import { mlflowErrorResponse } from './mlflow-errors';
import { keyValueList, optionalInt, optionalString, requiredString, stringList, viewType } from './mlflow-request';
import { toMlflowExperiment } from './mlflow-views';

/*
 * Experiment endpoints of MLflow's REST API (service.proto MlflowService), each a translation of
 * names around one lib/experiments service. Request fields as mlflow/store/tracking/rest_store.py sends them.
 */

const tagsRecord = (tags: { key: string; value: string }[]) => Object.fromEntries(tags.map((t) => [t.key, t.value]));

/**
 * MLflow stores an experiment's description as the `mlflow.note.content` tag (the MLflow UI and
 * `MlflowClient.set_experiment_tag` write it there); Modelkeep keeps it in the description column, which
 * the console edits. The door maps the tag onto the column both ways, so each side sees the other's edits.
 */
const NOTE_TAG = SYSTEM_TAGS.description;

/** POST /mlflow/experiments/create {name, artifact_location?, tags?} → {experiment_id} */
export async function mlflowCreateExperiment({ actor, input }: MlflowContext) {
  const name = requiredString(input, 'name');
  const artifactLocation = optionalString(input, 'artifact_location') || undefined;
  const all = keyValueList(input, 'tags');
  const note = all.findLast((t) => t.key === NOTE_TAG);
  const tags = all.filter((t) => t.key !== NOTE_TAG);
  const created = await createExperiment(actor, { name, artifactLocation, description: note?.value || undefined, tags: tags.length ? tagsRecord(tags) : undefined });
  return { experiment_id: created.id };
}

/** GET /mlflow/experiments/get?experiment_id= → {experiment} (deleted experiments too) */
export async function mlflowGetExperiment({ actor, input }: MlflowContext) {
  return { experiment: toMlflowExperiment(await getExperiment(actor, { id: requiredString(input, 'experiment_id') })) };
}

/** GET /mlflow/experiments/get-by-name?experiment_name= → {experiment} */
export async function mlflowGetExperimentByName({ actor, input }: MlflowContext) {
  return { experiment: toMlflowExperiment(await getExperimentByName(actor, { name: requiredString(input, 'experiment_name') })) };
}

/** MLflow's default page size for experiment search (SEARCH_MAX_RESULTS_DEFAULT) and its ceiling (SEARCH_MAX_RESULTS_THRESHOLD). */
const DEFAULT_MAX_RESULTS = 1000;
const MAX_RESULTS_THRESHOLD = 50_000;
/** The service's page size ceiling: a larger max_results is answered a page at a time with next_page_token. */
const PAGE_CEILING = 1000;

/**
 * POST or GET /mlflow/experiments/search {view_type?, max_results?, filter?, order_by?, page_token?} → {experiments?, next_page_token?}
 * Filter and order_by in MLflow's grammar (name, creation_time, last_update_time, tags.<key>); see lib/search/parse-experiment-search.ts.
 */
export async function mlflowSearchExperiments({ actor, input }: MlflowContext) {
  const maxResults = optionalInt(input, 'max_results') ?? DEFAULT_MAX_RESULTS;
  if (maxResults < 1 || maxResults > MAX_RESULTS_THRESHOLD) {
    throw new ValidationError(
      `Invalid value for parameter 'max_results': it must be a positive integer at most ${MAX_RESULTS_THRESHOLD}, but got ${maxResults}.`,
      [{ path: 'max_results', message: `must be between 1 and ${MAX_RESULTS_THRESHOLD}` }],
    );
  }
  const page = await listExperiments(actor, {
    filter: optionalString(input, 'filter') || undefined,
    orderBy: stringList(input, 'order_by'),
    viewType: viewType(input, 'view_type'),
    pageSize: Math.min(maxResults, PAGE_CEILING),
    pageToken: optionalString(input, 'page_token') || undefined,
  });
  return {
    ...(page.experiments.length ? { experiments: page.experiments.map(toMlflowExperiment) } : {}),
    ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}),
  };
}

/** POST /mlflow/experiments/update {experiment_id, new_name} → {} */
export async function mlflowUpdateExperiment({ actor, input }: MlflowContext) {
  await updateExperiment(actor, { id: requiredString(input, 'experiment_id'), name: requiredString(input, 'new_name') });
  return {};
}

/** POST /mlflow/experiments/delete {experiment_id} → {} */
export async function mlflowDeleteExperiment({ actor, input }: MlflowContext) {
  await deleteExperiment(actor, { id: requiredString(input, 'experiment_id') });
  return {};
}

/** POST /mlflow/experiments/restore {experiment_id} → {} */
export async function mlflowRestoreExperiment({ actor, input }: MlflowContext) {
  await restoreExperiment(actor, { id: requiredString(input, 'experiment_id') });
  return {};
}

/** POST /mlflow/experiments/set-experiment-tag {experiment_id, key, value} → {} */
export async function mlflowSetExperimentTag({ actor, input }: MlflowContext) {
  const id = requiredString(input, 'experiment_id');
  const key = requiredString(input, 'key');
  const value = optionalString(input, 'value') ?? '';
  if (key === NOTE_TAG) await updateExperiment(actor, { id, description: value || null });
  else await setExperimentTag(actor, { id, key, value });
  return {};
}

/** POST /mlflow/experiments/delete-experiment-tag {experiment_id, key} → {} */
export async function mlflowDeleteExperimentTag({ actor, input }: MlflowContext) {
  const id = requiredString(input, 'experiment_id');
  const key = requiredString(input, 'key');
  if (key !== NOTE_TAG) {
    await deleteExperimentTag(actor, { id, key });
    return {};
  }
  const after = await updateExperiment(actor, { id, description: null });
  // A note stored as a plain tag before the mapping existed goes too.
  if (NOTE_TAG in after.tags) await deleteExperimentTag(actor, { id, key });
  return {};
}

/** Any /api/2.0/mlflow path without a handler here (registry, traces, logged models…). */
export async function mlflowUnknownEndpoint({ request }: MlflowContext) {
  return mlflowErrorResponse(404, 'ENDPOINT_NOT_FOUND', `${request.method} ${new URL(request.url).pathname} is not served by this server.`);
}
