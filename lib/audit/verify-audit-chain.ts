import 'server-only';
import { asc, gt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { auditEvents } from '@/db/schema/audit';
import { defineService } from '@/lib/services/define-service';
import { ChainVerifier } from './chain';

const BATCH = 5000;

/**
 * Walks the whole chain in `seq` order, batch by batch, and reports OK or the first broken event.
 * `total` is the count when the walk began; events appended during the walk are checked as well.
 */
export const verifyAuditChain = defineService({
  name: 'audit.verify',
  permission: 'audit.read',
  input: z.object({}),
  async run({ tx }) {
    const started = performance.now();
    const [{ total }] = await tx.select({ total: sql<number>`count(*)::int` }).from(auditEvents);
    const verifier = new ChainVerifier();
    let lastSeq = 0;
    let headHash: string | null = null;
    for (;;) {
      const rows = await tx.select().from(auditEvents).where(gt(auditEvents.seq, lastSeq)).orderBy(asc(auditEvents.seq)).limit(BATCH);
      for (const row of rows) {
        if (verifier.push(row)) break;
        headHash = row.hash;
      }
      if (verifier.broken || rows.length < BATCH) break;
      lastSeq = rows[rows.length - 1].seq;
    }
    return { ok: verifier.broken === null, checked: verifier.checked, total, headHash, broken: verifier.broken, ms: Math.round(performance.now() - started) };
  },
});
