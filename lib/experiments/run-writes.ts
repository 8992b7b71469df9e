import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { runs, runTags } from '@/db/schema/tracking';
import { ConflictError, ValidationError } from '@/lib/errors';
import type { RunRow } from './access';
import { SYSTEM_TAGS, type MetricInput } from './schemas';

/*
 * The writes behind log_param, log_metric, set_tag and log_batch. Each takes the run already locked by
 * loadRunForWrite and uses a fixed number of statements whatever the batch size.
 */

export interface KeyValue {
  key: string;
  value: string;
}

type SystemColumn = 'name' | 'userName' | 'sourceName' | 'sourceType' | 'sourceVersion' | 'entryPoint' | 'parentRunId' | 'description';

/** System tag key → the run column it mirrors. */
export const TAG_TO_COLUMN: Record<string, SystemColumn> = {
  [SYSTEM_TAGS.runName]: 'name',
  [SYSTEM_TAGS.user]: 'userName',
  [SYSTEM_TAGS.sourceName]: 'sourceName',
  [SYSTEM_TAGS.sourceType]: 'sourceType',
  [SYSTEM_TAGS.sourceVersion]: 'sourceVersion',
  [SYSTEM_TAGS.entryPoint]: 'entryPoint',
  [SYSTEM_TAGS.parentRunId]: 'parentRunId',
  [SYSTEM_TAGS.description]: 'description',
};
const COLUMN_TO_TAG = Object.fromEntries(Object.entries(TAG_TO_COLUMN).map(([tag, column]) => [column, tag])) as Record<SystemColumn, string>;

const clip = (s: string) => (s.length > 120 ? `${s.slice(0, 120)}…` : s);

// ------------------------------------------------------------------ params

/**
 * Params are immutable: the same value again is accepted, a different one is refused with
 * `param_immutable` naming the key and both values, and the service's transaction rolls back, so nothing
 * of the call is kept. Check and insert are one statement; the run lock keeps other writers of this run out.
 */
export async function writeParams(tx: Db, run: RunRow, input: KeyValue[]): Promise<{ written: number; existing: Map<string, string> }> {
  if (input.length === 0) return { written: 0, existing: new Map() };
  const wanted = new Map<string, string>();
  for (const p of input) {
    const seen = wanted.get(p.key);
    if (seen !== undefined && seen !== p.value) {
      throw new ValidationError(`params: key '${p.key}' is given twice with different values.`, [{ path: 'params', message: `duplicate key '${p.key}' with different values` }], 'duplicate_param_key');
    }
    wanted.set(p.key, p.value);
  }
  const keys = [...wanted.keys()];
  // One statement: the CTE inserts the new keys, the outer query (which sees the table as it was before
  // the statement) returns the keys already logged. A conflict throws, and the transaction rolls back.
  const existingRows = rowsOf<{ key: string; value: string }>(
    await tx.execute(sql`
      with input(k, v) as (select * from unnest(${sql.param(keys)}::text[], ${sql.param(keys.map((k) => wanted.get(k)!))}::text[])),
      inserted as (
        insert into params (run_id, experiment_id, key, value)
        select ${run.id}, ${run.experimentId}, k, v from input
        on conflict (run_id, key) do nothing
      )
      select p.key, p.value from params p join input on input.k = p.key where p.run_id = ${run.id}`),
  );
  const existing = new Map(existingRows.map((r) => [r.key, r.value]));
  for (const [key, old] of existing) {
    const value = wanted.get(key)!;
    if (old !== value) {
      throw new ConflictError(
        'param_immutable',
        `Param '${key}' of run '${run.id}' was already logged with value '${clip(old)}'; it cannot be changed to '${clip(value)}'. Params are immutable.`,
        { key, oldValue: old, newValue: value },
      );
    }
  }
  return { written: keys.length - existing.size, existing };
}

// ------------------------------------------------------------------ tags and system columns

