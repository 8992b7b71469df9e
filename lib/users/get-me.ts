import 'server-only';
import { z } from 'zod';
import { ROLES, TOKEN_SCOPES } from '@/db/schema/identity';
import { ACTOR_KINDS } from '@/db/schema/audit';
import { PERMISSIONS, type Permission } from '@/lib/auth/permissions';
import { checkPermission } from '@/lib/auth/authorize';
import { defineService } from '@/lib/services/define-service';

export const MeOutput = z.object({
  userId: z.string().nullable(),
  email: z.string().nullable(),
  name: z.string(),
  role: z.enum(ROLES),
  actorKind: z.enum(ACTOR_KINDS),
  tokenId: z.string().nullable(),
  scopes: z.array(z.enum(TOKEN_SCOPES)).nullable(),
  permissions: z.array(z.string()).describe('every permission this caller holds right now'),
});

/** Who the caller is, and what they may do: the console and API clients read the same answer. */
export const getMe = defineService({
  name: 'users.me',
  permission: 'self.read',
  input: z.object({}),
  async run({ actor }) {
    return {
      userId: actor.userId,
      email: actor.email,
      name: actor.name,
      role: actor.role,
      actorKind: actor.kind,
      tokenId: actor.tokenId ?? null,
      scopes: actor.scopes ? [...actor.scopes] : null,
      permissions: (Object.keys(PERMISSIONS) as Permission[]).filter((p) => checkPermission(actor, p).ok),
    };
  },
});
