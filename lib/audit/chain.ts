import { createHash } from 'node:crypto';
import type { ActorKind } from '@/db/schema/audit';
import { canonicalJson } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit event that its hash covers (everything but the hashes themselves). */
export interface ChainedEventBody {
  seq: number;
  id: string;
  occurredAt: Date;
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

export interface ChainedEvent extends ChainedEventBody {
  prevHash: string;
  hash: string;
}

/** The canonical JSON text of an event's hashed fields. */
export function canonicalEventText(body: ChainedEventBody): string {
  return canonicalJson({
    seq: body.seq,
    id: body.id,
    occurredAt: body.occurredAt.toISOString(),
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

/** hash = sha256(prev_hash || canonical JSON of the event). */
export function hashEvent(prevHash: string, body: ChainedEventBody): string {
  return createHash('sha256').update(prevHash).update(canonicalEventText(body)).digest('hex');
}

const SEQ_MARKER = ',"seq":0,';

/**
 * The canonical text split around the value of `seq`, so the database can hash an event whose `seq`
 * it assigns itself: text = before + seq + after. Keys are sorted and `seq` is followed by `tokenId`
 * (always present), so the top-level `"seq":0` is the last such marker: before/after sort earlier and
 * a marker inside a string value would have its quotes escaped.
 */
export function canonicalEventTextAroundSeq(body: Omit<ChainedEventBody, 'seq'>): { before: string; after: string } {
  const text = canonicalEventText({ ...body, seq: 0 });
  const at = text.lastIndexOf(SEQ_MARKER);
  if (at < 0) throw new Error('canonical event text has no seq member');
  return { before: text.slice(0, at + SEQ_MARKER.length - 2), after: text.slice(at + SEQ_MARKER.length - 1) };
}

export type ChainBreak = {
  seq: number;
  id: string;
  reason: 'hash_mismatch' | 'broken_link' | 'sequence_gap';
  message: string;
};

/**
 * Checks events fed in ascending `seq` order, batch by batch, so a long chain is verified without
 * holding it in memory. Detects an edited row (its hash no longer matches), an inserted or deleted row
 * (the next row's `prev_hash` or `seq` no longer follows), and a re-hashed edit (the link after it breaks).
 */
export class ChainVerifier {
  private expectedPrev = GENESIS_HASH;
  private expectedSeq = 1;
  checked = 0;
  broken: ChainBreak | null = null;

  push(event: ChainedEvent): ChainBreak | null {
    if (this.broken) return this.broken;
    if (event.seq !== this.expectedSeq) {
      this.broken = { seq: event.seq, id: event.id, reason: 'sequence_gap', message: `Expected event #${this.expectedSeq} but found #${event.seq}: events are missing or were inserted.` };
    } else if (event.prevHash !== this.expectedPrev) {
      this.broken = { seq: event.seq, id: event.id, reason: 'broken_link', message: `Event #${event.seq} does not link to the event before it: a row was inserted, deleted or re-hashed.` };
    } else if (hashEvent(event.prevHash, event) !== event.hash) {
      this.broken = { seq: event.seq, id: event.id, reason: 'hash_mismatch', message: `Event #${event.seq} was changed after it was recorded: its content no longer matches its hash.` };
    }
    if (this.broken) return this.broken;
    this.checked += 1;
    this.expectedPrev = event.hash;
    this.expectedSeq = event.seq + 1;
    return null;
  }
}

export function verifyChain(events: Iterable<ChainedEvent>): { ok: boolean; checked: number; broken: ChainBreak | null } {
  const verifier = new ChainVerifier();
  for (const e of events) if (verifier.push(e)) break;
  return { ok: verifier.broken === null, checked: verifier.checked, broken: verifier.broken };
}
