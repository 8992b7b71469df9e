import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { latestMetrics, params, runs, runTags } from '@/db/schema/tracking';
import { SearchSyntaxError, type OrderBy } from './ast';
import { aliased, attributeColumn } from './compile-filter';

/*
 * Compiles `order_by` into a sort plan that PostgreSQL can answer by walking an index in ORDER BY order
 * and stopping at LIMIT. Order, as MLflow clients expect it:
 *
 *   1. the first order key, runs having it first; for metrics, NaN after every number in both
 *      directions; runs missing the key last in both directions;
 *   2. further order keys likewise;
 *   3. ties broken by start_time DESC, then run id ASC (the default order when none is given).
 *
 * "Missing last" and "NaN after numbers" cannot be one ORDER BY without an expression in front of the
 * sort key, which would defeat the index. So the first key is split into phases, each an ordinary
 * index-ordered query: runs with a value (walking (experiment_id, key, value)), runs whose value is NaN,
 * runs without the key. A page token records the phase and the last row's sort values (keyset).
 */

export type TermType = 'float' | 'bigint' | 'text' | 'bool';

export interface SortTerm {
  expr: SQL;
  ascending: boolean;
  type: TermType;
  /** Whether the expression can be NULL within its phase; NULLs sort last. */
  nullable: boolean;
  /**
   * For a non-null term, the NULLS placement to write so that the ORDER BY matches an index's order
   * exactly (PostgreSQL will not use an index whose NULLS placement differs, even on a NOT NULL column).
   */
  nulls?: 'first' | 'last';
}

export interface SortPhase {
  name: 'values' | 'nan' | 'missing';
  /** Joins added to `FROM runs` (empty for most phases). */
  join: SQL | undefined;
  /** What a run must satisfy to belong to the phase. */
  where: SQL | undefined;
  terms: SortTerm[];
  /**
   * For a first key with few distinct values (params, tags): the key's distinct values can be walked in
   * order (a skip scan of (experiment_id, key, value)) and, per value, the runs taken in tie order
   * through the runs index, so a large tie group is never sorted whole. `value` is the joined value
   * column (`sk.value`), `next(after)` the next distinct value beyond `after` (or the first one when
   * `after` is undefined), `bound` an optional lower (ascending) or upper (descending) inclusive limit.
   */
  walk?: {
    value: SQL;
    next: (experiment: SQL, after: SQL | undefined, bound: SQL | undefined) => SQL;
    /** The key's rows with this value (to size a tie group). */
    group: (experiment: SQL, value: SQL) => SQL;
    /** Whether the run has this value, as a per-run probe of the (run_id, key) primary key (fenced by OFFSET 0). */
    has: (value: SQL) => SQL;
  };
}

export interface SortPlan {
  phases: SortPhase[];
}

const NAN = sql.raw(`'NaN'::float8`);
const CASTS: Record<TermType, SQL> = { float: sql.raw('float8'), bigint: sql.raw('bigint'), text: sql.raw('text'), bool: sql.raw('boolean') };

const ATTRIBUTE_TYPES: Record<string, { type: TermType; nullable: boolean }> = {
  run_id: { type: 'text', nullable: false },
  run_name: { type: 'text', nullable: false },
  status: { type: 'text', nullable: false },
  user_id: { type: 'text', nullable: true },
  artifact_uri: { type: 'text', nullable: true },
  lifecycle_stage: { type: 'text', nullable: false },
  start_time: { type: 'bigint', nullable: false },
  end_time: { type: 'bigint', nullable: true },
};

/** runs_experiment_start_idx is (experiment_id, start_time DESC NULLS LAST, id). */
function startTimeTerm(ascending: boolean): SortTerm {
  return { expr: sql`${runs.startTime}`, ascending, type: 'bigint', nullable: false, nulls: ascending ? 'first' : 'last' };
}

function attributeInfo(key: string): { column: AnyPgColumn; type: TermType; nullable: boolean } {
  const info = ATTRIBUTE_TYPES[key];
  if (!info) throw new SearchSyntaxError(`Cannot order by attribute '${key}'`, 1, key);
  return { column: attributeColumn(key), ...info };
}

function keyTable(entity: 'metric' | 'param' | 'tag') {
  return entity === 'metric' ? latestMetrics : entity === 'param' ? params : runTags;
}

