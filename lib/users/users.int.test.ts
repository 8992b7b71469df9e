import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents } from '@/db/schema/audit';
import { users } from '@/db/schema/identity';
import { makeUser, TEST_PASSWORD, uniqueEmail } from '@/test/factories';
import { createUser } from './create-user';
import { listUsers } from './list-users';
import { updateUser } from './update-user';

async function auditCount(): Promise<number> {
  const db = await getDb();
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
  return n;
}

describe('createUser', () => {
  it('stores a lower-cased email and a bcrypt hash, and records user.create with the admin as actor', async () => {
    const admin = await makeUser('admin');
    const email = uniqueEmail('New.Person').toUpperCase();
    const created = await createUser(admin, { email, name: 'New Person', role: 'scientist', password: TEST_PASSWORD });

    expect(created).toMatchObject({ email: email.toLowerCase(), role: 'scientist', disabled: false });
    const db = await getDb();
    const [row] = await db.select().from(users).where(eq(users.id, created.id));
    expect(row.passwordHash).toMatch(/^\$2[aby]\$/);
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.resourceId, created.id));
    expect(event).toMatchObject({ action: 'user.create', actorId: admin.userId, actorKind: 'user', resourceType: 'user' });
    expect(JSON.stringify(event.after)).not.toContain(TEST_PASSWORD);
  });

  it('refuses a duplicate email with already_exists naming the email, and writes nothing', async () => {
    const admin = await makeUser('admin');
    const email = uniqueEmail('dup');
    await createUser(admin, { email, name: 'First', role: 'viewer', password: TEST_PASSWORD });
    const before = await auditCount();
    await expect(createUser(admin, { email, name: 'Second', role: 'viewer', password: TEST_PASSWORD })).rejects.toMatchObject({
      code: 'already_exists',
      message: 'A user with this email already exists.',
    });
    expect(await auditCount()).toBe(before);
  });

  it('rejects a short password and a bad email with validation_failed naming both fields', async () => {
    const admin = await makeUser('admin');
    await expect(createUser(admin, { email: 'not-an-email', name: 'X', role: 'viewer', password: 'short' })).rejects.toMatchObject({
      code: 'validation_failed',
      issues: [
        { path: 'email', message: 'must be a valid email address' },
        { path: 'password', message: 'must be at least 12 characters' },
      ],
    });
  });

  it('refuses a NUL character in text with validation_failed instead of an internal error', async () => {
    const admin = await makeUser('admin');
    await expect(createUser(admin, { email: uniqueEmail(), name: 'Bad\u0000Name', role: 'viewer', password: TEST_PASSWORD })).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it.each(['viewer', 'scientist', 'approver', 'auditor'] as const)('refuses a %s with forbidden', async (role) => {
    const actor = await makeUser(role);
    await expect(createUser(actor, { email: uniqueEmail(), name: 'X', role: 'viewer', password: TEST_PASSWORD })).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('updateUser', () => {
  it('disables a user and records user.disable with before and after', async () => {
    const admin = await makeUser('admin');
    const target = await makeUser('scientist');
    const updated = await updateUser(admin, { id: target.userId, disabled: true });
    expect(updated.disabled).toBe(true);
    const db = await getDb();
    const events = await db.select().from(auditEvents).where(eq(auditEvents.resourceId, target.userId));
    const disable = events.find((e) => e.action === 'user.disable');
    expect(disable?.before).toMatchObject({ disabled: false });
    expect(disable?.after).toMatchObject({ disabled: true });
  });

  it('refuses to demote the last enabled admin with last_admin', async () => {
    const db = await getDb();
    // Leave exactly one enabled admin in this database.
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.role, 'admin'));
    const admin = await makeUser('admin');
    await expect(updateUser(admin, { id: admin.userId, role: 'viewer' })).rejects.toMatchObject({ code: 'last_admin' });
    const [row] = await db.select().from(users).where(eq(users.id, admin.userId));
    expect(row.role).toBe('admin');
  });

  it('reports an unknown id as not_found', async () => {
    const admin = await makeUser('admin');
    await expect(updateUser(admin, { id: '00000000-0000-4000-8000-000000000000', role: 'viewer' })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('listUsers', () => {
  it('pages through users in email order with an opaque token', async () => {
    const admin = await makeUser('admin');
    for (let i = 0; i < 3; i++) await makeUser('viewer');
    const first = await listUsers(admin, { pageSize: 2 });
    expect(first.users).toHaveLength(2);
    expect(first.nextPageToken).toBeTruthy();
    const second = await listUsers(admin, { pageSize: 2, pageToken: first.nextPageToken! });
    expect(second.users[0].email > first.users[1].email).toBe(true);
    await expect(listUsers(admin, { pageToken: 'garbage' })).rejects.toMatchObject({ code: 'invalid_page_token' });
  });
});
