import 'server-only';
import { createRun } from '@/lib/experiments/create-run';
import { logInputs } from '@/lib/experiments/datasets';
import { deleteRun, restoreRun } from '@/lib/experiments/delete-run';
import { getMetricHistory, METRIC_HISTORY_MAX_RESULTS } from '@/lib/experiments/get-metric-history';
import { getRun } from '@/lib/experiments/get-run';
import { logBatch } from '@/lib/experiments/log-batch';
import { logMetricPoint } from '@/lib/experiments/log-metric';
import { logModel } from '@/lib/experiments/log-model';
import { logParam } from '@/lib/experiments/log-param';
import { getRunWithModels, listRunModelIo, logRunInputsWithModels } from '@/lib/experiments/logged-model-run-io';
import { logBatchWithModels, logRunOutputs } from '@/lib/experiments/run-model-links';
import { deleteRunTag, setRunTag } from '@/lib/experiments/run-tags';
import { searchRuns, SEARCH_RUNS_MAX_RESULTS } from '@/lib/experiments/search-runs';
import { updateRun } from '@/lib/experiments/update-run';
import type { RunStatus } from '@/db/schema/tracking';
import { ValidationError } from '@/lib/errors';
import type { MlflowContext } from './mlflow';
import { keyValueList, missing, optionalInt, optionalList, optionalString, requiredString, stringList, viewType, type MlflowInput } from './mlflow-request';
import { DATASET_CONTEXT_TAG, toMlflowMetric, toMlflowRun, toMlflowRunInfo } from './mlflow-views';

/*
 * Run endpoints of MLflow's REST API. Requests as mlflow/store/tracking/rest_store.py sends them: the run
 * id in `run_id`, often with its deprecated twin `run_uuid`; int64 fields as numbers or strings; metric
 * values as numbers or "NaN"/"Infinity"/"-Infinity". Limits and rules are the services'.
 */

const runIdOf = (input: MlflowInput) => requiredString(input, 'run_id', 'run_uuid');
const tagsRecord = (tags: { key: string; value: string }[]) => Object.fromEntries(tags.map((t) => [t.key, t.value]));

/** POST /mlflow/runs/create {experiment_id, user_id, start_time, tags, run_name} → {run} */
export async function mlflowCreateRun({ actor, input }: MlflowContext) {
  const tags = keyValueList(input, 'tags');
  const view = await createRun(actor, {
    experimentId: optionalString(input, 'experiment_id') || undefined,
    name: optionalString(input, 'run_name') || undefined,
    userName: optionalString(input, 'user_id') || undefined,
    startTime: optionalInt(input, 'start_time'),
    tags: tags.length ? tagsRecord(tags) : undefined,
  });
  return { run: toMlflowRun(view) };
}

/** GET /mlflow/runs/get?run_id=&run_uuid= → {run}, with inputs.model_inputs and outputs.model_outputs (MLflow 3) */
export async function mlflowGetRun({ actor, input }: MlflowContext) {
  const { run, models } = await getRunWithModels(actor, { id: runIdOf(input) });
  return { run: toMlflowRun(run, models) };
}

/** POST /mlflow/runs/update {run_id, run_uuid, status?, end_time?, run_name?} → {run_info} */
export async function mlflowUpdateRun({ actor, input }: MlflowContext) {
  const id = runIdOf(input);
  const status = optionalString(input, 'status') as RunStatus | undefined;
  const endTime = optionalInt(input, 'end_time');
  const name = optionalString(input, 'run_name') || undefined;
  // MLflow accepts an update that changes nothing; the service asks for at least one field.
  const view = status === undefined && endTime === undefined && name === undefined ? await getRun(actor, { id }) : await updateRun(actor, { id, status, endTime, name });
  return { run_info: toMlflowRunInfo(view) };
}

/** POST /mlflow/runs/delete {run_id} → {} */
export async function mlflowDeleteRun({ actor, input }: MlflowContext) {
  await deleteRun(actor, { id: requiredString(input, 'run_id') });
  return {};
}

/** POST /mlflow/runs/restore {run_id} → {} */
export async function mlflowRestoreRun({ actor, input }: MlflowContext) {
  await restoreRun(actor, { id: requiredString(input, 'run_id') });
  return {};
}

