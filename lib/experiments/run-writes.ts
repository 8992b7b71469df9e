import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { runs, runTags } from '@/db/schema/tracking';
import { ConflictError, ValidationError } from '@/lib/errors';
import type { RunRow } from './access';
import { coarsen, ROLLUP_WIDTHS, summarizeSteps, type HistoryPoint } from '@/lib/stats/rollup';
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

/** Columns of metric_history_rollups, in the order the upsert below passes them. */
function rollupColumns(input: { key: string; step: number; timestamp: number; value: number }[]) {
  const byKey = new Map<string, HistoryPoint[]>();
  for (const p of input) {
    let list = byKey.get(p.key);
    if (!list) byKey.set(p.key, (list = []));
    list.push(p);
  }
  const cols = {
    key: [] as string[],
    width: [] as number[],
    bucket: [] as number[],
    n: [] as number[],
    nans: [] as number[],
    minV: [] as (number | null)[],
    minS: [] as (number | null)[],
    minT: [] as (number | null)[],
    maxV: [] as (number | null)[],
    maxS: [] as (number | null)[],
    maxT: [] as (number | null)[],
    nanS: [] as (number | null)[],
    nanT: [] as (number | null)[],
    firstS: [] as number[],
    firstT: [] as number[],
    firstV: [] as number[],
    lastS: [] as number[],
    lastT: [] as number[],
    lastV: [] as number[],
    tsMin: [] as number[],
    tsMax: [] as number[],
  };
  for (const [key, points] of byKey) {
    let level = summarizeSteps(points, ROLLUP_WIDTHS[0]);
    for (let i = 0; i < ROLLUP_WIDTHS.length; i++) {
      if (i > 0) level = coarsen(level, ROLLUP_WIDTHS[i] / ROLLUP_WIDTHS[i - 1]);
      for (const b of level) {
        cols.key.push(key);
        cols.width.push(ROLLUP_WIDTHS[i]);
        cols.bucket.push(b.bucket);
        cols.n.push(b.count);
        cols.nans.push(b.nanCount);
        cols.minV.push(b.min?.value ?? null);
        cols.minS.push(b.min?.step ?? null);
        cols.minT.push(b.min?.timestamp ?? null);
        cols.maxV.push(b.max?.value ?? null);
        cols.maxS.push(b.max?.step ?? null);
        cols.maxT.push(b.max?.timestamp ?? null);
        cols.nanS.push(b.firstNaN?.step ?? null);
        cols.nanT.push(b.firstNaN?.timestamp ?? null);
        cols.firstS.push(b.first.step);
        cols.firstT.push(b.first.timestamp);
        cols.firstV.push(b.first.value);
        cols.lastS.push(b.last.step);
        cols.lastT.push(b.last.timestamp);
        cols.lastV.push(b.last.value);
        cols.tsMin.push(b.tsMin);
        cols.tsMax.push(b.tsMax);
      }
    }
  }
  return cols;
}

/*
 * Merge of a batch's bucket summary (excluded) into the stored one (r): exactly `mergeSummary` of
 * lib/stats/rollup.ts, orders included (row comparisons order float8 as the JS does, NaN last).
 */
