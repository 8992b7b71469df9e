import 'server-only';
import { eq } from 'drizzle-orm';
import { apiTokens } from '@/db/schema/identity';
import { recordAudit } from '@/lib/audit/record-audit';
import { checkPermission } from '@/lib/auth/authorize';
import { NotFoundError } from '@/lib/errors';
import { defineService } from '@/lib/services/define-service';
import { RevokeTokenInput, toTokenView } from './schemas';

/** Revokes a token at once. Users revoke their own; admins (token.manage) revoke anyone's. */
export const revokeToken = defineService({
  name: 'tokens.revoke',
  permission: 'token.revoke',
  input: RevokeTokenInput,
  async run({ tx, actor }, input) {
    const [current] = await tx.select().from(apiTokens).where(eq(apiTokens.id, input.id)).for('update');
    // Someone else's token is reported as missing, not forbidden, so ids cannot be probed.
    if (!current || (current.userId !== actor.userId && !checkPermission(actor, 'token.manage').ok)) throw new NotFoundError('API token', input.id);
    if (current.revokedAt) return toTokenView(current);
    const [row] = await tx.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, input.id)).returning();
    const after = toTokenView(row);
    await recordAudit(tx, actor, 'token.revoke', { type: 'api_token', id: row.id }, { before: toTokenView(current), after });
    return after;
  },
});