/** POST /mlflow/runs/log-parameter {run_id, run_uuid, key, value} → {} */
export async function mlflowLogParam({ actor, input }: MlflowContext) {
  await logParam(actor, { id: runIdOf(input), key: requiredString(input, 'key'), value: optionalString(input, 'value') ?? '' });
  return {};
}

function metricValue(input: MlflowInput, field: string, shown = field): number | string {
  const v = input[field];
  if (typeof v === 'number' || typeof v === 'string') return v;
  throw missing(shown);
}

/** MLflow 3's link of a metric point to a logged model (`model_id`, optionally on a dataset). */
function modelLinkOf(m: MlflowInput, index: number) {
  const modelId = optionalString(m, 'model_id');
  if (!modelId) return null;
  return { index, modelId, datasetName: optionalString(m, 'dataset_name') || undefined, datasetDigest: optionalString(m, 'dataset_digest') || undefined };
}

/** POST /mlflow/runs/log-metric {run_id, run_uuid, key, value, timestamp, step, model_id?, dataset_name?, dataset_digest?} → {} */
export async function mlflowLogMetric({ actor, input }: MlflowContext) {
  const point = {
    key: requiredString(input, 'key'),
    value: metricValue(input, 'value'),
    timestamp: optionalInt(input, 'timestamp'),
    step: optionalInt(input, 'step') ?? 0,
  };
  const link = modelLinkOf(input, 0);
  if (link) await logBatchWithModels(actor, { id: runIdOf(input), metrics: [point], modelLinks: [link] });
  else await logMetricPoint(actor, { id: runIdOf(input), ...point });
  return {};
}

/**
 * POST /mlflow/runs/log-batch {run_id, metrics: [{key, value, timestamp, step, model_id?, dataset_name?, dataset_digest?}], params: [{key, value}], tags: [{key, value}]} → {}
 * Metrics that name a logged model (MLflow 3) go through the service that also links them to it.
 */
export async function mlflowLogBatch({ actor, input }: MlflowContext) {
  const items = (optionalList(input, 'metrics') ?? []).map((item) => (typeof item === 'object' && item !== null ? item : {}) as MlflowInput);
  const metrics = items.map((m, i) => {
    if (typeof m.key !== 'string') throw missing(`metrics[${i}].key`);
    return { key: m.key, value: metricValue(m, 'value', `metrics[${i}].value`), timestamp: optionalInt(m, 'timestamp'), step: optionalInt(m, 'step') ?? 0 };
  });
  const modelLinks = items.flatMap((m, i) => modelLinkOf(m, i) ?? []);
  const batch = { id: runIdOf(input), metrics, params: keyValueList(input, 'params'), tags: keyValueList(input, 'tags') };
  if (modelLinks.length) await logBatchWithModels(actor, { ...batch, modelLinks });
  else await logBatch(actor, batch);
  return {};
}

/** MLflow's mandatory MLmodel fields for runs/log-model (handlers.py `_log_model`). */
const LOG_MODEL_FIELDS = ['artifact_path', 'flavors', 'utc_time_created', 'run_id'];

/**
 * POST /mlflow/runs/log-model {run_id, model_json} → {} (MLflow 2.x clients, after uploading the model's
 * files): appends the model to the run's `mlflow.log-model.history` tag. Refusals as MLflow's handler words them.
 */
export async function mlflowLogModel({ actor, input }: MlflowContext) {
  const id = runIdOf(input);
  const modelJson = requiredString(input, 'model_json');
  let model: unknown;
  try {
    model = JSON.parse(modelJson);
  } catch {
    throw new ValidationError(`Malformed model info. \n ${modelJson} \n is not a valid JSON.`, [{ path: 'model_json', message: 'not valid JSON' }]);
  }
  if (typeof model !== 'object' || model === null || Array.isArray(model)) {
    throw new ValidationError(`Malformed model info. \n ${modelJson} \n is not a JSON object.`, [{ path: 'model_json', message: 'not a JSON object' }]);
  }
  const absent = LOG_MODEL_FIELDS.filter((f) => !(f in model)).sort();
  if (absent.length) {
    throw new ValidationError(`Model json is missing mandatory fields: {${absent.map((f) => `'${f}'`).join(', ')}}`, absent.map((f) => ({ path: `model_json.${f}`, message: 'required' })));
  }
  await logModel(actor, { id, model: model as Record<string, unknown> });
  return {};
}