/** Terms for an order key that is not the first: correlated scalar lookups on the (run_id, key) primary key. */
function secondaryTerms(o: OrderBy, n: number): SortTerm[] {
  const { entity, key } = o.key;
  if (entity === 'attribute') {
    const a = attributeInfo(key);
    return [{ expr: sql`${a.column}`, ascending: o.ascending, type: a.type, nullable: a.nullable }];
  }
  if (entity === 'dataset') throw new SearchSyntaxError(`Cannot order by datasets.${key}`, 1, key);
  const { t, from } = aliased(keyTable(entity), `o${n}`);
  const lookup = (what: SQL) => sql`(SELECT ${what} FROM ${from} WHERE ${t.runId} = ${runs.id} AND ${t.key} = ${key})`;
  if (entity !== 'metric') return [{ expr: lookup(sql`${t.value}`), ascending: o.ascending, type: 'text', nullable: true }];
  // false (a number) < true (NaN) < NULL (missing), whatever the direction of the value itself.
  return [
    { expr: lookup(sql`${t.value} = ${NAN}`), ascending: true, type: 'bool', nullable: true },
    { expr: lookup(sql`${t.value}`), ascending: o.ascending, type: 'float', nullable: true },
  ];
}

function tieBreaks(orderBy: OrderBy[]): SortTerm[] {
  const has = (k: string) => orderBy.some((o) => o.key.entity === 'attribute' && o.key.key === k);
  const out: SortTerm[] = [];
  if (!has('start_time')) out.push(startTimeTerm(false));
  if (!has('run_id')) out.push({ expr: sql`${runs.id}`, ascending: true, type: 'text', nullable: false });
  return out;
}

export function compileOrderBy(orderBy: OrderBy[]): SortPlan {
  const seen = new Set<string>();
  for (const o of orderBy) {
    const id = `${o.key.entity}.${o.key.key}`;
    if (seen.has(id)) throw new SearchSyntaxError(`order_by names ${id} more than once`, 1, o.key.key);
    seen.add(id);
  }
  const rest = orderBy.slice(1).flatMap((o, i) => secondaryTerms(o, i + 1));
  const tail = [...rest, ...tieBreaks(orderBy)];
  const first = orderBy[0];
  if (!first) return { phases: [{ name: 'values', join: undefined, where: undefined, terms: tail }] };

  const { entity, key } = first.key;
  if (entity === 'attribute') {
    const a = attributeInfo(key);
    const head: SortTerm = key === 'start_time' ? startTimeTerm(first.ascending) : { expr: sql`${a.column}`, ascending: first.ascending, type: a.type, nullable: false };
    if (!a.nullable) return { phases: [{ name: 'values', join: undefined, where: undefined, terms: [head, ...tail] }] };
    return {
      phases: [
        { name: 'values', join: undefined, where: sql`${a.column} IS NOT NULL`, terms: [head, ...tail] },
        { name: 'missing', join: undefined, where: sql`${a.column} IS NULL`, terms: tail },
      ],
    };
  }
  if (entity === 'dataset') throw new SearchSyntaxError(`Cannot order by datasets.${key}`, 1, key);

  const { t: s, from: sortFrom } = aliased(keyTable(entity), 'sk');
  const join = sql`JOIN ${sortFrom} ON ${s.runId} = ${runs.id} AND ${s.experimentId} = ${runs.experimentId} AND ${s.key} = ${key}`;
  const { t: missing, from: missingFrom } = aliased(keyTable(entity), 'mk');
  const missingPhase: SortPhase = {
    name: 'missing',
    join: undefined,
    where: sql`NOT EXISTS (SELECT 1 FROM ${missingFrom} WHERE ${missing.runId} = ${runs.id} AND ${missing.key} = ${key})`,
    terms: tail,
  };
  if (entity !== 'metric') {
    const head: SortTerm = { expr: sql`${s.value}`, ascending: first.ascending, type: 'text', nullable: false };
    const { t: w, from: walkFrom } = aliased(keyTable(entity), 'wk');
    const dir = sql.raw(first.ascending ? 'ASC' : 'DESC');
    const beyond = sql.raw(first.ascending ? '>' : '<');
    const within = sql.raw(first.ascending ? '>=' : '<=');
    const walk: SortPhase['walk'] = {
      value: sql`${s.value}`,
      next: (experiment, after, bound) =>
        sql`(SELECT ${w.value} FROM ${walkFrom} WHERE ${w.experimentId} = ${experiment} AND ${w.key} = ${key}${after ? sql` AND ${w.value} ${beyond} ${after}` : sql``}${
          bound ? sql` AND ${w.value} ${within} ${bound}` : sql``
        } ORDER BY ${w.value} ${dir} LIMIT 1)`,
      group: (experiment, value) => sql`SELECT 1 FROM ${walkFrom} WHERE ${w.experimentId} = ${experiment} AND ${w.key} = ${key} AND ${w.value} = ${value}`,
      has: (value) => {
        const { t: h, from: hasFrom } = aliased(keyTable(entity), 'hk');
        return sql`EXISTS (SELECT 1 FROM ${hasFrom} WHERE ${h.runId} = ${runs.id} AND ${h.key} = ${key} AND ${h.value} = ${value} OFFSET 0)`;
      },
    };
    return { phases: [{ name: 'values', join, where: undefined, terms: [head, ...tail], walk }, missingPhase] };
  }
  const head: SortTerm = { expr: sql`${s.value}`, ascending: first.ascending, type: 'float', nullable: false };
  return {
    phases: [
      // `< 'NaN'` is every number (PostgreSQL sorts NaN above +Infinity) and stays an index range.
      { name: 'values', join, where: sql`${s.value} < ${NAN}`, terms: [head, ...tail] },
      { name: 'nan', join, where: sql`${s.value} = ${NAN}`, terms: tail },
      missingPhase,
    ],
  };
}

