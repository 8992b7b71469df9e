import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents } from '@/db/schema/audit';
import { apiTokens } from '@/db/schema/identity';
import { authenticateToken } from '@/lib/auth/authenticate';
import { makeToken, makeUser } from '@/test/factories';
import { createToken } from './create-token';
import { listTokens } from './list-tokens';
import { revokeToken } from './revoke-token';

async function auditCount(): Promise<number> {
  const db = await getDb();
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
  return n;
}

async function tokenRow(id: string) {
  const db = await getDb();
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
  return row;
}

async function eventsFor(id: string) {
  const db = await getDb();
  return db.select().from(auditEvents).where(and(eq(auditEvents.resourceType, 'api_token'), eq(auditEvents.resourceId, id)));
}

describe('createToken', () => {
  it('returns the secret once, stores only its sha256 and shows the prefix', async () => {
    const user = await makeUser('scientist');
    const created = await createToken(user, { name: 'CI upload', scopes: ['read', 'write', 'read'], expiresInDays: 30 });

    expect(created.token).toMatch(/^mk_[0-9a-f]{8}_[0-9A-Za-z]{40}$/);
    expect(created).toMatchObject({ userId: user.userId, name: 'CI upload', prefix: created.token.slice(0, 11), scopes: ['read', 'write'], status: 'active', lastUsedAt: null, revokedAt: null });
    const expiresIn = new Date(created.expiresAt!).getTime() - Date.now();
    expect(Math.abs(expiresIn - 30 * 86_400_000)).toBeLessThan(60_000);

    const row = await tokenRow(created.id);
    expect(row.secretHash).toBe(createHash('sha256').update(created.token).digest('hex'));
    expect(row.prefix).toBe(created.prefix);
    const secretPart = created.token.slice(12);
    expect(JSON.stringify(row)).not.toContain(secretPart);

    const listed = await listTokens(user, {});
    expect(listed.tokens).toHaveLength(1);
    expect(listed.tokens[0]).not.toHaveProperty('token');
    expect(JSON.stringify(listed)).not.toContain(secretPart);
  });

  it('records token.create with the token view and without the secret', async () => {
    const user = await makeUser('viewer');
    const created = await createToken(user, { name: 'laptop' });
    const events = await eventsFor(created.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'token.create', actorId: user.userId, actorKind: 'user', before: null });
    const { token, ...view } = created;
    expect(events[0].after).toEqual(view);
    expect(JSON.stringify(events[0])).not.toContain(token.slice(12));
  });

  it('defaults to the read scope and no expiry', async () => {
    const user = await makeUser('viewer');
    expect(await createToken(user, { name: 'defaults' })).toMatchObject({ scopes: ['read'], expiresAt: null });
  });

  it('rejects an empty name and an empty scope list with validation_failed naming both, writing nothing', async () => {
    const user = await makeUser('scientist');
    const before = await auditCount();
    await expect(createToken(user, { name: '  ', scopes: [] })).rejects.toMatchObject({
      code: 'validation_failed',
      message: 'name: is required; scopes: choose at least one scope',
      issues: [
        { path: 'name', message: 'is required' },
        { path: 'scopes', message: 'choose at least one scope' },
      ],
    });
    await expect(createToken(user, { name: 'x', scopes: ['admin' as 'read'] })).rejects.toMatchObject({ code: 'validation_failed', issues: [{ path: 'scopes.0' }] });
    expect(await auditCount()).toBe(before);
    expect((await listTokens(user, {})).tokens).toEqual([]);
  });

  it('refuses a token minting another token with forbidden', async () => {
    const user = await makeUser('scientist');
    const { token } = await makeToken(user, ['read', 'write']);
    const tokenActor = await authenticateToken(token, user.meta);
    await expect(createToken(tokenActor, { name: 'minted' })).rejects.toMatchObject({ code: 'forbidden', message: 'API tokens can only be created by a signed-in user.' });
    expect((await listTokens(user, {})).tokens).toHaveLength(1);
  });
});

