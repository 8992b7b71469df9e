import 'server-only';
import { apiTokens } from '@/db/schema/identity';
import { recordAudit } from '@/lib/audit/record-audit';
import { ForbiddenError } from '@/lib/errors';
import { defineService } from '@/lib/services/define-service';
import { CreateTokenInput, toTokenView } from './schemas';
import { generateTokenSecret } from './token-secret';

const DAY_MS = 86_400_000;

/**
 * Creates a personal API token for the calling user. The secret is returned once and only its
 * hash is kept. A token cannot mint tokens: that needs a signed-in person.
 */
export const createToken = defineService({
  name: 'tokens.create',
  permission: 'token.create',
  input: CreateTokenInput,
  async run({ tx, actor }, input) {
    if (actor.kind !== 'user' || !actor.userId) throw new ForbiddenError('forbidden', 'API tokens can only be created by a signed-in user.');
    const { token, prefix, secretHash } = generateTokenSecret();
    const scopes = [...new Set(input.scopes)];
    const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * DAY_MS) : null;
    const [row] = await tx.insert(apiTokens).values({ userId: actor.userId, name: input.name, prefix, secretHash, scopes, expiresAt }).returning();
    const view = toTokenView(row);
    await recordAudit(tx, actor, 'token.create', { type: 'api_token', id: row.id }, { after: view });
    return { ...view, token };
  },
});
