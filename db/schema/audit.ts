import { sql } from 'drizzle-orm';
import { bigint, check, customType, index, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const ACTOR_KINDS = ['user', 'token', 'system'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** PostgreSQL's 64-bit transaction id; read and written as its decimal text. */
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

/**
 * Append-only record of every change, written in the change's own transaction (no lock, no hashing).
 * No foreign keys on purpose: deleting a user must never delete or rewrite their history. UPDATE, DELETE
 * and TRUNCATE are refused by trigger (see the `audit_append_only` migration). `seq` comes from an identity
 * and may have gaps (a rolled-back change consumes a number); `txid` is the writing transaction's id,
 * which tells the sealer when the event's transaction has certainly ended.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
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
    txid: xid8('txid').notNull().default(sql`pg_current_xact_id()`),
  },
  (t) => [
    uniqueIndex('audit_events_id_unique').on(t.id),
    index('audit_events_time_idx').on(t.occurredAt),
    index('audit_events_actor_idx').on(t.actorEmail, t.seq),
    index('audit_events_action_idx').on(t.action, t.seq),
    index('audit_events_resource_idx').on(t.resourceType, t.resourceId, t.seq),
    index('audit_events_txid_idx').on(t.txid),
    check('audit_events_actor_kind_known', sql`${t.actorKind} in ('user', 'token', 'system')`),
  ],
);

/**
 * The hash chain over audit events, in sealing order: `position` is dense from 1 and
 * hash = sha256(prev_hash || canonical JSON of the event including its position). Append-only like
 * `audit_events`; written only by the sealer (lib/audit/seal-audit-chain.ts), one pass at a time.
 */
export const auditChain = pgTable(
  'audit_chain',
  {
    position: bigint('position', { mode: 'number' }).primaryKey(),
    eventSeq: bigint('event_seq', { mode: 'number' }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    sealedAt: timestamp('sealed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('audit_chain_event_seq_unique').on(t.eventSeq),
    uniqueIndex('audit_chain_hash_unique').on(t.hash),
    check('audit_chain_position_positive', sql`${t.position} > 0`),
  ],
);

/**
 * One row: the transaction-id horizon up to which events are sealed. Every event whose `txid` is below
 * it belongs to a transaction that had ended when it was sealed, so it must be in the chain.
 */
export const auditSealState = pgTable(
  'audit_seal_state',
  {
    id: smallint('id').primaryKey().default(1),
    horizon: xid8('horizon').notNull(),
    sealedAt: timestamp('sealed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [check('audit_seal_state_single_row', sql`${t.id} = 1`)],
);
