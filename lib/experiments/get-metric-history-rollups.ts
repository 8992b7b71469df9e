import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import {
  assembleChart,
  assembleSlimStepChart,
  bucketBudget,
  coarsen,
  comparePoints,
  comparePointsByTime,
  decodeSlimColumns,
  mergeSummary,
  planBuckets,
  ROLLUP_WIDTHS,
  SLIM_COLUMN_ORDER,
  sortSlimColumns,
  summarizeSteps,
  WIDEST_ROLLUP,
  type ChartBand,
  type HistoryPoint,
  type SlimColumns,
  type StepBucket,
} from '@/lib/stats/rollup';

/*
 * Min/max downsampled metric histories read from `metric_history_rollups` (per-bucket summaries kept by
 * writeMetrics at the widths of ROLLUP_WIDTHS) instead of the raw points. A chart bucket of D steps is one
 * stored row of width D; only the buckets a zoomed range cuts through are read raw (at most two per line
 * on the step axis), and ranges too short for the narrowest width are read raw whole. `source: 'raw'`
 * summarises raw points into the same buckets instead: the reference the rollup path must equal, used
 * by the tests.
 */

export type HistoryAxis = 'step' | 'timestamp';

/** Inclusive bounds on the chart's x axis; either may be missing. */
export interface AxisRange {
  min?: number;
  max?: number;
}

export interface DownsampledSeries {
  /** Points within the range. */
  total: number;
  downsampled: boolean;
  points: HistoryPoint[];
  bands?: ChartBand[];
}

export interface ReadSeriesOptions {
  maxPoints: number;
  xAxis: HistoryAxis;
  /** The range of each run (relative time gives every run its own); undefined: the whole series. */
  rangeOf: (runId: string) => AxisRange | undefined;
  source?: 'rollups' | 'raw';
  /** false: on the step axis, timestamps are not wanted (0 in the points), so less is read and sent. */
  timestamps?: boolean;
}

const SHIFT: Record<number, number> = Object.fromEntries(ROLLUP_WIDTHS.map((w) => [w, Math.log2(w)]));

interface Plan {
  runId: string;
  /** Chart bucket width (steps). */
  width: number;
  /** Stored width read, or 0 to summarise raw points. */
  rollup: number;
  /** Step window that holds every point of the range. */
  stepLo: number;
  stepHi: number;
  /** Range on the axis (integers), null where open. */
  lo: number | null;
  hi: number | null;
}

const num = (v: unknown): number => (v === null || v === undefined ? NaN : Number(v));
const point = (s: unknown, t: unknown, v: unknown): HistoryPoint => ({ step: num(s), timestamp: num(t), value: num(v) });

function bounds(range: AxisRange | undefined): { lo: number | null; hi: number | null } {
  return {
    lo: range?.min === undefined ? null : Math.ceil(range.min),
    hi: range?.max === undefined ? null : Math.floor(range.max),
  };
}

/**
 * Per run: the step window of the points in range and (an upper bound of) how many there are, from the
 * widest stored summaries. On the step axis with a range the window's ends are exact (two index probes);
 * on wall time they are those of the widest buckets the range overlaps, refined after the first read.
 */
