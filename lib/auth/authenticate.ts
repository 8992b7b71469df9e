import 'server-only';
import { and, eq, gt, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { apiTokens, loginAttempts, users } from '@/db/schema/identity';
import { recordAudit } from '@/lib/audit/record-audit';
import { RateLimitedError, UnauthenticatedError } from '@/lib/errors';
import { parseTokenPrefix, tokenMatches } from '@/lib/tokens/token-secret';
import type { Actor, RequestMeta } from './actor';
import { verifyPassword } from './password';

/*
 * Authentication turns a credential into an Actor. It runs before any permission can be checked, so
 * these are the only database calls not made through `defineService`. Every failure gives the same
 * message whether or not the account exists.
 */

export const THROTTLE_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 30;
const INVALID_CREDENTIALS = 'Invalid email or password.';

type UserRow = typeof users.$inferSelect;

function userActor(user: UserRow, meta: RequestMeta): Actor {
  return { kind: 'user', userId: user.id, email: user.email, name: user.name, role: user.role, meta };
}

/** Checks an email and password; throttled per email and per IP; records each attempt. */
export async function authenticatePassword(emailInput: string, password: string, meta: RequestMeta): Promise<Actor> {
  const email = emailInput.trim().toLowerCase();
  const db = await getDb();
  const since = new Date(Date.now() - THROTTLE_WINDOW_MINUTES * 60_000);
  // Failures count from the later of the window start and the account's last successful sign-in.
  const [{ byEmail, byIp }] = await db
    .select({
      byEmail: sql<number>`count(*) filter (where ${loginAttempts.email} = ${email} and ${loginAttempts.attemptedAt} > coalesce((select max(s.attempted_at) from login_attempts s where s.email = ${email} and s.succeeded), '-infinity'::timestamptz))::int`,
      byIp: sql<number>`count(*) filter (where ${loginAttempts.ip} = ${meta.ip ?? ''})::int`,
    })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.succeeded, false), gt(loginAttempts.attemptedAt, since)));
  if (byEmail >= MAX_FAILURES_PER_EMAIL || (meta.ip && byIp >= MAX_FAILURES_PER_IP)) {
    throw new RateLimitedError(`Too many failed sign-in attempts. Try again in ${THROTTLE_WINDOW_MINUTES} minutes.`, THROTTLE_WINDOW_MINUTES * 60);
  }

  const [user] = await db.select().from(users).where(eq(users.email, email));
  const passwordOk = await verifyPassword(password, user?.passwordHash ?? null);
  const ok = passwordOk && !!user && user.disabledAt === null;
  await db.transaction(async (tx) => {
    await tx.insert(loginAttempts).values({ email, ip: meta.ip, succeeded: ok });
    if (ok) await recordAudit(tx, userActor(user, meta), 'auth.sign_in', { type: 'user', id: user.id });
  });
  if (!ok) throw new UnauthenticatedError(INVALID_CREDENTIALS, 'invalid_credentials');
  return userActor(user, meta);
}

/** The signed-in user behind a session, or null when the user is gone or disabled (sessions end at once). */
export async function loadSessionActor(userId: string, meta: RequestMeta): Promise<Actor | null> {
  if (!/^[0-9a-f-]{36}$/i.test(userId)) return null;
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user || user.disabledAt) return null;
  return userActor(user, meta);
}

const LAST_USED_RESOLUTION_MS = 60_000;

/** Resolves `Authorization: Bearer mk_…`; refuses revoked, expired and disabled users' tokens. */
export async function authenticateToken(token: string, meta: RequestMeta): Promise<Actor> {
  const prefix = parseTokenPrefix(token);
  if (!prefix) throw new UnauthenticatedError('The API token is malformed.', 'invalid_token');
  const db = await getDb();
  const [found] = await db.select({ token: apiTokens, user: users }).from(apiTokens).innerJoin(users, eq(users.id, apiTokens.userId)).where(eq(apiTokens.prefix, prefix));
  const now = new Date();
  if (!found || !tokenMatches(token, found.token.secretHash)) throw new UnauthenticatedError('The API token is not valid.', 'invalid_token');
  if (found.token.revokedAt) throw new UnauthenticatedError('The API token was revoked.', 'invalid_token');
  if (found.token.expiresAt && found.token.expiresAt <= now) throw new UnauthenticatedError('The API token has expired.', 'invalid_token');
  if (found.user.disabledAt) throw new UnauthenticatedError('The API token’s user is disabled.', 'invalid_token');
  if (!found.token.lastUsedAt || now.getTime() - found.token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, found.token.id));
  }
  return { ...userActor(found.user, meta), kind: 'token', tokenId: found.token.id, scopes: found.token.scopes };
}
