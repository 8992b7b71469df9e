import 'server-only';
import { eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf, type Db } from '@/db/client';
import { metricHistory, runs } from '@/db/schema/tracking';
import { decodePageToken, encodePageToken } from '@/lib/api/page-token';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { defineService } from '@/lib/services/define-service';
import { assembleMinMax, lttbDownsample, minMaxBucketCount, type Band, type BucketSummary, type Point } from '@/lib/stats/downsample';
import { readDownsampledSeries, type DownsampledSeries } from './get-metric-history-rollups';
import { encodeMetricValue, MetricKey, MetricValueOutput, RunId } from './schemas';

/** MLflow pages metric history 25,000 points at a time; so do we unless asked otherwise. */
export const METRIC_HISTORY_DEFAULT_MAX_RESULTS = 25_000;
export const METRIC_HISTORY_MAX_RESULTS = 100_000;
export const MAX_CHART_POINTS = 10_000;

const XAxis = z.enum(['step', 'timestamp']);
const Method = z.enum(['minmax', 'lttb']);
const XRange = z
  .object({ min: z.coerce.number().finite().optional(), max: z.coerce.number().finite().optional() })
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, { message: 'min must not exceed max' });
const MaxPoints = z.coerce.number().int().min(3).max(MAX_CHART_POINTS, `must be at most ${MAX_CHART_POINTS}`);

export const GetMetricHistoryInput = z.object({
  runId: RunId,
  key: MetricKey,
  pageToken: z.string().max(1_000).optional(),
  maxResults: z.coerce.number().int().min(1).max(METRIC_HISTORY_MAX_RESULTS).default(METRIC_HISTORY_DEFAULT_MAX_RESULTS),
  maxPoints: MaxPoints.optional().describe('downsample to at most this many points (no pages)'),
  method: Method.default('minmax'),
  xAxis: XAxis.default('step'),
  range: XRange.optional().describe('only points whose x lies in [min, max], for a zoomed chart'),
});

export const GetMetricHistoriesBulkInput = z.object({
  runIds: z.array(RunId).min(1).max(100, 'at most 100 runs'),
  keys: z.array(MetricKey).min(1).max(10, 'at most 10 keys'),
  maxPoints: MaxPoints.default(1_000),
  method: Method.default('minmax'),
  xAxis: XAxis.default('step'),
  range: XRange.optional(),
});

export const MetricPointView = z.object({ step: z.number(), timestamp: z.number(), value: MetricValueOutput });
export const BandView = z.object({ x: z.number(), xEnd: z.number(), min: MetricValueOutput, max: MetricValueOutput, count: z.number().int(), nanCount: z.number().int() });
export const MetricSeriesView = z.object({
  runId: z.string(),
  key: z.string(),
  xAxis: XAxis,
  /** Points in the series (within the range), before any downsampling. */
  totalPoints: z.number().int(),
  downsampled: z.boolean(),
  points: z.array(MetricPointView),
  /** min/max downsampling only: one band per non-empty bucket, for drawing what a bucket hides. */
  bands: z.array(BandView).optional(),
});
export const GetMetricHistoryOutput = MetricSeriesView.extend({ nextPageToken: z.string().nullable() });
export const GetMetricHistoriesBulkOutput = z.object({ series: z.array(MetricSeriesView) });

type XAxis = z.infer<typeof XAxis>;
type Method = z.infer<typeof Method>;
type XRange = z.infer<typeof XRange>;
/** A history point on the chart's x axis; `o` is the other axis. */
interface HistoryPoint extends Point {
  o: number;
}

function axes(xAxis: XAxis): { x: SQL; o: SQL } {
  return xAxis === 'step' ? { x: sql`${metricHistory.step}`, o: sql`${metricHistory.timestamp}` } : { x: sql`${metricHistory.timestamp}`, o: sql`${metricHistory.step}` };
}

function rangeConditions(x: SQL, range: XRange | undefined): SQL[] {
  const out: SQL[] = [];
  // x is an integer column: integer bounds keep the comparison on the column type (and its index).
  if (range?.min !== undefined) out.push(sql`${x} >= ${Math.ceil(range.min)}`);
  if (range?.max !== undefined) out.push(sql`${x} <= ${Math.floor(range.max)}`);
  return out;
}

function toPointView(p: HistoryPoint, xAxis: XAxis): z.infer<typeof MetricPointView> {
  return xAxis === 'step' ? { step: p.x, timestamp: p.o, value: encodeMetricValue(p.y) } : { step: p.o, timestamp: p.x, value: encodeMetricValue(p.y) };
}

function toBandView(b: Band): z.infer<typeof BandView> {
  return { x: b.x, xEnd: b.xEnd, min: encodeMetricValue(b.min), max: encodeMetricValue(b.max), count: b.count, nanCount: b.nanCount };
}

