import 'server-only';
import { and, eq, ne, notExists, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { transitionApprovals, transitionRequests } from '@/db/schema/registry';
import { checkPermission } from '@/lib/auth/authorize';
import { defineService } from '@/lib/services/define-service';

/**
 * How many pending requests the caller could decide now (not their own, not yet decided by them): the
 * sidebar's Sign-offs badge. Zero for roles without transition.decide. Read-only, one statement.
 */
export const countDecidableRequests = defineService({
  name: 'registry.count_decidable_requests',
  permission: 'read',
  input: z.object({}),
  async run({ tx, actor }) {
    if (!checkPermission(actor, 'transition.decide').ok) return { count: 0 };
    const me = actor.userId;
    const [row] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(transitionRequests)
      .where(
        and(
          eq(transitionRequests.status, 'pending'),
          me
            ? and(
                or(sql`${transitionRequests.requestedBy} is null`, ne(transitionRequests.requestedBy, me)),
                notExists(
                  tx
                    .select({ one: sql`1` })
                    .from(transitionApprovals)
                    .where(and(eq(transitionApprovals.requestId, transitionRequests.id), eq(transitionApprovals.approverId, me))),
                ),
              )
            : undefined,
        ),
      );
    return { count: Number(row?.n ?? 0) };
  },
});
