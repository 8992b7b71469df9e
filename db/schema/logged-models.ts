import { sql } from 'drizzle-orm';
import { bigint, check, doublePrecision, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { users } from './identity';
import { experiments, runs, type LifecycleStage } from './tracking';

export const LOGGED_MODEL_STATUSES = ['PENDING', 'READY', 'FAILED'] as const;
export type LoggedModelStatus = (typeof LOGGED_MODEL_STATUSES)[number];

/**
 * MLflow 3's logged models: a model an experiment produced, with its own id (`m-` and 32 hex digits),
 * artifact location, params, tags and linked metrics; PENDING until the client has uploaded its files and
 * finalized it. Times are epoch milliseconds, as clients send and read them. The index on
 * (experiment_id, creation_time desc, id) matches search's default order.
 */
export const loggedModels = pgTable(
  'logged_models',
  {
    id: text('id').primaryKey(),
    experimentId: bigint('experiment_id', { mode: 'number' })
      .notNull()
      .references(() => experiments.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    modelType: text('model_type'),
    sourceRunId: text('source_run_id').references(() => runs.id, { onDelete: 'set null' }),
    status: text('status').$type<LoggedModelStatus>().notNull().default('PENDING'),
    artifactLocation: text('artifact_location').notNull(),
    lifecycleStage: text('lifecycle_stage').$type<LifecycleStage>().notNull().default('active'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    creationTime: bigint('creation_time', { mode: 'number' }).notNull(),
    lastUpdatedTime: bigint('last_updated_time', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('logged_models_experiment_created_idx').on(t.experimentId, t.creationTime.desc(), t.id),
    index('logged_models_source_run_idx').on(t.sourceRunId),
    check('logged_models_id_format', sql`${t.id} ~ '^m-[0-9a-f]{32}$'`),
    check('logged_models_status_known', sql`${t.status} in ('PENDING', 'READY', 'FAILED')`),
    check('logged_models_lifecycle_known', sql`${t.lifecycleStage} in ('active', 'deleted')`),
    check('logged_models_name_not_blank', sql`length(${t.name}) > 0`),
  ],
);

export const loggedModelTags = pgTable(
  'logged_model_tags',
  {
    modelId: text('model_id')
      .notNull()
      .references(() => loggedModels.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ name: 'logged_model_tags_pk', columns: [t.modelId, t.key] })],
);

/** Params are immutable once logged, as a run's are (the same value again is fine). */
export const loggedModelParams = pgTable(
  'logged_model_params',
  {
    modelId: text('model_id')
      .notNull()
      .references(() => loggedModels.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ name: 'logged_model_params_pk', columns: [t.modelId, t.key] }), check('logged_model_params_value_length', sql`length(${t.value}) <= 6000`)],
);

/** Metric points linked to a model (log_batch with `model_id`), with the run that logged them. */
export const loggedModelMetrics = pgTable(
  'logged_model_metrics',
  {
    modelId: text('model_id')
      .notNull()
      .references(() => loggedModels.id, { onDelete: 'cascade' }),
    runId: text('run_id').references(() => runs.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    value: doublePrecision('value').notNull(),
    step: bigint('step', { mode: 'number' }).notNull(),
    timestamp: bigint('timestamp', { mode: 'number' }).notNull(),
    datasetName: text('dataset_name'),
    datasetDigest: text('dataset_digest'),
  },
  (t) => [index('logged_model_metrics_model_key_idx').on(t.modelId, t.key, t.timestamp)],
);

/** A run's outputs (`runs/outputs`): the models it produced, at a step. */
export const runModelOutputs = pgTable(
  'run_model_outputs',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    modelId: text('model_id')
      .notNull()
      .references(() => loggedModels.id, { onDelete: 'cascade' }),
    step: bigint('step', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ name: 'run_model_outputs_pk', columns: [t.runId, t.modelId, t.step] }), index('run_model_outputs_model_idx').on(t.modelId)],
);

/** A run's model inputs (`runs/log-inputs` with `models`): the logged models it used, each once. */
export const runModelInputs = pgTable(
  'run_model_inputs',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    modelId: text('model_id')
      .notNull()
      .references(() => loggedModels.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ name: 'run_model_inputs_pk', columns: [t.runId, t.modelId] }), index('run_model_inputs_model_idx').on(t.modelId)],
);
