import { z } from 'zod';
import { GRANT_LEVELS, GRANT_RESOURCE_TYPES } from '@/db/schema/identity';
import { ExperimentId } from '@/lib/experiments/schemas';
import { ModelName } from '@/lib/registry/schemas';

/*
 * Inputs and views of resource grants (READ / EDIT / MANAGE for one user on one experiment or registered
 * model), shared by the services, /api/v1 and the UI. A resource is addressed like its own domain does it:
 * a model by `name`, an experiment by `id`.
 */

export { GRANT_LEVELS, GRANT_RESOURCE_TYPES };
export type { GrantLevel, GrantResourceType } from '@/db/schema/identity';

export const GrantLevelSchema = z.enum(GRANT_LEVELS, { message: `level must be one of ${GRANT_LEVELS.join(', ')}` });
export const GrantEmail = z
  .string({ message: 'email is required' })
  .trim()
  .toLowerCase()
  .min(1, 'email is required')
  .max(320, 'email must be at most 320 characters')
  .email('email must be an email address');

const ModelTarget = z.object({ resourceType: z.literal('registered_model'), name: ModelName });
const ExperimentTarget = z.object({ resourceType: z.literal('experiment'), id: ExperimentId });

/** The resource, for the services: `{resourceType: 'registered_model', name}` or `{resourceType: 'experiment', id}`. */
export const GrantTarget = z.discriminatedUnion('resourceType', [ModelTarget, ExperimentTarget], { message: "resourceType must be 'registered_model' or 'experiment'" });
export type GrantTarget = z.output<typeof GrantTarget>;

export const ListGrantsInput = GrantTarget;
export const GrantAccessInput = z.discriminatedUnion('resourceType', [
  ModelTarget.extend({ email: GrantEmail, level: GrantLevelSchema }),
  ExperimentTarget.extend({ email: GrantEmail, level: GrantLevelSchema }),
]);
export const RevokeGrantInput = z.discriminatedUnion('resourceType', [ModelTarget.extend({ email: GrantEmail }), ExperimentTarget.extend({ email: GrantEmail })]);

// ------------------------------------------------------------------ door shapes (/api/v1: the path names the resource)

export const ModelGrantsRef = z.object({ name: ModelName });
export const ModelGrantInput = z.object({ name: ModelName, email: GrantEmail, level: GrantLevelSchema });
export const ModelGrantRevokeInput = z.object({ name: ModelName, email: GrantEmail.describe('the user whose grant to revoke') });
export const ExperimentGrantsRef = z.object({ id: ExperimentId });
export const ExperimentGrantInput = z.object({ id: ExperimentId, email: GrantEmail, level: GrantLevelSchema });
export const ExperimentGrantRevokeInput = z.object({ id: ExperimentId, email: GrantEmail.describe('the user whose grant to revoke') });

// ------------------------------------------------------------------ views

const UserBrief = z.object({ id: z.string(), email: z.string().nullable(), name: z.string().nullable() });

export const GrantView = z.object({
  id: z.string(),
  resourceType: z.enum(GRANT_RESOURCE_TYPES),
  /** The model id (uuid) or the experiment id, as stored in resource_grants. */
  resourceId: z.string(),
  user: UserBrief.extend({ role: z.string(), disabled: z.boolean() }),
  level: GrantLevelSchema,
  /** What the grant gives under the user's role: a role without the level's permissions (viewer, approver, auditor) only reads. */
  effectiveLevel: GrantLevelSchema,
  grantedBy: UserBrief.nullable(),
  /** When this level was granted (a level change restarts it). */
  grantedAt: z.string(),
});
export type GrantView = z.infer<typeof GrantView>;

export const GrantsView = z.object({
  resourceType: z.enum(GRANT_RESOURCE_TYPES),
  resourceId: z.string(),
  /** The model name or the experiment name. */
  resourceName: z.string(),
  owner: UserBrief.nullable(),
  grants: z.array(GrantView),
  /** The caller's own rights on the resource: owner or admin → MANAGE, else their grant's level, else null. */
  yourLevel: GrantLevelSchema.nullable(),
  /** May the caller add, change and revoke grants here (permission grant.manage, MANAGE on the resource)? */
  mayManage: z.boolean(),
});
export type GrantsView = z.infer<typeof GrantsView>;

export const GrantChangeView = z.object({
  grant: GrantView.nullable().describe('the grant after the change; null after a revoke'),
  /** 'create', 'update', 'revoke', or 'unchanged' when the user already held that level. */
  change: z.enum(['create', 'update', 'revoke', 'unchanged']),
});
export type GrantChangeView = z.infer<typeof GrantChangeView>;