const num = (v: unknown): number => (v === null || v === undefined ? NaN : Number(v));
/** (x, other axis, value) order with NaN last, as PostgreSQL orders float8. */
function byXThenO(a: HistoryPoint, b: HistoryPoint): number {
  if (a.x !== b.x) return a.x - b.x;
  if (a.o !== b.o) return a.o - b.o;
  const an = Number.isNaN(a.y);
  const bn = Number.isNaN(b.y);
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  return a.y === b.y ? 0 : a.y < b.y ? -1 : 1;
}

interface SeriesSummary {
  total: number;
  downsampled: boolean;
  points: HistoryPoint[];
  bands?: Band[];
}

/**
 * Downsampled series of one key for many runs in ONE statement. Per run, a series of at most `maxPoints`
 * points comes back whole; a longer one is reduced in SQL to per-bucket (equal x width) count, first,
 * last, min and max (NaN set aside), so only a few rows per bucket reach JS, where the pure downsampler
 * gives the final shape. The bucket expression is the one `bucketIndex` uses, so min/max buckets here
 * equal what `minMaxDownsample` computes on the full series.
 */
async function summarizeKey(tx: Db, runIds: string[], key: string, opts: { maxPoints: number; method: Method; xAxis: XAxis; range?: XRange }): Promise<Map<string, SeriesSummary>> {
  const { x, o } = axes(opts.xAxis);
  const buckets = opts.method === 'minmax' ? minMaxBucketCount(opts.maxPoints) : opts.maxPoints;
  const ids = sql.join(
    runIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const where = sql.join([sql`${metricHistory.runId} IN (${ids})`, sql`${metricHistory.key} = ${key}`, ...rangeConditions(x, opts.range)], sql` AND `);
  const nan = sql.raw(`'NaN'::float8`);
  // `b` is MATERIALIZED: inlined, a planner that expects one history row (fresh table, no statistics)
  // re-aggregates the whole series for every point.
  const query = sql`
    WITH b AS MATERIALIZED (
      SELECT ${metricHistory.runId} AS run_id, count(*) AS n, min(${x})::float8 AS lo, max(${x})::float8 AS hi
      FROM ${metricHistory} WHERE ${where} GROUP BY ${metricHistory.runId}
    ), h AS (
      SELECT ${metricHistory.runId} AS run_id, ${x}::float8 AS x, ${o}::float8 AS o, ${metricHistory.value} AS v, b.n, b.lo, b.hi
      FROM ${metricHistory} JOIN b ON b.run_id = ${metricHistory.runId} WHERE ${where}
    ), g AS (
      SELECT h.*, CASE WHEN h.hi > h.lo THEN least(greatest(floor(((h.x - h.lo) / (h.hi - h.lo)) * ${buckets}), 0), ${buckets - 1}) ELSE 0 END::int AS bucket
      FROM h WHERE h.n > ${opts.maxPoints}
    )
    SELECT run_id, n::int AS n, lo, hi, NULL::int AS bucket, x, o, v,
      NULL::float8 AS min_v, NULL::float8 AS min_x, NULL::float8 AS min_o, NULL::float8 AS max_v, NULL::float8 AS max_x, NULL::float8 AS max_o,
      NULL::float8 AS last_x, NULL::float8 AS last_o, NULL::float8 AS last_v, NULL::float8 AS nan_x, NULL::float8 AS nan_o, NULL::int AS nans, NULL::int AS cnt
    FROM h WHERE h.n <= ${opts.maxPoints}
    UNION ALL
    SELECT run_id, min(n)::int, min(lo), min(hi), bucket,
      (min(ARRAY[x, o, v]))[1], (min(ARRAY[x, o, v]))[2], (min(ARRAY[x, o, v]))[3],
      (min(ARRAY[v, x, o]) FILTER (WHERE v <> ${nan}))[1], (min(ARRAY[v, x, o]) FILTER (WHERE v <> ${nan}))[2], (min(ARRAY[v, x, o]) FILTER (WHERE v <> ${nan}))[3],
      (max(ARRAY[v, -x, -o]) FILTER (WHERE v <> ${nan}))[1], -(max(ARRAY[v, -x, -o]) FILTER (WHERE v <> ${nan}))[2], -(max(ARRAY[v, -x, -o]) FILTER (WHERE v <> ${nan}))[3],
      (max(ARRAY[x, o, v]))[1], (max(ARRAY[x, o, v]))[2], (max(ARRAY[x, o, v]))[3],
      (min(ARRAY[x, o]) FILTER (WHERE v = ${nan}))[1], (min(ARRAY[x, o]) FILTER (WHERE v = ${nan}))[2],
      (count(*) FILTER (WHERE v = ${nan}))::int, count(*)::int
    FROM g GROUP BY run_id, bucket`;
  const rows = rowsOf<Record<string, unknown>>(await tx.execute(query));

  const raw = new Map<string, HistoryPoint[]>();
  const grouped = new Map<string, { n: number; lo: number; hi: number; first: HistoryPoint[]; summaries: BucketSummary<HistoryPoint>[]; candidates: HistoryPoint[] }>();
  for (const r of rows) {
    const runId = String(r.run_id);
    const p = (xv: unknown, ov: unknown, yv: unknown): HistoryPoint => ({ x: num(xv), o: num(ov), y: num(yv) });
    if (r.bucket === null) {
      const list = raw.get(runId) ?? [];
      list.push(p(r.x, r.o, r.v));
      raw.set(runId, list);
      continue;
    }
    let g = grouped.get(runId);
    if (!g) {
      g = { n: num(r.n), lo: num(r.lo), hi: num(r.hi), first: [], summaries: [], candidates: [] };
      grouped.set(runId, g);
    }
    const first = p(r.x, r.o, r.v);
    const last = p(r.last_x, r.last_o, r.last_v);
    const minPoint = r.min_x === null ? null : p(r.min_x, r.min_o, r.min_v);
    const maxPoint = r.max_x === null ? null : p(r.max_x, r.max_o, r.max_v);
    const firstNaN = r.nan_x === null ? null : p(r.nan_x, r.nan_o, NaN);
    g.summaries.push({ index: Number(r.bucket), count: Number(r.cnt), nanCount: Number(r.nans), minPoint, maxPoint, firstNaN });
    g.first.push(first, last);
    g.candidates.push(...[first, minPoint, maxPoint, last, firstNaN].filter((c): c is HistoryPoint => c !== null));
  }

  const out = new Map<string, SeriesSummary>();
  for (const [runId, points] of raw) out.set(runId, { total: points.length, downsampled: false, points: points.sort(byXThenO) });
  for (const [runId, g] of grouped) {
    g.summaries.sort((a, b) => a.index - b.index);
    const ends = [...g.first].sort(byXThenO);
    const first = ends[0];
    const last = ends[ends.length - 1];
    if (opts.method === 'minmax') {
      const { points, bands } = assembleMinMax(g.summaries, first, last, g.lo, g.hi, buckets);
      out.set(runId, { total: g.n, downsampled: true, points, bands });
    } else {
      out.set(runId, { total: g.n, downsampled: true, points: lttbDownsample(dedupe(g.candidates.sort(byXThenO)), opts.maxPoints) });
    }
  }
  return out;
}

function dedupe(points: HistoryPoint[]): HistoryPoint[] {
  return points.filter((p, i) => i === 0 || byXThenO(points[i - 1], p) !== 0);
}

/** Per run, one key downsampled: min/max from the stored bucket summaries, LTTB from per-bucket candidates. */
async function summarize(tx: Db, runIds: string[], key: string, opts: { maxPoints: number; method: Method; xAxis: XAxis; range?: XRange }): Promise<Map<string, SeriesSummary>> {
  if (opts.method === 'lttb') return summarizeKey(tx, runIds, key, opts);
  return fromRollups(await readDownsampledSeries(tx, runIds, key, { maxPoints: opts.maxPoints, xAxis: opts.xAxis, rangeOf: () => opts.range }), opts.xAxis);
}

/** The rollup reader's series in this module's shape (x on the chart axis, o the other one). */
export function fromRollups(series: Map<string, DownsampledSeries>, xAxis: XAxis): Map<string, SeriesSummary> {
  const out = new Map<string, SeriesSummary>();
  for (const [runId, s] of series) {
    out.set(runId, {
      total: s.total,
      downsampled: s.downsampled,
      points: s.points.map((p) => (xAxis === 'step' ? { x: p.step, o: p.timestamp, y: p.value } : { x: p.timestamp, o: p.step, y: p.value })),
      ...(s.bands ? { bands: s.bands } : {}),
    });
  }
  return out;
}

async function ensureRun(tx: Db, runId: string): Promise<void> {
  const [found] = await tx.select({ id: runs.id }).from(runs).where(eq(runs.id, runId));
  if (!found) throw new NotFoundError('Run', runId);
}

/**
 * Raw history a page at a time, ordered by (x, other axis, value). The token holds the last point and
 * how many identical points ended the page, since history may repeat a point exactly; the next page
 * starts at that point and skips those (a tiny OFFSET within one point, never into the series).
 */
async function rawPage(tx: Db, input: z.output<typeof GetMetricHistoryInput>) {
  const { x, o } = axes(input.xAxis);
  const token = decodePageToken(input.pageToken, 'pageToken');
  let after: { x: number; o: number; v: string; skip: number } | null = null;
  if (token) {
    const [tx0, to, tv, skip] = token;
    const ok = Number.isSafeInteger(tx0) && Number.isSafeInteger(to) && typeof tv === 'string' && /^(-?[\d.eE+-]+|NaN|-?Infinity)$/.test(tv) && Number.isSafeInteger(skip) && (skip as number) >= 1;
    if (!ok) throw new ValidationError('pageToken: not a page token issued by this server.', [{ path: 'pageToken', message: 'invalid page token' }], 'invalid_page_token');
    after = { x: tx0 as number, o: to as number, v: tv as string, skip: skip as number };
  }
  const conds = [eq(metricHistory.runId, input.runId), eq(metricHistory.key, input.key), ...rangeConditions(x, input.range)];
  if (after) conds.push(sql`${x} >= ${after.x}`, sql`(${x}, ${o}, ${metricHistory.value}) >= (${after.x}::bigint, ${after.o}::bigint, ${after.v}::float8)`);
  const rows = rowsOf<{ x: unknown; o: unknown; v: unknown; vt: string }>(
    await tx.execute(sql`SELECT ${x}::float8 AS x, ${o}::float8 AS o, ${metricHistory.value} AS v, ${metricHistory.value}::text AS vt
      FROM ${metricHistory} WHERE ${sql.join(conds, sql` AND `)}
      ORDER BY ${x}, ${o}, ${metricHistory.value} LIMIT ${input.maxResults + 1} OFFSET ${after?.skip ?? 0}`),
  );
  const page = rows.slice(0, input.maxResults);
  let nextPageToken: string | null = null;
  if (rows.length > input.maxResults) {
    const last = page[page.length - 1];
    const same = (r: (typeof page)[number]) => num(r.x) === num(last.x) && num(r.o) === num(last.o) && r.vt === last.vt;
    let skip = 0;
    for (let i = page.length - 1; i >= 0 && same(page[i]); i--) skip++;
    if (skip === page.length && after && after.x === num(last.x) && after.o === num(last.o) && after.v === last.vt) skip += after.skip;
    nextPageToken = encodePageToken([num(last.x), num(last.o), last.vt, skip]);
  }
  return { points: page.map((r) => ({ x: num(r.x), o: num(r.o), y: num(r.v) })), nextPageToken };
}

/**
 * One metric's history for a chart or an export. Without `maxPoints`: raw points a page at a time.
 * With it: the whole series (or the `range` a zoomed chart shows) downsampled in the database to at
 * most `maxPoints` points, with min/max bands unless `method` is lttb.
 */
export const getMetricHistory = defineService({
  name: 'runs.metric_history',
  permission: 'read',
  input: GetMetricHistoryInput,
  async run({ tx }, input): Promise<z.infer<typeof GetMetricHistoryOutput>> {
    await ensureRun(tx, input.runId);
    const base = { runId: input.runId, key: input.key, xAxis: input.xAxis };
    if (input.maxPoints === undefined) {
      const { points, nextPageToken } = await rawPage(tx, input);
      return { ...base, totalPoints: points.length, downsampled: false, points: points.map((p) => toPointView(p, input.xAxis)), nextPageToken };
    }
    if (input.pageToken) throw new ValidationError('pageToken: downsampled history has no pages; leave out maxPoints to page raw points.', [{ path: 'pageToken', message: 'not with maxPoints' }]);
    const s = (await summarize(tx, [input.runId], input.key, { maxPoints: input.maxPoints, method: input.method, xAxis: input.xAxis, range: input.range })).get(input.runId);
    return { ...base, ...seriesView(s, input.xAxis), nextPageToken: null };
  },
});

function seriesView(s: SeriesSummary | undefined, xAxis: XAxis): Omit<z.infer<typeof MetricSeriesView>, 'runId' | 'key' | 'xAxis'> {
  if (!s) return { totalPoints: 0, downsampled: false, points: [] };
  return {
    totalPoints: s.total,
    downsampled: s.downsampled,
    points: s.points.map((p) => toPointView(p, xAxis)),
    ...(s.bands ? { bands: s.bands.map(toBandView) } : {}),
  };
}

/** Downsampled histories of a few keys for up to 100 runs (the compare page): one statement per key. */
export const getMetricHistoriesBulk = defineService({
  name: 'runs.metric_histories_bulk',
  permission: 'read',
  input: GetMetricHistoriesBulkInput,
  async run({ tx }, input) {
    const runIds = [...new Set(input.runIds)];
    const keys = [...new Set(input.keys)];
    const series: z.infer<typeof MetricSeriesView>[] = [];
    for (const key of keys) {
      const byRun = await summarize(tx, runIds, key, input);
      for (const runId of runIds) series.push({ runId, key, xAxis: input.xAxis, ...seriesView(byRun.get(runId), input.xAxis) });
    }
    return { series };
  },
});
