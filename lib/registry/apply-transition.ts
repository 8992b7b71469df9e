import 'server-only';
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { modelAliases, modelVersions, registeredModels, transitionRequests, type ModelStage } from '@/db/schema/registry';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit/record-audit';
import { RuleViolationError } from '@/lib/errors';
import { lockVersion, type ModelRow, type RequestRow, type VersionRow } from './access';
import { recordHistory } from './history';

export interface StageMove {
  versionId: string;
  version: number;
  from: ModelStage;
  to: ModelStage;
}

export interface AliasMove {
  alias: string;
  from: number | null;
  to: number;
}

export interface AppliedTransition {
  moves: StageMove[];
  alias: AliasMove | null;
}

interface MoveOptions {
  archiveExisting: boolean;
  requestId?: string | null;
  emergency?: boolean;
  reason?: string | null;
}

/**
 * Puts a version into a stage. With `archiveExisting` (Staging or Production), the stage's other versions
 * move to Archived first, in the same transaction, each with its own history event. Without it, a second
 * Production is refused here with a readable error; the partial unique index
 * `model_versions_one_production_per_model` refuses it anyway. The caller holds the model row lock.
 */
export async function moveVersionToStage(tx: Db, actor: Actor, model: ModelRow, version: VersionRow, target: ModelStage, opts: MoveOptions): Promise<StageMove[]> {
  const moves: StageMove[] = [];
  const now = new Date();
  if (opts.archiveExisting && (target === 'Staging' || target === 'Production')) {
    const others = await tx
      .update(modelVersions)
      .set({ stage: 'Archived', stageUpdatedAt: now, updatedAt: now })
      .where(and(eq(modelVersions.modelId, model.id), eq(modelVersions.stage, target), ne(modelVersions.id, version.id)))
      .returning({ id: modelVersions.id, version: modelVersions.version });
    for (const o of others.sort((a, b) => a.version - b.version)) moves.push({ versionId: o.id, version: o.version, from: target, to: 'Archived' });
  } else if (target === 'Production') {
    const [holder] = await tx
      .select({ version: modelVersions.version })
      .from(modelVersions)
      .where(and(eq(modelVersions.modelId, model.id), eq(modelVersions.stage, 'Production'), ne(modelVersions.id, version.id)));
    if (holder) {
      throw new RuleViolationError(
        'production_occupied',
        `Version ${holder.version} of '${model.name}' is in Production; ask for archiveExisting to archive it, or archive it first.`,
        { holder: holder.version },
      );
    }
  }
  await tx.update(modelVersions).set({ stage: target, stageUpdatedAt: now, updatedAt: now }).where(eq(modelVersions.id, version.id));
  await tx.update(registeredModels).set({ updatedAt: now }).where(eq(registeredModels.id, model.id));
  moves.push({ versionId: version.id, version: version.version, from: version.stage, to: target });
  await recordHistory(
    tx,
    actor,
    moves.map((m) => ({
      modelId: model.id,
      versionId: m.versionId,
      version: m.version,
      kind: 'stage' as const,
      fromStage: m.from,
      toStage: m.to,
      requestId: opts.requestId ?? null,
      emergency: opts.emergency ?? false,
      reason: opts.reason ?? null,
    })),
  );
  return moves;
}

/** Points an alias at a version (creating or moving it) and records the move. The caller holds the model row lock. */
export async function moveAlias(tx: Db, actor: Actor, model: ModelRow, version: VersionRow, alias: string, requestId: string | null = null): Promise<AliasMove> {
  const [old] = await tx
    .select({ version: modelVersions.version })
    .from(modelAliases)
    .innerJoin(modelVersions, eq(modelVersions.id, modelAliases.versionId))
    .where(and(eq(modelAliases.modelId, model.id), eq(modelAliases.alias, alias)));
  const now = new Date();
  await tx
    .insert(modelAliases)
    .values({ modelId: model.id, alias, versionId: version.id, updatedBy: actor.userId, updatedAt: now })
    .onConflictDoUpdate({ target: [modelAliases.modelId, modelAliases.alias], set: { versionId: version.id, updatedBy: actor.userId, updatedAt: now } });
  await tx.update(registeredModels).set({ updatedAt: now }).where(eq(registeredModels.id, model.id));
  await recordHistory(tx, actor, [{ modelId: model.id, versionId: version.id, version: version.version, kind: 'alias', alias, previousVersion: old?.version ?? null, requestId }]);
  return { alias, from: old?.version ?? null, to: version.version };
}

/**
 * Applies a request whose approvals are complete (or that needs none): the stage change with its archiving,
 * or the alias move, then marks the request applied and records `transition.apply`. Shared by
 * decideTransition and by requests that need 0 approvals; the caller has locked the model row and checked
 * that the request is pending and not stale.
 */
export async function applyTransition(tx: Db, actor: Actor, model: ModelRow, request: RequestRow): Promise<AppliedTransition> {
  const version = await lockVersion(tx, { id: request.versionId });
  let moves: StageMove[] = [];
  let alias: AliasMove | null = null;
  if (request.kind === 'alias') alias = await moveAlias(tx, actor, model, version, request.target, request.id);
  else moves = await moveVersionToStage(tx, actor, model, version, request.target as ModelStage, { archiveExisting: request.kind === 'rollback' || request.archiveExisting, requestId: request.id });
  await tx
    .update(transitionRequests)
    .set({ status: 'applied', decidedAt: new Date(), decidedBy: actor.userId })
    .where(and(eq(transitionRequests.id, request.id), inArray(transitionRequests.status, ['pending', 'approved'])));
  const before = alias ? { alias: alias.alias, version: alias.from } : { versions: moves.map((m) => ({ version: m.version, stage: m.from })) };
  const after = alias ? { alias: alias.alias, version: alias.to } : { versions: moves.map((m) => ({ version: m.version, stage: m.to })) };
  await recordAudit(
    tx,
    actor,
    'transition.apply',
    { type: 'model_version', id: version.id },
    { before: { requestId: request.id, model: model.name, kind: request.kind, target: request.target, ...before }, after: { requestId: request.id, model: model.name, ...after } },
  );
  return { moves, alias };
}
