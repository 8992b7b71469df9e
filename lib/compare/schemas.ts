import { z } from 'zod';
import { ExperimentId, MetricKey, MetricValueOutput, RunId, RunStatusSchema } from '@/lib/experiments/schemas';

/*
 * Inputs and views of run comparison, shared by the services, /api/v1 and the page. The views are
 * columnar (one array per row, aligned with `runs`) because a 1,000-run table repeated as objects
 * would send every key a thousand times.
 */

export const MAX_COMPARE_RUNS = 1000;
export const MAX_CURVE_RUNS = 100;
export const MAX_CURVE_KEYS = 10;
export const DEFAULT_CURVE_POINTS = 1000;
export const MAX_CURVE_POINTS = 2000;

/** Lists arrive as JSON arrays or, from a query string, as one comma-separated value. */
const split = (v: unknown) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v);
const list = <T extends z.ZodType>(array: T) => z.preprocess(split, array);

export const GetComparisonInput = z
  .object({
    runIds: list(z.array(RunId).min(1, 'give at least one run id').max(MAX_COMPARE_RUNS, `at most ${MAX_COMPARE_RUNS} runs`)).optional(),
    experimentIds: list(z.array(ExperimentId).min(1, 'give at least one experiment id').max(100, 'at most 100 experiment ids')).optional(),
    filter: z.string().max(20_000).optional().describe('MLflow-style run filter, with experimentIds'),
  })
  .superRefine((v, ctx) => {
    if ((v.runIds === undefined) === (v.experimentIds === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['runIds'], message: 'give either runIds or experimentIds (with an optional filter)' });
    }
    if (v.filter !== undefined && v.runIds !== undefined) ctx.addIssue({ code: 'custom', path: ['filter'], message: 'filter goes with experimentIds, not runIds' });
  });
export type GetComparisonInput = z.input<typeof GetComparisonInput>;

export const CompareRunView = z.object({
  id: z.string(),
  name: z.string(),
  experimentId: z.string(),
  experimentName: z.string(),
  status: RunStatusSchema,
  startTime: z.number(),
  endTime: z.number().nullable(),
  deleted: z.boolean(),
});
export type CompareRunView = z.infer<typeof CompareRunView>;

export const ParamRowView = z.object({
  key: z.string(),
  /** At least two runs disagree (a run without the param counts as its own value). */
  differs: z.boolean(),
  /** Every present value is a number: a numeric axis; otherwise categories. */
  numeric: z.boolean(),
  values: z.array(z.string().nullable()).describe('one per run, in the order of runs; null where not logged'),
});
export type ParamRowView = z.infer<typeof ParamRowView>;

const MetricCells = z.array(MetricValueOutput.nullable());
export const MetricRowView = z.object({
  key: z.string(),
  differs: z.boolean(),
  last: MetricCells.describe('latest value per run (highest step, then latest time)'),
  min: MetricCells,
  max: MetricCells,
  step: z.array(z.number().nullable()).describe('step of the latest value'),
});
export type MetricRowView = z.infer<typeof MetricRowView>;

export const GetComparisonOutput = z.object({
  runs: z.array(CompareRunView),
  params: z.array(ParamRowView),
  metrics: z.array(MetricRowView),
  /** Runs matching the filter beyond the first 1,000 were left out. */
  truncated: z.boolean(),
  /** Requested run ids that do not exist (purged, or mistyped). */
  missingRunIds: z.array(z.string()),
});
export type GetComparisonOutput = z.infer<typeof GetComparisonOutput>;

// ---------------------------------------------------------------- curves

export const CurveXAxis = z.enum(['step', 'time', 'relative']);
export type CurveXAxis = z.infer<typeof CurveXAxis>;

export const CurveRange = z
  .object({ min: z.coerce.number().finite(), max: z.coerce.number().finite() })
  .refine((r) => r.min < r.max, { message: 'min must be below max' });

export const GetComparisonCurvesInput = z.object({
  runIds: list(z.array(RunId).min(1, 'give at least one run id').max(MAX_CURVE_RUNS, `at most ${MAX_CURVE_RUNS} runs per chart`)),
  keys: list(z.array(MetricKey).min(1, 'give at least one metric key').max(MAX_CURVE_KEYS, `at most ${MAX_CURVE_KEYS} metrics`)),
  xAxis: CurveXAxis.default('step').describe('step; time (epoch ms); relative (ms since the run started)'),
  maxPoints: z.coerce.number().int().min(10).max(MAX_CURVE_POINTS, `must be at most ${MAX_CURVE_POINTS}`).default(DEFAULT_CURVE_POINTS),
  range: CurveRange.optional().describe('zoom: only x in [min, max], downsampled afresh for that range'),
});
export type GetComparisonCurvesInput = z.input<typeof GetComparisonCurvesInput>;

const Y = MetricValueOutput;
export const CurveSeriesView = z.object({
  runId: z.string(),
  key: z.string(),
  /** Points of the series within the range before downsampling. */
  totalPoints: z.number().int(),
  downsampled: z.boolean(),
  points: z.array(z.tuple([z.number(), Y])).describe('[x, y] in x order'),
  /** Buckets that hide more than the two points drawn: [x, xEnd, min, max]. */
  bands: z.array(z.tuple([z.number(), z.number(), Y, Y])),
});
export type CurveSeriesView = z.infer<typeof CurveSeriesView>;

export const GetComparisonCurvesOutput = z.object({
  xAxis: CurveXAxis,
  range: z.object({ min: z.number(), max: z.number() }).nullable(),
  series: z.array(CurveSeriesView),
});
export type GetComparisonCurvesOutput = z.infer<typeof GetComparisonCurvesOutput>;