function columnValueFromTag(run: RunRow, key: string, value: string): string {
  if (key === SYSTEM_TAGS.runName && value.trim() === '') {
    throw new ValidationError(`tags.${key}: the run name must not be empty.`, [{ path: `tags.${key}`, message: 'must not be empty' }]);
  }
  if (key === SYSTEM_TAGS.parentRunId) {
    if (!/^[0-9a-f]{32}$/.test(value)) throw new ValidationError(`tags.${key}: must be a run id (32 hex characters).`, [{ path: `tags.${key}`, message: 'must be a run id' }]);
    if (value === run.id) throw new ValidationError(`tags.${key}: a run cannot be its own parent.`, [{ path: `tags.${key}`, message: 'a run cannot be its own parent' }]);
  }
  return value;
}

/**
 * Upserts tags (last value wins within a call) in one statement and keeps the run columns that MLflow
 * mirrors in system tags (`mlflow.runName` ↔ name, `mlflow.user`, `mlflow.source.*`, `mlflow.parentRunId`,
 * `mlflow.note.content` ↔ description) in step. Returns the previous values of the keys touched.
 * `newRun`: the run was just inserted with its columns already set from these tags, so there is nothing to
 * read back or mirror.
 */
export async function writeTags(tx: Db, run: RunRow, input: KeyValue[], opts: { newRun?: boolean } = {}): Promise<Map<string, string>> {
  if (input.length === 0) return new Map();
  const wanted = new Map(input.map((t) => [t.key, t.value]));
  const columns: Partial<Record<SystemColumn, string>> = {};
  for (const [key, value] of wanted) {
    const column = TAG_TO_COLUMN[key];
    if (column) columns[column] = columnValueFromTag(run, key, value);
  }
  const keys = [...wanted.keys()];
  // The outer select reads the tags as they were before this statement's upsert: the previous values.
  const before = opts.newRun
    ? []
    : rowsOf<{ key: string; value: string }>(
        await tx.execute(sql`
          with input(k, v) as (select * from unnest(${sql.param(keys)}::text[], ${sql.param(keys.map((k) => wanted.get(k)!))}::text[])),
          upserted as (
            insert into run_tags (run_id, experiment_id, key, value)
            select ${run.id}, ${run.experimentId}, k, v from input
            on conflict (run_id, key) do update set value = excluded.value
          )
          select t.key, t.value from run_tags t join input on input.k = t.key where t.run_id = ${run.id}`),
      );
  if (opts.newRun) {
    await tx.execute(sql`
      insert into run_tags (run_id, experiment_id, key, value)
      select ${run.id}, ${run.experimentId}, k, v from unnest(${sql.param(keys)}::text[], ${sql.param(keys.map((k) => wanted.get(k)!))}::text[]) as u(k, v)`);
  } else if (Object.keys(columns).length) {
    await tx.update(runs).set(columns).where(eq(runs.id, run.id));
  }
  return new Map(before.map((r) => [r.key, r.value]));
}

/** Deleting a system tag clears the column it mirrors; the run name cannot be cleared. */
export function columnClearedByTagDelete(key: string): SystemColumn | null {
  const column = TAG_TO_COLUMN[key];
  return column && column !== 'name' ? column : null;
}

/** Column → tag direction: after a column changes (create, rename, description), its system tag follows. */
export async function mirrorColumnsToTags(tx: Db, run: Pick<RunRow, 'id' | 'experimentId'>, values: Partial<Record<SystemColumn, string | null>>): Promise<void> {
  const set: KeyValue[] = [];
  const cleared: string[] = [];
  for (const [column, value] of Object.entries(values) as [SystemColumn, string | null | undefined][]) {
    if (value === undefined) continue;
    if (value === null) cleared.push(COLUMN_TO_TAG[column]);
    else set.push({ key: COLUMN_TO_TAG[column], value });
  }
  if (set.length) {
    await tx.execute(sql`
      insert into run_tags (run_id, experiment_id, key, value)
      select ${run.id}, ${run.experimentId}, k, v from unnest(${sql.param(set.map((t) => t.key))}::text[], ${sql.param(set.map((t) => t.value))}::text[]) as u(k, v)
      on conflict (run_id, key) do update set value = excluded.value`);
  }
  if (cleared.length) await tx.delete(runTags).where(and(eq(runTags.runId, run.id), inArray(runTags.key, cleared)));
}

// ------------------------------------------------------------------ metrics

/** NaN never wins the value tie-break (in Python `nan > x` is false, which MLflow's rule relies on). */
const rankValue = (v: number) => (Number.isNaN(v) ? -Infinity : v);

