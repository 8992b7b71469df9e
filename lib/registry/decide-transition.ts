import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { transitionApprovals, transitionRequests } from '@/db/schema/registry';
import { recordAudit } from '@/lib/audit/record-audit';
import { ConflictError, ForbiddenError, NotFoundError } from '@/lib/errors';
import { defineService } from '@/lib/services/define-service';
import { lockModel, lockVersion, type RequestRow } from './access';
import { applyTransition } from './apply-transition';
import { requiredApprovals } from './policy';
import { isStale, policyTargetOf, toRequestViews } from './request-views';
import { DecideTransitionInput } from './schemas';

/** Locks the request's model row, then the request row, and checks that it is still pending. */
export async function lockPendingRequest(tx: Db, requestId: string): Promise<{ request: RequestRow; model: Awaited<ReturnType<typeof lockModel>> }> {
  const [peek] = await tx.select({ modelId: transitionRequests.modelId }).from(transitionRequests).where(eq(transitionRequests.id, requestId));
  if (!peek) throw new NotFoundError('Transition request', requestId);
  const model = await lockModel(tx, peek.modelId);
  const [request] = await tx.select().from(transitionRequests).where(eq(transitionRequests.id, requestId)).for('update');
  if (!request) throw new NotFoundError('Transition request', requestId);
  if (request.status !== 'pending') throw new ConflictError('not_pending', `Transition request '${requestId}' is ${request.status}, not pending.`, { status: request.status });
  return { request, model };
}

/**
 * Approves or rejects a pending request. Trusts nothing from the caller but the Actor.
 * - The requester can never decide their own request, whatever roles they hold (`four_eyes`).
 * - A stale request (the version's stage, or the Production/alias holder, changed since it was made)
 *   cannot be approved (`stale_request`); it can still be rejected.
 * - One rejection ends the request. Approvals count towards the policy's number for the target, read at
 *   decision time; the approval that reaches it applies the transition in the same transaction
 *   (stage change, archiving of the previous holder, or alias move).
 */
export const decideTransition = defineService({
  name: 'registry.decide_transition',
  permission: 'transition.decide',
  input: DecideTransitionInput,
  async run({ tx, actor }, input) {
    const approverId = actor.userId;
    if (!approverId) throw new ForbiddenError('person_required', 'A transition is decided by a signed-in person, not by a system process.');
    const { request, model } = await lockPendingRequest(tx, input.id);
    if (request.requestedBy === approverId) {
      throw new ForbiddenError('four_eyes', 'You made this request; someone else must approve or reject it (four-eyes rule).');
    }
    const version = await lockVersion(tx, { id: request.versionId });
    if (input.decision === 'approve' && (await isStale(tx, request, version))) {
      throw new ConflictError(
        'stale_request',
        `${model.name} v${version.version} or the holder of ${request.target} changed since this request was made; reject it and request again.`,
        { stageAtRequest: request.stageAtRequest, stageNow: version.stage },
      );
    }
    const [before] = await toRequestViews(tx, [request]);
    await tx.insert(transitionApprovals).values({ requestId: request.id, approverId, decision: input.decision, comment: input.comment ?? null });
    let applied = false;
    if (input.decision === 'reject') {
      await tx.update(transitionRequests).set({ status: 'rejected', decidedAt: new Date(), decidedBy: actor.userId }).where(eq(transitionRequests.id, request.id));
    } else {
      const [{ n }] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(transitionApprovals)
        .where(and(eq(transitionApprovals.requestId, request.id), eq(transitionApprovals.decision, 'approve')));
      const needed = await requiredApprovals(tx, model.id, policyTargetOf(request));
      applied = Number(n) >= needed;
    }
    const [reread] = await tx.select().from(transitionRequests).where(eq(transitionRequests.id, request.id));
    const [after] = await toRequestViews(tx, [reread]);
    await recordAudit(tx, actor, `transition.${input.decision}`, { type: 'model_version', id: request.versionId }, { before, after: { ...after, comment: input.comment ?? null } });
    if (applied) await applyTransition(tx, actor, model, reread);
    const [final] = await tx.select().from(transitionRequests).where(eq(transitionRequests.id, request.id));
    return { request: (await toRequestViews(tx, [final]))[0], applied };
  },
});
