import type { ActorKind } from '@/db/schema/audit';
import type { Role, TokenScope } from '@/db/schema/identity';

/** Where a call came from; carried into audit events and logs. */
export interface RequestMeta {
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
}

/** Who is calling a service, as resolved by a door (session cookie, API token) or a background job. */
export interface Actor {
  kind: ActorKind;
  userId: string | null;
  email: string | null;
  name: string;
  role: Role;
  tokenId?: string;
  scopes?: readonly TokenScope[];
  meta: RequestMeta;
}

export const NO_META: RequestMeta = { requestId: null, ip: null, userAgent: null };

/** The actor for seeding, migrations and background jobs: an admin-level system identity. */
export function systemActor(meta: RequestMeta = NO_META): Actor {
  return { kind: 'system', userId: null, email: null, name: 'system', role: 'admin', meta };
}
