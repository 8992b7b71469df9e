import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf } from '@/db/client';
import { runs } from '@/db/schema/tracking';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/authorize';
import { readDownsampledSeries } from '@/lib/experiments/get-metric-history-rollups';
import { encodeMetricValue, MetricKey, RunId } from '@/lib/experiments/schemas';
import { defineService, validationErrorFrom } from '@/lib/services/define-service';
import { GetComparisonCurvesInput, type CurveSeriesView, type GetComparisonCurvesOutput } from './schemas';
import { bandHidesVariation, round7 } from './series';

/** Start times of the runs that exist, for the relative axis; unknown ids are left out. */
const loadRunStarts = defineService({
  name: 'compare.run_starts',
  permission: 'read',
  input: z.object({ runIds: z.array(RunId).max(1000) }),
  async run({ tx }, input) {
    const rows = rowsOf<{ id: string; start_time: string | number }>(
      await tx.execute(sql`SELECT ${runs.id} AS id, ${runs.startTime} AS start_time FROM ${runs} WHERE ${runs.id} = ANY(${sql.param(input.runIds)}::text[])`),
    );
    return new Map(rows.map((r) => [r.id, Number(r.start_time)]));
  },
});

const Range = z.object({ min: z.number().optional(), max: z.number().optional() });

/**
 * One key for many runs, min/max downsampled from the stored bucket summaries, each run over its own
 * range of the axis (relative time shifts the window by each run's start).
 */
const loadCurves = defineService({
  name: 'compare.curves_key',
  permission: 'read',
  input: z.object({
    runIds: z.array(RunId).max(100),
    key: MetricKey,
    xAxis: z.enum(['step', 'timestamp']),
    maxPoints: z.number().int().min(3).max(10_000),
    ranges: z.record(z.string(), Range),
  }),
  async run({ tx }, input) {
    return readDownsampledSeries(tx, input.runIds, input.key, { maxPoints: input.maxPoints, xAxis: input.xAxis, rangeOf: (id) => input.ranges[id], timestamps: false });
  },
});

type Input = z.output<typeof GetComparisonCurvesInput>;

/** Each run's range on the history's own axis: the zoom as given, or shifted by the run's start on relative time. */
function rangesOf(input: Input, runIds: string[], starts: Map<string, number>): Record<string, { min?: number; max?: number }> {
  const out: Record<string, { min?: number; max?: number }> = {};
  if (!input.range) return out;
  for (const id of runIds) {
    const shift = input.xAxis === 'relative' ? starts.get(id)! : 0;
    out[id] = { min: input.range.min + shift, max: input.range.max + shift };
  }
  return out;
}

/**
 * Overlaid curves of a few metrics for up to 100 runs, ready to draw: each line downsampled by min/max
 * buckets of steps to at most `maxPoints` points whatever its length, read from the per-bucket summaries
 * the ingest path keeps (lib/experiments/get-metric-history-rollups.ts), with a band for every bucket
 * that hides variation; x is the step, the wall time, or the time since the run started; `range`
 * re-fetches detail for a zoomed window (per run on relative time).
 *
 * Composed of read services rather than defined as one: each opens its own transaction, and a
 * transaction opened inside another would wait forever on PGlite's single connection.
 */
export async function getComparisonCurves(actor: Actor, raw: z.input<typeof GetComparisonCurvesInput>): Promise<GetComparisonCurvesOutput> {
  authorize(actor, 'read');
  const parsed = GetComparisonCurvesInput.safeParse(raw ?? {});
  if (!parsed.success) throw validationErrorFrom(parsed.error);
  const input = parsed.data;
  const runIds = [...new Set(input.runIds)];
  const keys = [...new Set(input.keys)];
  const starts = await loadRunStarts(actor, { runIds });
  const present = runIds.filter((id) => starts.has(id));
  const out: GetComparisonCurvesOutput = { xAxis: input.xAxis, range: input.range ?? null, series: [] };
  if (present.length === 0) return out;

  const xAxis = input.xAxis === 'step' ? ('step' as const) : ('timestamp' as const);
  const ranges = rangesOf(input, present, starts);
  // One statement per key, each in its own read transaction so that on a server the keys are summarised
  // on separate connections at once (PGlite queues them on its one connection).
  const perKey = await Promise.all(keys.map((key) => loadCurves(actor, { runIds: present, key, xAxis, maxPoints: input.maxPoints, ranges })));
  keys.forEach((key, k) => {
    const byRun = perKey[k];
    for (const runId of present) {
      const s = byRun.get(runId);
      const shift = input.xAxis === 'relative' ? starts.get(runId)! : 0;
      if (!s) {
        out.series.push({ runId, key, totalPoints: 0, downsampled: false, points: [], bands: [] });
        continue;
      }
      const step = input.xAxis === 'step';
      // Plain loops: a comparison is up to 300 lines of ~1,000 points, and chained map/filter allocate twice.
      const points: CurveSeriesView['points'] = new Array(s.points.length);
      for (let i = 0; i < s.points.length; i++) {
        const p = s.points[i];
        points[i] = [Math.round(step ? p.step : p.timestamp - shift), compactY(p.value)];
      }
      const bands: CurveSeriesView['bands'] = [];
      for (const b of s.bands ?? []) if (bandHidesVariation(b)) bands.push([Math.round(b.x - shift), Math.round(b.xEnd - shift), compactY(b.min), compactY(b.max)]);
      out.series.push({ runId, key, totalPoints: s.total, downsampled: s.downsampled, points, bands });
    }
  });
  return out;
}

/*
 * JSON for the browser: x values are whole steps or milliseconds, and 7 significant digits of y are
 * more than a chart or a 4-digit tooltip can show; full doubles would double the bytes sent. round7
 * rounds by arithmetic: going through toPrecision's string took about three times as long (200,000 values).
 */
const compactY = (v: number) => encodeMetricValue(round7(v));


