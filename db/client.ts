import 'server-only';
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { logger } from '@/lib/observability/logger';
import * as schema from './schema';

export type Schema = typeof schema;
/** Either driver's database, or a transaction on it: query helpers accept any of them. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type DbDriver = 'pg' | 'pglite';
export interface DbHandle {
  db: Db;
  driver: DbDriver;
  close(): Promise<void>;
}

export const DEFAULT_PGLITE_DIR = path.join(process.cwd(), '.data', 'pglite');

/** Opens a database: node-postgres when a URL is given, otherwise PGlite in `dir` (or in memory). */
export async function openDb(opts: { url?: string; pgliteDir?: string | null; poolSize?: number }): Promise<DbHandle> {
  if (opts.url) {
    const { Pool } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const pool = new Pool({ connectionString: opts.url, max: opts.poolSize ?? 10 });
    // An idle connection can die (server restart, failover, a dropped database); without a listener the
    // pool's 'error' event would take the whole process down. The pool replaces the connection itself.
    pool.on('error', (err) => logger.warn({ err: err.message }, 'idle database connection lost'));
    return { db: drizzle(pool, { schema }) as unknown as Db, driver: 'pg', close: () => pool.end() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  if (opts.pgliteDir) mkdirSync(opts.pgliteDir, { recursive: true });
  const client = opts.pgliteDir ? new PGlite(opts.pgliteDir) : new PGlite();
  await client.waitReady;
  return { db: drizzle(client, { schema }) as unknown as Db, driver: 'pglite', close: () => client.close() };
}

// One handle per process, kept on globalThis so that hot reloads never open the PGlite directory twice.
const holder = globalThis as unknown as { __modelkeepDb?: Promise<DbHandle> };

export function setDbHandle(handle: Promise<DbHandle> | DbHandle): void {
  holder.__modelkeepDb = Promise.resolve(handle);
}

export function getDbHandle(): Promise<DbHandle> {
  holder.__modelkeepDb ??= openDb({ url: process.env.DATABASE_URL, pgliteDir: process.env.PGLITE_DIR ?? DEFAULT_PGLITE_DIR });
  return holder.__modelkeepDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/** Rows of a raw `execute` result; node-postgres and PGlite both return `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
