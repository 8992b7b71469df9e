import { z } from 'zod';
import { DECISIONS, MODEL_STAGES, POLICY_TARGETS, REQUEST_KINDS, REQUEST_STATUSES, VERSION_STATUSES } from '@/db/schema/registry';
import { LoggedModelId } from '@/lib/experiments/logged-model-schemas';
import { MetricValueOutput, RunId, TagKey, TagMap, TagValue } from '@/lib/experiments/schemas';
import { booleanish } from '@/lib/services/zod-helpers';

/*
 * Inputs and views of the registry, shared by every door (services, /api/v1, the MLflow registry API, the UI).
 * Models are addressed by name; versions by their id, or by model name and version number.
 */

export const MAX_MODEL_NAME_LENGTH = 256;
export const MAX_DESCRIPTION_LENGTH = 20_000;
export const MAX_CARD_FIELD_LENGTH = 20_000;
export const MAX_ALIAS_LENGTH = 255;

export const ModelStageSchema = z.enum(MODEL_STAGES);
export const VersionStatusSchema = z.enum(VERSION_STATUSES);
export const RequestKindSchema = z.enum(REQUEST_KINDS);
export const RequestStatusSchema = z.enum(REQUEST_STATUSES);
export const DecisionSchema = z.enum(DECISIONS);
export const PolicyTargetSchema = z.enum(POLICY_TARGETS);

/** For pages and components, which must not reach into db/. */
export { REQUEST_STATUSES };
export type { ModelStage } from '@/db/schema/registry';

export const ModelName = z
  .string({ message: 'name is required' })
  .trim()
  .min(1, 'name is required')
  .max(MAX_MODEL_NAME_LENGTH, `name must be at most ${MAX_MODEL_NAME_LENGTH} characters`)
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'name must not contain control characters');

/** MLflow's alias rules: `[\w-]`, ≤ 255, not `latest`, not `v<digits>` (both resolve to versions). */
export const AliasName = z
  .string({ message: 'alias is required' })
  .min(1, 'alias is required')
  .max(MAX_ALIAS_LENGTH, `alias must be at most ${MAX_ALIAS_LENGTH} characters`)
  .regex(/^[A-Za-z0-9_-]+$/, 'alias may only contain letters, digits, underscores (_) and dashes (-)')
  .refine((a) => a.toLowerCase() !== 'latest', { message: "alias must not be 'latest' (it always means the newest version)" })
  .refine((a) => !/^[vV]\d+$/.test(a), { message: "alias must not look like a version reference ('v' followed by digits)" });

export const VersionNumber = z.coerce.number({ message: 'version must be a positive integer' }).int('version must be a positive integer').min(1, 'version must be a positive integer');
const Uuid = z.string().uuid('must be an id (uuid)');

/** A version by id (`id`), or by model name and number (`name` + `version`). */
export const VersionRef = z
  .object({ id: Uuid.optional(), name: ModelName.optional(), version: VersionNumber.optional() })
  .refine((v) => v.id !== undefined || (v.name !== undefined && v.version !== undefined), { message: 'give the version id, or the model name and version number' });
export type VersionRef = z.output<typeof VersionRef>;

export const Markdown = z.string().max(MAX_DESCRIPTION_LENGTH, `must be at most ${MAX_DESCRIPTION_LENGTH} characters`);
const CardText = z.string().max(MAX_CARD_FIELD_LENGTH, `must be at most ${MAX_CARD_FIELD_LENGTH} characters`).nullable();

/** Model card: structured fields; `owners` is a list of people or teams (emails or names). */
export const ModelCardInput = z.object({
  intendedUse: CardText.optional(),
  limitations: CardText.optional(),
  trainingData: CardText.optional(),
  evaluationData: CardText.optional(),
  metricsSummary: CardText.optional(),
  ethicalConsiderations: CardText.optional(),
  owners: z.array(z.string().trim().min(1).max(320)).max(50, 'at most 50 owners').optional(),
});
export type ModelCardInput = z.output<typeof ModelCardInput>;
export const MODEL_CARD_FIELDS = ['intendedUse', 'limitations', 'trainingData', 'evaluationData', 'metricsSummary', 'ethicalConsiderations', 'owners'] as const;

const PageSize = (max: number, dflt: number) => z.coerce.number().int().min(1).max(max).default(dflt);
const When = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a zone, e.g. 2026-05-01T12:00:00Z' }).transform((s) => new Date(s));

// ---------------------------------------------------------------- views

