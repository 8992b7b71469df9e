import 'server-only';
import { and, eq } from 'drizzle-orm';
import { latestMetrics } from '@/db/schema/tracking';
import { recordAudit } from '@/lib/audit/record-audit';
import { defineService } from '@/lib/services/define-service';
import { loadRunForWrite } from './access';
import { writeMetrics } from './run-writes';
import { encodeMetricValue, LogMetricInput, toMetricView } from './schemas';

/**
 * Logs one metric point (NaN and ±Infinity allowed). Returns the point as stored and the key's latest
 * value after it, which is the point itself only if it wins MLflow's rule (step, then timestamp, then value).
 */
export const logMetric = defineService({
  name: 'runs.log_metric',
  permission: 'run.update',
  input: LogMetricInput,
  async run({ tx, actor }, input) {
    const { run } = await loadRunForWrite(tx, actor, input.id, 'run.update');
    const timestamp = input.timestamp ?? Date.now();
    await writeMetrics(tx, run, [{ key: input.key, value: input.value, step: input.step, timestamp }]);
    const [latest] = await tx
      .select()
      .from(latestMetrics)
      .where(and(eq(latestMetrics.runId, run.id), eq(latestMetrics.key, input.key)));
    const point = { key: input.key, value: encodeMetricValue(input.value), step: input.step, timestamp };
    await recordAudit(tx, actor, 'run.log_metric', { type: 'run', id: run.id }, { after: point });
    return { runId: run.id, ...point, latest: toMetricView(latest) };
  },
});
