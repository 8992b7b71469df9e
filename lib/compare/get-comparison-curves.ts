import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf } from '@/db/client';
import { runs } from '@/db/schema/tracking';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/authorize';
import { getMetricHistoriesBulk } from '@/lib/experiments/get-metric-history';
import { decodeMetricValue, encodeMetricValue, RunId } from '@/lib/experiments/schemas';
import { defineService, validationErrorFrom } from '@/lib/services/define-service';
import { GetComparisonCurvesInput, type CurveSeriesView, type GetComparisonCurvesOutput } from './schemas';
import { bandHidesVariation, clipSeries, reduceSeries, type BandXY, type XY } from './series';

/** Largest series the history service downsamples to; a zoom on relative time may ask up to this. */
const HISTORY_MAX_POINTS = 10_000;

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

type Input = z.output<typeof GetComparisonCurvesInput>;

/**
 * What to ask the history service for. Step and wall time pass the range through. Relative time has a
 * different window per run (start + range), so the one timestamp range asked for spans all of them,
 * with proportionally more points so each run's own window still gets about `maxPoints` after clipping.
 */
function historyRequest(input: Input, starts: Map<string, number>) {
  const xAxis = input.xAxis === 'step' ? ('step' as const) : ('timestamp' as const);
  if (!input.range || input.xAxis !== 'relative') return { xAxis, range: input.range, maxPoints: input.maxPoints };
  const s = [...starts.values()];
  const lo = Math.min(...s) + input.range.min;
  const hi = Math.max(...s) + input.range.max;
  const boost = (hi - lo) / (input.range.max - input.range.min);
  return { xAxis, range: { min: lo, max: hi }, maxPoints: Math.min(HISTORY_MAX_POINTS, Math.ceil(input.maxPoints * boost)) };
}

const yOf = (v: number | string): number => (typeof v === 'number' ? v : decodeMetricValue(v));

/**
 * Overlaid curves of a few metrics for up to 100 runs, ready to draw: each line downsampled in the
 * database by min/max buckets to at most `maxPoints` points whatever its length, with a band for
 * every bucket that hides variation; x is the step, the wall time, or the time since the run started;
 * `range` re-fetches detail for a zoomed window. One statement per metric key (getMetricHistoriesBulk).
 *
 * Composed of two read services rather than defined as one: each opens its own transaction, and a
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

  const request = historyRequest(input, starts);
  // One statement per key, each in its own read transaction so that on a server the keys are summarised
  // on separate connections at once (PGlite queues them on its one connection).
  const perKey = await Promise.all(keys.map((key) => getMetricHistoriesBulk(actor, { runIds: present, keys: [key], method: 'minmax', ...request })));
  for (const s of perKey.flatMap((r) => r.series)) {
    const shift = input.xAxis === 'relative' ? starts.get(s.runId)! : 0;
    const xOf = (p: { step: number; timestamp: number }) => (input.xAxis === 'step' ? p.step : p.timestamp - shift);
    let points: XY[] = s.points.map((p) => ({ x: xOf(p), y: yOf(p.value) }));
    let bands: BandXY[] = (s.bands ?? [])
      .map((b) => ({ x: b.x - shift, xEnd: b.xEnd - shift, min: yOf(b.min), max: yOf(b.max), count: b.count, nanCount: b.nanCount }))
      .filter(bandHidesVariation);
    if (input.xAxis === 'relative' && input.range) {
      ({ points, bands } = clipSeries(points, bands, input.range.min, input.range.max));
      ({ points, bands } = reduceSeries(points, bands, input.maxPoints));
    }
    out.series.push(toView(s.runId, s.key, s.totalPoints, s.downsampled, points, bands));
  }
  return out;
}

/*
 * JSON for the browser: x values are whole steps or milliseconds, and 7 significant digits of y are
 * more than a chart or a 4-digit tooltip can show; full doubles would double the bytes sent.
 */
const compactY = (v: number) => encodeMetricValue(Number.isFinite(v) ? Number(v.toPrecision(7)) : v);

function toView(runId: string, key: string, totalPoints: number, downsampled: boolean, points: XY[], bands: BandXY[]): CurveSeriesView {
  return {
    runId,
    key,
    totalPoints,
    downsampled,
    points: points.map((p) => [Math.round(p.x), compactY(p.y)]),
    bands: bands.map((b) => [Math.round(b.x), Math.round(b.xEnd), compactY(b.min), compactY(b.max)]),
  };
}

