import { z } from 'zod';
import { DATASET_CONTEXTS, LIFECYCLE_STAGES, RUN_STATUSES } from '@/db/schema/tracking';
import type { runs } from '@/db/schema/tracking';

/*
 * Views and inputs of the tracking domain, shared by every door (services, /api/v1, the MLflow API, the UI).
 * Nothing here touches the database; `load-run-details.ts` fetches what `toRunView` maps.
 * Limits and name rules follow MLflow's `mlflow/utils/validation.py`, so clients see the same refusals.
 */

export const MAX_ENTITY_KEY_LENGTH = 250;
export const MAX_PARAM_VALUE_LENGTH = 6000;
export const MAX_TAG_VALUE_LENGTH = 8000;
export const MAX_EXPERIMENT_NAME_LENGTH = 500;
export const MAX_METRICS_PER_BATCH = 1000;
export const MAX_PARAMS_PER_BATCH = 100;
export const MAX_TAGS_PER_BATCH = 100;
export const MAX_DATASET_NAME_LENGTH = 500;
export const MAX_DATASET_DIGEST_LENGTH = 36;
export const MAX_DATASET_SOURCE_LENGTH = 65535;
export const MAX_DATASETS_PER_CALL = 100;

/** MLflow's system tags that mirror run columns; services keep both in sync. */
export const SYSTEM_TAGS = {
  runName: 'mlflow.runName',
  user: 'mlflow.user',
  sourceName: 'mlflow.source.name',
  sourceType: 'mlflow.source.type',
  sourceVersion: 'mlflow.source.git.commit',
  entryPoint: 'mlflow.project.entryPoint',
  parentRunId: 'mlflow.parentRunId',
  description: 'mlflow.note.content',
} as const;

// ---------------------------------------------------------------- metric values (NaN / ±Infinity)

export const NON_FINITE_LITERALS = ['NaN', 'Infinity', '-Infinity'] as const;
export type EncodedMetricValue = number | (typeof NON_FINITE_LITERALS)[number];

/** JSON has no NaN or Infinity: every door sends them as the strings "NaN", "Infinity", "-Infinity". */
export function encodeMetricValue(value: number): EncodedMetricValue {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return value;
}

export function encodeNullableMetricValue(value: number | null): EncodedMetricValue | null {
  return value === null ? null : encodeMetricValue(value);
}

/** Inverse of `encodeMetricValue`; also takes numeric strings and the spellings Python prints (`nan`, `inf`). */
export function decodeMetricValue(value: number | string): number {
  if (typeof value === 'number') return value;
  const v = value.trim();
  switch (v.toLowerCase()) {
    case 'nan':
      return NaN;
    case 'infinity':
    case 'inf':
    case '+infinity':
    case '+inf':
      return Infinity;
    case '-infinity':
    case '-inf':
      return -Infinity;
  }
  const n = v === '' ? NaN : Number(v);
  if (Number.isNaN(n)) throw new Error(`not a number: '${value}'`);
  return n;
}

/** A metric value on the way in: any JS number (NaN and ±Infinity included) or its string form. */
export const MetricValueInput = z
  .union([
    z.number(),
    z.nan(),
    z.custom<number>((v) => v === Infinity || v === -Infinity, 'must be a number'),
    z.string().max(40),
  ])
  .superRefine((v, ctx) => {
    if (typeof v === 'string') {
      try {
        decodeMetricValue(v);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a number, or "NaN", "Infinity", "-Infinity"' });
      }
    }
  })
  .transform((v) => decodeMetricValue(v));

/** A metric value on the way out. */
export const MetricValueOutput = z.union([z.number(), z.enum(NON_FINITE_LITERALS)]);

// ---------------------------------------------------------------- names and keys

// Python's `\w` is Unicode-aware, so letters and digits of any script are allowed, as in MLflow.
const VALID_KEY = /^[\p{L}\p{N}\p{M}_/.\- ]+$/u;

/** posixpath.normpath, for the "must not resolve to another name" rule. */
export function normalizePosixPath(p: string): string {
  if (p === '') return '.';
  const absolute = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (part === '..' && absolute) continue;
    else out.push(part);
  }
  const joined = out.join('/');
  const prefix = absolute ? (p.startsWith('//') && !p.startsWith('///') ? '//' : '/') : '';
  return prefix + joined || '.';
}

/** MLflow's `path_not_unique`: names may become file paths, so they must not resolve to another name. */
export function pathNotUnique(name: string): boolean {
  const norm = normalizePosixPath(name);
  return norm !== name || norm === '.' || norm.startsWith('..') || norm.startsWith('/');
}