async function extents(tx: Db, runIds: string[], key: string, opts: ReadSeriesOptions) {
  const lo = runIds.map((id) => bounds(opts.rangeOf(id)).lo);
  const hi = runIds.map((id) => bounds(opts.rangeOf(id)).hi);
  const [xLo, xHi] = opts.xAxis === 'step' ? [sql.raw('r.first_step'), sql.raw('r.last_step')] : [sql.raw('r.ts_min'), sql.raw('r.ts_max')];
  const probes =
    opts.xAxis === 'step'
      ? sql`, (SELECT h.step FROM metric_history h WHERE h.run_id = p.run_id AND h.key = ${key} AND h.step >= p.lo ORDER BY h.step LIMIT 1) AS exact_lo,
             (SELECT h.step FROM metric_history h WHERE h.run_id = p.run_id AND h.key = ${key} AND h.step <= p.hi ORDER BY h.step DESC LIMIT 1) AS exact_hi`
      : sql`, NULL::bigint AS exact_lo, NULL::bigint AS exact_hi`;
  const rows = rowsOf<{ run_id: string; n: unknown; step_lo: unknown; step_hi: unknown; exact_lo: unknown; exact_hi: unknown; lo: unknown; hi: unknown }>(
    await tx.execute(sql`
      SELECT p.run_id, p.lo, p.hi, e.n, e.step_lo, e.step_hi ${probes}
      FROM unnest(${sql.param(runIds)}::text[], ${sql.param(lo)}::bigint[], ${sql.param(hi)}::bigint[]) AS p(run_id, lo, hi)
      CROSS JOIN LATERAL (
        SELECT sum(r.n)::bigint AS n, min(r.first_step) AS step_lo, max(r.last_step) AS step_hi
        FROM metric_history_rollups r
        WHERE r.run_id = p.run_id AND r.key = ${key} AND r.width = ${WIDEST_ROLLUP}
          AND (p.hi IS NULL OR ${xLo} <= p.hi) AND (p.lo IS NULL OR ${xHi} >= p.lo)
        OFFSET 0
      ) e`),
  );
  const out = new Map<string, { n: number; stepLo: number; stepHi: number; lo: number | null; hi: number | null }>();
  for (const r of rows) {
    if (r.n === null) continue;
    const stepLo = r.lo !== null && r.exact_lo !== null ? num(r.exact_lo) : num(r.step_lo);
    const stepHi = r.hi !== null && r.exact_hi !== null ? num(r.exact_hi) : num(r.step_hi);
    // On the step axis a bound with no point beyond it (or a window that holds none) leaves nothing in range.
    if (opts.xAxis === 'step' && ((r.lo !== null && r.exact_lo === null) || (r.hi !== null && r.exact_hi === null) || stepLo > stepHi)) continue;
    out.set(r.run_id, { n: num(r.n), stepLo, stepHi, lo: r.lo === null ? null : num(r.lo), hi: r.hi === null ? null : num(r.hi) });
  }
  return out;
}

interface Fetched {
  buckets: StepBucket[];
  /** Stored rows read without timestamps (one read per line), not yet decoded. */
  slim: SlimColumns | null;
  raw: HistoryPoint[];
}

const BUCKET_JSON = sql.raw(`json_agg(json_build_array(r.bucket, r.n, r.nan_count, r.min_value, r.min_step, r.min_ts, r.max_value, r.max_step, r.max_ts,
  r.nan_step, r.nan_ts, r.first_step, r.first_ts, r.first_value, r.last_step, r.last_ts, r.last_value, r.ts_min, r.ts_max) ORDER BY r.bucket)`);

/**
 * The same without timestamps, one array per column (SLIM_COLUMN_ORDER) in the order the rows are read;
 * sorted by bucket afterwards (sortSlimColumns): a dozen sorted aggregates cost the database three times as much.
 */
const SLIM_COLUMNS_JSON = sql.raw(
  `json_build_array(${['r.bucket', 'r.n', 'r.nan_count', 'r.min_value', 'r.min_step', 'r.max_value', 'r.max_step', 'r.nan_step', 'r.first_step', 'r.first_value', 'r.last_step', 'r.last_value']
    .map((c) => `array_agg(${c})`)
    .join(', ')})`,
);

