import { sql } from 'drizzle-orm';
import { getDb, rowsOf } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { createExperiment } from './create-experiment';
import { createRun } from './create-run';

let counter = 0;

/** A fresh experiment owned by the actor, with a unique name. */
export async function makeExperiment(owner: Actor, name = `exp-${process.pid}-${Date.now()}-${counter++}`) {
  return createExperiment(owner, { name });
}

export async function makeRun(actor: Actor, experimentId: string, extra: Record<string, unknown> = {}) {
  return createRun(actor, { experimentId, ...extra });
}

/** Row counts of the tables a tracking write touches, plus the audit log, to prove nothing was half-written. */
export async function trackingCounts(runId?: string): Promise<Record<string, number>> {
  const db = await getDb();
  const where = runId ? sql`where run_id = ${runId}` : sql``;
  const [row] = rowsOf<Record<string, number>>(
    await db.execute(sql`select
      (select count(*)::int from metric_history ${where}) as history,
      (select count(*)::int from latest_metrics ${where}) as latest,
      (select count(*)::int from params ${where}) as params,
      (select count(*)::int from run_tags ${where}) as tags,
      (select count(*)::int from audit_events) as audit`),
  );
  return row;
}

export async function auditEventsFor(resourceType: string, resourceId: string) {
  const db = await getDb();
  return rowsOf<{ action: string; actor_id: string | null; before: unknown; after: unknown; seq: number }>(
    await db.execute(sql`select action, actor_id, before, after, seq from audit_events where resource_type = ${resourceType} and resource_id = ${resourceId} order by seq`),
  );
}
