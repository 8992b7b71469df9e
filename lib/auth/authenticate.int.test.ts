import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents } from '@/db/schema/audit';
import { apiTokens, loginAttempts } from '@/db/schema/identity';
import { revokeToken } from '@/lib/tokens/revoke-token';
import { createUser } from '@/lib/users/create-user';
import { listUsers } from '@/lib/users/list-users';
import { updateUser } from '@/lib/users/update-user';
import { makeToken, makeUser, TEST_PASSWORD, uniqueEmail } from '@/test/factories';
import type { RequestMeta } from './actor';
import { authenticatePassword, authenticateToken, loadSessionActor, MAX_FAILURES_PER_EMAIL, MAX_FAILURES_PER_IP } from './authenticate';

/** A request from an address of its own, so throttling counts only this test's attempts. */
function freshMeta(): RequestMeta {
  const b = randomBytes(3);
  return { requestId: `req-${b.toString('hex')}`, ip: `10.${b[0]}.${b[1]}.${b[2]}`, userAgent: 'vitest' };
}

async function errorOf(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (e) {
    const err = e as Error & { kind?: string; code?: string };
    return { name: err.name, kind: err.kind, code: err.code, message: err.message };
  }
  throw new Error('expected a rejection');
}

const INVALID_CREDENTIALS = { name: 'UnauthenticatedError', kind: 'unauthenticated', code: 'invalid_credentials', message: 'Invalid email or password.' };
const RATE_LIMITED = { name: 'RateLimitedError', kind: 'rate_limited', code: 'rate_limited', message: 'Too many failed sign-in attempts. Try again in 15 minutes.' };

async function attempts(email: string) {
  const db = await getDb();
  return db.select({ ip: loginAttempts.ip, succeeded: loginAttempts.succeeded }).from(loginAttempts).where(eq(loginAttempts.email, email));
}

describe('authenticatePassword', () => {
  it('signs a user in by email (any case, surrounding spaces) and records the attempt and an auth.sign_in event', async () => {
    const user = await makeUser('scientist');
    const meta = freshMeta();
    const actor = await authenticatePassword(`  ${user.email.toUpperCase()} `, TEST_PASSWORD, meta);
    expect(actor).toEqual({ kind: 'user', userId: user.userId, email: user.email, name: user.name, role: 'scientist', meta });
    expect(await attempts(user.email)).toEqual([{ ip: meta.ip, succeeded: true }]);
    const db = await getDb();
    const events = await db.select().from(auditEvents).where(and(eq(auditEvents.action, 'auth.sign_in'), eq(auditEvents.actorId, user.userId)));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorKind: 'user', actorEmail: user.email, resourceType: 'user', resourceId: user.userId, requestId: meta.requestId, ip: meta.ip, userAgent: 'vitest' });
  });

  it('gives a wrong password and an unknown email the identical invalid_credentials error, and records no sign-in event', async () => {
    const user = await makeUser('viewer');
    const db = await getDb();
    const [{ before }] = await db.select({ before: sql<number>`count(*)::int` }).from(auditEvents);
    const wrongPassword = await errorOf(authenticatePassword(user.email, 'not the password at all', freshMeta()));
    const unknownEmail = await errorOf(authenticatePassword(uniqueEmail('nobody'), TEST_PASSWORD, freshMeta()));
    expect(wrongPassword).toEqual(INVALID_CREDENTIALS);
    expect(unknownEmail).toEqual(INVALID_CREDENTIALS);
    const [{ after }] = await db.select({ after: sql<number>`count(*)::int` }).from(auditEvents);
    expect(after).toBe(before);
    expect(await attempts(user.email)).toEqual([{ ip: expect.any(String), succeeded: false }]);
  });

  it(`throttles an email after ${MAX_FAILURES_PER_EMAIL} failures with rate_limited, even with the right password and from another address`, async () => {
    const user = await makeUser('approver');
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      expect(await errorOf(authenticatePassword(user.email, `wrong ${i}`, freshMeta()))).toEqual(INVALID_CREDENTIALS);
    }
    expect(await errorOf(authenticatePassword(user.email, TEST_PASSWORD, freshMeta()))).toEqual(RATE_LIMITED);
    const rows = await attempts(user.email);
    expect(rows).toHaveLength(MAX_FAILURES_PER_EMAIL);
    expect(rows.every((r) => !r.succeeded)).toBe(true);
  });

  it('starts counting failures again after a successful sign-in', async () => {
    const user = await makeUser('viewer');
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL - 1; i++) await errorOf(authenticatePassword(user.email, `wrong ${i}`, freshMeta()));
    await expect(authenticatePassword(user.email, TEST_PASSWORD, freshMeta())).resolves.toMatchObject({ userId: user.userId });
    expect(await errorOf(authenticatePassword(user.email, 'wrong again', freshMeta()))).toEqual(INVALID_CREDENTIALS);
    await expect(authenticatePassword(user.email, TEST_PASSWORD, freshMeta())).resolves.toMatchObject({ userId: user.userId });
  });

  it('counts only failures inside the throttle window', async () => {
    const user = await makeUser('viewer');
    const db = await getDb();
    const old = new Date(Date.now() - 16 * 60_000);
    await db.insert(loginAttempts).values(Array.from({ length: MAX_FAILURES_PER_EMAIL + 2 }, () => ({ email: user.email, ip: '192.0.2.1', succeeded: false, attemptedAt: old })));
    await expect(authenticatePassword(user.email, TEST_PASSWORD, freshMeta())).resolves.toMatchObject({ userId: user.userId });
  });

  it(`throttles an address after ${MAX_FAILURES_PER_IP} failures across emails, but not other addresses`, async () => {
    const user = await makeUser('viewer');
    const meta = freshMeta();
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
      expect(await errorOf(authenticatePassword(uniqueEmail('spray'), TEST_PASSWORD, meta))).toEqual(INVALID_CREDENTIALS);
    }
    expect(await errorOf(authenticatePassword(user.email, TEST_PASSWORD, meta))).toEqual(RATE_LIMITED);
    await expect(authenticatePassword(user.email, TEST_PASSWORD, freshMeta())).resolves.toMatchObject({ userId: user.userId });
  });

  it('refuses a disabled user with the same invalid_credentials error, whatever the password', async () => {
    const admin = await makeUser('admin');
    const user = await makeUser('scientist');
    await updateUser(admin, { id: user.userId, disabled: true });
    expect(await errorOf(authenticatePassword(user.email, TEST_PASSWORD, freshMeta()))).toEqual(INVALID_CREDENTIALS);
    expect(await attempts(user.email)).toEqual([{ ip: expect.any(String), succeeded: false }]);
  });
});