/** Slim columns are kept as read: most lines are drawn straight from them (assembleSlimStepChart). */
function keepSlim(out: Map<string, Fetched>, rows: { kind: 'b' | 'p'; run_id: string; data: unknown }[]): Map<string, Fetched> {
  for (const r of rows) {
    if (r.data === null || r.kind === 'p') continue;
    const arrays = (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as unknown[][];
    // No stored row in the window: every aggregate is null.
    if (arrays[0] === null) continue;
    out.get(r.run_id)!.slim = sortSlimColumns(Object.fromEntries(SLIM_COLUMN_ORDER.map((name, i) => [name, arrays[i]])) as unknown as SlimColumns);
  }
  return out;
}

function decodeInto(out: Map<string, Fetched>, rows: { kind: 'b' | 'p'; run_id: string; data: unknown }[]): Map<string, Fetched> {
  for (const r of rows) {
    if (r.data === null) continue;
    const f = out.get(r.run_id)!;
    const data = (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as unknown[][];
    if (r.kind === 'p') {
      for (const a of data) f.raw.push(point(a[0], a[1], a[2]));
      continue;
    }
    for (const a of data) {
      f.buckets.push({
        bucket: num(a[0]),
        count: num(a[1]),
        nanCount: num(a[2]),
        min: a[3] === null ? null : point(a[4], a[5], a[3]),
        max: a[6] === null ? null : point(a[7], a[8], a[6]),
        firstNaN: a[9] === null ? null : point(a[9], a[10], NaN),
        first: point(a[11], a[12], a[13]),
        last: point(a[14], a[15], a[16]),
        tsMin: num(a[17]),
        tsMax: num(a[18]),
      });
    }
  }
  return out;
}

/**
 * Step windows read raw and stored buckets read whole, where both are known before reading: on the step
 * axis a stored bucket lies inside [lo, hi] when its steps do, so only the (at most two) buckets holding
 * lo or hi are cut; with no range every bucket is inside.
 */
function alignedPieces(plan: Plan): { bucketLo: number; bucketHi: number; windows: [number, number][] } {
  const a = plan.stepLo;
  const b = plan.stepHi;
  const w = plan.rollup;
  if (w === 0) return { bucketLo: 1, bucketHi: 0, windows: [[a, b]] };
  if (plan.lo === null && plan.hi === null) return { bucketLo: Math.floor(a / w), bucketHi: Math.floor(b / w), windows: [] };
  const b0 = Math.ceil(a / w);
  const b1 = Math.floor((b + 1) / w) - 1;
  if (b0 > b1) return { bucketLo: 1, bucketHi: 0, windows: [[a, b]] };
  const windows: [number, number][] = [];
  if (a < b0 * w) windows.push([a, b0 * w - 1]);
  if (b > (b1 + 1) * w - 1) windows.push([(b1 + 1) * w, b]);
  return { bucketLo: b0, bucketHi: b1, windows };
}

/**
 * One statement for one key when the pieces are known up front (step axis, or no range): per run the
 * stored rows of its inside buckets, aggregated straight from the primary-key range scan, and the raw
 * points of its windows. The x filter of a window is its step bounds, and on wall time with no range
 * there is none.
 */
async function fetchAligned(tx: Db, key: string, plans: Plan[], slim: boolean): Promise<Map<string, Fetched>> {
  const out = new Map<string, Fetched>(plans.map((p) => [p.runId, { buckets: [], slim: null, raw: [] }]));
  const reads = plans.flatMap((p) => {
    const pieces = alignedPieces(p);
    return pieces.bucketLo <= pieces.bucketHi ? [{ runId: p.runId, width: p.rollup, lo: pieces.bucketLo, hi: pieces.bucketHi }] : [];
  });
  const windows = plans.flatMap((p) => alignedPieces(p).windows.map(([s0, s1]) => ({ runId: p.runId, s0, s1 })));
  const parts = [];
  if (reads.length) {
    parts.push(sql`SELECT 'b' AS kind, p.run_id, x.data
      FROM unnest(${sql.param(reads.map((r) => r.runId))}::text[], ${sql.param(reads.map((r) => r.width))}::int[], ${sql.param(reads.map((r) => r.lo))}::bigint[], ${sql.param(reads.map((r) => r.hi))}::bigint[])
        AS p(run_id, width, b0, b1)
      CROSS JOIN LATERAL (
        SELECT ${slim ? SLIM_COLUMNS_JSON : BUCKET_JSON} AS data FROM metric_history_rollups r
        WHERE r.run_id = p.run_id AND r.key = ${key} AND r.width = p.width AND r.bucket BETWEEN p.b0 AND p.b1
      ) x`);
  }
  if (windows.length) {
    parts.push(sql`SELECT 'p' AS kind, w.run_id, x.data
      FROM unnest(${sql.param(windows.map((r) => r.runId))}::text[], ${sql.param(windows.map((r) => r.s0))}::bigint[], ${sql.param(windows.map((r) => r.s1))}::bigint[]) AS w(run_id, s0, s1)
      CROSS JOIN LATERAL (
        SELECT json_agg(json_build_array(h.step, h.timestamp, h.value)) AS data FROM metric_history h
        WHERE h.run_id = w.run_id AND h.key = ${key} AND h.step BETWEEN w.s0 AND w.s1
      ) x`);
  }
  if (parts.length === 0) return out;
  const rows = rowsOf<{ kind: 'b' | 'p'; run_id: string; data: unknown }>(await tx.execute(sql.join(parts, sql` UNION ALL `)));
  return slim ? decodeInto(keepSlim(out, rows), rows.filter((r) => r.kind === 'p')) : decodeInto(out, rows);
}

/**
 * One statement for one key on wall time with a range: the stored rows wholly inside each run's range,
 * and the raw points (in range) of the stored buckets the range cuts through and of the runs planned raw.
 * Which buckets are cut shows only in their stored time extents, so they are read first.
 */
async function fetchPlans(tx: Db, key: string, plans: Plan[], xAxis: HistoryAxis): Promise<Map<string, Fetched>> {
  const out = new Map<string, Fetched>(plans.map((p) => [p.runId, { buckets: [], slim: null, raw: [] }]));
  if (plans.length === 0) return out;
  const col = <T>(f: (p: Plan) => T) => sql.param(plans.map(f));
  const [rLo, rHi] = xAxis === 'step' ? [sql.raw('r.first_step'), sql.raw('r.last_step')] : [sql.raw('r.ts_min'), sql.raw('r.ts_max')];
  const hx = xAxis === 'step' ? sql.raw('h.step') : sql.raw('h.timestamp');
  const rows = rowsOf<{ kind: 'b' | 'p'; run_id: string; data: unknown }>(
    await tx.execute(sql`
      WITH plan AS (
        SELECT * FROM unnest(${col((p) => p.runId)}::text[], ${col((p) => p.rollup)}::int[], ${col((p) => (p.rollup ? SHIFT[p.rollup] : 0))}::int[],
          ${col((p) => p.stepLo)}::bigint[], ${col((p) => p.stepHi)}::bigint[], ${col((p) => p.lo)}::bigint[], ${col((p) => p.hi)}::bigint[])
          AS p(run_id, width, shift, step_lo, step_hi, lo, hi)
      ), r AS MATERIALIZED (
        SELECT p.run_id, p.width, p.lo, p.hi, r.*,
          ((p.lo IS NULL OR ${rLo} >= p.lo) AND (p.hi IS NULL OR ${rHi} <= p.hi)) AS inside
        FROM plan p CROSS JOIN LATERAL (
          SELECT r.bucket, r.n, r.nan_count, r.min_value, r.min_step, r.min_ts, r.max_value, r.max_step, r.max_ts, r.nan_step, r.nan_ts,
            r.first_step, r.first_ts, r.first_value, r.last_step, r.last_ts, r.last_value, r.ts_min, r.ts_max
          FROM metric_history_rollups r
          WHERE r.run_id = p.run_id AND r.key = ${key} AND r.width = p.width
            AND r.bucket BETWEEN p.step_lo >> p.shift AND p.step_hi >> p.shift
            AND (p.hi IS NULL OR ${rLo} <= p.hi) AND (p.lo IS NULL OR ${rHi} >= p.lo)
          OFFSET 0
        ) r
        WHERE p.width > 0
      ), windows AS (
        SELECT run_id, step_lo AS s0, step_hi AS s1, lo, hi FROM plan WHERE width = 0
        UNION ALL
        SELECT run_id, bucket * width, bucket * width + width - 1, lo, hi FROM r WHERE NOT inside
      )
      SELECT 'b' AS kind, run_id, json_agg(json_build_array(bucket, n, nan_count, min_value, min_step, min_ts, max_value, max_step, max_ts, nan_step, nan_ts,
        first_step, first_ts, first_value, last_step, last_ts, last_value, ts_min, ts_max)) AS data
      FROM r WHERE inside GROUP BY run_id
      UNION ALL
      SELECT 'p', w.run_id, json_agg(json_build_array(h.step, h.timestamp, h.value))
      FROM windows w CROSS JOIN LATERAL (
        SELECT h.step, h.timestamp, h.value FROM metric_history h
        WHERE h.run_id = w.run_id AND h.key = ${key} AND h.step BETWEEN w.s0 AND w.s1
          AND (w.lo IS NULL OR ${hx} >= w.lo) AND (w.hi IS NULL OR ${hx} <= w.hi)
        OFFSET 0
      ) h
      GROUP BY w.run_id`),
  );
  return decodeInto(out, rows);
}

/** The chart buckets of one run from what was fetched for its plan. */
function bucketsOf(plan: Plan, f: Fetched): StepBucket[] {
  const base = plan.rollup || plan.width;
  const stored = f.slim ? [...f.buckets, ...decodeSlimColumns(f.slim)] : f.buckets;
  if (f.raw.length === 0 && plan.width === base) return stored;
  const parts = [...stored, ...summarizeSteps(f.raw, base)];
  // A stored bucket is either wholly inside the range (read as a row) or cut (read raw), never both;
  // merging by bucket is still the safe way to join the two lists.
  const byBucket = new Map<number, StepBucket>();
  for (const b of parts) {
    const seen = byBucket.get(b.bucket);
    byBucket.set(b.bucket, seen ? mergeSummary(seen, b) : b);
  }
  return coarsen([...byBucket.values()], plan.width / base);
}

const exactSeries = (points: HistoryPoint[], xAxis: HistoryAxis): DownsampledSeries => ({
  total: points.length,
  downsampled: false,
  points: [...points].sort(xAxis === 'step' ? comparePoints : comparePointsByTime),
});

/**
 * Min/max downsampled series of one key for many runs: per run at most `maxPoints` points (each chart
 * bucket's lowest and highest point, the first and the last), a band per bucket, or the exact points
 * when the range holds no more than `maxPoints`. Runs without points in range are left out.
 */
export async function readDownsampledSeries(tx: Db, runIds: string[], key: string, opts: ReadSeriesOptions): Promise<Map<string, DownsampledSeries>> {
  const out = new Map<string, DownsampledSeries>();
  const budget = bucketBudget(opts.maxPoints);
  const ext = await extents(tx, runIds, key, opts);
  const plans: Plan[] = [];
  for (const [runId, e] of ext) {
    const raw = e.n <= opts.maxPoints;
    const plan = raw ? { width: 1, rollup: null } : planBuckets(e.stepLo, e.stepHi, budget);
    plans.push({ runId, width: plan.width, rollup: opts.source === 'raw' ? 0 : (plan.rollup ?? 0), stepLo: e.stepLo, stepHi: e.stepHi, lo: e.lo, hi: e.hi });
  }

  let pending = plans;
  // At most three rounds: the plan; on wall time, a narrower plan once the exact step window is known;
  // and the raw re-read of lines that turned out to hold no more than maxPoints.
  for (let round = 0; round < 3 && pending.length > 0; round++) {
    const aligned = pending.filter((p) => opts.xAxis === 'step' || (p.lo === null && p.hi === null));
    const timed = pending.filter((p) => !aligned.includes(p));
    const slim = opts.xAxis === 'step' && opts.timestamps === false;
    const fetched = new Map([...(await fetchAligned(tx, key, aligned, slim)), ...(await fetchPlans(tx, key, timed, opts.xAxis))]);
    const next: Plan[] = [];
    for (const plan of pending) {
      const f = fetched.get(plan.runId)!;
      if (f.slim && f.raw.length === 0 && plan.width === plan.rollup) {
        // Stored rows that are the chart's buckets: drawn as read, unless the line is short enough to send whole.
        const chart = assembleSlimStepChart(f.slim);
        if (chart.total > opts.maxPoints) {
          out.set(plan.runId, { total: chart.total, downsampled: true, points: chart.points, bands: chart.bands });
          continue;
        }
      }
      const buckets = bucketsOf(plan, f);
      const total = buckets.reduce((n, b) => n + b.count, 0);
      if (total === 0) continue;
      const wholeRaw = plan.rollup === 0 && (plan.width === 1 || total <= opts.maxPoints);
      if (wholeRaw && total <= opts.maxPoints) {
        out.set(plan.runId, exactSeries(f.raw, opts.xAxis));
        continue;
      }
      const stepLo = Math.min(...buckets.map((b) => b.first.step));
      const stepHi = Math.max(...buckets.map((b) => b.last.step));
      if (total <= opts.maxPoints) {
        next.push({ ...plan, width: 1, rollup: 0, stepLo, stepHi });
        continue;
      }
      if (plan.width === 1) {
        // Planned exact on an upper bound that proved too low: bucket it properly.
        const p = planBuckets(stepLo, stepHi, budget);
        next.push({ ...plan, width: p.width, rollup: opts.source === 'raw' ? 0 : (p.rollup ?? 0), stepLo, stepHi });
        continue;
      }
      const refined = planBuckets(stepLo, stepHi, budget);
      if (opts.xAxis === 'timestamp' && refined.width < plan.width && round === 0) {
        next.push({ ...plan, width: refined.width, rollup: opts.source === 'raw' ? 0 : (refined.rollup ?? 0), stepLo, stepHi });
        continue;
      }
      const { points, bands } = assembleChart(buckets, opts.xAxis);
      out.set(plan.runId, { total, downsampled: true, points, bands });
    }
    pending = next;
  }
  return out;
}

const ROLLUP_COLUMNS = sql.raw(`run_id, key, width, bucket, n, nan_count, min_value, min_step, min_ts, max_value, max_step, max_ts,
  nan_step, nan_ts, first_step, first_ts, first_value, last_step, last_ts, last_value, ts_min, ts_max`);

/**
 * Recomputes the stored summaries of some runs from their raw history (the same statements as the
 * migration that created the table): the narrowest width from the points, each wider one from the one
 * below. For history written around writeMetrics (bulk loads); the ingest path keeps them itself.
 */
export async function rebuildMetricRollups(tx: Db, runIds: string[]): Promise<void> {
  const ids = sql.param(runIds);
  await tx.execute(sql`DELETE FROM metric_history_rollups WHERE run_id = ANY(${ids}::text[])`);
  await tx.execute(sql`
    INSERT INTO metric_history_rollups (${ROLLUP_COLUMNS})
    SELECT run_id, key, ${ROLLUP_WIDTHS[0]}, bucket, n, nans, mn[1], mn[2]::bigint, mn[3]::bigint, mx[1], (-mx[2])::bigint, (-mx[3])::bigint,
      nn[1]::bigint, nn[2]::bigint, f[1]::bigint, f[2]::bigint, f[3], l[1]::bigint, l[2]::bigint, l[3], ts_min, ts_max
    FROM (
      SELECT h.run_id, h.key, h.step >> ${SHIFT[ROLLUP_WIDTHS[0]]} AS bucket, count(*)::int AS n, (count(*) FILTER (WHERE h.value = 'NaN'))::int AS nans,
        min(ARRAY[h.value, h.step::float8, h.timestamp::float8]) FILTER (WHERE h.value <> 'NaN') AS mn,
        max(ARRAY[h.value, -h.step::float8, -h.timestamp::float8]) FILTER (WHERE h.value <> 'NaN') AS mx,
        min(ARRAY[h.step::float8, h.timestamp::float8]) FILTER (WHERE h.value = 'NaN') AS nn,
        min(ARRAY[h.step::float8, h.timestamp::float8, h.value]) AS f,
        max(ARRAY[h.step::float8, h.timestamp::float8, h.value]) AS l,
        min(h.timestamp) AS ts_min, max(h.timestamp) AS ts_max
      FROM metric_history h JOIN runs ON runs.id = h.run_id
      WHERE h.run_id = ANY(${ids}::text[])
      GROUP BY h.run_id, h.key, 3
    ) a`);
  for (let i = 1; i < ROLLUP_WIDTHS.length; i++) {
    const factorShift = SHIFT[ROLLUP_WIDTHS[i]] - SHIFT[ROLLUP_WIDTHS[i - 1]];
    await tx.execute(sql`
      INSERT INTO metric_history_rollups (${ROLLUP_COLUMNS})
      SELECT run_id, key, ${ROLLUP_WIDTHS[i]}, bucket, n, nans, mn[1], mn[2]::bigint, mn[3]::bigint, mx[1], (-mx[2])::bigint, (-mx[3])::bigint,
        nn[1]::bigint, nn[2]::bigint, f[1]::bigint, f[2]::bigint, f[3], l[1]::bigint, l[2]::bigint, l[3], ts_min, ts_max
      FROM (
        SELECT run_id, key, bucket >> ${factorShift} AS bucket, sum(n)::int AS n, sum(nan_count)::int AS nans,
          min(ARRAY[min_value, min_step::float8, min_ts::float8]) FILTER (WHERE min_value IS NOT NULL) AS mn,
          max(ARRAY[max_value, -max_step::float8, -max_ts::float8]) FILTER (WHERE max_value IS NOT NULL) AS mx,
          min(ARRAY[nan_step::float8, nan_ts::float8]) FILTER (WHERE nan_step IS NOT NULL) AS nn,
          min(ARRAY[first_step::float8, first_ts::float8, first_value]) AS f,
          max(ARRAY[last_step::float8, last_ts::float8, last_value]) AS l,
          min(ts_min) AS ts_min, max(ts_max) AS ts_max
        FROM metric_history_rollups
        WHERE width = ${ROLLUP_WIDTHS[i - 1]} AND run_id = ANY(${ids}::text[])
        GROUP BY run_id, key, 3
      ) a`);
  }
}
