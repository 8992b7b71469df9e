import { eq, sql } from 'drizzle-orm';
import type { DbHandle } from '@/db/client';
import { seedMarks } from '@/db/schema/system';
import { users } from '@/db/schema/identity';
import { systemActor } from '@/lib/auth/actor';
import { createUser } from '@/lib/users/create-user';
import { DEMO_ACCOUNTS } from './demo-accounts';
import { seedRegistryDemo } from './registry-demo';
import { seedTrackingDemo } from './tracking-demo';

export interface SeedStep {
  name: string;
  run(): Promise<void>;
}

/** Demo data, one step per domain, each run once and marked. Everything goes through the services. */
export const DEMO_SEED_STEPS: SeedStep[] = [
  {
    name: 'demo.accounts',
    async run() {
      for (const account of DEMO_ACCOUNTS) await createUser(systemActor(), account);
    },
  },
  {
    name: 'demo.tracking',
    async run() {
      await seedTrackingDemo();
    },
  },
  {
    name: 'demo.registry',
    async run() {
      await seedRegistryDemo();
    },
  },
];

export async function runSeedSteps(handle: DbHandle, steps: SeedStep[], log: (line: string) => void = () => {}): Promise<string[]> {
  const applied: string[] = [];
  for (const step of steps) {
    const [done] = await handle.db.select().from(seedMarks).where(eq(seedMarks.name, step.name));
    if (done) continue;
    const started = Date.now();
    log(`[modelkeep] seeding ${step.name} (first start only)…`);
    await step.run();
    log(`[modelkeep] seeded ${step.name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await handle.db.insert(seedMarks).values({ name: step.name }).onConflictDoNothing();
    applied.push(step.name);
  }
  return applied;
}

/**
 * On a server with no users yet, MODELKEEP_ADMIN_EMAIL and MODELKEEP_ADMIN_PASSWORD create the first admin,
 * so a production install never needs the demo accounts.
 */
export async function ensureFirstAdmin(handle: DbHandle): Promise<string | null> {
  const email = process.env.MODELKEEP_ADMIN_EMAIL;
  const password = process.env.MODELKEEP_ADMIN_PASSWORD;
  if (!email || !password) return null;
  const [{ n }] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(users).where(eq(users.email, email.toLowerCase()));
  if (n > 0) return null;
  const created = await createUser(systemActor(), { email, password, name: 'Administrator', role: 'admin' });
  return created.email;
}
