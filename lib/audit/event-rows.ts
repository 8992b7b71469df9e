import type { ActorKind } from '@/db/schema/audit';
import type { AuditEventBody } from './chain';

/**
 * The hashed columns of `audit_events e` as text, in the order `eventFromRow` reads them. The time is
 * formatted in SQL exactly as `Date.prototype.toISOString` writes it, and the JSON comes as text, so the
 * sealer and the verifier read the same values without any per-row Date or ORM mapping.
 */
export const EVENT_COLUMNS_SQL = `e.seq::text, e.id::text, to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  e.actor_id::text, e.actor_email, e.actor_kind, e.token_id::text, e.action, e.resource_type, e.resource_id,
  e.before::text, e.after::text, e.request_id, e.ip, e.user_agent`;
export const EVENT_COLUMN_COUNT = 15;

const json = (v: unknown) => (v === null ? null : JSON.parse(v as string));

/** The event in `row` from column `at` on, as selected by EVENT_COLUMNS_SQL; null when the event is missing. */
export function eventFromRow(row: unknown[], at = 0): AuditEventBody | null {
  if (row[at] === null) return null;
  return {
    seq: Number(row[at]),
    id: row[at + 1] as string,
    occurredAt: row[at + 2] as string,
    actorId: row[at + 3] as string | null,
    actorEmail: row[at + 4] as string | null,
    actorKind: row[at + 5] as ActorKind,
    tokenId: row[at + 6] as string | null,
    action: row[at + 7] as string,
    resourceType: row[at + 8] as string,
    resourceId: row[at + 9] as string | null,
    before: json(row[at + 10]),
    after: json(row[at + 11]),
    requestId: row[at + 12] as string | null,
    ip: row[at + 13] as string | null,
    userAgent: row[at + 14] as string | null,
  };
}
