import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { resourceGrants, users } from '@/db/schema/identity';
import { recordAudit } from '@/lib/audit/record-audit';
import { RuleViolationError } from '@/lib/errors';
import { defineService } from '@/lib/services/define-service';
import { describeTarget, loadGrantViews, loadResourceForGrantChange, type GrantResource } from './resources';
import { GrantAccessInput, type GrantChangeView, type GrantView } from './schemas';

type UserRow = typeof users.$inferSelect;

/** The user a grant is for, by email; 422 naming `email` when there is none. */
export async function granteeByEmail(tx: Db, email: string): Promise<UserRow> {
  const [user] = await tx.select().from(users).where(eq(users.email, email));
  if (!user) throw new RuleViolationError('unknown_user', `email: no user has the email '${email}'.`, { field: 'email' });
  return user;
}

export function auditShape(g: GrantView | null) {
  return g ? { userId: g.user.id, email: g.user.email, level: g.level } : null;
}

function refuseUselessGrant(resource: GrantResource, actorId: string | null, user: UserRow): void {
  if (resource.ownerId === null) {
    throw new RuleViolationError('no_owner', `The ${resource.type === 'experiment' ? 'experiment' : 'model'} '${resource.name}' has no owner: rights on it come from roles alone, so a grant would change nothing.`);
  }
  if (user.id === resource.ownerId) throw new RuleViolationError('grant_to_owner', `email: '${user.email}' owns '${resource.name}' and has MANAGE on it already.`, { field: 'email' });
  if (user.id === actorId) throw new RuleViolationError('grant_to_self', 'email: you cannot grant yourself rights; ask another manager of this resource.', { field: 'email' });
}

/**
 * Gives a user READ, EDIT or MANAGE on an experiment or a registered model, or changes the level they hold
 * (one grant per user and resource). Needs grant.manage with MANAGE on the resource (owner, MANAGE grant,
 * admin). A grant never lifts a role's limits: authorize checks the role first, so a viewer with EDIT still
 * only reads (the view's `effectiveLevel` says so). Granting the level already held changes nothing and
 * records no event.
 */
export const grantAccess = defineService({
  name: 'grants.grant',
  permission: 'grant.manage',
  input: GrantAccessInput,
  async run({ tx, actor }, input): Promise<GrantChangeView> {
    const resource = await loadResourceForGrantChange(tx, actor, input);
    const user = await granteeByEmail(tx, input.email);
    refuseUselessGrant(resource, actor.userId, user);
    if (user.disabledAt) throw new RuleViolationError('user_disabled', `email: the account '${user.email}' is disabled; enable it before granting it rights.`, { field: 'email' });
    const [before] = await loadGrantViews(tx, resource, user.id);
    if (before?.level === input.level) return { grant: before, change: 'unchanged' };
    if (before) {
      await tx
        .update(resourceGrants)
        .set({ level: input.level, grantedBy: actor.userId, createdAt: new Date() })
        .where(and(eq(resourceGrants.id, before.id)));
    } else {
      await tx.insert(resourceGrants).values({ resourceType: resource.type, resourceId: resource.id, userId: user.id, level: input.level, grantedBy: actor.userId });
    }
    const [after] = await loadGrantViews(tx, resource, user.id);
    if (!after) throw new Error(`grant on ${describeTarget(input)} vanished inside its own transaction`);
    const change = before ? 'update' : 'create';
    await recordAudit(tx, actor, `grant.${change}`, { type: resource.type, id: resource.id }, { before: auditShape(before ?? null), after: auditShape(after) });
    return { grant: after, change };
  },
});