function keySchema(what: 'metric' | 'param' | 'tag' | 'input tag') {
  return z
    .string({ message: `${what} key is required` })
    .min(1, `${what} key is required`)
    .max(MAX_ENTITY_KEY_LENGTH, `${what} key must be at most ${MAX_ENTITY_KEY_LENGTH} characters`)
    .regex(VALID_KEY, `${what} key may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ) and slashes (/)`)
    .refine((k) => !pathNotUnique(k), {
      message: `${what} key must not resolve to another name as a path (no '..', '.', leading '/', '//' or trailing '/')`,
    });
}

export const MetricKey = keySchema('metric');
export const ParamKey = keySchema('param');
export const TagKey = keySchema('tag');

export const ParamValue = z.string().max(MAX_PARAM_VALUE_LENGTH, `param value must be at most ${MAX_PARAM_VALUE_LENGTH} characters`);
export const TagValue = z.string().max(MAX_TAG_VALUE_LENGTH, `tag value must be at most ${MAX_TAG_VALUE_LENGTH} characters`);

/** Experiment ids are MLflow-style strings of digits ("0" is Default); numbers are accepted too. */
export const ExperimentId = z
  .union([z.string().trim().regex(/^\d{1,15}$/, 'must be an experiment id (digits)'), z.number().int().min(0)])
  .transform((v) => Number(v));

export const RunId = z
  .string({ message: 'must be a run id' })
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{32}$/, 'must be a run id (32 hex characters)');

export const ExperimentName = z
  .string({ message: 'name is required' })
  .trim()
  .min(1, 'name is required')
  .max(MAX_EXPERIMENT_NAME_LENGTH, `name must be at most ${MAX_EXPERIMENT_NAME_LENGTH} characters`);

const EpochMillis = z.number().int('must be an integer (epoch milliseconds)').min(0);
const Step = z.number().int('must be an integer').min(-(2 ** 53) + 1).max(2 ** 53 - 1);

export const TagMap = z.record(TagKey, TagValue);

export const LifecycleStageSchema = z.enum(LIFECYCLE_STAGES);
export const RunStatusSchema = z.enum(RUN_STATUSES);
export const ViewType = z.enum(['active', 'deleted', 'all']);

// ---------------------------------------------------------------- views

export const ExperimentView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  ownerId: z.string().nullable(),
  ownerEmail: z.string().nullable().optional(),
  artifactLocation: z.string().nullable(),
  lifecycleStage: LifecycleStageSchema,
  tags: z.record(z.string(), z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  runCount: z.number().int().optional().describe('active runs in the experiment (lists only)'),
  lastActivity: z.number().nullable().optional().describe('latest run start or end time, epoch ms (lists only)'),
});
export type ExperimentView = z.infer<typeof ExperimentView>;

export const MetricView = z.object({
  value: MetricValueOutput,
  step: z.number(),
  timestamp: z.number(),
  min: MetricValueOutput.nullable(),
  max: MetricValueOutput.nullable(),
});
export type MetricView = z.infer<typeof MetricView>;

export const DatasetView = z.object({
  id: z.string(),
  experimentId: z.string(),
  name: z.string(),
  digest: z.string(),
  sourceType: z.string(),
  source: z.string(),
  schema: z.unknown().nullable(),
  profile: z.unknown().nullable(),
  createdAt: z.string(),
});
export type DatasetView = z.infer<typeof DatasetView>;

export const DatasetInputView = z.object({
  dataset: DatasetView,
  context: z.string().nullable(),
  tags: z.record(z.string(), z.string()),
});
export type DatasetInputView = z.infer<typeof DatasetInputView>;

export const RunSourceView = z.object({
  name: z.string().nullable(),
  type: z.string().nullable(),
  version: z.string().nullable(),
  entryPoint: z.string().nullable(),
});

