import 'server-only';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { NodePgTransaction } from 'drizzle-orm/node-postgres';
import { escapeLiteral } from 'pg';
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

/** Values are inlined as escaped literals (the two-statement message below cannot carry parameters). */
const lit = (v: string | null) => (v === null ? 'NULL' : escapeLiteral(v));
const jsonText = (v: unknown) => (v === null ? null : JSON.stringify(v));

/**
 * Appends one event to the chain inside the caller's transaction. The advisory lock serialises
 * appenders until that transaction ends, so `seq` stays dense and each event links to the one
 * committed before it; if the change rolls back, its event goes with it.
 * Call it last in a service, after the change itself, to hold the lock for as short a time as possible.
 *
 * The lock is held until commit, so the time under it bounds the chain's rate. Once the lock is held,
 * one statement (sent with the lock, on node-postgres) reads the head, computes hash = sha256(prev_hash || canonical JSON) with the `seq` it
 * assigns, and inserts: the canonical text is built here, split around `seq`, so the database hashes
 * exactly the bytes `hashEvent` would.
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
  const insert = `insert into audit_events (seq, id, occurred_at, actor_id, actor_email, actor_kind, token_id, action, resource_type, resource_id,
                              before, after, request_id, ip, user_agent, prev_hash, hash)
    select head.seq + 1, ${lit(body.id)}::uuid, ${lit(body.occurredAt.toISOString())}::timestamptz, ${lit(body.actorId)}::uuid, ${lit(body.actorEmail)}::text,
           ${lit(body.actorKind)}::text, ${lit(body.tokenId)}::uuid, ${lit(body.action)}::text, ${lit(body.resourceType)}::text, ${lit(body.resourceId)}::text,
           ${lit(jsonText(body.before))}::jsonb, ${lit(jsonText(body.after))}::jsonb, ${lit(body.requestId)}::text, ${lit(body.ip)}::text, ${lit(body.userAgent)}::text,
           head.hash,
           encode(sha256(convert_to(head.hash || ${lit(text.before)}::text || (head.seq + 1)::text || ${lit(text.after)}::text, 'UTF8')), 'hex')
    from ((select seq, hash from audit_events order by seq desc limit 1) union all (select 0::bigint, '${GENESIS_HASH}'::text) order by seq desc limit 1) head
    returning seq, prev_hash, hash`;
  const lock = `select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
  let rows: InsertedRow[];
  if (tx instanceof NodePgTransaction) {
    // One message, two statements: the insert starts as soon as the lock is granted, and in READ COMMITTED
    // it takes its snapshot after the lock, so it sees the head committed by the previous holder.
    const results = (await tx.execute(sql.raw(`${lock}; ${insert}`))) as unknown as { rows: InsertedRow[] }[];
    rows = results[1].rows;
  } else {
    await tx.execute(sql.raw(lock));
    rows = rowsOf<InsertedRow>(await tx.execute(sql.raw(insert)));
  }
  const row = rows[0];
  return { ...body, seq: Number(row.seq), prevHash: row.prev_hash, hash: row.hash };
}
