import 'server-only';
import { and, asc, eq, gt, ne, notExists, or, sql, type SQL } from 'drizzle-orm';
import { registeredModels, transitionApprovals, transitionRequests } from '@/db/schema/registry';
import { decodePageToken, encodePageToken } from '@/lib/api/page-token';
import { NotFoundError } from '@/lib/errors';
import { defineService } from '@/lib/services/define-service';
import { getModelByName } from './access';
import { toReviewViews } from './request-views';
import { ListRequestsInput, RequestRef } from './schemas';

/**
 * The approver inbox (and any other list of requests): oldest first, each with the candidate against the
 * current holder of its target — latest metrics side by side with differences, params that differ, model-card
 * completeness — and whether it is stale. `decidable` keeps the requests the caller could still decide.
 */
export const listTransitionRequests = defineService({
  name: 'registry.list_transition_requests',
  permission: 'read',
  input: ListRequestsInput,
  async run({ tx, actor }, input) {
    const after = decodePageToken(input.pageToken);
    const where: (SQL | undefined)[] = [eq(transitionRequests.status, input.status)];
    if (input.name) where.push(eq(transitionRequests.modelId, (await getModelByName(tx, input.name)).id));
    if (input.mine) where.push(actor.userId ? eq(transitionRequests.requestedBy, actor.userId) : sql`false`);
    if (input.decidable && actor.userId) {
      where.push(or(sql`${transitionRequests.requestedBy} is null`, ne(transitionRequests.requestedBy, actor.userId)));
      where.push(
        notExists(
          tx
            .select({ one: sql`1` })
            .from(transitionApprovals)
            .where(and(eq(transitionApprovals.requestId, transitionRequests.id), eq(transitionApprovals.approverId, actor.userId))),
        ),
      );
    }
    if (after) {
      const at = new Date(String(after[0]));
      where.push(or(gt(transitionRequests.createdAt, at), and(eq(transitionRequests.createdAt, at), gt(transitionRequests.id, String(after[1])))));
    }
    const rows = await tx
      .select({ request: transitionRequests })
      .from(transitionRequests)
      .innerJoin(registeredModels, eq(registeredModels.id, transitionRequests.modelId))
      .where(and(...where))
      .orderBy(asc(transitionRequests.createdAt), asc(transitionRequests.id))
      .limit(input.pageSize + 1);
    const page = rows.slice(0, input.pageSize).map((r) => r.request);
    const last = page[page.length - 1];
    return {
      requests: await toReviewViews(tx, page),
      nextPageToken: rows.length > input.pageSize ? encodePageToken([last.createdAt.toISOString(), last.id]) : null,
    };
  },
});

/** One request with its review data (see listTransitionRequests). */
export const getTransitionRequest = defineService({
  name: 'registry.get_transition_request',
  permission: 'read',
  input: RequestRef,
  async run({ tx }, input) {
    const [row] = await tx.select().from(transitionRequests).where(eq(transitionRequests.id, input.id));
    if (!row) throw new NotFoundError('Transition request', input.id);
    const [review] = await toReviewViews(tx, [row]);
    return review;
  },
});
