import 'server-only';
import { getToken } from 'next-auth/jwt';
import type { Actor, RequestMeta } from './actor';
import { authSecret } from './auth-secret';
import { authenticateToken, loadSessionActor } from './authenticate';

const SECURE_COOKIE = '__Secure-authjs.session-token';

/** The session's user id from the signed cookie in these headers, or null. */
export async function sessionUserId(headers: Headers): Promise<string | null> {
  const secureCookie = headers.get('cookie')?.includes(SECURE_COOKIE) ?? false;
  const jwt = await getToken({ req: { headers }, secret: authSecret(), secureCookie });
  return typeof jwt?.sub === 'string' ? jwt.sub : null;
}

/**
 * The Actor behind an API request: `Authorization: Bearer <token>` first, else the session cookie.
 * Returns null when neither is present; throws UnauthenticatedError for a bad token.
 */
export async function actorFromRequest(request: Request, meta: RequestMeta): Promise<Actor | null> {
  const authorization = request.headers.get('authorization');
  if (authorization?.toLowerCase().startsWith('bearer ')) return authenticateToken(authorization.slice(7).trim(), meta);
  const userId = await sessionUserId(request.headers);
  return userId ? loadSessionActor(userId, meta) : null;
}
