import path from 'node:path';
import type { DbHandle } from './client';

export const MIGRATIONS_DIR = path.join(process.cwd(), 'db', 'migrations');

/** Applies every committed drizzle-kit migration that the database has not seen yet. */
export async function migrateDb(handle: DbHandle): Promise<void> {
  if (handle.driver === 'pg') {
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    await migrate(handle.db as never, { migrationsFolder: MIGRATIONS_DIR });
  } else {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(handle.db as never, { migrationsFolder: MIGRATIONS_DIR });
  }
}
