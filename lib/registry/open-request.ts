import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { transitionRequests, type ModelStage, type RequestKind } from '@/db/schema/registry';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit/record-audit';
import { RuleViolationError } from '@/lib/errors';
import type { ModelRow, VersionRow } from './access';
import { isProtectedAlias } from './alias-rules';
import { applyTransition } from './apply-transition';
import { requiredApprovals } from './policy';
import { currentHolderId, policyTargetOf, toRequestViews } from './request-views';
import type { RequestView } from './schemas';

export interface OpenRequest {
  kind: RequestKind;
  target: string;
  archiveExisting?: boolean;
  comment?: string | null;
}

/**
 * Files a request for a locked version and, when the policy needs 0 approvals for the target (None and
 * Archived by default, or an unprotected alias), applies it at once in the same transaction. One default
 * for every door: archiveExisting is true for Production unless the caller says otherwise (MLflow #6414
 * is what two defaults cost), and false with an occupied Production is refused up front.
 */
export async function openRequest(tx: Db, actor: Actor, model: ModelRow, version: VersionRow, req: OpenRequest): Promise<{ request: RequestView; applied: boolean }> {
  const toStage = req.kind === 'alias' ? null : (req.target as ModelStage);
  const archiveExisting = req.kind === 'rollback' ? true : req.kind === 'alias' ? false : (req.archiveExisting ?? toStage === 'Production');
  const holderId = await currentHolderId(tx, { modelId: model.id, kind: req.kind, target: req.target });
  if (toStage && version.stage === toStage) {
    throw new RuleViolationError('no_change', `${model.name} v${version.version} is already in ${toStage}.`);
  }
  if (req.kind === 'alias' && holderId === version.id) {
    throw new RuleViolationError('no_change', `Alias '${req.target}' already points at ${model.name} v${version.version}.`);
  }
  if ((toStage === 'Staging' || toStage === 'Production') && version.status !== 'READY') {
    throw new RuleViolationError('version_not_ready', `${model.name} v${version.version} is ${version.status}; only READY versions can move to ${toStage}.`);
  }
  if (toStage === 'Production' && !archiveExisting && holderId && holderId !== version.id) {
    throw new RuleViolationError('production_occupied', `Another version of '${model.name}' is in Production; ask with archiveExisting to archive it on approval.`);
  }
  const [row] = await tx
    .insert(transitionRequests)
    .values({
      modelId: model.id,
      versionId: version.id,
      kind: req.kind,
      target: req.target,
      archiveExisting,
      requestedBy: actor.userId,
      comment: req.comment ?? null,
      stageAtRequest: version.stage,
      holderAtRequest: holderId,
    })
    .returning();
  const needed = req.kind === 'alias' && !(await isProtectedAlias(tx, model.id, req.target)) ? 0 : await requiredApprovals(tx, model.id, policyTargetOf(row));
  const [view] = await toRequestViews(tx, [row]);
  await recordAudit(tx, actor, 'transition.request', { type: 'model_version', id: version.id }, { after: view });
  if (needed > 0) return { request: view, applied: false };
  await applyTransition(tx, actor, model, row);
  const [reloaded] = await tx.select().from(transitionRequests).where(eq(transitionRequests.id, row.id));
  return { request: (await toRequestViews(tx, [reloaded]))[0], applied: true };
}
