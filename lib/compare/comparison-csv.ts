import { csvLine } from '@/lib/csv';
import type { GetComparisonOutput } from './schemas';

/** Set to "true" on a download whose filter matched more runs than it holds. */
export const TRUNCATED_HEADER = 'x-modelkeep-truncated';

/** The fixed columns of a comparison download, before one column per param and per metric. */
export const COMPARISON_CSV_RUN_COLUMNS = ['run_id', 'run', 'experiment', 'status', 'start_time', 'end_time'] as const;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * A comparison as a spreadsheet: one row per run, in the comparison's order; its run columns, then
 * `params.<key>` and `metrics.<key>` (the latest value, as in the diff table) for every key, empty where a
 * run did not log it. Pure: the caller reads the comparison.
 */
export function comparisonCsv(data: GetComparisonOutput): string {
  const header = [...COMPARISON_CSV_RUN_COLUMNS, ...data.params.map((p) => `params.${p.key}`), ...data.metrics.map((m) => `metrics.${m.key}`)];
  let out = csvLine(header);
  data.runs.forEach((run, i) => {
    out += csvLine([
      run.id,
      run.name,
      run.experimentName,
      run.status,
      iso(run.startTime),
      iso(run.endTime),
      ...data.params.map((p) => p.values[i]),
      ...data.metrics.map((m) => m.last[i]),
    ]);
  });
  return out;
}
