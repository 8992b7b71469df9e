import type { ActorKind } from '@/db/schema/audit';
import type { AuditEventBody } from './chain';

/**
 * The hashed columns of `audit_events e` as one JSON array text, in the order `eventFromJson` reads them.
 * The time is formatted in SQL exactly as `Date.prototype.toISOString` writes it. One text column per
 * event keeps the driver's per-field work small, and a single JSON.parse yields every value, before and
 * after included; the sealer and the verifier read events the same way.
 */
export const EVENT_JSON_SQL = `json_build_array(e.seq, e.id, to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  e.actor_id, e.actor_email, e.actor_kind, e.token_id, e.action, e.resource_type, e.resource_id,
  e.before, e.after, e.request_id, e.ip, e.user_agent)::text`;

type EventTuple = [number, string, string, string | null, string | null, ActorKind, string | null, string, string, string | null, unknown, unknown, string | null, string | null, string | null];

/** The event selected by EVENT_JSON_SQL; null when the event is missing (the column is null). */
export function eventFromJson(text: unknown): AuditEventBody | null {
  if (text === null || text === undefined) return null;
  const t = JSON.parse(text as string) as EventTuple;
  return {
    seq: t[0],
    id: t[1],
    occurredAt: t[2],
    actorId: t[3],
    actorEmail: t[4],
    actorKind: t[5],
    tokenId: t[6],
    action: t[7],
    resourceType: t[8],
    resourceId: t[9],
    before: t[10],
    after: t[11],
    requestId: t[12],
    ip: t[13],
    userAgent: t[14],
  };
}
