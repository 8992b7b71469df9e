import { z } from 'zod';
import {
  GetMetricHistoriesBulkInput,
  GetMetricHistoriesBulkOutput,
  GetMetricHistoryInput,
  GetMetricHistoryOutput,
} from '@/lib/experiments/get-metric-history';
import { SearchRunsInput, SearchRunsOutput } from '@/lib/experiments/search-runs';
import { operation } from '../operation';

const TAG = 'tracking';

export const searchRunsOp = operation({
  id: 'searchRuns',
  method: 'POST',
  path: '/runs/search',
  tag: TAG,
  summary: 'Search runs with an MLflow filter (plus or, parentheses, IN, BETWEEN) and order_by; keyset pages',
  permission: 'read',
  input: SearchRunsInput,
  output: SearchRunsOutput,
});

/** The GET door's query string: the service input with the path's run id and a flat x range. */
export const MetricHistoryQuery = GetMetricHistoryInput.omit({ runId: true, range: true }).extend({
  id: z.string(),
  rangeMin: z.coerce.number().finite().optional(),
  rangeMax: z.coerce.number().finite().optional(),
});

export const getMetricHistoryOp = operation({
  id: 'getMetricHistory',
  method: 'GET',
  path: '/runs/{id}/metrics/{key}/history',
  tag: TAG,
  summary: 'A metric’s history: raw keyset pages, or downsampled to maxPoints (minmax with bands, or lttb) over an optional x range',
  permission: 'read',
  input: MetricHistoryQuery,
  output: GetMetricHistoryOutput,
});

export const getMetricHistoriesBulkOp = operation({
  id: 'getMetricHistoriesBulk',
  method: 'POST',
  path: '/metrics/history-bulk',
  tag: TAG,
  summary: 'Downsampled histories of up to 10 keys for up to 100 runs (one query per key)',
  permission: 'read',
  input: GetMetricHistoriesBulkInput,
  output: GetMetricHistoriesBulkOutput,
});

/** Maps the GET door's query and path onto the service input; the key arrives URL-encoded when it holds `/`. */
export function metricHistoryInputFrom(input: Record<string, unknown>, params: Record<string, string>) {
  const { id, rangeMin, rangeMax, ...rest } = input;
  let key = params.key ?? '';
  try {
    key = decodeURIComponent(key);
  } catch {
    // not percent-encoded after all; the service validates the key as given
  }
  const range = rangeMin !== undefined || rangeMax !== undefined ? { min: rangeMin, max: rangeMax } : undefined;
  return { ...rest, runId: id, key, ...(range ? { range } : {}) } as z.input<typeof GetMetricHistoryInput>;
}
