import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { auditEvents } from '@/db/schema/audit';
import type { Actor } from '@/lib/auth/actor';
import { defineService } from '@/lib/services/define-service';
import { selectAuditPage, toAuditEventView } from './audit-query';
import { recordAudit } from './record-audit';
import { sealAuditChain } from './seal-audit-chain';
import { authorize } from '@/lib/auth/authorize';
import { AuditFilter, ExportAuditInput, type AuditEventView } from './schemas';

const BATCH = 2000;

/** Records the export itself (who took which evidence) and fixes the newest event it will include. */
const beginAuditExport = defineService({
  name: 'audit.export.begin',
  permission: 'audit.export',
  input: ExportAuditInput,
  async run({ tx, actor }, input) {
    const [{ maxSeq }] = await tx.select({ maxSeq: sql<number>`coalesce(max(${auditEvents.seq}), 0)::int` }).from(auditEvents);
    await recordAudit(tx, actor, 'audit.export', { type: 'audit_log', id: null }, { after: { format: input.format, filter: input, upToSeq: maxSeq } });
    return { maxSeq };
  },
});

const readAuditExportBatch = defineService({
  name: 'audit.export.batch',
  permission: 'audit.export',
  input: z.intersection(AuditFilter, z.object({ beforeSeq: z.number().int(), maxSeq: z.number().int() })),
  async run({ tx }, input) {
    const rows = await selectAuditPage(tx, input, { beforeSeq: input.beforeSeq, maxSeq: input.maxSeq, limit: BATCH });
    return rows.map(toAuditEventView);
  },
});

/**
 * Every event matching the filter, newest first, read in batches so that memory stays flat however
 * long the log. Events appended after the export began are not included.
 */
export async function* exportAuditEvents(actor: Actor, input: z.input<typeof ExportAuditInput>): AsyncGenerator<AuditEventView> {
  authorize(actor, 'audit.export');
  // Seal first, so every event committed before the export shows its position and hashes.
  await sealAuditChain({ wait: true });
  const { maxSeq } = await beginAuditExport(actor, input);
  const filter = AuditFilter.parse(input);
  let beforeSeq = maxSeq + 1;
  for (;;) {
    const rows = await readAuditExportBatch(actor, { ...filter, beforeSeq, maxSeq });
    yield* rows;
    if (rows.length < BATCH) return;
    beforeSeq = rows[rows.length - 1].seq;
  }
}