export const RunView = z.object({
  id: z.string(),
  experimentId: z.string(),
  name: z.string(),
  status: RunStatusSchema,
  startTime: z.number(),
  endTime: z.number().nullable(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  source: RunSourceView,
  parentRunId: z.string().nullable(),
  description: z.string().nullable(),
  artifactUri: z.string().nullable(),
  lifecycleStage: LifecycleStageSchema,
  deletedTime: z.number().nullable(),
  params: z.record(z.string(), z.string()),
  metrics: z.record(z.string(), MetricView),
  tags: z.record(z.string(), z.string()),
  inputs: z.array(DatasetInputView).optional(),
});
export type RunView = z.infer<typeof RunView>;

export type RunRow = typeof runs.$inferSelect;
export interface KeyValueRow {
  key: string;
  value: string;
}
export interface LatestMetricRow {
  key: string;
  value: number;
  step: number;
  timestamp: number;
  minValue: number | null;
  maxValue: number | null;
}

export function toMetricView(m: LatestMetricRow): MetricView {
  return {
    value: encodeMetricValue(m.value),
    step: m.step,
    timestamp: m.timestamp,
    min: encodeNullableMetricValue(m.minValue),
    max: encodeNullableMetricValue(m.maxValue),
  };
}

export function toRunView(row: RunRow, params: KeyValueRow[] = [], metrics: LatestMetricRow[] = [], tags: KeyValueRow[] = [], inputs?: DatasetInputView[]): RunView {
  return {
    id: row.id,
    experimentId: String(row.experimentId),
    name: row.name,
    status: row.status,
    startTime: Number(row.startTime),
    endTime: row.endTime === null ? null : Number(row.endTime),
    userId: row.userId,
    userName: row.userName,
    source: { name: row.sourceName, type: row.sourceType, version: row.sourceVersion, entryPoint: row.entryPoint },
    parentRunId: row.parentRunId,
    description: row.description,
    artifactUri: row.artifactUri,
    lifecycleStage: row.lifecycleStage,
    deletedTime: row.deletedTime === null ? null : Number(row.deletedTime),
    params: Object.fromEntries(params.map((p) => [p.key, p.value])),
    metrics: Object.fromEntries(metrics.map((m) => [m.key, toMetricView(m)])),
    tags: Object.fromEntries(tags.map((t) => [t.key, t.value])),
    ...(inputs ? { inputs } : {}),
  };
}

// ---------------------------------------------------------------- experiment inputs

export const CreateExperimentInput = z.object({
  name: ExperimentName,
  description: z.string().max(10_000).optional(),
  artifactLocation: z.string().trim().min(1).max(2000).optional(),
  tags: TagMap.optional(),
});

export const ExperimentRef = z.object({ id: ExperimentId });
export const GetExperimentByNameInput = z.object({ name: ExperimentName });

export const ListExperimentsInput = z.object({
  q: z.string().trim().max(200).optional().describe('substring of the name, case-insensitive'),
  filter: z
    .string()
    .max(20_000)
    .optional()
    .describe("MLflow experiment filter: name, creation_time, last_update_time and tags.<key>, e.g. \"name LIKE 'cv-%' and tags.team = 'vision'\""),
  orderBy: z
    .union([z.string().max(1_000), z.array(z.string().max(1_000)).max(10)])
    .optional()
    .describe('name, experiment_id, creation_time or last_update_time, each ASC or DESC; default creation_time DESC, experiment_id ASC'),
  viewType: ViewType.default('active'),
  pageSize: z.coerce.number().int().min(1).max(1000).default(100),
  pageToken: z.string().optional(),
});
export const ListExperimentsOutput = z.object({ experiments: z.array(ExperimentView), nextPageToken: z.string().nullable() });

export const UpdateExperimentInput = z
  .object({ id: ExperimentId, name: ExperimentName.optional(), description: z.string().max(10_000).nullable().optional() })
  .refine((v) => v.name !== undefined || v.description !== undefined, { message: 'nothing to change: give name or description' });

export const SetExperimentTagInput = z.object({ id: ExperimentId, key: TagKey, value: TagValue });
export const DeleteExperimentTagInput = z.object({ id: ExperimentId, key: TagKey });

export const PurgeOutput = z.object({
  experimentId: z.string(),
  runsRemoved: z.number().int(),
  metricPointsRemoved: z.number().int(),
  datasetsRemoved: z.number().int(),
  /** Artifact locations that no longer belong to anything. */
  artifactUris: z.array(z.string()),
  /** The same locations as artifact-store paths, removed once the transaction has committed. */
  artifactPaths: z.array(z.string()),
  /** Files removed from the artifact store (set by the doors that remove them). */
  artifactFilesRemoved: z.number().int().optional(),
});
export type PurgeOutput = z.infer<typeof PurgeOutput>;

// ---------------------------------------------------------------- run inputs

export const RunSourceInput = z.object({
  name: z.string().max(500).optional(),
  type: z.string().max(20).optional(),
  version: z.string().max(250).optional(),
  entryPoint: z.string().max(250).optional(),
});

export const CreateRunInput = z.object({
  experimentId: ExperimentId.default(0),
  name: z.string().trim().min(1).max(MAX_ENTITY_KEY_LENGTH).optional(),
  startTime: EpochMillis.optional(),
  userName: z.string().max(250).optional(),
  description: z.string().max(MAX_TAG_VALUE_LENGTH).optional(),
  parentRunId: RunId.optional(),
  source: RunSourceInput.optional(),
  tags: TagMap.optional(),
});

export const RunRef = z.object({ id: RunId });

export const UpdateRunInput = z
  .object({
    id: RunId,
    status: RunStatusSchema.optional(),
    endTime: EpochMillis.nullable().optional(),
    name: z.string().trim().min(1).max(MAX_ENTITY_KEY_LENGTH).optional(),
    description: z.string().max(MAX_TAG_VALUE_LENGTH).nullable().optional(),
  })
  .refine((v) => v.status !== undefined || v.endTime !== undefined || v.name !== undefined || v.description !== undefined, {
    message: 'nothing to change: give status, endTime, name or description',
  });

export const SetRunTagInput = z.object({ id: RunId, key: TagKey, value: TagValue });
export const DeleteRunTagInput = z.object({ id: RunId, key: TagKey });

export const ParamInput = z.object({ key: ParamKey, value: ParamValue });
export const LogParamInput = z.object({ id: RunId, key: ParamKey, value: ParamValue });

export const MetricInput = z.object({
  key: MetricKey,
  value: MetricValueInput,
  timestamp: EpochMillis.optional().describe('epoch ms; now when absent'),
  step: Step.default(0),
});
export type MetricInput = z.output<typeof MetricInput>;

export const LogMetricInput = z.object({ id: RunId }).extend(MetricInput.shape);

/*
 * A batch repeats a handful of keys hundreds of times, so it validates each distinct key once (the full
 * key rules cost more than the rest of a point) and reports it at the first index where it appears.
 */
const BatchMetricInput = MetricInput.extend({ key: z.string({ message: 'metric key is required' }) });

function checkBatchMetricKeys(list: { key: string }[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    const key = list[i].key;
    if (seen.has(key)) continue;
    seen.add(key);
    const result = MetricKey.safeParse(key);
    if (!result.success) for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: issue.message });
  }
}

