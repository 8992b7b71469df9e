import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import { latestMetrics } from '@/db/schema/tracking';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit/record-audit';
import { defineService } from '@/lib/services/define-service';
import { loadRunForWrite } from './access';
import { writeMetrics } from './run-writes';
import { encodeMetricValue, LogMetricInput, toMetricView } from './schemas';

/*
 * Logging one metric point (NaN and ±Infinity allowed): lock the run and check the caller's rights, append
 * the point and move the key's latest value forward (writeMetrics), record `run.log_metric`, all in one
 * transaction. Two services share that body and differ only in whether they read the latest value back.
 */
async function logOnePoint(tx: Db, actor: Actor, input: z.output<typeof LogMetricInput>, readLatest: boolean) {
  const { run } = await loadRunForWrite(tx, actor, input.id, 'run.update');
  const timestamp = input.timestamp ?? Date.now();
  await writeMetrics(tx, run, [{ key: input.key, value: input.value, step: input.step, timestamp }]);
  const [latest] = readLatest
    ? await tx
        .select()
        .from(latestMetrics)
        .where(and(eq(latestMetrics.runId, run.id), eq(latestMetrics.key, input.key)))
    : [];
  const point = { key: input.key, value: encodeMetricValue(input.value), step: input.step, timestamp };
  await recordAudit(tx, actor, 'run.log_metric', { type: 'run', id: run.id }, { after: point });
  return { point: { runId: run.id, ...point }, latest };
}

/**
 * Returns the point as stored and the key's latest value after it, which is the point itself only if it
 * wins MLflow's rule (step, then timestamp, then value). The latest value costs one more statement.
 */
export const logMetric = defineService({
  name: 'runs.log_metric',
  permission: 'run.update',
  input: LogMetricInput,
  async run({ tx, actor }, input) {
    const { point, latest } = await logOnePoint(tx, actor, input, true);
    return { ...point, latest: toMetricView(latest) };
  },
});

/**
 * The same call — permission, validation, writes and audit event — without reading the latest value back:
 * the MLflow door answers `{}` to log-metric, and in a training loop that read is a round trip for nothing.
 */
export const logMetricPoint = defineService({
  name: 'runs.log_metric',
  permission: 'run.update',
  input: LogMetricInput,
  async run({ tx, actor }, input) {
    return (await logOnePoint(tx, actor, input, false)).point;
  },
});
