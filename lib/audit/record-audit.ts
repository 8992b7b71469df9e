import 'server-only';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { toJsonValue } from './canonical-json';
import { canonicalEventTextAroundSeq, GENESIS_HASH, type ChainedEvent } from './chain';

/** Any constant works; it only has to be the same for every writer of the chain. */
const AUDIT_CHAIN_LOCK = 7_310_462_001;

export interface AuditResource {
  type: string;
  id: string | number | null;
}

type InsertedRow = { seq: string | number; prev_hash: string; hash: string };

const jsonText = (v: unknown) => (v === null ? null : JSON.stringify(v));

/**
 * Appends one event to the chain inside the caller's transaction. The advisory lock serialises
 * appenders until that transaction ends, so `seq` stays dense and each event links to the one
 * committed before it; if the change rolls back, its event goes with it.
 * Call it last in a service, after the change itself, to hold the lock for as short a time as possible.
 *
 * The lock is held until commit, so the work under it bounds the chain's rate: after the lock, a single
 * parameterised statement reads the head, computes hash = sha256(prev_hash || canonical JSON) with the
 * `seq` it assigns, and inserts. The canonical text is built here and split around `seq`, so the database
 * hashes exactly the bytes `hashEvent` would. The lock must be its own statement: in READ COMMITTED a
 * statement's snapshot is taken when it starts, and the insert must see the head committed by the
 * previous holder of the lock.
 */
export async function recordAudit(
  tx: Db,
  actor: Actor,
  action: string,
  resource: AuditResource,
  change: { before?: unknown; after?: unknown } = {},
): Promise<ChainedEvent> {
  const body = {
    id: randomUUID(),
    occurredAt: new Date(),
    actorId: actor.userId,
    actorEmail: actor.email,
    actorKind: actor.kind,
    tokenId: actor.tokenId ?? null,
    action,
    resourceType: resource.type,
    resourceId: resource.id === null ? null : String(resource.id),
    before: change.before === undefined ? null : toJsonValue(change.before),
    after: change.after === undefined ? null : toJsonValue(change.after),
    requestId: actor.meta.requestId,
    ip: actor.meta.ip,
    userAgent: actor.meta.userAgent,
  };
  const text = canonicalEventTextAroundSeq(body);
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const next = sql`head.seq + 1`;
  const rows = rowsOf<InsertedRow>(
    await tx.execute(sql`
      insert into audit_events (seq, id, occurred_at, actor_id, actor_email, actor_kind, token_id, action, resource_type, resource_id,
                                before, after, request_id, ip, user_agent, prev_hash, hash)
      select ${next}, ${body.id}::uuid, ${body.occurredAt.toISOString()}::timestamptz, ${body.actorId}::uuid, ${body.actorEmail}::text,
             ${body.actorKind}::text, ${body.tokenId}::uuid, ${body.action}::text, ${body.resourceType}::text, ${body.resourceId}::text,
             ${jsonText(body.before)}::jsonb, ${jsonText(body.after)}::jsonb, ${body.requestId}::text, ${body.ip}::text, ${body.userAgent}::text,
             head.hash,
             encode(sha256(convert_to(head.hash || ${text.before}::text || (${next})::text || ${text.after}::text, 'UTF8')), 'hex')
      from ((select seq, hash from audit_events order by seq desc limit 1)
            union all (select 0::bigint, ${GENESIS_HASH}::text)
            order by seq desc limit 1) head
      returning seq, prev_hash, hash`),
  );
  const row = rows[0];
  return { ...body, seq: Number(row.seq), prevHash: row.prev_hash, hash: row.hash };
}
