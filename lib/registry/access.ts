import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { resourceGrants } from '@/db/schema/identity';
import { modelVersions, registeredModels, transitionRequests } from '@/db/schema/registry';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/authorize';
import type { Permission } from '@/lib/auth/permissions';
import { NotFoundError } from '@/lib/errors';
import './constraints';

export type ModelRow = typeof registeredModels.$inferSelect;
export type VersionRow = typeof modelVersions.$inferSelect;
export type RequestRow = typeof transitionRequests.$inferSelect;

/** A version as addressed by callers: by id, or by model name and number (schemas.ts `VersionRef`). */
export interface VersionAddress {
  id?: string;
  name?: string;
  version?: number;
}

function grantJoin(actor: Actor) {
  return and(
    eq(resourceGrants.resourceType, 'registered_model'),
    eq(resourceGrants.resourceId, sql`${registeredModels.id}::text`),
    actor.userId ? eq(resourceGrants.userId, actor.userId) : sql`false`,
  );
}

/**
 * Locks the model row (FOR UPDATE) and checks the actor's rights on it: the owner has MANAGE, others need
 * a 'registered_model' grant of the permission's level, admins and the system pass, and a model nobody
 * owns is governed by role alone. Every registry write locks the model row first, so writers of one model
 * take turns (version numbers stay dense, one Production stays one) and cannot deadlock on each other.
 */
export async function loadModelForWrite(tx: Db, actor: Actor, by: { name: string } | { id: string }, permission: Permission): Promise<ModelRow> {
  const [found] = await tx
    .select({ model: registeredModels, grantLevel: resourceGrants.level })
    .from(registeredModels)
    .leftJoin(resourceGrants, grantJoin(actor))
    .where('name' in by ? eq(registeredModels.name, by.name) : eq(registeredModels.id, by.id))
    .for('update', { of: registeredModels });
  if (!found) throw new NotFoundError('Registered model', 'name' in by ? by.name : by.id);
  authorize(actor, permission, { type: 'registered_model', id: found.model.name, ownerId: found.model.ownerId, grantLevel: found.grantLevel });
  return found.model;
}

/** Locks the model row without a rights check, for decisions whose right comes from the role alone (approvers). */
export async function lockModel(tx: Db, modelId: string): Promise<ModelRow> {
  const [row] = await tx.select().from(registeredModels).where(eq(registeredModels.id, modelId)).for('update');
  if (!row) throw new NotFoundError('Registered model', modelId);
  return row;
}

export async function getModelByName(tx: Db, name: string): Promise<ModelRow> {
  const [row] = await tx.select().from(registeredModels).where(eq(registeredModels.name, name));
  if (!row) throw new NotFoundError('Registered model', name);
  return row;
}

function describeAddress(ref: VersionAddress): string {
  return ref.id ?? `${ref.name} v${ref.version}`;
}

/** Finds a version without locking it. */
export async function findVersion(tx: Db, ref: VersionAddress): Promise<{ model: ModelRow; version: VersionRow }> {
  const where = ref.id ? eq(modelVersions.id, ref.id) : and(eq(registeredModels.name, ref.name!), eq(modelVersions.version, ref.version!));
  const [found] = await tx
    .select({ model: registeredModels, version: modelVersions })
    .from(modelVersions)
    .innerJoin(registeredModels, eq(registeredModels.id, modelVersions.modelId))
    .where(where);
  if (!found) throw new NotFoundError('Model version', describeAddress(ref));
  return found;
}

/** Locks the version's model (checking the actor's rights on it, see loadModelForWrite), then the version row. */
export async function loadVersionForWrite(tx: Db, actor: Actor, ref: VersionAddress, permission: Permission): Promise<{ model: ModelRow; version: VersionRow }> {
  const { model } = await findVersion(tx, ref);
  const locked = await loadModelForWrite(tx, actor, { id: model.id }, permission);
  const version = await lockVersion(tx, ref.id ? { id: ref.id } : { modelId: locked.id, version: ref.version! }, describeAddress(ref));
  return { model: locked, version };
}

/** Locks one version row, after its model row has been locked. */
export async function lockVersion(tx: Db, by: { id: string } | { modelId: string; version: number }, label?: string): Promise<VersionRow> {
  const where = 'id' in by ? eq(modelVersions.id, by.id) : and(eq(modelVersions.modelId, by.modelId), eq(modelVersions.version, by.version));
  const [row] = await tx.select().from(modelVersions).where(where).for('update');
  if (!row) throw new NotFoundError('Model version', label ?? ('id' in by ? by.id : `v${by.version}`));
  return row;
}

/** The version of the model currently in Production, if any. */
export async function findProductionHolder(tx: Db, modelId: string): Promise<VersionRow | null> {
  const [row] = await tx
    .select()
    .from(modelVersions)
    .where(and(eq(modelVersions.modelId, modelId), eq(modelVersions.stage, 'Production')));
  return row ?? null;
}
