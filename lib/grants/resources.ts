import 'server-only';
import { and, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '@/db/client';
import { resourceGrants, users, type GrantLevel, type GrantResourceType } from '@/db/schema/identity';
import type { Actor } from '@/lib/auth/actor';
import { checkPermission } from '@/lib/auth/authorize';
import { getExperimentRow, loadExperimentForWrite } from '@/lib/experiments/access';
import { getModelByName, loadModelForWrite } from '@/lib/registry/access';
import { effectiveLevel } from './levels';
import type { GrantTarget, GrantView } from './schemas';

/** A resource grants are kept on, as resource_grants addresses it. */
export interface GrantResource {
  type: GrantResourceType;
  /** The model id (uuid) or the experiment id, as text. */
  id: string;
  /** The model name or experiment name, for messages. */
  name: string;
  /** How authorize names it (model name, experiment id). */
  label: string;
  ownerId: string | null;
}

export function describeTarget(target: GrantTarget): string {
  return target.resourceType === 'registered_model' ? `registered model '${target.name}'` : `experiment '${target.id}'`;
}

/** The resource without a lock or a rights check, for reading its grants. */
export async function findResource(tx: Db, target: GrantTarget): Promise<GrantResource> {
  if (target.resourceType === 'registered_model') {
    const m = await getModelByName(tx, target.name);
    return { type: 'registered_model', id: m.id, name: m.name, label: m.name, ownerId: m.ownerId };
  }
  const e = await getExperimentRow(tx, target.id);
  return { type: 'experiment', id: String(e.id), name: e.name, label: String(e.id), ownerId: e.ownerId };
}

/**
 * Locks the resource row and checks `grant.manage` on it (owner, MANAGE grant or admin), with the same
 * helpers the resource's own writes use, so grant changes take turns with them. Grants on an experiment in
 * the trash can still be changed: who may restore it is part of what they decide.
 */
export async function loadResourceForGrantChange(tx: Db, actor: Actor, target: GrantTarget): Promise<GrantResource> {
  if (target.resourceType === 'registered_model') {
    const m = await loadModelForWrite(tx, actor, { name: target.name }, 'grant.manage');
    return { type: 'registered_model', id: m.id, name: m.name, label: m.name, ownerId: m.ownerId };
  }
  const e = await loadExperimentForWrite(tx, actor, target.id, 'grant.manage', { allowDeleted: true });
  return { type: 'experiment', id: String(e.id), name: e.name, label: String(e.id), ownerId: e.ownerId };
}

const granter = alias(users, 'granter');

/** The grants on a resource, with grantee and granter, by grantee email. */
export async function loadGrantViews(tx: Db, resource: GrantResource, userId?: string): Promise<GrantView[]> {
  const rows = await tx
    .select({ grant: resourceGrants, user: users, granter: { id: granter.id, email: granter.email, name: granter.name } })
    .from(resourceGrants)
    .innerJoin(users, eq(users.id, resourceGrants.userId))
    .leftJoin(granter, eq(granter.id, resourceGrants.grantedBy))
    .where(and(eq(resourceGrants.resourceType, resource.type), eq(resourceGrants.resourceId, resource.id), userId ? eq(resourceGrants.userId, userId) : undefined))
    .orderBy(users.email);
  return rows.map(({ grant, user, granter: by }) => ({
    id: grant.id,
    resourceType: grant.resourceType,
    resourceId: grant.resourceId,
    user: { id: user.id, email: user.email, name: user.name, role: user.role, disabled: user.disabledAt !== null },
    level: grant.level,
    effectiveLevel: effectiveLevel(resource.type, user.role, grant.level),
    grantedBy: by && by.id ? { id: by.id, email: by.email, name: by.name } : null,
    grantedAt: grant.createdAt.toISOString(),
  }));
}

/** The caller's own standing on the resource, and whether they may manage its grants. */
export function callerRights(actor: Actor, resource: GrantResource, ownGrant: GrantLevel | null): { yourLevel: GrantLevel | null; mayManage: boolean } {
  const yourLevel: GrantLevel | null = actor.role === 'admin' || actor.kind === 'system' || (actor.userId !== null && resource.ownerId === actor.userId) ? 'MANAGE' : ownGrant;
  const mayManage = resource.ownerId !== null && checkPermission(actor, 'grant.manage', { type: resource.type, id: resource.label, ownerId: resource.ownerId, grantLevel: ownGrant }).ok;
  return { yourLevel, mayManage };
}
