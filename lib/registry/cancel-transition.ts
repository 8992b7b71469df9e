import 'server-only';
import { eq } from 'drizzle-orm';
import { transitionRequests } from '@/db/schema/registry';
import { recordAudit } from '@/lib/audit/record-audit';
import { ForbiddenError } from '@/lib/errors';
import { defineService } from '@/lib/services/define-service';
import { lockPendingRequest } from './decide-transition';
import { toRequestViews } from './request-views';
import { RequestRef } from './schemas';

/** Withdraws a pending request; only its requester may (`not_requester` otherwise). */
export const cancelTransition = defineService({
  name: 'registry.cancel_transition',
  permission: 'transition.cancel',
  input: RequestRef,
  async run({ tx, actor }, input) {
    const { request } = await lockPendingRequest(tx, input.id);
    if (!actor.userId || request.requestedBy !== actor.userId) {
      throw new ForbiddenError('not_requester', 'Only the person who made a request can cancel it; approvers reject instead.');
    }
    const [before] = await toRequestViews(tx, [request]);
    const [row] = await tx.update(transitionRequests).set({ status: 'cancelled', decidedAt: new Date(), decidedBy: actor.userId }).where(eq(transitionRequests.id, request.id)).returning();
    const [after] = await toRequestViews(tx, [row]);
    await recordAudit(tx, actor, 'transition.cancel', { type: 'model_version', id: request.versionId }, { before, after });
    return after;
  },
});
