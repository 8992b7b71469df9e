import 'server-only';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { toJsonValue } from './canonical-json';
import type { AuditEventBody } from './chain';

export interface AuditResource {
  type: string;
  id: string | number | null;
}

const jsonText = (v: unknown) => (v === null ? null : JSON.stringify(v));

/**
 * Records one event inside the caller's transaction: if the change rolls back, its event goes with it,
 * and a committed change always has its event. No lock and no hashing here: `seq` comes from an identity
 * (a rolled-back change leaves a gap) and the row carries its transaction's id (`txid`, by column default).
 * The sealer (seal-audit-chain.ts) later appends the event to the hash chain, once its transaction has
 * certainly ended, so appenders never wait for each other.
 */
export async function recordAudit(
  tx: Db,
  actor: Actor,
  action: string,
  resource: AuditResource,
  change: { before?: unknown; after?: unknown } = {},
): Promise<AuditEventBody> {
  const body = {
    id: randomUUID(),
    occurredAt: new Date().toISOString(),
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
  const rows = rowsOf<{ seq: string | number }>(
    await tx.execute(sql`
      insert into audit_events (id, occurred_at, actor_id, actor_email, actor_kind, token_id, action, resource_type, resource_id,
                                before, after, request_id, ip, user_agent)
      values (${body.id}::uuid, ${body.occurredAt}::timestamptz, ${body.actorId}::uuid, ${body.actorEmail}::text,
              ${body.actorKind}::text, ${body.tokenId}::uuid, ${body.action}::text, ${body.resourceType}::text, ${body.resourceId}::text,
              ${jsonText(body.before)}::jsonb, ${jsonText(body.after)}::jsonb, ${body.requestId}::text, ${body.ip}::text, ${body.userAgent}::text)
      returning seq`),
  );
  return { ...body, seq: Number(rows[0].seq) };
}