describe('listTokens', () => {
  it("lists the caller's own tokens only, newest first", async () => {
    const alice = await makeUser('scientist');
    const bob = await makeUser('scientist');
    const a1 = await makeToken(alice, ['read'], 'a1');
    const a2 = await makeToken(alice, ['read'], 'a2');
    await makeToken(bob, ['read'], 'b1');
    const { tokens } = await listTokens(alice, {});
    expect(tokens.map((t) => t.id).sort()).toEqual([a1.id, a2.id].sort());
    expect(tokens.every((t) => t.userId === alice.userId)).toBe(true);
  });

  it.each(['viewer', 'scientist', 'approver', 'auditor'] as const)('refuses allUsers to a %s with forbidden', async (role) => {
    const actor = await makeUser(role);
    await expect(listTokens(actor, { allUsers: true })).rejects.toMatchObject({ code: 'forbidden', message: `The ${role} role may not list and revoke any user’s API tokens (permission 'token.manage').` });
  });

  it("gives an admin every user's tokens with their owners' emails", async () => {
    const admin = await makeUser('admin');
    const alice = await makeUser('scientist');
    const bob = await makeUser('viewer');
    const a = await makeToken(alice);
    const b = await makeToken(bob);
    const { tokens } = await listTokens(admin, { allUsers: true });
    expect(tokens.find((t) => t.id === a.id)).toMatchObject({ userId: alice.userId, userEmail: alice.email });
    expect(tokens.find((t) => t.id === b.id)).toMatchObject({ userId: bob.userId, userEmail: bob.email });
    expect((await listTokens(admin, {})).tokens).toEqual([]);
  });
});

describe('revokeToken', () => {
  it('revokes the caller’s own token at once and records before and after', async () => {
    const user = await makeUser('approver');
    const { id, token } = await makeToken(user);
    const revoked = await revokeToken(user, { id });
    expect(revoked).toMatchObject({ id, status: 'revoked', revokedAt: expect.any(String) });
    expect((await tokenRow(id)).revokedAt).toBeInstanceOf(Date);
    await expect(authenticateToken(token, user.meta)).rejects.toMatchObject({ code: 'invalid_token', message: 'The API token was revoked.' });
    const events = (await eventsFor(id)).filter((e) => e.action === 'token.revoke');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: user.userId, before: { status: 'active', revokedAt: null }, after: { status: 'revoked', revokedAt: revoked.revokedAt } });
  });

  it('is idempotent: revoking again returns the revoked token and records nothing more', async () => {
    const user = await makeUser('viewer');
    const { id } = await makeToken(user);
    const first = await revokeToken(user, { id });
    const before = await auditCount();
    expect(await revokeToken(user, { id })).toEqual(first);
    expect(await auditCount()).toBe(before);
  });

  it.each(['viewer', 'scientist', 'approver', 'auditor'] as const)("reports another user's token to a %s as not_found, exactly like a missing one, and leaves it active", async (role) => {
    const owner = await makeUser('scientist');
    const other = await makeUser(role);
    const { id, token } = await makeToken(owner);
    const before = await auditCount();
    await expect(revokeToken(other, { id })).rejects.toMatchObject({ kind: 'not_found', code: 'not_found', message: `API token '${id}' was not found.` });
    const missing = '00000000-0000-4000-8000-00000000abcd';
    await expect(revokeToken(other, { id: missing })).rejects.toMatchObject({ kind: 'not_found', code: 'not_found', message: `API token '${missing}' was not found.` });
    expect((await tokenRow(id)).revokedAt).toBeNull();
    await expect(authenticateToken(token, owner.meta)).resolves.toMatchObject({ tokenId: id });
    expect(await auditCount()).toBe(before);
  });

  it("lets an admin revoke anyone's token, recorded with the admin as actor", async () => {
    const admin = await makeUser('admin');
    const owner = await makeUser('scientist');
    const { id } = await makeToken(owner);
    expect(await revokeToken(admin, { id })).toMatchObject({ id, userId: owner.userId, status: 'revoked' });
    const [event] = (await eventsFor(id)).filter((e) => e.action === 'token.revoke');
    expect(event).toMatchObject({ actorId: admin.userId, actorEmail: admin.email, actorKind: 'user' });
  });

  it('rejects an id that is not a uuid with validation_failed naming id', async () => {
    const user = await makeUser('viewer');
    await expect(revokeToken(user, { id: 'abc' })).rejects.toMatchObject({ code: 'validation_failed', issues: [{ path: 'id', message: 'must be a token id' }] });
  });
});
