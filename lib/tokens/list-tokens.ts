import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { apiTokens, users } from '@/db/schema/identity';
import { authorize } from '@/lib/auth/authorize';
import { ForbiddenError } from '@/lib/errors';
import { defineService } from '@/lib/services/define-service';
import { ListTokensInput, toTokenView } from './schemas';

/** The caller's own tokens, or with `allUsers` (admins only) every user's. Secrets are never returned. */
export const listTokens = defineService({
  name: 'tokens.list',
  permission: 'self.read',
  input: ListTokensInput,
  async run({ tx, actor }, input) {
    if (input.allUsers) authorize(actor, 'token.manage');
    else if (!actor.userId) throw new ForbiddenError('forbidden', 'Only users have personal tokens.');
    const rows = await tx
      .select({ token: apiTokens, userEmail: users.email, userDisabledAt: users.disabledAt })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(input.allUsers ? undefined : eq(apiTokens.userId, actor.userId!))
      .orderBy(desc(apiTokens.createdAt))
      .limit(1000);
    return { tokens: rows.map((r) => toTokenView({ ...r.token, userEmail: r.userEmail, userDisabled: r.userDisabledAt !== null })) };
  },
});
