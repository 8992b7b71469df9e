import { sql } from 'drizzle-orm';
import { bigint, check, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const ACTOR_KINDS = ['user', 'token', 'system'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/**
 * Append-only, hash-chained record of every change. No foreign keys on purpose: deleting a user must
 * never delete or rewrite their history. UPDATE, DELETE and TRUNCATE are refused by trigger (see the
 * `audit_append_only` migration). `seq` is dense: it is assigned under an advisory lock, not by a sequence.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    id: uuid('id').notNull().defaultRandom(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    actorId: uuid('actor_id'),
    actorEmail: text('actor_email'),
    actorKind: text('actor_kind').$type<ActorKind>().notNull(),
    tokenId: uuid('token_id'),
    action: text('action').notNull(),
    resourceType: text('resource_type').notNull(),
    resourceId: text('resource_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    uniqueIndex('audit_events_id_unique').on(t.id),
    uniqueIndex('audit_events_hash_unique').on(t.hash),
    index('audit_events_time_idx').on(t.occurredAt),
    index('audit_events_actor_idx').on(t.actorEmail, t.seq),
    index('audit_events_action_idx').on(t.action, t.seq),
    index('audit_events_resource_idx').on(t.resourceType, t.resourceId, t.seq),
    check('audit_events_actor_kind_known', sql`${t.actorKind} in ('user', 'token', 'system')`),
  ],
);
