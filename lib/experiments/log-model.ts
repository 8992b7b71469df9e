import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { runTags } from '@/db/schema/tracking';
import { RuleViolationError } from '@/lib/errors';
import { defineService } from '@/lib/services/define-service';
import { loadRunForWrite } from './access';
import './constraints';
import { setRunTagInTx } from './run-tags';
import { historyEntry, LOGGED_MODELS_HISTORY_TAG, pythonJsonDumps } from './log-model-history';
import { RunId } from './schemas';

export const LogModelInput = z.object({
  id: RunId,
  /** The MLmodel as a JSON object; the door has checked MLflow's mandatory fields. */
  model: z.record(z.string(), z.unknown()),
});

/**
 * `runs/log-model` (MLflow 2.x clients): appends the model to the run's `mlflow.log-model.history` tag,
 * read and rewritten under the run lock so concurrent calls each keep their entry. The tag is written by
 * the run-tag service's own body (same key and length rules, audited as `run.set_tag`).
 */
export const logModel = defineService({
  name: 'runs.log_model',
  permission: 'run.update',
  input: LogModelInput,
  async run(ctx, input) {
    const { run } = await loadRunForWrite(ctx.tx, ctx.actor, input.id, 'run.update');
    const [current] = await ctx.tx
      .select({ value: runTags.value })
      .from(runTags)
      .where(and(eq(runTags.runId, run.id), eq(runTags.key, LOGGED_MODELS_HISTORY_TAG)));
    let history: unknown[] = [];
    if (current) {
      try {
        const parsed: unknown = JSON.parse(current.value);
        if (!Array.isArray(parsed)) throw new Error('not a list');
        history = parsed;
      } catch {
        throw new RuleViolationError('log_model_history_invalid', `The ${LOGGED_MODELS_HISTORY_TAG} tag of run '${run.id}' is not a JSON list; delete or fix it before logging a model.`);
      }
    }
    const value = pythonJsonDumps([...history, historyEntry(input.model)]);
    return setRunTagInTx(ctx, { id: run.id, key: LOGGED_MODELS_HISTORY_TAG, value });
  },
});