describe('loadSessionActor', () => {
  it('returns the user as stored now, so a role change applies to the existing session', async () => {
    const admin = await makeUser('admin');
    const user = await makeUser('viewer');
    const meta = freshMeta();
    expect(await loadSessionActor(user.userId, meta)).toEqual({ kind: 'user', userId: user.userId, email: user.email, name: user.name, role: 'viewer', meta });
    await updateUser(admin, { id: user.userId, role: 'auditor' });
    expect(await loadSessionActor(user.userId, meta)).toMatchObject({ role: 'auditor' });
  });

  it('returns null for a disabled user at once, and the user again once re-enabled', async () => {
    const admin = await makeUser('admin');
    const user = await makeUser('scientist');
    await updateUser(admin, { id: user.userId, disabled: true });
    expect(await loadSessionActor(user.userId, freshMeta())).toBeNull();
    await updateUser(admin, { id: user.userId, disabled: false });
    expect(await loadSessionActor(user.userId, freshMeta())).toMatchObject({ userId: user.userId });
  });

  it.each(['00000000-0000-4000-8000-000000000000', 'not-a-uuid', "' or 1=1 --"])('returns null for the unknown or malformed id %j', async (id) => {
    expect(await loadSessionActor(id, freshMeta())).toBeNull();
  });
});