export const LogBatchInput = z.object({
  id: RunId,
  metrics: z
    .array(BatchMetricInput)
    .max(MAX_METRICS_PER_BATCH, `at most ${MAX_METRICS_PER_BATCH} metrics per batch`)
    .superRefine(checkBatchMetricKeys)
    .default([]),
  params: z.array(ParamInput).max(MAX_PARAMS_PER_BATCH, `at most ${MAX_PARAMS_PER_BATCH} params per batch`).default([]),
  tags: z.array(z.object({ key: TagKey, value: TagValue })).max(MAX_TAGS_PER_BATCH, `at most ${MAX_TAGS_PER_BATCH} tags per batch`).default([]),
});
export const LogBatchOutput = z.object({ runId: z.string(), metrics: z.number().int(), params: z.number().int(), tags: z.number().int() });

export const DatasetInput = z.object({
  name: z.string().trim().min(1, 'dataset name is required').max(MAX_DATASET_NAME_LENGTH),
  digest: z.string().trim().min(1, 'dataset digest is required').max(MAX_DATASET_DIGEST_LENGTH),
  sourceType: z.string().trim().min(1, 'dataset sourceType is required').max(100),
  source: z.string().min(1, 'dataset source is required').max(MAX_DATASET_SOURCE_LENGTH),
  schema: z.unknown().optional(),
  profile: z.unknown().optional(),
});

export const RunDatasetInput = z.object({
  dataset: DatasetInput,
  context: z.union([z.enum(DATASET_CONTEXTS), z.string().trim().min(1).max(100)]).optional().describe('training, evaluation, validation, test, …'),
  tags: z.record(keySchema('input tag'), z.string().max(500)).optional(),
});

export const LogInputsInput = z.object({
  id: RunId,
  datasets: z.array(RunDatasetInput).min(1, 'give at least one dataset').max(MAX_DATASETS_PER_CALL, `at most ${MAX_DATASETS_PER_CALL} datasets per call`),
});
export const RunInputsOutput = z.object({ runId: z.string(), inputs: z.array(DatasetInputView) });
export const ExperimentDatasetsOutput = z.object({ experimentId: z.string(), datasets: z.array(DatasetView) });
export const ChildRunsOutput = z.object({ parentRunId: z.string(), runs: z.array(RunView) });

/**
 * A complete run in one call: what createRun, logBatch, logInputs and updateRun would do one after another
 * (for imports from another tracking server, and the demo data). Same limits as logBatch.
 */
export const ImportRunInput = CreateRunInput.extend({
  status: RunStatusSchema.default('FINISHED'),
  endTime: EpochMillis.nullable().optional(),
  params: LogBatchInput.shape.params,
  metrics: LogBatchInput.shape.metrics,
  datasets: z.array(RunDatasetInput).max(MAX_DATASETS_PER_CALL, `at most ${MAX_DATASETS_PER_CALL} datasets per call`).default([]),
});
