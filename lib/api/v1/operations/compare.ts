import { GetComparisonCurvesInput, GetComparisonCurvesOutput, GetComparisonInput, GetComparisonOutput } from '@/lib/compare/schemas';
import { operation } from '../operation';

const TAG = 'compare';
// 1,000 run ids of 32 hex characters, quoted, with room for a long filter.
const COMPARE_BODY_BYTES = 256 * 1024;

/* POST, though they only read: a thousand run ids do not fit in a query string. */
export const getComparisonOp = operation({
  id: 'getComparison',
  method: 'POST',
  path: '/compare',
  tag: TAG,
  summary: 'Runs side by side (by id, or all runs matching a filter, up to 1,000): params with differing rows flagged, last/min/max per metric',
  permission: 'read',
  input: GetComparisonInput,
  output: GetComparisonOutput,
  maxBodyBytes: COMPARE_BODY_BYTES,
});

export const exportComparisonOp = operation({
  id: 'exportComparison',
  method: 'POST',
  path: '/compare/export',
  tag: TAG,
  summary: 'The same comparison as a CSV download: a row per run, its params and the latest value of each metric',
  permission: 'read',
  input: GetComparisonInput,
  produces: ['text/csv'],
  maxBodyBytes: COMPARE_BODY_BYTES,
});

export const getComparisonCurvesOp = operation({
  id: 'getComparisonCurves',
  method: 'POST',
  path: '/compare/curves',
  tag: TAG,
  summary: 'Overlaid metric curves for up to 100 runs, min/max-downsampled to at most maxPoints per line with bands; x by step, wall time or relative time; range to zoom',
  permission: 'read',
  input: GetComparisonCurvesInput,
  output: GetComparisonCurvesOutput,
  maxBodyBytes: COMPARE_BODY_BYTES,
});