const ROLLUP_MERGE = sql.raw(`
  n = r.n + excluded.n,
  nan_count = r.nan_count + excluded.nan_count,
  min_value = case when r.min_value is null or (excluded.min_value is not null and (excluded.min_value, excluded.min_step, excluded.min_ts) < (r.min_value, r.min_step, r.min_ts)) then excluded.min_value else r.min_value end,
  min_step = case when r.min_value is null or (excluded.min_value is not null and (excluded.min_value, excluded.min_step, excluded.min_ts) < (r.min_value, r.min_step, r.min_ts)) then excluded.min_step else r.min_step end,
  min_ts = case when r.min_value is null or (excluded.min_value is not null and (excluded.min_value, excluded.min_step, excluded.min_ts) < (r.min_value, r.min_step, r.min_ts)) then excluded.min_ts else r.min_ts end,
  max_value = case when r.max_value is null or (excluded.max_value is not null and (excluded.max_value > r.max_value or (excluded.max_value = r.max_value and (excluded.max_step, excluded.max_ts) < (r.max_step, r.max_ts)))) then excluded.max_value else r.max_value end,
  max_step = case when r.max_value is null or (excluded.max_value is not null and (excluded.max_value > r.max_value or (excluded.max_value = r.max_value and (excluded.max_step, excluded.max_ts) < (r.max_step, r.max_ts)))) then excluded.max_step else r.max_step end,
  max_ts = case when r.max_value is null or (excluded.max_value is not null and (excluded.max_value > r.max_value or (excluded.max_value = r.max_value and (excluded.max_step, excluded.max_ts) < (r.max_step, r.max_ts)))) then excluded.max_ts else r.max_ts end,
  nan_step = case when r.nan_step is null or (excluded.nan_step is not null and (excluded.nan_step, excluded.nan_ts) < (r.nan_step, r.nan_ts)) then excluded.nan_step else r.nan_step end,
  nan_ts = case when r.nan_step is null or (excluded.nan_step is not null and (excluded.nan_step, excluded.nan_ts) < (r.nan_step, r.nan_ts)) then excluded.nan_ts else r.nan_ts end,
  first_step = case when (excluded.first_step, excluded.first_ts, excluded.first_value) < (r.first_step, r.first_ts, r.first_value) then excluded.first_step else r.first_step end,
  first_ts = case when (excluded.first_step, excluded.first_ts, excluded.first_value) < (r.first_step, r.first_ts, r.first_value) then excluded.first_ts else r.first_ts end,
  first_value = case when (excluded.first_step, excluded.first_ts, excluded.first_value) < (r.first_step, r.first_ts, r.first_value) then excluded.first_value else r.first_value end,
  last_step = case when (excluded.last_step, excluded.last_ts, excluded.last_value) > (r.last_step, r.last_ts, r.last_value) then excluded.last_step else r.last_step end,
  last_ts = case when (excluded.last_step, excluded.last_ts, excluded.last_value) > (r.last_step, r.last_ts, r.last_value) then excluded.last_ts else r.last_ts end,
  last_value = case when (excluded.last_step, excluded.last_ts, excluded.last_value) > (r.last_step, r.last_ts, r.last_value) then excluded.last_value else r.last_value end,
  ts_min = least(r.ts_min, excluded.ts_min),
  ts_max = greatest(r.ts_max, excluded.ts_max)`);

/**
 * Appends the points to metric_history with one multi-row insert (unnest of column arrays, so the
 * statement has the same few parameters whatever the batch size), merges the batch's per-bucket
 * summaries into metric_history_rollups (one row per key, width and bucket touched; the run lock keeps
 * other writers of this run out, so the read-merge-write is exact), and moves latest_metrics forward with
 * one upsert holding one row per key, compared against the stored latest value by the same rule. All
 * three go to the server as one statement.
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
  const r = rollupColumns(points);
  const p = sql.param;
  // One round trip: the history insert and the rollup upsert ride in data-modifying CTEs of the latest-metrics upsert.
  await tx.execute(sql`
    with history as (
      insert into metric_history (run_id, key, step, timestamp, value)
      select ${run.id}, k, s, t, v
      from unnest(${sql.param(keys)}::text[], ${sql.param(steps)}::bigint[], ${sql.param(stamps)}::bigint[], ${sql.param(values)}::float8[]) as u(k, s, t, v)
    ), rollups as (
      insert into metric_history_rollups as r (run_id, key, width, bucket, n, nan_count, min_value, min_step, min_ts, max_value, max_step, max_ts,
        nan_step, nan_ts, first_step, first_ts, first_value, last_step, last_ts, last_value, ts_min, ts_max)
      select ${run.id}, u.* from unnest(${p(r.key)}::text[], ${p(r.width)}::int[], ${p(r.bucket)}::bigint[], ${p(r.n)}::int[], ${p(r.nans)}::int[],
        ${p(r.minV)}::float8[], ${p(r.minS)}::bigint[], ${p(r.minT)}::bigint[], ${p(r.maxV)}::float8[], ${p(r.maxS)}::bigint[], ${p(r.maxT)}::bigint[],
        ${p(r.nanS)}::bigint[], ${p(r.nanT)}::bigint[], ${p(r.firstS)}::bigint[], ${p(r.firstT)}::bigint[], ${p(r.firstV)}::float8[],
        ${p(r.lastS)}::bigint[], ${p(r.lastT)}::bigint[], ${p(r.lastV)}::float8[], ${p(r.tsMin)}::bigint[], ${p(r.tsMax)}::bigint[]) as u
      on conflict (run_id, key, width, bucket) do update set ${ROLLUP_MERGE}
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
