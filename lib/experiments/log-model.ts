import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { runTags } from '@/db/schema/tracking';
import { RuleViolationError } from '@/lib/errors';
import { defineService } from '@/lib/services/define-service';
import { loadRunForWrite } from './access';
import './constraints';
import { setRunTagInTx } from './run-tags';
import { RunId } from './schemas';

/** The run tag where MLflow keeps the models logged to a run, as a JSON list (`mlflow.utils.mlflow_tags`). */
export const LOGGED_MODELS_HISTORY_TAG = 'mlflow.log-model.history';

/** What MLflow's `Model.get_tags_dict` keeps of an MLmodel: these keys, and each flavor without its `config`. */
const HISTORY_KEYS = ['run_id', 'artifact_path', 'utc_time_created', 'model_uuid'] as const;

export const LogModelInput = z.object({
  id: RunId,
  /** The MLmodel as a JSON object; the door has checked MLflow's mandatory fields. */
  model: z.record(z.string(), z.unknown()),
});

export function historyEntry(model: Record<string, unknown>): Record<string, unknown> {
  const entry: Record<string, unknown> = {};
  for (const key of HISTORY_KEYS) entry[key] = model[key] ?? null;
  const flavors = typeof model.flavors === 'object' && model.flavors !== null ? (model.flavors as Record<string, unknown>) : {};
  entry.flavors = Object.fromEntries(
    Object.entries(flavors).map(([name, config]) => [
      name,
      typeof config === 'object' && config !== null && !Array.isArray(config) ? Object.fromEntries(Object.entries(config).filter(([k]) => k !== 'config')) : config,
    ]),
  );
  return entry;
}

/**
 * JSON as Python's `json.dumps` writes it with its defaults (`", "` and `": "` separators, non-ASCII
 * escaped), so the tag reads the same as one an MLflow server wrote.
 */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  if (typeof value === 'string') return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${pythonJsonDumps(k)}: ${pythonJsonDumps(v)}`)
    .join(', ')}}`;
}

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
