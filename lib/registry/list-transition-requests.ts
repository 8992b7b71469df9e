import 'server-only';
import { and, asc, desc, eq, ne, notExists, or, sql, type SQL } from 'drizzle-orm';
import { registeredModels, transitionApprovals, transitionRequests } from '@/db/schema/registry';
import { decodePageToken, encodePageToken } from '@/lib/api/page-token';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { defineService } from '@/lib/services/define-service';
import { findVersion, getModelByName } from './access';
import { toReviewViews } from './request-views';
import { ListRequestsInput, RequestRef } from './schemas';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The approver inbox (and any other list of requests): oldest first (or newest first with `order`), each with the candidate against the
 * current holder of its target — latest metrics side by side with differences, params that differ, model-card
 * completeness — and whether it is stale. `decidable` keeps the requests the caller could still decide;
 * `versionId`, or `name` with `version`, keeps one version's requests.
 */
export const listTransitionRequests = defineService({
  name: 'registry.list_transition_requests',
  permission: 'read',
  input: ListRequestsInput,
  async run({ tx, actor }, input) {
    const after = decodePageToken(input.pageToken);
    const where: (SQL | undefined)[] = [eq(transitionRequests.status, input.status)];
    if (input.name) where.push(eq(transitionRequests.modelId, (await getModelByName(tx, input.name)).id));
    if (input.version !== undefined && !input.name) {
      throw new ValidationError('version needs name (the model whose version it is)', [{ path: 'version', message: 'version needs name' }]);
    }
    if (input.versionId) where.push(eq(transitionRequests.versionId, (await findVersion(tx, { id: input.versionId })).version.id));
    else if (input.version !== undefined) where.push(eq(transitionRequests.versionId, (await findVersion(tx, { name: input.name, version: input.version })).version.id));
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
    const newest = input.order === 'newest';
    if (after) {
      // Keyset paging on (created_at, id), in the direction of the order. The token carries created_at to the
      // microsecond as PostgreSQL printed it (a JS Date would cut it to the millisecond, repeating or skipping rows).
      const [at, id] = after.map(String);
      if (Number.isNaN(Date.parse(at)) || !UUID.test(id)) throw new ValidationError('pageToken: not a page token issued by this server.', [{ path: 'pageToken', message: 'invalid page token' }], 'invalid_page_token');
      where.push(newest ? sql`(${transitionRequests.createdAt}, ${transitionRequests.id}) < (${at}::timestamptz, ${id}::uuid)` : sql`(${transitionRequests.createdAt}, ${transitionRequests.id}) > (${at}::timestamptz, ${id}::uuid)`);
    }
    const by = newest ? desc : asc;
    const rows = await tx
      .select({ request: transitionRequests, cursor: sql<string>`to_char(${transitionRequests.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` })
      .from(transitionRequests)
      .innerJoin(registeredModels, eq(registeredModels.id, transitionRequests.modelId))
      .where(and(...where))
      .orderBy(by(transitionRequests.createdAt), by(transitionRequests.id))
      .limit(input.pageSize + 1);
    const kept = rows.slice(0, input.pageSize);
    const last = kept[kept.length - 1];
    return {
      requests: await toReviewViews(
        tx,
        kept.map((r) => r.request),
      ),
      nextPageToken: rows.length > input.pageSize ? encodePageToken([last.cursor, last.request.id]) : null,
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
