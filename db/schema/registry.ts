import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './identity';
import { loggedModels } from './logged-models';
import { runs } from './tracking';

export const MODEL_STAGES = ['None', 'Staging', 'Production', 'Archived'] as const;
export type ModelStage = (typeof MODEL_STAGES)[number];
export const VERSION_STATUSES = ['READY', 'PENDING_REGISTRATION', 'FAILED_REGISTRATION'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];
export const REQUEST_KINDS = ['stage', 'alias', 'rollback'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
/** `approved` is reserved for a later deferred apply; today a request goes from pending straight to applied. */
export const REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'cancelled', 'applied'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const DECISIONS = ['approve', 'reject'] as const;
export type Decision = (typeof DECISIONS)[number];
/** What a policy row governs: moving a version into a stage, or moving a protected alias. */
export const POLICY_TARGETS = [...MODEL_STAGES, 'alias'] as const;
export type PolicyTarget = (typeof POLICY_TARGETS)[number];
export const HISTORY_KINDS = ['created', 'stage', 'alias', 'deleted'] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const STAGE_LIST = sql.raw(`('None', 'Staging', 'Production', 'Archived')`);

/** Registered models. The owner has MANAGE; others get rights through resource_grants ('registered_model', id). */
export const registeredModels = pgTable(
  'registered_models',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** Markdown. */
    description: text('description'),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('registered_models_name_unique').on(t.name), check('registered_models_name_not_blank', sql`length(btrim(${t.name})) > 0`)],
);

export const registeredModelTags = pgTable(
  'registered_model_tags',
  {
    modelId: uuid('model_id')
      .notNull()
      .references(() => registeredModels.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ name: 'registered_model_tags_pk', columns: [t.modelId, t.key] })],
);

/**
 * Versions are numbered 1, 2, 3 … per model without gaps: the creating service locks the model row and
 * takes max + 1, and the unique index is the backstop. At most one version per model is in Production,
 * enforced by the partial unique index whatever writes the row. The model card lives in plain columns so
 * that governance can score completeness with SQL.
 */
export const modelVersions = pgTable(
  'model_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    modelId: uuid('model_id')
      .notNull()
      .references(() => registeredModels.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    source: text('source'),
    /** Lineage: the run that produced the artifacts. Kept (set null) if the run is purged. */
    runId: text('run_id').references(() => runs.id, { onDelete: 'set null' }),
    /** Lineage: the MLflow 3 logged model registered (`models:/m-…`). Kept (set null) if the model's experiment is purged. */
    loggedModelId: text('logged_model_id').references(() => loggedModels.id, { onDelete: 'set null' }),
    description: text('description'),
    status: text('status').$type<VersionStatus>().notNull().default('READY'),
    statusMessage: text('status_message'),
    stage: text('stage').$type<ModelStage>().notNull().default('None'),
    stageUpdatedAt: ts('stage_updated_at').notNull().defaultNow(),
    intendedUse: text('intended_use'),
    limitations: text('limitations'),
    trainingData: text('training_data'),
    evaluationData: text('evaluation_data'),
    metricsSummary: text('metrics_summary'),
    ethicalConsiderations: text('ethical_considerations'),
    owners: text('owners').array().notNull().default(sql`'{}'::text[]`),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('model_versions_number_unique_per_model').on(t.modelId, t.version),
    uniqueIndex('model_versions_one_production_per_model').on(t.modelId).where(sql`${t.stage} = 'Production'`),
    index('model_versions_run_idx').on(t.runId),
    index('model_versions_logged_model_idx').on(t.loggedModelId),
    index('model_versions_model_stage_idx').on(t.modelId, t.stage),
    check('model_versions_number_positive', sql`${t.version} >= 1`),
    check('model_versions_stage_known', sql`${t.stage} in ${STAGE_LIST}`),
    check('model_versions_status_known', sql`${t.status} in ('READY', 'PENDING_REGISTRATION', 'FAILED_REGISTRATION')`),
  ],
);

export const modelVersionTags = pgTable(
  'model_version_tags',
  {
    versionId: uuid('version_id')
      .notNull()
      .references(() => modelVersions.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ name: 'model_version_tags_pk', columns: [t.versionId, t.key] })],
);

/** Alias names follow MLflow: `[\w-]`, at most 255, not `latest`, not `v<digits>` (those resolve to versions). */
export const modelAliases = pgTable(
  'model_aliases',
  {
    modelId: uuid('model_id')
      .notNull()
      .references(() => registeredModels.id, { onDelete: 'cascade' }),
    alias: text('alias').notNull(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => modelVersions.id, { onDelete: 'cascade' }),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'model_aliases_one_per_name', columns: [t.modelId, t.alias] }),
    index('model_aliases_version_idx').on(t.versionId),
    check('model_aliases_name_rules', sql`${t.alias} ~ '^[A-Za-z0-9_-]{1,255}$' and lower(${t.alias}) <> 'latest' and ${t.alias} !~ '^[vV][0-9]+$'`),
  ],
);

