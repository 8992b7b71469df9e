import 'server-only';
import { createHash } from 'node:crypto';
import type { Actor, RequestMeta } from '@/lib/auth/actor';
import { authenticatePassword, authenticateToken, loadSessionActor } from '@/lib/auth/authenticate';
import { UnauthenticatedError } from '@/lib/errors';
import { parseTokenPrefix } from '@/lib/tokens/token-secret';

/*
 * Credentials as MLflow clients send them (mlflow/utils/rest_utils.py http_request):
 *   MLFLOW_TRACKING_TOKEN                         → `Authorization: Bearer <token>`
 *   MLFLOW_TRACKING_USERNAME + _PASSWORD          → `Authorization: Basic base64(user:password)`
 * With Basic, the password may be an API token (the username is then not needed to find the user, and
 * is ignored) or the user's own password with their email as username, checked and throttled by
 * `authenticatePassword`. Session cookies are not accepted here: this door is for programs.
 */

export type ParsedAuthorization = { kind: 'bearer'; token: string } | { kind: 'basic'; username: string; password: string };

export function parseAuthorization(header: string | null): ParsedAuthorization | null {
  if (!header) return null;
  const [scheme, ...rest] = header.trim().split(/\s+/);
  const value = rest.join(' ');
  if (!value) return null;
  if (scheme.toLowerCase() === 'bearer') return { kind: 'bearer', token: value };
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    return { kind: 'basic', username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  return null;
}

/*
 * A client using a password sends it with every call, and each check costs a bcrypt comparison plus an
 * `auth.sign_in` audit event. A successful check is remembered for a minute by a hash of the pair; the
 * user row is still re-read on every call, so disabling a user or changing their role takes effect at once.
 * A changed password stops working within that minute.
 */
const PASSWORD_CACHE_TTL_MS = 60_000;
const PASSWORD_CACHE_MAX = 1000;
const holder = globalThis as unknown as { __mlflowPasswordCache?: Map<string, { userId: string; expires: number }> };
const passwordCache = (holder.__mlflowPasswordCache ??= new Map());

function cacheKey(username: string, password: string): string {
  return createHash('sha256').update(`${username.trim().toLowerCase()}\0${password}`).digest('hex');
}

async function authenticateBasicPassword(username: string, password: string, meta: RequestMeta): Promise<Actor> {
  const key = cacheKey(username, password);
  const cached = passwordCache.get(key);
  if (cached && cached.expires > Date.now()) {
    const actor = await loadSessionActor(cached.userId, meta);
    if (actor) return actor;
  }
  passwordCache.delete(key);
  const actor = await authenticatePassword(username, password, meta);
  if (passwordCache.size >= PASSWORD_CACHE_MAX) passwordCache.delete(passwordCache.keys().next().value!);
  passwordCache.set(key, { userId: actor.userId!, expires: Date.now() + PASSWORD_CACHE_TTL_MS });
  return actor;
}

/** The Actor behind an MLflow request; throws UnauthenticatedError when there is no usable credential. */
export async function actorFromMlflowRequest(request: Request, meta: RequestMeta): Promise<Actor> {
  const auth = parseAuthorization(request.headers.get('authorization'));
  if (!auth) throw new UnauthenticatedError('Send an API token (MLFLOW_TRACKING_TOKEN) or HTTP Basic credentials (MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD).');
  if (auth.kind === 'bearer') return authenticateToken(auth.token, meta);
  if (parseTokenPrefix(auth.password)) return authenticateToken(auth.password, meta);
  return authenticateBasicPassword(auth.username, auth.password, meta);
}