/** POST /mlflow/runs/outputs {run_id, models: [{model_id, step}]} → {} (MLflow 3's log_model names the model a run produced) */
export async function mlflowLogOutputs({ actor, input }: MlflowContext) {
  const models = (optionalList(input, 'models') ?? []).map((item, i) => {
    const m = (typeof item === 'object' && item !== null ? item : {}) as MlflowInput;
    const modelId = optionalString(m, 'model_id');
    if (!modelId) throw missing(`models[${i}].model_id`);
    return { modelId, step: optionalInt(m, 'step') ?? 0 };
  });
  await logRunOutputs(actor, { id: requiredString(input, 'run_id'), models });
  return {};
}

/** POST /mlflow/runs/set-tag {run_id, run_uuid, key, value} → {} */
export async function mlflowSetTag({ actor, input }: MlflowContext) {
  await setRunTag(actor, { id: runIdOf(input), key: requiredString(input, 'key'), value: optionalString(input, 'value') ?? '' });
  return {};
}

/** POST /mlflow/runs/delete-tag {run_id, key} → {} */
export async function mlflowDeleteTag({ actor, input }: MlflowContext) {
  await deleteRunTag(actor, { id: runIdOf(input), key: requiredString(input, 'key') });
  return {};
}

/**
 * POST /mlflow/runs/log-inputs {run_id, datasets: [{tags, dataset: {name, digest, source_type, source, schema?, profile?}}], models?: [{model_id}]} → {}
 * The `mlflow.data.context` input tag becomes the input's context. Logged-model inputs (`models`, MLflow 3's
 * LoggedModelInput) are stored with the datasets in one call and come back as the run's `inputs.model_inputs`.
 */
export async function mlflowLogInputs({ actor, input }: MlflowContext) {
  const datasets = (optionalList(input, 'datasets') ?? []).map((item) => {
    const di = (typeof item === 'object' && item !== null ? item : {}) as MlflowInput;
    const d = (typeof di.dataset === 'object' && di.dataset !== null ? di.dataset : {}) as MlflowInput;
    const tags = keyValueList(di, 'tags');
    const context = tags.find((t) => t.key === DATASET_CONTEXT_TAG)?.value;
    const rest = tags.filter((t) => t.key !== DATASET_CONTEXT_TAG);
    return {
      dataset: {
        name: requiredString(d, 'name'),
        digest: requiredString(d, 'digest'),
        sourceType: requiredString(d, 'source_type'),
        source: requiredString(d, 'source'),
        schema: optionalString(d, 'schema'),
        profile: optionalString(d, 'profile'),
      },
      context,
      tags: rest.length ? tagsRecord(rest) : undefined,
    };
  });
  const models = (optionalList(input, 'models') ?? []).map((item, i) => {
    const m = (typeof item === 'object' && item !== null ? item : {}) as MlflowInput;
    const modelId = optionalString(m, 'model_id');
    if (!modelId) throw missing(`models[${i}].model_id`);
    return { modelId };
  });
  const id = runIdOf(input);
  if (models.length) await logRunInputsWithModels(actor, { id, datasets, models });
  else if (datasets.length) await logInputs(actor, { id, datasets });
  else await getRun(actor, { id }); // still answers 404 for an unknown run
  return {};
}

/**
 * `max_results` as MLflow's server checks it: above 50,000 the handler's schema refuses it (its message
 * names the value and its Python type), below 1 the store does (`_validate_max_results_param`); absent
 * means the proto default, 1000.
 */
function searchRunsMaxResults(input: MlflowInput): number | undefined {
  const raw = input.max_results;
  const n = optionalInt(input, 'max_results');
  if (n === undefined) return undefined;
  if (n > SEARCH_RUNS_MAX_RESULTS) {
    const shown = typeof raw === 'string' ? JSON.stringify(raw) : String(n);
    const type = typeof raw === 'string' ? 'str' : 'int';
    throw new ValidationError(
      `Invalid value ${shown} for parameter 'max_results' supplied:  Hint: Value was of type '${type}'. See the API docs for more information about request parameters.`,
      [{ path: 'max_results', message: `must be at most ${SEARCH_RUNS_MAX_RESULTS}` }],
    );
  }
  if (n < 1) throw new ValidationError(`Invalid value ${n} for parameter 'max_results' supplied. It must be a positive integer`, [{ path: 'max_results', message: 'must be a positive integer' }]);
  return n;
}

