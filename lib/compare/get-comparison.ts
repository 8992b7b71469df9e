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

interface KeyRow {
  kind: 'p' | 'm';
  key: string;
  /** [column, value] for params; [column, last, min, max, step] for metrics; floats as JSON numbers or "NaN"/"±Infinity". */
  cells: unknown;
}

const asFloat = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const cellsOf = (v: unknown): unknown[][] => (typeof v === 'string' ? JSON.parse(v) : v) as unknown[][];

/**
 * Params and latest metrics of every run in ONE statement, pivoted in the database into one row per key
 * whose cells are [column, values…] pairs in a JSON array (a thousand runs × 30 keys come back as 30 rows,
 * not 30,000), then laid out in JS as one cell per run. Keys are sorted; runs keep the order of `rows`.
 */
async function loadCells(tx: Db, rows: RunRow[]): Promise<{ params: ParamRowView[]; metrics: MetricRowView[] }> {
  if (rows.length === 0) return { params: [], metrics: [] };
  const ids = sql.param(rows.map((r) => r.id));
  const keyRows = rowsOf<KeyRow>(
    await tx.execute(sql`
      WITH c AS (SELECT id, (ord - 1)::int AS i FROM unnest(${ids}::text[]) WITH ORDINALITY AS u(id, ord))
      SELECT 'p' AS kind, p.key, json_agg(json_build_array(c.i, p.value)) AS cells
        FROM c JOIN params p ON p.run_id = c.id GROUP BY p.key
      UNION ALL
      SELECT 'm', l.key, json_agg(json_build_array(c.i, l.value, l.min_value, l.max_value, l.step))
        FROM c JOIN latest_metrics l ON l.run_id = c.id GROUP BY l.key`),
  );
  const n = rows.length;
  const params: ParamRowView[] = [];
  const metrics: MetricRowView[] = [];
  const encode = (list: (number | null)[]) => list.map((v) => (v === null ? null : encodeMetricValue(v)));
  for (const k of keyRows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    const cells = cellsOf(k.cells);
    if (k.kind === 'p') {
      const values = new Array<string | null>(n).fill(null);
      for (const [i, v] of cells) values[i as number] = v as string;
      params.push({ key: k.key, differs: valuesDiffer(values), numeric: isNumericColumn(values), values });
      continue;
    }
    const last = new Array<number | null>(n).fill(null);
    const min = new Array<number | null>(n).fill(null);
    const max = new Array<number | null>(n).fill(null);
    const step = new Array<number | null>(n).fill(null);
    for (const [i, v, lo, hi, s] of cells) {
      last[i as number] = asFloat(v);
      min[i as number] = asFloat(lo);
      max[i as number] = asFloat(hi);
      step[i as number] = asFloat(s);
    }
    metrics.push({ key: k.key, differs: valuesDiffer(last.map((v) => (v === null ? null : String(v)))), last: encode(last), min: encode(min), max: encode(max), step });
  }
  return { params, metrics };
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