function direction(t: SortTerm): SQL {
  // Non-null terms keep PostgreSQL's default NULLS placement so that their ORDER BY matches the indexes.
  if (!t.nullable) return sql.raw(`${t.ascending ? 'ASC' : 'DESC'}${t.nulls ? ` NULLS ${t.nulls.toUpperCase()}` : ''}`);
  return sql.raw(t.ascending ? 'ASC NULLS LAST' : 'DESC NULLS LAST');
}

/** ORDER BY of a phase, over the terms' expressions or over output columns named `names`. */
export function orderBySql(terms: SortTerm[], names?: string[]): SQL {
  return sql.join(
    terms.map((t, i) => sql`${names ? sql.raw(names[i]) : t.expr} ${direction(t)}`),
    sql`, `,
  );
}

/** A token value back as a typed parameter. */
export function termParam(t: SortTerm, value: string): SQL {
  return sql`${value}::${CASTS[t.type]}`;
}

/**
 * The keyset condition "strictly after the row whose sort values were `values`" (text form, null for
 * NULL), honouring each term's direction and NULLS LAST. The first term also gets a plain bound
 * (`>=` or `<=`) so that PostgreSQL starts the index scan there instead of filtering from the top.
 */
export function keysetAfter(terms: SortTerm[], values: (string | null)[]): SQL {
  const after = (i: number): SQL => {
    if (i >= terms.length) return sql`FALSE`;
    const t = terms[i];
    const v = values[i];
    const rest = after(i + 1);
    if (v === null) return sql`(${t.expr} IS NULL AND ${rest})`;
    const p = termParam(t, v);
    const beyond = t.ascending ? sql`${t.expr} > ${p}` : sql`${t.expr} < ${p}`;
    const strictly = t.nullable ? sql`(${beyond} OR ${t.expr} IS NULL)` : beyond;
    return sql`(${strictly} OR (${t.expr} = ${p} AND ${rest}))`;
  };
  const head = terms[0];
  const v0 = values[0];
  if (!head || v0 === null || v0 === undefined) return after(0);
  const bound = head.ascending ? sql`${head.expr} >= ${termParam(head, v0)}` : sql`${head.expr} <= ${termParam(head, v0)}`;
  return sql`(${bound} AND ${after(0)})`;
}

/** Whether a token value has the shape its term needs (checked before it reaches SQL). */
export function isValidTermValue(t: SortTerm, value: unknown): value is string | null {
  if (value === null) return t.nullable;
  if (typeof value !== 'string' || value.length > 10_000) return false;
  switch (t.type) {
    case 'bigint':
      return /^-?\d{1,19}$/.test(value);
    case 'float':
      return /^(-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?|NaN|-?Infinity)$/.test(value);
    case 'bool':
      return value === 'true' || value === 'false';
    case 'text':
      return true;
  }
}
