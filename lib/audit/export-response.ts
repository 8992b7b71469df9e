import 'server-only';
import type { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { exportAuditEvents } from './export-audit-events';
import { csvHeader, csvRow, jsonlRow } from './export-format';
import { ExportAuditInput } from './schemas';

/**
 * A streamed download of the audit log. The first batch is read before the response starts, so a
 * refused or invalid request still gets a proper error status instead of a broken stream.
 */
export async function auditExportResponse(actor: Actor, raw: z.input<typeof ExportAuditInput>): Promise<Response> {
  const format = ExportAuditInput.safeParse(raw).data?.format ?? 'jsonl';
  const events = exportAuditEvents(actor, raw);
  const first = await events.next();
  const encoder = new TextEncoder();
  const line = format === 'csv' ? csvRow : jsonlRow;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (format === 'csv') controller.enqueue(encoder.encode(csvHeader()));
      if (!first.done) controller.enqueue(encoder.encode(line(first.value)));
    },
    async pull(controller) {
      const next = await events.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(line(next.value)));
    },
    async cancel() {
      await events.return(undefined);
    },
  });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return new Response(body, {
    headers: {
      'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      'content-disposition': `attachment; filename="modelkeep-audit-${stamp}.${format}"`,
      'cache-control': 'no-store',
    },
  });
}