describe('authenticateToken', () => {
  it('resolves a valid token to a token actor with its scopes and records lastUsedAt', async () => {
    const user = await makeUser('scientist');
    const { id, token } = await makeToken(user, ['read']);
    const meta = freshMeta();
    const db = await getDb();
    const [before] = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(before.lastUsedAt).toBeNull();
    const started = Date.now();
    const actor = await authenticateToken(token, meta);
    expect(actor).toEqual({ kind: 'token', userId: user.userId, email: user.email, name: user.name, role: 'scientist', tokenId: id, scopes: ['read'], meta });
    const [after] = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(after.lastUsedAt!.getTime()).toBeGreaterThanOrEqual(started - 1000);
  });

  it('writes lastUsedAt at most once a minute, and a revocation right after a use still stops the token at once', async () => {
    const user = await makeUser('scientist');
    const { id, token } = await makeToken(user);
    const db = await getDb();
    const lastUsed = async () => (await db.select().from(apiTokens).where(eq(apiTokens.id, id)))[0].lastUsedAt!.getTime();
    await authenticateToken(token, freshMeta());
    const first = await lastUsed();
    await new Promise((r) => setTimeout(r, 20));
    await authenticateToken(token, freshMeta());
    expect(await lastUsed()).toBe(first);
    // Older than a minute: the next use moves it forward.
    const old = new Date(Date.now() - 61_000);
    await db.update(apiTokens).set({ lastUsedAt: old }).where(eq(apiTokens.id, id));
    await authenticateToken(token, freshMeta());
    expect(await lastUsed()).toBeGreaterThan(old.getTime() + 60_000);
    await revokeToken(user, { id });
    expect(await errorOf(authenticateToken(token, freshMeta()))).toMatchObject({ code: 'invalid_token', message: 'The API token was revoked.' });
  });

  it('refuses a revoked token', async () => {
    const user = await makeUser('scientist');
    const { id, token } = await makeToken(user);
    await revokeToken(user, { id });
    expect(await errorOf(authenticateToken(token, freshMeta()))).toEqual({ name: 'UnauthenticatedError', kind: 'unauthenticated', code: 'invalid_token', message: 'The API token was revoked.' });
  });

  it('refuses an expired token', async () => {
    const user = await makeUser('scientist');
    const { id, token } = await makeToken(user);
    const db = await getDb();
    await db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, id));
    expect(await errorOf(authenticateToken(token, freshMeta()))).toEqual({ name: 'UnauthenticatedError', kind: 'unauthenticated', code: 'invalid_token', message: 'The API token has expired.' });
  });

  it.each(['', 'mk_', 'Bearer abc', 'mk_zzzzzzzz_0123456789012345678901234567890123456789', 'mk_0123abcd_tooshort'])('refuses the malformed token %j', async (text) => {
    expect(await errorOf(authenticateToken(text, freshMeta()))).toEqual({ name: 'UnauthenticatedError', kind: 'unauthenticated', code: 'invalid_token', message: 'The API token is malformed.' });
  });

  it('refuses a wrong secret behind a real prefix, and leaves lastUsedAt untouched', async () => {
    const user = await makeUser('scientist');
    const { id, prefix } = await makeToken(user);
    expect(await errorOf(authenticateToken(`${prefix}_${'A'.repeat(40)}`, freshMeta()))).toEqual({
      name: 'UnauthenticatedError',
      kind: 'unauthenticated',
      code: 'invalid_token',
      message: 'The API token is not valid.',
    });
    const db = await getDb();
    const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(row.lastUsedAt).toBeNull();
  });

  it('refuses an unknown prefix with the same message as a wrong secret', async () => {
    expect(await errorOf(authenticateToken(`mk_00000000_${'B'.repeat(40)}`, freshMeta()))).toMatchObject({ code: 'invalid_token', message: 'The API token is not valid.' });
  });

  it('refuses the token of a disabled user', async () => {
    const admin = await makeUser('admin');
    const user = await makeUser('scientist');
    const { token } = await makeToken(user);
    await updateUser(admin, { id: user.userId, disabled: true });
    expect(await errorOf(authenticateToken(token, freshMeta()))).toEqual({ name: 'UnauthenticatedError', kind: 'unauthenticated', code: 'invalid_token', message: 'The API token’s user is disabled.' });
  });

  it('lets a read-scoped admin token read but refuses it a write service with token_scope, writing nothing', async () => {
    const admin = await makeUser('admin');
    const { token } = await makeToken(admin, ['read']);
    const actor = await authenticateToken(token, freshMeta());
    await expect(listUsers(actor, { pageSize: 1 })).resolves.toMatchObject({ users: [expect.any(Object)] });
    const email = uniqueEmail('scoped');
    await expect(createUser(actor, { email, name: 'Nope', role: 'viewer', password: TEST_PASSWORD })).rejects.toMatchObject({
      kind: 'forbidden',
      code: 'token_scope',
      message: "This API token has no 'write' scope; 'user.create' needs it.",
    });
    await expect(listUsers(admin, { q: email })).resolves.toEqual({ users: [], nextPageToken: null });
  });

  it('lets a write-scoped token call a write service, recorded as actor kind token', async () => {
    const admin = await makeUser('admin');
    const { id, token } = await makeToken(admin, ['read', 'write']);
    const actor = await authenticateToken(token, freshMeta());
    const created = await createUser(actor, { email: uniqueEmail('bytoken'), name: 'By token', role: 'viewer', password: TEST_PASSWORD });
    const db = await getDb();
    const [event] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, 'user.create'), eq(auditEvents.resourceId, created.id)));
    expect(event).toMatchObject({ actorKind: 'token', actorId: admin.userId, actorEmail: admin.email, tokenId: id });
  });
});
