import 'server-only';
import { randomUUID } from 'node:crypto';
import { desc, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { auditEvents } from '@/db/schema/audit';
import type { Actor } from '@/lib/auth/actor';
import { toJsonValue } from './canonical-json';
import { GENESIS_HASH, hashEvent, type ChainedEvent } from './chain';

/** Any constant works; it only has to be the same for every writer of the chain. */
const AUDIT_CHAIN_LOCK = 7_310_462_001;

export interface AuditResource {
  type: string;
  id: string | number | null;
}

/**
 * Appends one event to the chain inside the caller's transaction. The advisory lock serialises
 * appenders until that transaction ends, so `seq` stays dense and each event links to the one
 * committed before it; if the change rolls back, its event goes with it.
 * Call it last in a service, after the change itself, to hold the lock for as short a time as possible.
 */
export async function recordAudit(
  tx: Db,
  actor: Actor,
  action: string,
  resource: AuditResource,
  change: { before?: unknown; after?: unknown } = {},
): Promise<ChainedEvent> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx.select({ seq: auditEvents.seq, hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
  const body = {
    seq: (last?.seq ?? 0) + 1,
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
  const prevHash = last?.hash ?? GENESIS_HASH;
  const event: ChainedEvent = { ...body, prevHash, hash: hashEvent(prevHash, body) };
  await tx.insert(auditEvents).values(event);
  return event;
}
