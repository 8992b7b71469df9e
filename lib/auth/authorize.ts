import type { GrantLevel } from '@/db/schema/identity';
import { ForbiddenError } from '@/lib/errors';
import type { Actor } from './actor';
import { type Permission, permissionRule } from './permissions';

const LEVEL_ORDER: Record<GrantLevel, number> = { READ: 1, EDIT: 2, MANAGE: 3 };

/** A resource with per-user rights (experiment, registered model), as loaded by the service. */
export interface GrantedResource {
  type: string;
  id: string;
  ownerId: string | null;
  /** The actor's own grant on this resource, if any. */
  grantLevel?: GrantLevel | null;
}

/** Pure decision; returns the reason when refused. */
export function checkPermission(actor: Actor, permission: Permission, resource?: GrantedResource): { ok: true } | { ok: false; code: string; message: string } {
  const rule = permissionRule(permission);
  if (!(rule.roles as readonly string[]).includes(actor.role)) {
    return { ok: false, code: 'forbidden', message: `The ${actor.role} role may not ${rule.description} (permission '${permission}').` };
  }
  if (rule.write && actor.kind === 'token' && !actor.scopes?.includes('write')) {
    return { ok: false, code: 'token_scope', message: `This API token has no 'write' scope; '${permission}' needs it.` };
  }
  const needed = (rule as { resourceLevel?: GrantLevel }).resourceLevel;
  // Resources nobody owns (the `Default` experiment, system-created ones) are governed by role alone.
  if (needed && resource && resource.ownerId !== null && actor.role !== 'admin' && actor.kind !== 'system') {
    const isOwner = resource.ownerId === actor.userId;
    const granted = resource.grantLevel ? LEVEL_ORDER[resource.grantLevel] : 0;
    if (!isOwner && granted < LEVEL_ORDER[needed]) {
      return { ok: false, code: 'forbidden', message: `You need ${needed} on ${resource.type} '${resource.id}' (owner or grant) to do this.` };
    }
  }
  return { ok: true };
}

/** Throws ForbiddenError unless the actor may use the permission (on the resource, when given). */
export function authorize(actor: Actor, permission: Permission, resource?: GrantedResource): void {
  const decision = checkPermission(actor, permission, resource);
  if (!decision.ok) throw new ForbiddenError(decision.code, decision.message);
}

/** For the UI: may this actor use the permission at all (role and scope only)? */
export function can(actor: Pick<Actor, 'role' | 'kind' | 'scopes'>, permission: Permission): boolean {
  return checkPermission({ ...actor, userId: null, email: null, name: '', meta: { requestId: null, ip: null, userAgent: null } }, permission).ok;
}