/** MLflow's latest-value rule: highest step, then latest timestamp, then highest value. */
export function isNewerMetric(a: { step: number; timestamp: number; value: number }, b: { step: number; timestamp: number; value: number }): boolean {
  if (a.step !== b.step) return a.step > b.step;
  if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp;
  return rankValue(a.value) > rankValue(b.value);
}

interface LatestCandidate {
  key: string;
  value: number;
  step: number;
  timestamp: number;
  min: number | null;
  max: number | null;
}

/** Per key: the batch's best point by the rule above, and its min/max with NaN left out. */
export function latestPerKey(points: { key: string; value: number; step: number; timestamp: number }[]): LatestCandidate[] {
  const byKey = new Map<string, LatestCandidate>();
  for (const p of points) {
    let c = byKey.get(p.key);
    if (!c) {
      c = { key: p.key, value: p.value, step: p.step, timestamp: p.timestamp, min: null, max: null };
      byKey.set(p.key, c);
    } else if (isNewerMetric(p, c)) {
      c.value = p.value;
      c.step = p.step;
      c.timestamp = p.timestamp;
    }
    if (!Number.isNaN(p.value)) {
      c.min = c.min === null || p.value < c.min ? p.value : c.min;
      c.max = c.max === null || p.value > c.max ? p.value : c.max;
    }
  }
  return [...byKey.values()];
}

const RANK = (col: string) => sql.raw(`case when ${col} = 'NaN'::float8 then '-Infinity'::float8 else ${col} end`);
const NEWER = sql`(excluded.step, excluded.timestamp, ${RANK('excluded.value')}) > (l.step, l.timestamp, ${RANK('l.value')})`;

/**
 * Appends the points to metric_history with one multi-row insert (unnest of column arrays, so the
 * statement has the same few parameters whatever the batch size) and moves latest_metrics forward with
 * one upsert holding one row per key, compared against the stored latest value by the same rule. Both go
 * to the server as one statement.
 */
export async function writeMetrics(tx: Db, run: RunRow, input: MetricInput[], now = Date.now()): Promise<number> {
  if (input.length === 0) return 0;
  const n = input.length;
  const keys = new Array<string>(n);
  const steps = new Array<number>(n);
  const stamps = new Array<number>(n);
  const values = new Array<number>(n);
  const points = new Array<{ key: string; value: number; step: number; timestamp: number }>(n);
  for (let i = 0; i < n; i++) {
    const m = input[i];
    const timestamp = m.timestamp ?? now;
    keys[i] = m.key;
    steps[i] = m.step;
    stamps[i] = timestamp;
    values[i] = m.value;
    points[i] = { key: m.key, value: m.value, step: m.step, timestamp };
  }
  const latest = latestPerKey(points);
  // One round trip: the history insert rides in a data-modifying CTE of the latest-metrics upsert.
  await tx.execute(sql`
    with history as (
      insert into metric_history (run_id, key, step, timestamp, value)
      select ${run.id}, k, s, t, v
      from unnest(${sql.param(keys)}::text[], ${sql.param(steps)}::bigint[], ${sql.param(stamps)}::bigint[], ${sql.param(values)}::float8[]) as u(k, s, t, v)
    )
    insert into latest_metrics as l (run_id, experiment_id, key, value, step, timestamp, min_value, max_value)
    select ${run.id}, ${run.experimentId}, k, v, s, t, mn, mx
    from unnest(${sql.param(latest.map((c) => c.key))}::text[], ${sql.param(latest.map((c) => c.value))}::float8[], ${sql.param(latest.map((c) => c.step))}::bigint[],
                ${sql.param(latest.map((c) => c.timestamp))}::bigint[], ${sql.param(latest.map((c) => c.min))}::float8[], ${sql.param(latest.map((c) => c.max))}::float8[]) as u(k, v, s, t, mn, mx)
    on conflict (run_id, key) do update set
      value = case when ${NEWER} then excluded.value else l.value end,
      step = case when ${NEWER} then excluded.step else l.step end,
      timestamp = case when ${NEWER} then excluded.timestamp else l.timestamp end,
      min_value = least(l.min_value, excluded.min_value),
      max_value = greatest(l.max_value, excluded.max_value)`);
  return n;
}
