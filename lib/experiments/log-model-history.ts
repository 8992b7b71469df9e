/*
 * The `mlflow.log-model.history` run tag as MLflow's tracking server writes it (sqlalchemy_store
 * `record_logged_model`): a JSON list of `Model.get_tags_dict()` entries, dumped by Python's json.
 * Pure; the service appends under the run lock.
 */

/** The run tag where MLflow keeps the models logged to a run, as a JSON list (`mlflow.utils.mlflow_tags`). */
export const LOGGED_MODELS_HISTORY_TAG = 'mlflow.log-model.history';

/** What MLflow's `Model.get_tags_dict` keeps of an MLmodel: these keys, and each flavor without its `config`. */
const HISTORY_KEYS = ['run_id', 'artifact_path', 'utc_time_created', 'model_uuid'] as const;

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