/** POST /mlflow/runs/search {experiment_ids, filter, run_view_type, max_results, order_by, page_token} → {runs?, next_page_token?} */
export async function mlflowSearchRuns({ actor, input }: MlflowContext) {
  const view = viewType(input, 'run_view_type');
  const page = await searchRuns(actor, {
    experimentIds: stringList(input, 'experiment_ids'),
    filter: optionalString(input, 'filter') || undefined,
    orderBy: stringList(input, 'order_by'),
    maxResults: searchRunsMaxResults(input),
    pageToken: optionalString(input, 'page_token') || undefined,
    runViewType: view === 'active' ? 'ACTIVE_ONLY' : view === 'deleted' ? 'DELETED_ONLY' : 'ALL',
  });
  const models = page.runs.length ? await listRunModelIo(actor, { runIds: page.runs.map((r) => r.id) }) : new Map();
  return {
    ...(page.runs.length ? { runs: page.runs.map((r) => toMlflowRun(r, models.get(r.id))) } : {}),
    ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}),
  };
}

/** MLflow's server answers get-history with every point when no max_results is given; this is the most one page holds. */
const HISTORY_PAGE_MAX = METRIC_HISTORY_MAX_RESULTS;

/** GET /mlflow/metrics/get-history?run_id=&run_uuid=&metric_key=&max_results=&page_token= → {metrics?, next_page_token?} */
export async function mlflowGetMetricHistory({ actor, input }: MlflowContext) {
  const key = requiredString(input, 'metric_key');
  const page = await getMetricHistory(actor, {
    runId: runIdOf(input),
    key,
    maxResults: optionalInt(input, 'max_results') || HISTORY_PAGE_MAX,
    pageToken: optionalString(input, 'page_token') || undefined,
  });
  return {
    ...(page.points.length ? { metrics: page.points.map((p) => toMlflowMetric({ key, value: p.value, timestamp: p.timestamp, step: p.step })) } : {}),
    ...('nextPageToken' in page && page.nextPageToken ? { next_page_token: page.nextPageToken } : {}),
  };
}

/** MLflow's per-run cap for the interval endpoint (handlers.py MAX_RESULTS_PER_RUN). */
const BULK_INTERVAL_MAX_RESULTS = 2500;
const BULK_INTERVAL_MAX_RUNS = 100;

/**
 * GET /mlflow/metrics/get-history-bulk-interval?run_ids=…&metric_key=&start_step=&end_step=&max_results=
 * → {metrics: [{key, value, timestamp, step, run_id}]}. The MLflow UI's chart call: at most max_results
 * points per run over the step range, downsampled by the history service (which keeps the extremes).
 */
export async function mlflowGetMetricHistoryBulkInterval({ actor, input }: MlflowContext) {
  const runIds = stringList(input, 'run_ids');
  if (runIds.length === 0) throw missing('run_ids');
  if (runIds.length > BULK_INTERVAL_MAX_RUNS) throw new ValidationError(`GetMetricHistoryBulkInterval request must specify at most ${BULK_INTERVAL_MAX_RUNS} run_ids. Received ${runIds.length} run_ids.`, [{ path: 'run_ids', message: 'too many' }]);
  const key = requiredString(input, 'metric_key');
  const startStep = optionalInt(input, 'start_step');
  const endStep = optionalInt(input, 'end_step');
  if ((startStep === undefined) !== (endStep === undefined)) throw new ValidationError('If either start step or end step are specified, both must be specified.', [{ path: 'start_step', message: 'give both or neither' }]);
  const maxResults = optionalInt(input, 'max_results') ?? BULK_INTERVAL_MAX_RESULTS;
  if (maxResults < 1 || maxResults > BULK_INTERVAL_MAX_RESULTS) throw new ValidationError(`max_results must be between 1 and ${BULK_INTERVAL_MAX_RESULTS}.`, [{ path: 'max_results', message: 'out of range' }]);
  const metrics = [];
  for (const runId of runIds) {
    const series = await getMetricHistory(actor, {
      runId,
      key,
      maxPoints: Math.max(3, maxResults),
      xAxis: 'step',
      range: startStep === undefined ? undefined : { min: startStep, max: endStep },
    });
    for (const p of series.points) metrics.push({ ...toMlflowMetric({ key, value: p.value, timestamp: p.timestamp, step: p.step }), run_id: runId });
  }
  return { metrics };
}
