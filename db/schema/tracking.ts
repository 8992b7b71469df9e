import { sql } from 'drizzle-orm';
import { bigint, check, doublePrecision, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './identity';

export const LIFECYCLE_STAGES = ['active', 'deleted'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];
export const RUN_STATUSES = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/**
 * Experiments keep MLflow's integer ids (experiment "0" is `Default`, created by migration). A deleted
 * experiment keeps its name, as in MLflow, until it is permanently deleted.
 */
export const experiments = pgTable(
  'experiments',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity({ startWith: 1 }),
    name: text('name').notNull(),
    description: text('description'),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    artifactLocation: text('artifact_location'),
    lifecycleStage: text('lifecycle_stage').$type<LifecycleStage>().notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('experiments_name_unique').on(t.name),
    check('experiments_lifecycle_known', sql`${t.lifecycleStage} in ('active', 'deleted')`),
    check('experiments_name_not_blank', sql`length(btrim(${t.name})) > 0`),
  ],
);

export const experimentTags = pgTable(
  'experiment_tags',
  {
    experimentId: bigint('experiment_id', { mode: 'number' })
      .notNull()
      .references(() => experiments.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ name: 'experiment_tags_pk', columns: [t.experimentId, t.key] })],
);

/**
 * Runs. Times are epoch milliseconds, as MLflow clients send and expect them. The index on
 * (experiment_id, start_time desc, id) matches the default order, so a first page stops at LIMIT.
 */
export const runs = pgTable(
  'runs',
  {
    id: text('id').primaryKey(),
    experimentId: bigint('experiment_id', { mode: 'number' })
      .notNull()
      .references(() => experiments.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    status: text('status').$type<RunStatus>().notNull().default('RUNNING'),
    startTime: bigint('start_time', { mode: 'number' }).notNull(),
    endTime: bigint('end_time', { mode: 'number' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** `mlflow.user`: who the client says ran it (may differ from the authenticated user). */
    userName: text('user_name'),
    sourceName: text('source_name'),
    sourceType: text('source_type'),
    sourceVersion: text('source_version'),
    entryPoint: text('entry_point'),
    parentRunId: text('parent_run_id'),
    description: text('description'),
    artifactUri: text('artifact_uri'),
    lifecycleStage: text('lifecycle_stage').$type<LifecycleStage>().notNull().default('active'),
    deletedTime: bigint('deleted_time', { mode: 'number' }),
  },
  (t) => [
    foreignKey({ name: 'runs_parent_fk', columns: [t.parentRunId], foreignColumns: [t.id] }).onDelete('set null'),
    index('runs_experiment_start_idx').on(t.experimentId, t.startTime.desc(), t.id),
    index('runs_parent_idx').on(t.parentRunId),
    check('runs_id_hex32', sql`${t.id} ~ '^[0-9a-f]{32}$'`),
    check('runs_status_known', sql`${t.status} in ('RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED')`),
    check('runs_lifecycle_known', sql`${t.lifecycleStage} in ('active', 'deleted')`),
    check('runs_end_after_start', sql`${t.endTime} is null or ${t.endTime} >= ${t.startTime}`),
  ],
);

/**
 * Params are immutable once logged (same value again is fine). `experiment_id` is copied from the run so
 * that search can walk (experiment_id, key, value) without touching runs first.
 */
export const params = pgTable(
  'params',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    experimentId: bigint('experiment_id', { mode: 'number' }).notNull(),
    key: text('key').notNull(),
    value: text('value').notNull(),
  },
  (t) => [
    primaryKey({ name: 'params_pk', columns: [t.runId, t.key] }),
    index('params_search_idx').on(t.experimentId, t.key, t.value),
    // LIKE 'prefix%' can only use a text_pattern_ops index unless the database collation is C.
    index('params_pattern_idx').on(t.experimentId, t.key, t.value.op('text_pattern_ops')),
    check('params_value_length', sql`length(${t.value}) <= 6000`),
  ],
);

export const runTags = pgTable(
  'run_tags',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    experimentId: bigint('experiment_id', { mode: 'number' }).notNull(),
    key: text('key').notNull(),
    value: text('value').notNull(),
  },
  (t) => [
    primaryKey({ name: 'run_tags_pk', columns: [t.runId, t.key] }),
    index('run_tags_search_idx').on(t.experimentId, t.key, t.value),
    // LIKE 'prefix%' can only use a text_pattern_ops index unless the database collation is C.
    index('run_tags_pattern_idx').on(t.experimentId, t.key, t.value.op('text_pattern_ops')),
  ],
);

/**
 * Full metric history. Lean on purpose (no per-row foreign key, no unique key: MLflow accepts repeated
 * points), because ingest speed is bounded by index and constraint work per row. Rows go away with
 * their run through the service's permanent delete, which removes history explicitly.
 */
export const metricHistory = pgTable(
  'metric_history',
  {
    runId: text('run_id').notNull(),
    key: text('key').notNull(),
    step: bigint('step', { mode: 'number' }).notNull(),
    timestamp: bigint('timestamp', { mode: 'number' }).notNull(),
    value: doublePrecision('value').notNull(),
  },
  (t) => [index('metric_history_run_key_step_idx').on(t.runId, t.key, t.step)],
);

/**
 * Per-bucket summaries of metric_history at fixed widths of steps (lib/stats/rollup.ts ROLLUP_WIDTHS:
 * 16, 64, 256, 1024, 4096), kept exact by writeMetrics, which merges each batch's summaries into these
 * rows in the statement that appends the points. Charts of long histories read one row per chart bucket
 * instead of every point. `bucket` = step >> log2(width). The lowest and highest point (NaN left out; null
 * when the bucket holds only NaN), the first NaN, the first and last point by (step, timestamp, value) and
 * the wall-time extent are what a min/max chart needs, and all of them merge.
 */
export const metricHistoryRollups = pgTable(
  'metric_history_rollups',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    width: integer('width').notNull(),
    bucket: bigint('bucket', { mode: 'number' }).notNull(),
    n: integer('n').notNull(),
    nanCount: integer('nan_count').notNull(),
    minValue: doublePrecision('min_value'),
    minStep: bigint('min_step', { mode: 'number' }),
    minTs: bigint('min_ts', { mode: 'number' }),
    maxValue: doublePrecision('max_value'),
    maxStep: bigint('max_step', { mode: 'number' }),
    maxTs: bigint('max_ts', { mode: 'number' }),
    nanStep: bigint('nan_step', { mode: 'number' }),
    nanTs: bigint('nan_ts', { mode: 'number' }),
    firstStep: bigint('first_step', { mode: 'number' }).notNull(),
    firstTs: bigint('first_ts', { mode: 'number' }).notNull(),
    firstValue: doublePrecision('first_value').notNull(),
    lastStep: bigint('last_step', { mode: 'number' }).notNull(),
    lastTs: bigint('last_ts', { mode: 'number' }).notNull(),
    lastValue: doublePrecision('last_value').notNull(),
    tsMin: bigint('ts_min', { mode: 'number' }).notNull(),
    tsMax: bigint('ts_max', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ name: 'metric_history_rollups_pk', columns: [t.runId, t.key, t.width, t.bucket] })],
);