export const UserRef = z.object({ id: z.string(), email: z.string().nullable(), name: z.string().nullable() });
export type UserRef = z.infer<typeof UserRef>;

export const CardCompleteness = z.object({
  filled: z.number().int(),
  total: z.number().int(),
  missing: z.array(z.enum(MODEL_CARD_FIELDS)),
});
export type CardCompleteness = z.infer<typeof CardCompleteness>;

export const ModelCardView = z.object({
  intendedUse: z.string().nullable(),
  limitations: z.string().nullable(),
  trainingData: z.string().nullable(),
  evaluationData: z.string().nullable(),
  metricsSummary: z.string().nullable(),
  ethicalConsiderations: z.string().nullable(),
  owners: z.array(z.string()),
});

export const VersionView = z.object({
  id: z.string(),
  modelId: z.string(),
  modelName: z.string(),
  version: z.number().int(),
  source: z.string().nullable(),
  runId: z.string().nullable(),
  loggedModelId: z.string().nullable().describe('the MLflow 3 logged model registered, when there is one'),
  description: z.string().nullable(),
  status: VersionStatusSchema,
  statusMessage: z.string().nullable(),
  stage: ModelStageSchema,
  stageUpdatedAt: z.string(),
  card: ModelCardView,
  cardCompleteness: CardCompleteness,
  tags: z.record(z.string(), z.string()),
  aliases: z.array(z.string()),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type VersionView = z.infer<typeof VersionView>;

export const VersionBrief = z.object({ id: z.string(), version: z.number().int(), stage: ModelStageSchema, status: VersionStatusSchema, createdAt: z.string() });
export type VersionBrief = z.infer<typeof VersionBrief>;

export const AliasView = z.object({ alias: z.string(), version: z.number().int().nullable(), versionId: z.string().nullable(), protected: z.boolean() });
export type AliasView = z.infer<typeof AliasView>;

export const ModelView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  ownerId: z.string().nullable(),
  ownerEmail: z.string().nullable(),
  tags: z.record(z.string(), z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  versionCount: z.number().int(),
  latestVersion: VersionBrief.nullable(),
  production: VersionBrief.nullable(),
  staging: z.array(VersionBrief),
  /** Assigned aliases, plus protected aliases not assigned yet (version null). */
  aliases: z.array(AliasView),
  pendingRequests: z.number().int(),
});
export type ModelView = z.infer<typeof ModelView>;

export const ApprovalView = z.object({ approver: UserRef, decision: DecisionSchema, comment: z.string().nullable(), decidedAt: z.string() });

export const RequestView = z.object({
  id: z.string(),
  modelId: z.string(),
  modelName: z.string(),
  versionId: z.string(),
  version: z.number().int(),
  kind: RequestKindSchema,
  /** The stage (kind stage/rollback) or the alias name (kind alias). */
  target: z.string(),
  archiveExisting: z.boolean(),
  comment: z.string().nullable(),
  status: RequestStatusSchema,
  requestedBy: UserRef.nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: UserRef.nullable(),
  stageAtRequest: ModelStageSchema,
  holderAtRequest: z.number().int().nullable().describe('version holding Production or the alias when asked'),
  requiredApprovals: z.number().int(),
  approvals: z.array(ApprovalView),
  stale: z.boolean().describe('pending, but the version’s stage or the target’s holder changed since; it cannot be approved'),
});
export type RequestView = z.infer<typeof RequestView>;

export const VersionSummary = z.object({
  id: z.string(),
  version: z.number().int(),
  stage: ModelStageSchema,
  runId: z.string().nullable(),
  source: z.string().nullable(),
  cardCompleteness: CardCompleteness,
});
export type VersionSummary = z.infer<typeof VersionSummary>;

export const MetricDiff = z.object({
  key: z.string(),
  candidate: MetricValueOutput.nullable(),
  holder: MetricValueOutput.nullable(),
  /** candidate − holder when both are finite numbers. */
  difference: z.number().nullable(),
});
export const ParamDiff = z.object({ key: z.string(), candidate: z.string().nullable(), holder: z.string().nullable(), changed: z.boolean() });

/** What an approver needs to decide: the request, the candidate against the current holder of the target. */
export const ReviewView = z.object({
  request: RequestView,
  candidate: VersionSummary,
  holder: VersionSummary.nullable(),
  metrics: z.array(MetricDiff),
  params: z.array(ParamDiff),
});
export type ReviewView = z.infer<typeof ReviewView>;

export const PolicyRuleView = z.object({
  target: PolicyTargetSchema,
  requiredApprovals: z.number().int(),
  minComplianceScore: z.number().nullable(),
  gates: z.array(z.unknown()),
  source: z.enum(['model', 'default', 'built-in']),
});
export const PolicyView = z.object({ modelName: z.string().nullable(), rules: z.array(PolicyRuleView) });
export type PolicyView = z.infer<typeof PolicyView>;

export const HistoryEventView = z.object({
  id: z.number().int(),
  at: z.string(),
  kind: z.enum(['created', 'stage', 'alias', 'deleted']),
  version: z.number().int().nullable(),
  fromStage: ModelStageSchema.nullable(),
  toStage: ModelStageSchema.nullable(),
  alias: z.string().nullable(),
  previousVersion: z.number().int().nullable(),
  actor: UserRef.nullable(),
  requestId: z.string().nullable(),
  emergency: z.boolean(),
  reason: z.string().nullable(),
});
export type HistoryEventView = z.infer<typeof HistoryEventView>;

// ---------------------------------------------------------------- model inputs

export const ModelRef = z.object({ name: ModelName });

export const CreateModelInput = z.object({ name: ModelName, description: Markdown.optional(), tags: TagMap.optional() });
export const RenameModelInput = z.object({ name: ModelName, newName: ModelName });
export const UpdateModelInput = z.object({ name: ModelName, description: Markdown.nullable() });
export const SetModelTagInput = z.object({ name: ModelName, key: TagKey, value: TagValue });
export const DeleteModelTagInput = z.object({ name: ModelName, key: TagKey });

export const SearchModelsInput = z.object({
  q: z.string().trim().max(200).optional().describe('substring of the name, case-insensitive'),
  pageSize: PageSize(200, 50),
  pageToken: z.string().optional(),
});
export const SearchModelsOutput = z.object({ models: z.array(ModelView), nextPageToken: z.string().nullable() });

// ---------------------------------------------------------------- version inputs

export const CreateVersionInput = z
  .object({
    name: ModelName,
    source: z.string().trim().min(1).max(2000).optional().describe('artifact URI; runs:/<runId>/model when only runId is given'),
    runId: RunId.optional(),
    loggedModelId: LoggedModelId.optional().describe('the logged model registered; taken from a models:/m-… source when absent, and its source run becomes runId when none is given'),
    description: Markdown.optional(),
    status: VersionStatusSchema.default('READY'),
    statusMessage: z.string().max(2000).optional(),
    tags: TagMap.optional(),
  })
  .extend(ModelCardInput.shape);

export const UpdateVersionInput = z
  .object({
    id: Uuid.optional(),
    name: ModelName.optional(),
    version: VersionNumber.optional(),
    description: Markdown.nullable().optional(),
    status: VersionStatusSchema.optional(),
    statusMessage: z.string().max(2000).nullable().optional(),
  })
  .extend(ModelCardInput.shape)
  .refine((v) => v.id !== undefined || (v.name !== undefined && v.version !== undefined), { message: 'give the version id, or the model name and version number' });

export const SetVersionTagInput = z.object({ id: Uuid.optional(), name: ModelName.optional(), version: VersionNumber.optional(), key: TagKey, value: TagValue });
export const DeleteVersionTagInput = z.object({ id: Uuid.optional(), name: ModelName.optional(), version: VersionNumber.optional(), key: TagKey });

export const ListVersionsInput = z.object({
  name: ModelName,
  stage: ModelStageSchema.optional(),
  pageSize: PageSize(500, 100),
  pageToken: z.string().optional(),
});
export const ListVersionsOutput = z.object({ versions: z.array(VersionView), nextPageToken: z.string().nullable() });

export const SearchVersionsInput = z.object({
  name: ModelName.optional(),
  runId: RunId.optional().describe('versions registered from this run'),
  stage: ModelStageSchema.optional(),
  pageSize: PageSize(500, 100),
  pageToken: z.string().optional(),
});

// ---------------------------------------------------------------- aliases and policy

export const SetAliasInput = z.object({ name: ModelName, alias: AliasName, version: VersionNumber });
export const AliasRef = z.object({ name: ModelName, alias: AliasName });
/** Alias lookups take any existing alias name (rules apply when setting one). */
export const AliasLookup = z.object({ name: ModelName, alias: z.string().min(1).max(MAX_ALIAS_LENGTH) });
export const AliasOutput = z.object({ modelName: z.string(), alias: z.string(), version: z.number().int().nullable(), protected: z.boolean() });

export const GetPolicyInput = z.object({ name: ModelName.optional().describe('omit for the default policy') });
export const ResetPolicyInput = z.object({ name: ModelName.describe('the model whose own rules are dropped, so the default applies again') });
export const SetPolicyInput = z.object({
  name: ModelName.optional().describe('omit to set the default for every model without its own rule'),
  target: PolicyTargetSchema,
  requiredApprovals: z.coerce.number().int().min(0).max(10),
  minComplianceScore: z.number().min(0).max(1).nullable().optional().describe('stored for the governance gate; not enforced yet'),
  gates: z.array(z.record(z.string(), z.unknown())).max(50).optional().describe('stored for the governance gate; not enforced yet'),
});

// ---------------------------------------------------------------- transitions

export const RequestTransitionInput = z
  .object({
    id: Uuid.optional(),
    name: ModelName.optional(),
    version: VersionNumber.optional(),
    kind: z.enum(['stage', 'alias']).default('stage'),
    /** A stage for kind stage, an alias name for kind alias. */
    target: z.string().min(1).max(MAX_ALIAS_LENGTH),
    archiveExisting: booleanish.optional().describe('move the target stage’s other versions to Archived; default true for Production, false otherwise'),
    comment: z.string().max(5000).optional(),
  })
  .refine((v) => v.id !== undefined || (v.name !== undefined && v.version !== undefined), { message: 'give the version id, or the model name and version number' })
  .superRefine((v, ctx) => {
    const check = v.kind === 'stage' ? ModelStageSchema.safeParse(v.target) : AliasName.safeParse(v.target);
    if (!check.success) ctx.addIssue({ code: 'custom', path: ['target'], message: v.kind === 'stage' ? `target must be one of ${MODEL_STAGES.join(', ')}` : check.error.issues[0].message });
  });

export const DecideTransitionInput = z.object({ id: Uuid, decision: DecisionSchema, comment: z.string().max(5000).optional() });
export const RequestRef = z.object({ id: Uuid });

export const RequestRollbackInput = z.object({
  name: ModelName,
  version: VersionNumber.optional().describe('the version to put back in Production; default the previous Production holder'),
  comment: z.string().max(5000).optional(),
});
export const EmergencyRollbackInput = z.object({
  name: ModelName,
  version: VersionNumber.optional().describe('default the previous Production holder'),
  reason: z.string({ message: 'reason is required' }).trim().min(10, 'reason is required (at least 10 characters)').max(5000),
});

/** The outcome of a request or a decision: the request as it is now, and whether the transition was applied. */
export const TransitionOutput = z.object({ request: RequestView, applied: z.boolean() });
export const EmergencyRollbackOutput = z.object({ model: ModelView, archived: z.array(z.number().int()), restored: z.number().int() });

export const ListRequestsInput = z.object({
  status: RequestStatusSchema.default('pending'),
  name: ModelName.optional().describe('only requests on this model'),
  decidable: booleanish.optional().describe('only requests the caller could decide (not their own, not yet decided by them)'),
  mine: booleanish.optional().describe('only the caller’s own requests'),
  versionId: Uuid.optional().describe('only requests on this version (by id)'),
  version: VersionNumber.optional().describe('only requests on this version number of the model given by `name`'),
  order: z.enum(['oldest', 'newest']).default('oldest').describe('oldest first (the inbox) or newest first (histories); page tokens keep the order they were made with'),
  pageSize: PageSize(100, 25),
  pageToken: z.string().optional(),
});
export const ListRequestsOutput = z.object({ requests: z.array(ReviewView), nextPageToken: z.string().nullable() });

// ---------------------------------------------------------------- history

export const StageAtInput = z.object({ name: ModelName, stage: ModelStageSchema, at: When });
export const StageAtOutput = z.object({
  modelName: z.string(),
  stage: ModelStageSchema,
  at: z.string(),
  /** Versions in the stage at that moment (at most one for Production). */
  versions: z.array(z.number().int()),
  version: z.number().int().nullable().describe('the first of `versions`, or null'),
});
export const AliasAtInput = z.object({ name: ModelName, alias: AliasName, at: When });
export const AliasAtOutput = z.object({ modelName: z.string(), alias: z.string(), at: z.string(), version: z.number().int().nullable() });
export const TimelineInput = z.object({ name: ModelName, pageSize: PageSize(500, 100), pageToken: z.string().optional() });
export const TimelineOutput = z.object({ events: z.array(HistoryEventView), nextPageToken: z.string().nullable() });

export { TagMap };
