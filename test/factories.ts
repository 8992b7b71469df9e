import { randomBytes } from 'node:crypto';
import type { Role } from '@/db/schema/identity';
import { systemActor, type Actor } from '@/lib/auth/actor';
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