/**
 * The current value per (run, key): highest step, then latest timestamp, then highest value — MLflow's
 * rule — kept in the same transaction as the history, plus min and max over the history (NaN excluded).
 * Searched and sorted through (experiment_id, key, value).
 */
export const latestMetrics = pgTable(
  'latest_metrics',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    experimentId: bigint('experiment_id', { mode: 'number' }).notNull(),
    key: text('key').notNull(),
    value: doublePrecision('value').notNull(),
    step: bigint('step', { mode: 'number' }).notNull(),
    timestamp: bigint('timestamp', { mode: 'number' }).notNull(),
    minValue: doublePrecision('min_value'),
    maxValue: doublePrecision('max_value'),
  },
  (t) => [primaryKey({ name: 'latest_metrics_pk', columns: [t.runId, t.key] }), index('latest_metrics_search_idx').on(t.experimentId, t.key, t.value)],
);

export const DATASET_CONTEXTS = ['training', 'evaluation', 'validation', 'test', 'other'] as const;

/** Datasets are identified by (experiment, name, digest), as MLflow does; runs reference them as inputs. */
export const datasets = pgTable(
  'datasets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    experimentId: bigint('experiment_id', { mode: 'number' })
      .notNull()
      .references(() => experiments.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    digest: text('digest').notNull(),
    sourceType: text('source_type').notNull(),
    source: text('source').notNull(),
    schema: jsonb('schema'),
    profile: jsonb('profile'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('datasets_identity_unique').on(t.experimentId, t.name, t.digest)],
);

export const runInputs = pgTable(
  'run_inputs',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    datasetId: uuid('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    /** `mlflow.data.context`: training, evaluation, … */
    context: text('context'),
    tags: jsonb('tags').$type<Record<string, string>>().notNull().default({}),
  },
  (t) => [primaryKey({ name: 'run_inputs_pk', columns: [t.runId, t.datasetId] }), index('run_inputs_dataset_idx').on(t.datasetId)],
);
