import { z } from 'zod';
import { LOGGED_MODEL_STATUSES, type LoggedModelStatus } from '@/db/schema/logged-models';
import { ExperimentId, MAX_PARAMS_PER_BATCH, MAX_TAGS_PER_BATCH, MetricKey, ParamKey, ParamValue, RunId, TagKey, TagValue } from './schemas';

/*
 * Inputs and the view of MLflow 3's logged models. Limits are the tracking domain's (keys, values,
 * batch sizes); the name rule is MLflow's `_validate_logged_model_name`.
 */

export const LoggedModelId = z
  .string({ message: 'must be a logged model id' })
  .trim()
  .regex(/^m-[0-9a-f]{32}$/, "must be a logged model id ('m-' and 32 hex characters)");

/** Python's repr of a str, for messages that quote MLflow's wording. */
export function pythonRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  return quote + s.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`) + quote;
}

const BAD_NAME_CHARS = ['/', ':', '.', '%', '"', "'"];
const BAD_NAME_CHARS_REPR = `(${BAD_NAME_CHARS.map(pythonRepr).join(', ')})`;

export function invalidLoggedModelNameMessage(name: string): string {
  return `Invalid model name (${pythonRepr(name)}) provided. Model name must be a non-empty string and cannot contain the following characters: ${BAD_NAME_CHARS_REPR}`;
}

/** MLflow's rule for logged model names; the service refuses with MLflow's own words. */
export function isValidLoggedModelName(name: string): boolean {
  return name !== '' && !BAD_NAME_CHARS.some((c) => name.includes(c));
}

export const LoggedModelName = z.string().max(500, 'name must be at most 500 characters');

const KeyValues = <K extends z.ZodType<string>, V extends z.ZodType<string>>(key: K, value: V, max: number, what: string) =>
  z.array(z.object({ key, value })).max(max, `at most ${max} ${what} per call`).default([]);

export const CreateLoggedModelInput = z.object({
  experimentId: ExperimentId,
  name: LoggedModelName.optional().describe('generated (adjective-noun-123) when absent'),
  modelType: z.string().max(500).optional(),
  sourceRunId: RunId.optional(),
  params: KeyValues(ParamKey, ParamValue, MAX_PARAMS_PER_BATCH, 'params'),
  tags: KeyValues(TagKey, TagValue, MAX_TAGS_PER_BATCH, 'tags'),
});

export const LoggedModelRef = z.object({ id: LoggedModelId });
export const FinalizeLoggedModelInput = z.object({ id: LoggedModelId, status: z.enum(LOGGED_MODEL_STATUSES) });
export const SetLoggedModelTagsInput = z.object({ id: LoggedModelId, tags: KeyValues(TagKey, TagValue, MAX_TAGS_PER_BATCH, 'tags') });
export const DeleteLoggedModelTagInput = z.object({ id: LoggedModelId, key: z.string().min(1, 'tag key is required').max(250) });
export const LogLoggedModelParamsInput = z.object({ id: LoggedModelId, params: KeyValues(ParamKey, ParamValue, MAX_PARAMS_PER_BATCH, 'params') });

export const LogRunOutputsInput = z.object({
  id: RunId,
  models: z
    .array(z.object({ modelId: LoggedModelId, step: z.number().int().default(0) }))
    .max(100, 'at most 100 models per call')
    .default([]),
});

export const LoggedModelMetricInput = z.object({
  key: MetricKey,
  value: z.number().or(z.nan()),
  timestamp: z.number().int().min(0),
  step: z.number().int(),
  datasetName: z.string().max(500).optional(),
  datasetDigest: z.string().max(36).optional(),
});

/** Default and largest page of `searchLoggedModels` (MLflow's SEARCH_LOGGED_MODEL_MAX_RESULTS_DEFAULT is the default). */
export const SEARCH_LOGGED_MODELS_DEFAULT_MAX_RESULTS = 100;
export const SEARCH_LOGGED_MODELS_MAX_RESULTS = 1000;

export const SearchLoggedModelsInput = z.object({
  experimentIds: z.array(ExperimentId).max(100, 'at most 100 experiment ids'),
  filter: z.string().max(20_000).optional(),
  /** Metric filters (and, without any, the models themselves) restricted to metrics logged on one of these datasets. */
  datasets: z
    .array(z.object({ name: z.string().min(1).max(500), digest: z.string().max(36).optional() }))
    .max(100, 'at most 100 datasets')
    .default([]),
  orderBy: z
    .array(z.object({ field: z.string().min(1).max(500), ascending: z.boolean().default(true), datasetName: z.string().max(500).optional(), datasetDigest: z.string().max(36).optional() }))
    .max(10, 'at most 10 order_by entries')
    .default([]),
  maxResults: z.number().int().min(1).max(SEARCH_LOGGED_MODELS_MAX_RESULTS, `must be at most ${SEARCH_LOGGED_MODELS_MAX_RESULTS}`).default(SEARCH_LOGGED_MODELS_DEFAULT_MAX_RESULTS),
  pageToken: z.string().max(10_000).optional(),
});

export interface LoggedModelMetricView {
  key: string;
  value: number;
  step: number;
  timestamp: number;
  runId: string | null;
  datasetName: string | null;
  datasetDigest: string | null;
}

export interface LoggedModelView {
  id: string;
  experimentId: string;
  name: string;
  modelType: string | null;
  sourceRunId: string | null;
  status: LoggedModelStatus;
  artifactLocation: string;
  creationTime: number;
  lastUpdatedTime: number;
  tags: Record<string, string>;
  params: Record<string, string>;
  metrics: LoggedModelMetricView[];
}

export { LOGGED_MODEL_STATUSES };
