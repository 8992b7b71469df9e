import 'server-only';
import type { PGlite, Transaction as PGliteTransaction } from '@electric-sql/pglite';
import type { Pool } from 'pg';
import { getDbHandle } from '@/db/client';

/** A query that returns rows as arrays of driver values (text for everything but json/int4/bool). */
export type ArrayQuery = (text: string, params?: unknown[]) => Promise<unknown[][]>;

/**
 * Runs `fn` in one transaction on a connection of its own, with queries answered as arrays (no per-row
 * object or Date mapping). `snapshot`: REPEATABLE READ READ ONLY on PostgreSQL, so every query sees one
 * snapshot; otherwise READ COMMITTED read-write. PGlite has a single connection, so nothing else runs
 * while `fn` does. Queries may be issued before earlier ones are answered, which lets the caller fetch
 * the next batch while it works on the current one: on PostgreSQL each query is sent when the one before
 * it has answered (pg 8 deprecates queueing on a busy client, and pg 9 refuses it), so the server works on
 * the next batch while `fn` hashes the current one; PGlite queues them itself.
 */
export async function withArrayTransaction<T>(mode: 'snapshot' | 'write', fn: (query: ArrayQuery) => Promise<T>): Promise<T> {
  const handle = await getDbHandle();
  if (handle.driver === 'pg') {
    const pool = (handle.db as unknown as { $client: Pool }).$client;
    const client = await pool.connect();
    // The client's queries in order, each sent once the previous one has answered (or failed).
    let previous: Promise<unknown> = Promise.resolve();
    const send = <R>(run: () => Promise<R>): Promise<R> => {
      const next = previous.then(run);
      previous = next.catch(() => undefined);
      return next;
    };
    let done = false;
    try {
      await send(() => client.query(mode === 'snapshot' ? 'begin isolation level repeatable read read only' : 'begin'));
      const query: ArrayQuery = async (text, params = []) => (await send(() => client.query({ text, values: params, rowMode: 'array' }))).rows as unknown[][];
      const result = await fn(query);
      await send(() => client.query('commit'));
      done = true;
      return result;
    } finally {
      // After a failure, queries `fn` left in flight answer (or fail) before the rollback is sent.
      if (!done) await send(() => client.query('rollback')).catch(() => undefined);
      client.release();
    }
  }
  const pglite = (handle.db as unknown as { $client: PGlite }).$client;
  return pglite.transaction(async (tx: PGliteTransaction) => {
    const query: ArrayQuery = async (text, params = []) => (await tx.query<unknown[]>(text, params, { rowMode: 'array' })).rows;
    return fn(query);
  });
}