/** Aliases (e.g. `champion`) that move only through an approved request, unless the policy asks for 0 approvals. */
export const protectedAliases = pgTable(
  'protected_aliases',
  {
    modelId: uuid('model_id')
      .notNull()
      .references(() => registeredModels.id, { onDelete: 'cascade' }),
    alias: text('alias').notNull(),
    protectedBy: uuid('protected_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'protected_aliases_one_per_name', columns: [t.modelId, t.alias] })],
);

/**
 * Sign-off rules per target (a stage, or `alias` for protected aliases): one row per (model, target), or a
 * default row (model_id null) per target; without either the service uses its built-in defaults
 * (Staging 1, Production 1, alias 1, Archived 0, None 0).
 *
 * Room for governance: `min_compliance_score` (0…1, null = no gate) and `gates` (a JSON list of named gate
 * objects, e.g. `{ "kind": "policy", "policyId": "…" }`) are stored today and not yet enforced; a governance
 * step can check them before applying a request without reshaping this table.
 */
export const registryPolicies = pgTable(
  'registry_policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    modelId: uuid('model_id').references(() => registeredModels.id, { onDelete: 'cascade' }),
    target: text('target').$type<PolicyTarget>().notNull(),
    requiredApprovals: integer('required_approvals').notNull(),
    minComplianceScore: doublePrecision('min_compliance_score'),
    gates: jsonb('gates').$type<unknown[]>().notNull().default([]),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('registry_policies_one_per_model_target').on(t.modelId, t.target).where(sql`${t.modelId} is not null`),
    uniqueIndex('registry_policies_one_default_per_target').on(t.target).where(sql`${t.modelId} is null`),
    check('registry_policies_target_known', sql`${t.target} in ('None', 'Staging', 'Production', 'Archived', 'alias')`),
    check('registry_policies_approvals_range', sql`${t.requiredApprovals} between 0 and 10`),
    check('registry_policies_score_range', sql`${t.minComplianceScore} is null or (${t.minComplianceScore} >= 0 and ${t.minComplianceScore} <= 1)`),
    check('registry_policies_gates_array', sql`jsonb_typeof(${t.gates}) = 'array'`),
  ],
);

/**
 * A request to move a version into a stage (`stage`), to point an alias at it (`alias`), or to make it
 * Production again (`rollback`). `target` is the stage, or the alias name. What the approver saw is kept
 * for the staleness check: the version's stage and the target's holder when the request was made.
 */
export const transitionRequests = pgTable(
  'transition_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    modelId: uuid('model_id')
      .notNull()
      .references(() => registeredModels.id, { onDelete: 'cascade' }),
    versionId: uuid('version_id')
      .notNull()
      .references(() => modelVersions.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<RequestKind>().notNull(),
    target: text('target').notNull(),
    archiveExisting: boolean('archive_existing').notNull().default(false),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    comment: text('comment'),
    status: text('status').$type<RequestStatus>().notNull().default('pending'),
    stageAtRequest: text('stage_at_request').$type<ModelStage>().notNull(),
    /** The version holding Production (stage/rollback to Production) or the alias (alias requests) when asked; null if none. */
    holderAtRequest: uuid('holder_at_request'),
    createdAt: ts('created_at').notNull().defaultNow(),
    decidedAt: ts('decided_at'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('transition_requests_one_pending_per_target').on(t.versionId, t.kind, t.target).where(sql`${t.status} = 'pending'`),
    index('transition_requests_status_created_idx').on(t.status, t.createdAt, t.id),
    index('transition_requests_model_idx').on(t.modelId, t.createdAt),
    check('transition_requests_kind_known', sql`${t.kind} in ('stage', 'alias', 'rollback')`),
    check('transition_requests_status_known', sql`${t.status} in ('pending', 'approved', 'rejected', 'cancelled', 'applied')`),
    check(
      'transition_requests_target_fits_kind',
      sql`(${t.kind} = 'stage' and ${t.target} in ${STAGE_LIST}) or (${t.kind} = 'rollback' and ${t.target} = 'Production') or (${t.kind} = 'alias' and ${t.target} ~ '^[A-Za-z0-9_-]{1,255}$')`,
    ),
  ],
);

/** One decision per approver and request; the requester never appears here (four-eyes, enforced by the service). */
export const transitionApprovals = pgTable(
  'transition_approvals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => transitionRequests.id, { onDelete: 'cascade' }),
    approverId: uuid('approver_id')
      .notNull()
      .references(() => users.id),
    decision: text('decision').$type<Decision>().notNull(),
    comment: text('comment'),
    decidedAt: ts('decided_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('transition_approvals_one_per_approver').on(t.requestId, t.approverId),
    check('transition_approvals_decision_known', sql`${t.decision} in ('approve', 'reject')`),
  ],
);

/**
 * Everything that changed which version holds a stage or an alias, in order: version created (stage None),
 * stage moves, alias set/removed, version deleted. "Who was in Production at T" is the last stage event per
 * version at or before T. `version` is copied so that the answer survives deleting the version.
 */
export const modelStageHistory = pgTable(
  'model_stage_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    modelId: uuid('model_id')
      .notNull()
      .references(() => registeredModels.id, { onDelete: 'cascade' }),
    versionId: uuid('version_id').references(() => modelVersions.id, { onDelete: 'set null' }),
    version: integer('version'),
    kind: text('kind').$type<HistoryKind>().notNull(),
    fromStage: text('from_stage').$type<ModelStage>(),
    toStage: text('to_stage').$type<ModelStage>(),
    alias: text('alias'),
    /** For alias events: the version the alias pointed to before (null if it was new). */
    previousVersion: integer('previous_version'),
    at: ts('at').notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    requestId: uuid('request_id').references(() => transitionRequests.id, { onDelete: 'set null' }),
    emergency: boolean('emergency').notNull().default(false),
    reason: text('reason'),
  },
  (t) => [
    index('model_stage_history_model_at_idx').on(t.modelId, t.at, t.id),
    index('model_stage_history_alias_idx').on(t.modelId, t.alias, t.at),
    check('model_stage_history_kind_known', sql`${t.kind} in ('created', 'stage', 'alias', 'deleted')`),
    check('model_stage_history_stage_known', sql`(${t.fromStage} is null or ${t.fromStage} in ${STAGE_LIST}) and (${t.toStage} is null or ${t.toStage} in ${STAGE_LIST})`),
  ],
);
