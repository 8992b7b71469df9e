import { getTableName, sql, type SQL } from 'drizzle-orm';
import { alias, type AnyPgColumn, type PgTable } from 'drizzle-orm/pg-core';
import { datasets, latestMetrics, params, runInputs, runs, runTags } from '@/db/schema/tracking';
import type { Comparison, FilterExpr } from './ast';

/*
 * Compiles a parsed run filter into a drizzle SQL condition over the `runs` table. Values only ever
 * travel as bound parameters. Semantics follow MLflow's SQL store, which clients rely on:
 *
 * - metrics, params, tags and datasets match through a row that exists: `params.x != 'a'` selects runs
 *   that HAVE x with another value, never runs lacking x (MLflow inner-joins a subquery per clause);
 * - metrics compare their latest value; a NaN latest value compares as 0, because MLflow's SQL store
 *   keeps NaN as 0 with an is_nan flag and compares the stored 0 (so `metrics.m = 0` matches NaN);
 * - params and tags compare as strings; LIKE is case-sensitive, ILIKE is not;
 * - `attributes.user_id` is the user name the client reported (`mlflow.user`), as in MLflow;
 * - and/or nest as written.
 *
 * Each metric/param/tag clause is an EXISTS on the (run_id, key) primary key, correlated on
 * experiment_id too so PostgreSQL may instead walk the (experiment_id, key, value) index.
 */

type StringOp = '=' | '!=' | 'LIKE' | 'ILIKE' | 'IN' | 'NOT IN';
type NumberOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

const NAN = sql.raw(`'NaN'::float8`);

const ATTRIBUTE_COLUMNS: Record<string, AnyPgColumn> = {
  run_id: runs.id,
  run_name: runs.name,
  status: runs.status,
  user_id: runs.userName,
  artifact_uri: runs.artifactUri,
  lifecycle_stage: runs.lifecycleStage,
  start_time: runs.startTime,
  end_time: runs.endTime,
};

/**
 * A table under an alias, with the FROM item spelled out: interpolating a drizzle alias into `sql`
 * renders only the alias name, without the table it stands for.
 */
export function aliased<T extends PgTable>(table: T, name: string): { t: T; from: SQL } {
  return { t: alias(table, name) as unknown as T, from: sql`${sql.identifier(getTableName(table))} ${sql.identifier(name)}` };
}

/** The runs column an attribute names; shared with the order-by compiler. */
export function attributeColumn(key: string): AnyPgColumn {
  const column = ATTRIBUTE_COLUMNS[key];
  if (!column) throw new Error(`unknown attribute '${key}' (the parser should have refused it)`);
  return column;
}

function list(values: unknown[]): SQL {
  return sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );
}

/** `target op value` for string-valued comparisons. */
export function compareString(target: SQL | AnyPgColumn, op: string, value: Comparison['value']): SQL {
  switch (op as StringOp | 'IS NULL' | 'IS NOT NULL') {
    case '=':
      return sql`${target} = ${value}`;
    case '!=':
      return sql`${target} <> ${value}`;
    case 'LIKE':
      return sql`${target} LIKE ${value}`;
    case 'ILIKE':
      return sql`${target} ILIKE ${value}`;
    case 'IN':
      return sql`${target} IN (${list(value as unknown[])})`;
    case 'NOT IN':
      return sql`${target} NOT IN (${list(value as unknown[])})`;
    case 'IS NULL':
      return sql`${target} IS NULL`;
    case 'IS NOT NULL':
      return sql`${target} IS NOT NULL`;
  }
  throw new Error(`comparator '${op}' does not apply to strings`);
}

/** `target op value` for numbers (plain SQL semantics: NULL never matches). */
export function compareNumber(target: SQL | AnyPgColumn, op: string, value: Comparison['value']): SQL {
  switch (op as NumberOp | 'IS NULL' | 'IS NOT NULL') {
    case '=':
      return sql`${target} = ${value}`;
    case '!=':
      return sql`${target} <> ${value}`;
    case '<':
      return sql`${target} < ${value}`;
    case '<=':
      return sql`${target} <= ${value}`;
    case '>':
      return sql`${target} > ${value}`;
    case '>=':
      return sql`${target} >= ${value}`;
    case 'IS NULL':
      return sql`${target} IS NULL`;
    case 'IS NOT NULL':
      return sql`${target} IS NOT NULL`;
  }
  throw new Error(`comparator '${op}' does not apply to numbers`);
}

