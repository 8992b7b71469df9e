import 'server-only';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { getDb, rowsOf } from '@/db/client';
import { MIGRATIONS_DIR } from '@/db/migrate';

/** Whether the database is reachable and has every migration in db/migrations applied. */
export async function checkReadiness(): Promise<{ ready: boolean; database: string; migrations: { expected: number; applied: number } }> {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  const expected = journal.entries.length;
  try {
    const db = await getDb();
    const rows = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
    const applied = Number(rows[0]?.n ?? 0);
    return { ready: applied >= expected, database: 'ok', migrations: { expected, applied } };
  } catch {
    return { ready: false, database: 'unreachable', migrations: { expected, applied: 0 } };
  }
}
