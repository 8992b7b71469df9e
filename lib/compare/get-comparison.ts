import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { runs } from '@/db/schema/tracking';
import { ValidationError } from '@/lib/errors';
import { encodeMetricValue } from '@/lib/experiments/schemas';
import { SearchSyntaxError } from '@/lib/search/ast';
import { compileFilter } from '@/lib/search/compile-filter';
import { parseFilter } from '@/lib/search/parse-filter';
import { defineService } from '@/lib/services/define-service';
import { isNumericColumn, valuesDiffer } from './diff';
import { GetComparisonInput, MAX_COMPARE_RUNS, type CompareRunView, type GetComparisonOutput, type MetricRowView, type ParamRowView } from './schemas';

interface RunRow {
  id: string;
  name: string;
  experiment_id: string | number;
  experiment_name: string;
  status: CompareRunView['status'];
  start_time: string | number;
  end_time: string | number | null;
  lifecycle_stage: string;
}

const RUN_COLUMNS = sql`r.id, r.name, r.experiment_id, e.name AS experiment_name, r.status, r.start_time, r.end_time, r.lifecycle_stage`;

function compileUserFilter(filter: string | undefined): SQL | undefined {
  try {
    return compileFilter(parseFilter(filter));
  } catch (e) {
    if (e instanceof SearchSyntaxError) throw new ValidationError(`filter: ${e.message}`, [{ path: 'filter', message: e.message }], 'invalid_filter');
    throw e;
  }
}

/**
 * The runs to compare: the ids asked for (deleted ones included, marked), in the order given; or the
 * active runs of the experiments matching the filter, newest first, one more than the cap to say
 * whether the list was cut. The filter compiles against the `runs` table, so it is not aliased here.
 */
async function loadRuns(tx: Db, input: { runIds?: string[]; experimentIds?: number[]; filter?: string }): Promise<{ rows: RunRow[]; truncated: boolean }> {
  if (input.runIds) {
    const ids = [...new Set(input.runIds)];
    const found = rowsOf<RunRow>(
      await tx.execute(sql`SELECT ${RUN_COLUMNS} FROM ${runs} r JOIN experiments e ON e.id = r.experiment_id WHERE r.id = ANY(${sql.param(ids)}::text[])`),
    );
    const byId = new Map(found.map((r) => [r.id, r]));
    return { rows: ids.flatMap((id) => byId.get(id) ?? []), truncated: false };
  }
  const filter = compileUserFilter(input.filter);
  const conditions = [sql`${runs.experimentId} = ANY(${sql.param(input.experimentIds)}::bigint[])`, sql`${runs.lifecycleStage} = 'active'`, filter].filter((c): c is SQL => c !== undefined);
  const found = rowsOf<RunRow>(
    await tx.execute(sql`SELECT ${sql.raw('runs.id, runs.name, runs.experiment_id, e.name AS experiment_name, runs.status, runs.start_time, runs.end_time, runs.lifecycle_stage')}
      FROM ${runs} JOIN experiments e ON e.id = ${runs.experimentId}
      WHERE ${sql.join(conditions, sql` AND `)}
      ORDER BY ${runs.startTime} DESC, ${runs.id} LIMIT ${MAX_COMPARE_RUNS + 1}`),
  );
  return { rows: found.slice(0, MAX_COMPARE_RUNS), truncated: found.length > MAX_COMPARE_RUNS };
}

interface CellRow {
  kind: 'p' | 'm';
  run_id: string;
  key: string;
  text: string | null;
  value: number | string | null;
  min: number | string | null;
  max: number | string | null;
  step: number | string | null;
}

const toFloat = (v: number | string | null): number | null => (v === null ? null : Number(v));

/**
 * Params and latest metrics of every run in ONE statement, then pivoted into one row per key with a
 * cell per run. Keys are sorted; runs keep the order of `rows`.
 */
async function loadCells(tx: Db, rows: RunRow[]): Promise<{ params: ParamRowView[]; metrics: MetricRowView[] }> {
  if (rows.length === 0) return { params: [], metrics: [] };
  const ids = sql.param(rows.map((r) => r.id));
  const cells = rowsOf<CellRow>(
    await tx.execute(sql`
      SELECT 'p' AS kind, run_id, key, value AS text, NULL::float8 AS value, NULL::float8 AS min, NULL::float8 AS max, NULL::bigint AS step
        FROM params WHERE run_id = ANY(${ids}::text[])
      UNION ALL
      SELECT 'm', run_id, key, NULL, value, min_value, max_value, step FROM latest_metrics WHERE run_id = ANY(${ids}::text[])`),
  );
  const column = new Map(rows.map((r, i) => [r.id, i]));
  const n = rows.length;
  const params = new Map<string, (string | null)[]>();
  const metrics = new Map<string, { last: (number | null)[]; min: (number | null)[]; max: (number | null)[]; step: (number | null)[] }>();
  for (const c of cells) {
    const i = column.get(c.run_id)!;
    if (c.kind === 'p') {
      let values = params.get(c.key);
      if (!values) params.set(c.key, (values = new Array<string | null>(n).fill(null)));
      values[i] = c.text;
    } else {
      let m = metrics.get(c.key);
      if (!m) metrics.set(c.key, (m = { last: new Array(n).fill(null), min: new Array(n).fill(null), max: new Array(n).fill(null), step: new Array(n).fill(null) }));
      m.last[i] = toFloat(c.value);
      m.min[i] = toFloat(c.min);
      m.max[i] = toFloat(c.max);
      m.step[i] = c.step === null ? null : Number(c.step);
    }
  }
  const byKey = <T>(a: [string, T], b: [string, T]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  const encode = (list: (number | null)[]) => list.map((v) => (v === null ? null : encodeMetricValue(v)));
  return {
    params: [...params].sort(byKey).map(([key, values]) => ({ key, differs: valuesDiffer(values), numeric: isNumericColumn(values), values })),
    metrics: [...metrics].sort(byKey).map(([key, m]) => ({
      key,
      differs: valuesDiffer(m.last.map((v) => (v === null ? null : String(v)))),
      last: encode(m.last),
      min: encode(m.min),
      max: encode(m.max),
      step: m.step,
    })),
  };
}

/**
 * Runs side by side: who they are, every param (flagged where runs disagree) and every metric's last,
 * min and max. Either the run ids chosen in the runs table, or "all runs matching this filter" in some
 * experiments, capped at 1,000. Two statements whatever the number of runs. Any signed-in role may read.
 */
export const getComparison = defineService({
  name: 'compare.get',
  permission: 'read',
  input: GetComparisonInput,
  async run({ tx }, input): Promise<GetComparisonOutput> {
    const { rows, truncated } = await loadRuns(tx, input);
    const { params, metrics } = await loadCells(tx, rows);
    const found = new Set(rows.map((r) => r.id));
    return {
      runs: rows.map((r) => ({
        id: r.id,
        name: r.name,
        experimentId: String(r.experiment_id),
        experimentName: r.experiment_name,
        status: r.status,
        startTime: Number(r.start_time),
        endTime: r.end_time === null ? null : Number(r.end_time),
        deleted: r.lifecycle_stage !== 'active',
      })),
      params,
      metrics,
      truncated,
      missingRunIds: input.runIds ? [...new Set(input.runIds)].filter((id) => !found.has(id)) : [],
    };
  },
});
