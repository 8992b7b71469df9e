import 'server-only';
import type { Db } from '@/db/client';
import { and, desc, eq, ne } from 'drizzle-orm';
import { modelStageHistory, modelVersions } from '@/db/schema/registry';
import type { Actor } from '@/lib/auth/actor';

export type HistoryEntry = Omit<typeof modelStageHistory.$inferInsert, 'id' | 'at' | 'actorId'>;

/**
 * Appends stage/alias events in the caller's transaction. `at` is the transaction's start time (now()),
 * so every event of one change carries the same instant and the id orders them.
 */
export async function recordHistory(tx: Db, actor: Actor, entries: HistoryEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.insert(modelStageHistory).values(entries.map((e) => ({ ...e, actorId: actor.userId })));
}

/**
 * The version to roll Production back to by default: the most recent version that left Production and
 * still exists, other than the current holder. Null when Production has never changed hands.
 */
export async function previousProductionVersion(tx: Db, modelId: string): Promise<number | null> {
  const [row] = await tx
    .select({ version: modelStageHistory.version })
    .from(modelStageHistory)
    .innerJoin(modelVersions, eq(modelVersions.id, modelStageHistory.versionId))
    .where(and(eq(modelStageHistory.modelId, modelId), eq(modelStageHistory.kind, 'stage'), eq(modelStageHistory.fromStage, 'Production'), ne(modelVersions.stage, 'Production')))
    .orderBy(desc(modelStageHistory.at), desc(modelStageHistory.id))
    .limit(1);
  return row?.version ?? null;
}
