import 'server-only';
import { and, desc, eq, gte, ilike, like, lt, lte, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { auditChain, auditEvents } from '@/db/schema/audit';
import { escapeLike } from '@/lib/services/escape-like';
import type { AuditEventView, AuditFilter } from './schemas';

export function auditFilterWhere(f: AuditFilter): SQL[] {
  const where: SQL[] = [];
  if (f.actor) where.push(ilike(auditEvents.actorEmail, `%${escapeLike(f.actor)}%`));
  if (f.action) {
    const prefix = f.action.endsWith('*') ? f.action.slice(0, -1) : f.action.endsWith('.') ? f.action : null;
    where.push(prefix !== null ? like(auditEvents.action, `${escapeLike(prefix)}%`) : eq(auditEvents.action, f.action));
  }
  if (f.resourceType) where.push(eq(auditEvents.resourceType, f.resourceType));
  if (f.resourceId) where.push(eq(auditEvents.resourceId, f.resourceId));
  if (f.from) where.push(gte(auditEvents.occurredAt, f.from));
  if (f.to) where.push(lt(auditEvents.occurredAt, f.to));
  return where;
}

const pageColumns = {
  seq: auditEvents.seq,
  id: auditEvents.id,
  occurredAt: auditEvents.occurredAt,
  actorId: auditEvents.actorId,
  actorEmail: auditEvents.actorEmail,
  actorKind: auditEvents.actorKind,
  tokenId: auditEvents.tokenId,
  action: auditEvents.action,
  resourceType: auditEvents.resourceType,
  resourceId: auditEvents.resourceId,
  before: auditEvents.before,
  after: auditEvents.after,
  requestId: auditEvents.requestId,
  ip: auditEvents.ip,
  userAgent: auditEvents.userAgent,
  position: auditChain.position,
  prevHash: auditChain.prevHash,
  hash: auditChain.hash,
};

type AuditRow = Omit<AuditEventView, 'occurredAt'> & { occurredAt: Date };

export function toAuditEventView(r: AuditRow): AuditEventView {
  return { ...r, occurredAt: r.occurredAt.toISOString() };
}

/**
 * Newest first, keyset on `seq`, optionally capped at `maxSeq` so a long read sees one consistent prefix.
 * Each event comes with its place in the chain (position, prev_hash, hash), or nulls while it is not sealed.
 */
export async function selectAuditPage(tx: Db, filter: AuditFilter, opts: { beforeSeq?: number; maxSeq?: number; limit: number }): Promise<AuditRow[]> {
  const where = auditFilterWhere(filter);
  if (opts.beforeSeq !== undefined) where.push(lt(auditEvents.seq, opts.beforeSeq));
  if (opts.maxSeq !== undefined) where.push(lte(auditEvents.seq, opts.maxSeq));
  return tx
    .select(pageColumns)
    .from(auditEvents)
    .leftJoin(auditChain, eq(auditChain.eventSeq, auditEvents.seq))
    .where(and(...where))
    .orderBy(desc(auditEvents.seq))
    .limit(opts.limit);
}
