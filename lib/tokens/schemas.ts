import { z } from 'zod';
import { TOKEN_SCOPES } from '@/db/schema/identity';
import { booleanish } from '@/lib/services/zod-helpers';

export const TokenView = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  userEmail: z.string().optional(),
  userDisabled: z.boolean().optional().describe('set in lists: the owner is disabled, so the token does not work even while active'),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.enum(TOKEN_SCOPES)),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
  status: z.enum(['active', 'expired', 'revoked']),
});
export type TokenView = z.infer<typeof TokenView>;

export const CreateTokenInput = z.object({
  name: z.string().trim().min(1, 'is required').max(100),
  scopes: z.array(z.enum(TOKEN_SCOPES)).min(1, 'choose at least one scope').default(['read']),
  expiresInDays: z.coerce.number().int('must be a whole number of days').min(1, 'must be at least 1 day').max(3650, 'must be at most 3650 days').nullish(),
});

export const CreateTokenOutput = TokenView.extend({ token: z.string().describe('The secret. Shown once; store it now.') });

export const RevokeTokenInput = z.object({ id: z.uuid({ message: 'must be a token id' }) });

export const ListTokensInput = z.object({ allUsers: booleanish.default(false) });
export const ListTokensOutput = z.object({ tokens: z.array(TokenView) });

export function toTokenView(row: {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  scopes: ('read' | 'write')[];
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  userEmail?: string;
  userDisabled?: boolean;
}, now = new Date()): TokenView {
  return {
    id: row.id,
    userId: row.userId,
    ...(row.userEmail ? { userEmail: row.userEmail } : {}),
    ...(row.userDisabled !== undefined ? { userDisabled: row.userDisabled } : {}),
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    status: row.revokedAt ? 'revoked' : row.expiresAt && row.expiresAt <= now ? 'expired' : 'active',
  };
}
