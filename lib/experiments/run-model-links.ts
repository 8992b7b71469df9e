import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf, type Db } from '@/db/client';
import { loggedModelMetrics, loggedModels, runModelOutputs } from '@/db/schema/logged-models';
import { recordAudit } from '@/lib/audit/record-audit';
import { defineService } from '@/lib/services/define-service';
import { loadRunForWrite, type RunRow } from './access';
import './constraints';
import { LoggedModelId, LogRunOutputsInput } from './logged-model-schemas';
import { loggedModelNotFound } from './logged-model-rows';
import { batchAuditChange } from './log-batch';
import { writeMetrics, writeParams, writeTags } from './run-writes';
import { LogBatchInput } from './schemas';

/*
 * Where runs meet logged models: a run's outputs (`runs/outputs`), and metric points logged with a
 * `model_id`, which belong to the run's history and to the model's metrics at once.
 */

async function requireModels(tx: Db, ids: string[]): Promise<void> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return;
  const found = await tx
    .select({ id: loggedModels.id })
    .from(loggedModels)
    .where(and(inArray(loggedModels.id, wanted), eq(loggedModels.lifecycleStage, 'active')));
  const have = new Set(found.map((r) => r.id));
  const missing = wanted.find((id) => !have.has(id));
  if (missing) throw loggedModelNotFound(missing);
}

/** Records the models a run produced (at a step); logging the same output again changes nothing. */
export const logRunOutputs = defineService({
  name: 'runs.log_outputs',
  permission: 'run.update',
  input: LogRunOutputsInput,
  async run({ tx, actor }, input) {
    const { run } = await loadRunForWrite(tx, actor, input.id, 'run.update');
    await requireModels(
      tx,
      input.models.map((m) => m.modelId),
    );
    if (input.models.length) {
      await tx
        .insert(runModelOutputs)
        .values(input.models.map((m) => ({ runId: run.id, modelId: m.modelId, step: m.step })))
        .onConflictDoNothing();
    }
    const models = input.models.map((m) => ({ modelId: m.modelId, step: m.step }));
    await recordAudit(tx, actor, 'run.log_outputs', { type: 'run', id: run.id }, { after: { models } });
    return { runId: run.id, models };
  },
});

export const LogBatchWithModelsInput = LogBatchInput.extend({
  /** Metric `index` of `metrics` was logged for this model (MLflow 3's Metric.model_id). */
  modelLinks: z
    .array(z.object({ index: z.number().int().min(0), modelId: LoggedModelId, datasetName: z.string().max(500).optional(), datasetDigest: z.string().max(36).optional() }))
    .max(1000)
    .default([]),
});

type Point = { key: string; value: number; step: number; timestamp?: number };

/** Of the points, those the run's history already holds with the same key, step, timestamp and value. */
async function pointsAlreadyLogged(tx: Db, run: RunRow, points: (Point & { timestamp: number })[]): Promise<Set<number>> {
  if (points.length === 0) return new Set();
  const rows = rowsOf<{ i: number }>(
    await tx.execute(sql`
      select u.i from unnest(${sql.param(points.map((_, i) => i))}::int[], ${sql.param(points.map((p) => p.key))}::text[], ${sql.param(points.map((p) => p.step))}::bigint[],
                             ${sql.param(points.map((p) => p.timestamp))}::bigint[], ${sql.param(points.map((p) => p.value))}::float8[]) as u(i, k, s, t, v)
      where exists (select 1 from metric_history h where h.run_id = ${run.id} and h.key = u.k and h.step = u.s and h.timestamp = u.t and h.value = u.v)`),
  );
  return new Set(rows.map((r) => Number(r.i)));
}

/**
 * A log-batch some of whose metrics carry a `model_id` (MLflow 3 links a model's metrics this way, and
 * `log_model` re-sends the run's points of its step for the new model). One transaction: params and tags
 * as logBatch writes them; every point of the batch into the run's history except linked points the
 * history already holds (so re-linking adds no duplicate); linked points into the model's metrics.
 */
export const logBatchWithModels = defineService({
  name: 'runs.log_batch_with_models',
  permission: 'run.update',
  input: LogBatchWithModelsInput,
  async run({ tx, actor }, input) {
    const { run } = await loadRunForWrite(tx, actor, input.id, 'run.update');
    await requireModels(
      tx,
      input.modelLinks.map((l) => l.modelId),
    );
    const now = Date.now();
    const linked = new Map(input.modelLinks.filter((l) => l.index < input.metrics.length).map((l) => [l.index, l]));
    const stamped = input.metrics.map((m) => ({ ...m, timestamp: m.timestamp ?? now }));
    const linkedPoints = [...linked.keys()].map((i) => stamped[i]);
    const known = await pointsAlreadyLogged(tx, run, linkedPoints);
    const knownIndexes = new Set([...linked.keys()].filter((_, j) => known.has(j)));
    await writeParams(tx, run, input.params);
    const tagsBefore = await writeTags(tx, run, input.tags);
    const written = await writeMetrics(
      tx,
      run,
      stamped.filter((_, i) => !knownIndexes.has(i)),
      now,
    );
    if (linked.size) {
      await tx.insert(loggedModelMetrics).values(
        [...linked.entries()].map(([i, l]) => ({
          modelId: l.modelId,
          runId: run.id,
          key: stamped[i].key,
          value: stamped[i].value,
          step: stamped[i].step,
          timestamp: stamped[i].timestamp,
          datasetName: l.datasetName ?? null,
          datasetDigest: l.datasetDigest ?? null,
        })),
      );
    }
    const modelIds = [...new Set(input.modelLinks.map((l) => l.modelId))];
    await recordAudit(tx, actor, 'run.log_batch', { type: 'run', id: run.id }, batchAuditChange(input, tagsBefore, written, modelIds));
    return { runId: run.id, metrics: written, linked: linked.size, params: input.params.length, tags: input.tags.length };
  },
});
