import { sql } from 'drizzle-orm';
import { getDb, rowsOf } from '@/db/client';
import { sealAuditChain } from '@/lib/audit/seal-audit-chain';
import type { Actor } from '@/lib/auth/actor';
import { createModel } from './create-model';
import { createVersion } from './create-version';

let counter = 0;

/** A fresh model owned by the actor, with a unique name. */
export async function makeModel(owner: Actor, name = `model-${process.pid}-${Date.now()}-${counter++}`) {
  return createModel(owner, { name });
}

/** `n` versions of the model, created one after another (1, 2, … n). */
export async function makeVersions(actor: Actor, name: string, n: number) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await createVersion(actor, { name, source: `s3://models/${name}/${i + 1}` }));
  return out;
}

/** Stage of every version of the model, by number, read from the table. */
export async function stagesOf(modelName: string): Promise<Record<number, string>> {
  const db = await getDb();
  const rows = rowsOf<{ version: number; stage: string }>(
    await db.execute(sql`select v.version, v.stage from model_versions v join registered_models m on m.id = v.model_id where m.name = ${modelName} order by v.version`),
  );
  return Object.fromEntries(rows.map((r) => [Number(r.version), r.stage]));
}

/** Row counts of the registry's tables and the audit log, to prove nothing was half-written. */
export async function registryCounts(): Promise<Record<string, number>> {
  const db = await getDb();
  const [row] = rowsOf<Record<string, number>>(
    await db.execute(sql`select
      (select count(*)::int from model_versions) as versions,
      (select count(*)::int from transition_requests) as requests,
      (select count(*)::int from transition_approvals) as approvals,
      (select count(*)::int from model_stage_history) as history,
      (select count(*)::int from model_aliases) as aliases,
      (select count(*)::int from audit_events) as audit`),
  );
  return row;
}

export async function requestStatus(id: string): Promise<string> {
  const db = await getDb();
  const [row] = rowsOf<{ status: string }>(await db.execute(sql`select status from transition_requests where id = ${id}`));
  return row.status;
}

export async function auditActions(resourceType: string, resourceId: string) {
  const db = await getDb();
  // Seal first, so each event comes with its chain link (position, prev_hash, hash).
  await sealAuditChain({ wait: true });
  return rowsOf<{ action: string; actor_id: string | null; before: unknown; after: unknown; seq: number; position: number; prev_hash: string; hash: string }>(
    await db.execute(sql`select e.action, e.actor_id, e.before, e.after, e.seq, c.position, c.prev_hash, c.hash
      from audit_events e join audit_chain c on c.event_seq = e.seq
      where e.resource_type = ${resourceType} and e.resource_id = ${resourceId} order by c.position`),
  );
}
