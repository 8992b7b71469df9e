import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openDb, type DbHandle } from '@/db/client';
import { migrateDb } from '@/db/migrate';

/** The PostgreSQL server tests create their databases on; each database is dropped afterwards. */
export const TEST_PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_PG_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  handle: DbHandle;
  driver: 'pg' | 'pglite';
  /** A connection URL for PostgreSQL runs (null on PGlite). */
  url: string | null;
  drop(): Promise<void>;
}

/** A fresh, migrated database: a new PostgreSQL database, or an in-memory PGlite. */
export async function createTestDatabase(driver: 'pg' | 'pglite' = (process.env.TEST_DB_DRIVER as 'pg' | 'pglite') ?? 'pglite'): Promise<TestDatabase> {
  if (driver === 'pglite') {
    const handle = await openDb({ pgliteDir: null });
    await migrateDb(handle);
    return { handle, driver, url: null, drop: () => handle.close() };
  }
  const name = `modelkeep_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  const url = withDatabase(TEST_PG_ADMIN_URL, name);
  const handle = await openDb({ url, poolSize: 12 });
  await migrateDb(handle);
  return {
    handle,
    driver,
    url,
    async drop() {
      await handle.close();
      await admin((c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}
