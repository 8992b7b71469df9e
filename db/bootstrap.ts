import { getDbHandle } from './client';
import { migrateDb } from './migrate';
import { DEMO_ACCOUNTS } from './seed/demo-accounts';
import { DEMO_SEED_STEPS, ensureFirstAdmin, runSeedSteps } from './seed/run-seeds';

/** Demo data is on for `npm run dev` and off under `next start`, unless MODELKEEP_DEMO says otherwise. */
export function demoEnabled(): boolean {
  const flag = process.env.MODELKEEP_DEMO;
  if (flag !== undefined) return flag === '1' || flag === 'true';
  return process.env.NODE_ENV !== 'production';
}

/** Runs once per server start: migrate, create the first admin if configured, seed demo data once. */
export async function bootstrap(log: (line: string) => void = console.log): Promise<void> {
  const handle = await getDbHandle();
  const where = handle.driver === 'pg' ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${process.env.PGLITE_DIR ?? './.data/pglite'}`;
  await migrateDb(handle);
  log(`[modelkeep] database: ${where}, migrations applied`);
  const admin = await ensureFirstAdmin(handle);
  if (admin) log(`[modelkeep] created the first admin ${admin}`);
  if (!demoEnabled()) return;
  await runSeedSteps(handle, DEMO_SEED_STEPS, log);
  log('[modelkeep] demo sign-ins (demo data only; never use these in production):');
  for (const a of DEMO_ACCOUNTS) log(`    ${a.role.padEnd(10)} ${a.email.padEnd(28)} ${a.password}`);
}