const JS_COMPARE: Record<NumberOp, (a: number, b: number) => boolean> = {
  '=': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

/** PostgreSQL orders NaN above every number and makes it equal to itself: these comparators let it through. */
const PG_NAN_PASSES: Record<NumberOp, boolean> = { '=': false, '!=': true, '<': false, '<=': false, '>': true, '>=': true };

/**
 * A latest-metric value comparison with MLflow's NaN rule (NaN compares as the 0 MLflow stores for it).
 * Whether 0 matches is decided here from the parameter; the SQL stays a plain range where it can, so
 * `value > v AND value < 'NaN'` is still one index range.
 */
export function compareMetricValue(target: SQL | AnyPgColumn, op: NumberOp, value: number): SQL {
  const plain = compareNumber(target, op, value);
  const nanShouldMatch = JS_COMPARE[op](0, value);
  if (nanShouldMatch === PG_NAN_PASSES[op]) return plain;
  if (nanShouldMatch) return sql`(${plain} OR ${target} = ${NAN})`;
  return op === '!=' ? sql`(${plain} AND ${target} <> ${NAN})` : sql`(${plain} AND ${target} < ${NAN})`;
}

class FilterCompiler {
  private next = 0;

  compile(expr: FilterExpr): SQL {
    if (expr.type === 'comparison') return this.comparison(expr);
    const parts = expr.clauses.map((c) => this.compile(c));
    return sql`(${sql.join(parts, expr.type === 'and' ? sql` AND ` : sql` OR `)})`;
  }

  private comparison(c: Comparison): SQL {
    switch (c.left.entity) {
      case 'attribute': {
        const column = attributeColumn(c.left.key);
        return c.left.key === 'start_time' || c.left.key === 'end_time' ? compareNumber(column, c.op, c.value) : compareString(column, c.op, c.value);
      }
      case 'metric': {
        const { t: m, from } = aliased(latestMetrics, `f${this.next++}`);
        const cond = compareMetricValue(m.value, c.op as NumberOp, Number(c.value));
        return sql`EXISTS (SELECT 1 FROM ${from} WHERE ${m.runId} = ${runs.id} AND ${m.experimentId} = ${runs.experimentId} AND ${m.key} = ${c.left.key} AND ${cond})`;
      }
      case 'param':
      case 'tag': {
        const { t, from } = aliased(c.left.entity === 'param' ? params : runTags, `f${this.next++}`);
        const keyed = sql`SELECT 1 FROM ${from} WHERE ${t.runId} = ${runs.id} AND ${t.experimentId} = ${runs.experimentId} AND ${t.key} = ${c.left.key}`;
        // IS NULL / IS NOT NULL ask whether the run has the key at all.
        if (c.op === 'IS NULL') return sql`NOT EXISTS (${keyed})`;
        if (c.op === 'IS NOT NULL') return sql`EXISTS (${keyed})`;
        return sql`EXISTS (${keyed} AND ${compareString(t.value, c.op, c.value)})`;
      }
      case 'dataset': {
        const { t: i, from: inputsFrom } = aliased(runInputs, `f${this.next++}`);
        const { t: d, from: datasetsFrom } = aliased(datasets, `f${this.next++}`);
        const target = c.left.key === 'context' ? i.context : c.left.key === 'digest' ? d.digest : d.name;
        const cond = compareString(target, c.op, c.value);
        return sql`EXISTS (SELECT 1 FROM ${inputsFrom} JOIN ${datasetsFrom} ON ${d.id} = ${i.datasetId} WHERE ${i.runId} = ${runs.id} AND ${cond})`;
      }
    }
  }
}

/** The condition a run must meet, or undefined when there is no filter. */
export function compileFilter(expr: FilterExpr | null | undefined): SQL | undefined {
  return expr ? new FilterCompiler().compile(expr) : undefined;
}
