import 'server-only';
import type { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import { defineService } from '@/lib/services/define-service';
import { loadRunForWrite } from './access';
import './constraints';
import { writeMetrics, writeParams, writeTags } from './run-writes';
import { LogBatchInput } from './schemas';

type Batch = Pick<z.output<typeof LogBatchInput>, 'metrics' | 'params' | 'tags'>;

/** The `run.log_batch` event: tag values before, and a summary of what was written (points live in metric_history). */
export function batchAuditChange(input: Batch, tagsBefore: Map<string, string>, metrics: number, modelIds?: string[]) {
  return {
    before: { tags: Object.fromEntries(tagsBefore) },
    after: {
      metrics,
      metricKeys: [...new Set(input.metrics.map((m) => m.key))],
      ...(modelIds ? { modelIds } : {}),
      params: Object.fromEntries(input.params.map((p) => [p.key, p.value])),
      tags: Object.fromEntries(input.tags.map((t) => [t.key, t.value])),
    },
  };
}

/**
 * Logs up to 1000 metrics, 100 params and 100 tags in one transaction — the path clients use for bulk
 * logging, and the one the ingest benchmark measures. The limits are part of the input schema, so an
 * oversized batch is refused with a 400 naming the limit before the transaction opens. Params are checked
 * for immutability first, so a conflicting batch writes nothing. A fixed number of statements per call:
 * one for the run lock, one param check + insert, one tag upsert, one history insert, one latest upsert.
 * The audit event summarises the batch (keys and counts; the points themselves live in metric_history).
 */
export const logBatch = defineService({
  name: 'runs.log_batch',
  permission: 'run.update',
  input: LogBatchInput,
  async run({ tx, actor }, input) {
    const { run } = await loadRunForWrite(tx, actor, input.id, 'run.update');
    await writeParams(tx, run, input.params);
    const tagsBefore = await writeTags(tx, run, input.tags);
    const metrics = await writeMetrics(tx, run, input.metrics);
    const result = { runId: run.id, metrics, params: input.params.length, tags: input.tags.length };
    await recordAudit(tx, actor, 'run.log_batch', { type: 'run', id: run.id }, batchAuditChange(input, tagsBefore, metrics));
    return result;
  },
});
