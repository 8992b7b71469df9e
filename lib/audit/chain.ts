import { hash as oneShotHash } from 'node:crypto';
import type { ActorKind } from '@/db/schema/audit';
import { canonicalJson, canonicalJsonOfParsed } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit event as written by `recordAudit` (everything but its place in the chain). */
export interface AuditEventBody {
  seq: number;
  id: string;
  /** ISO 8601 in UTC with milliseconds, as `Date.prototype.toISOString` writes it. */
  occurredAt: string;
  actorId: string | null;
  actorEmail: string | null;
  actorKind: ActorKind;
  tokenId: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
}

/** An event at its place in the chain: what the hash covers. */
export interface SealedEventBody extends AuditEventBody {
  position: number;
}

/** One row of `audit_chain` with the event it points at (`event` null when that event is gone). */
export interface ChainEntry {
  position: number;
  eventSeq: number;
  prevHash: string;
  hash: string;
  event: AuditEventBody | null;
}

/**
 * The canonical JSON text of an event at a position: canonicalJson of every hashed field. This is the
 * reference definition (and the test oracle for `chainText`).
 */
export function canonicalChainText(body: SealedEventBody): string {
  return canonicalJson({
    position: body.position,
    seq: body.seq,
    id: body.id,
    occurredAt: body.occurredAt,
    actorId: body.actorId,
    actorEmail: body.actorEmail,
    actorKind: body.actorKind,
    tokenId: body.tokenId,
    action: body.action,
    resourceType: body.resourceType,
    resourceId: body.resourceId,
    before: body.before ?? null,
    after: body.after ?? null,
    requestId: body.requestId,
    ip: body.ip,
    userAgent: body.userAgent,
  });
}

const str = (v: string | null) => (v === null ? 'null' : JSON.stringify(v));
const num = (v: number) => (Number.isFinite(v) ? JSON.stringify(v) : 'null');

/**
 * The same text as `canonicalChainText`, built without sorting: the envelope's keys are fixed, so they are
 * written in their code-point order directly, and canonicalJson runs only on `before` and `after`.
 */
export function chainText(e: AuditEventBody, position: number): string {
  return (
    `{"action":${str(e.action)},"actorEmail":${str(e.actorEmail)},"actorId":${str(e.actorId)},"actorKind":${str(e.actorKind)}` +
    `,"after":${canonicalJsonOfParsed(e.after ?? null)},"before":${canonicalJsonOfParsed(e.before ?? null)},"id":${str(e.id)},"ip":${str(e.ip)}` +
    `,"occurredAt":${str(e.occurredAt)},"position":${num(position)},"requestId":${str(e.requestId)},"resourceId":${str(e.resourceId)}` +
    `,"resourceType":${str(e.resourceType)},"seq":${num(e.seq)},"tokenId":${str(e.tokenId)},"userAgent":${str(e.userAgent)}}`
  );
}

/** hash = sha256(prev_hash || canonical JSON of the event including its position). */
export function chainHash(prevHash: string, event: AuditEventBody, position: number): string {
  return oneShotHash('sha256', prevHash + chainText(event, position), 'hex');
}

export type ChainBreakReason = 'position_gap' | 'broken_link' | 'event_missing' | 'hash_mismatch' | 'unsealed_event';

export type ChainBreak = {
  /** The chain position where the walk stopped (null for an event that is not in the chain at all). */
  position: number | null;
  /** The event concerned (null when a chain row's event is gone: see `eventSeq`). */
  seq: number | null;
  id: string | null;
  reason: ChainBreakReason;
  message: string;
};

/**
 * Checks chain rows fed in ascending `position` order, batch by batch, so a long chain is verified without
 * holding it in memory. Detects an edited event (its hash no longer matches), a deleted event (a chain row
 * whose event is gone), and a deleted, inserted or re-hashed chain row (the position or the next row's
 * `prev_hash` no longer follows).
 */
export class ChainVerifier {
  private expectedPrev = GENESIS_HASH;
  private expectedPosition = 1;
  checked = 0;
  broken: ChainBreak | null = null;
  /** The hash of the last row checked. */
  headHash: string | null = null;

  push(entry: ChainEntry): ChainBreak | null {
    if (this.broken) return this.broken;
    const at = entry.position;
    const e = entry.event;
    if (at !== this.expectedPosition) {
      this.broken = {
        position: at,
        seq: e?.seq ?? entry.eventSeq,
        id: e?.id ?? null,
        reason: 'position_gap',
        message: `Expected chain position ${this.expectedPosition} but found ${at}: chain rows are missing or were inserted.`,
      };
    } else if (entry.prevHash !== this.expectedPrev) {
      this.broken = {
        position: at,
        seq: e?.seq ?? entry.eventSeq,
        id: e?.id ?? null,
        reason: 'broken_link',
        message: `Chain position ${at} (event #${entry.eventSeq}) does not link to the row before it: a chain row was inserted, deleted or re-hashed.`,
      };
    } else if (e === null) {
      this.broken = {
        position: at,
        seq: entry.eventSeq,
        id: null,
        reason: 'event_missing',
        message: `Event #${entry.eventSeq}, sealed at chain position ${at}, is gone: it was deleted after it was recorded.`,
      };
    } else if (chainHash(entry.prevHash, e, at) !== entry.hash) {
      this.broken = {
        position: at,
        seq: e.seq,
        id: e.id,
        reason: 'hash_mismatch',
        message: `Event #${e.seq} (chain position ${at}) was changed after it was recorded: its content no longer matches its hash.`,
      };
    }
    if (this.broken) return this.broken;
    this.checked += 1;
    this.expectedPrev = entry.hash;
    this.headHash = entry.hash;
    this.expectedPosition = at + 1;
    return null;
  }
}

export function verifyChain(entries: Iterable<ChainEntry>): { ok: boolean; checked: number; broken: ChainBreak | null } {
  const verifier = new ChainVerifier();
  for (const e of entries) if (verifier.push(e)) break;
  return { ok: verifier.broken === null, checked: verifier.checked, broken: verifier.broken };
}

/** The report for an event below the sealed horizon that is not in the chain. */
export function unsealedBreak(seq: number, id: string): ChainBreak {
  return {
    position: null,
    seq,
    id,
    reason: 'unsealed_event',
    message: `Event #${seq} is not in the chain although its transaction ended before the last seal: it was inserted outside the audit path, or its chain row was removed.`,
  };
}

/**
 * The horizon H: the oldest transaction of this database still in progress, else the snapshot's xmax.
 * The snapshot's in-progress list covers the whole cluster; only transactions connected to this database
 * can write its audit events, so those of other databases (a long job elsewhere on the server) must not
 * hold sealing back. `ours` are the 32-bit ids that pg_stat_activity shows for this database, read after
 * the snapshot was taken: a transaction in progress at the snapshot is either still listed there or has
 * ended, and ended transactions are visible to the statements that follow.
 */
export function sealHorizon(xmax: string, inProgress: string[], ours: string[]): string {
  const mine = new Set(ours);
  let h = BigInt(xmax);
  for (const x of inProgress) {
    const full = BigInt(x);
    if (full < h && mine.has((full & 0xffff_ffffn).toString())) h = full;
  }
  return h.toString();
}
