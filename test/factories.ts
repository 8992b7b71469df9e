import { randomBytes } from 'node:crypto';
import type { Role } from '@/db/schema/identity';
import { systemActor, type Actor } from '@/lib/auth/actor';
import { createToken } from '@/lib/tokens/create-token';
import { createUser } from '@/lib/users/create-user';

export const TEST_PASSWORD = 'correct horse battery staple';

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${randomBytes(4).toString('hex')}@example.test`;
}

/** A new user with the role, and the Actor they would be when signed in. */
export async function makeUser(role: Role, name = `Test ${role}`): Promise<Actor & { userId: string; email: string }> {
  const user = await createUser(systemActor(), { email: uniqueEmail(role), name, role, password: TEST_PASSWORD });
  return { kind: 'user', userId: user.id, email: user.email, name: user.name, role, meta: { requestId: 'test', ip: '127.0.0.1', userAgent: 'vitest' } };
}

/** A personal API token for the user, and the secret text to send as `Authorization: Bearer …`. */
export async function makeToken(
  owner: Actor,
  scopes: ('read' | 'write')[] = ['read', 'write'],
  name = `token ${randomBytes(3).toString('hex')}`,
): Promise<{ id: string; prefix: string; token: string }> {
  const created = await createToken(owner, { name, scopes });
  return { id: created.id, prefix: created.prefix, token: created.token };
}

/** The PostgreSQL error (code, message) under a failed query, whichever driver and wrapper raised it. */
export async function pgErrorOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (e) {
    let cur: unknown = e;
    for (let depth = 0; cur && depth < 5; depth++) {
      const c = cur as { code?: unknown; message?: string; cause?: unknown };
      if (typeof c.code === 'string' && /^[0-9A-Z]{5}$/.test(c.code)) return { code: c.code, message: c.message ?? '' };
      cur = c.cause;
    }
    throw new Error(`expected a PostgreSQL error, got ${String(e)}`);
  }
  throw new Error('expected the query to fail, but it succeeded');
}
