/**
 * The parsed form of a run-search filter and of `order_by` entries.
 *
 * Produced by `parse-filter.ts` / `parse-order-by.ts` (pure, no I/O) and consumed by the SQL
 * compiler in `compile*.ts`. The parser guarantees the invariants documented on each type, so a
 * compiler may rely on them instead of re-validating:
 *
 * - `metric` comparisons: op is one of = != < <= > >=, value is a finite number.
 * - `param` / `tag` comparisons: op is = != LIKE ILIKE IN NOT IN IS NULL IS NOT NULL, value is a
 *   string (a non-empty string array for IN / NOT IN, null for IS [NOT] NULL). Compared as strings.
 * - `attribute` keys are canonical snake_case names (MLflow's searchable run attributes; MLflow's
 *   aliases `created` → start_time and `run name` → run_name are resolved by the parser):
 *     run_id, run_name, status, user_id, artifact_uri   (strings)
 *     start_time, end_time                              (numbers, epoch ms)
 *   `lifecycle_stage` is not searchable: MLflow rejects it ("Invalid attribute key"), and so do we.
 *   Numeric attributes take = != < <= > >= with a number. String attributes take
 *   = != LIKE ILIKE with a string; `run_id` additionally takes IN / NOT IN with a string array.
 * - `dataset` keys are name, digest, context; ops = != LIKE ILIKE IN NOT IN; string values.
 * - IS NULL / IS NOT NULL only appear on params and tags (as in MLflow).
 * - `value` is `null` exactly when op is IS NULL / IS NOT NULL.
 * - `BoolExpr.clauses` has at least two entries and never nests the same type directly
 *   (`a and (b and c)` is flattened to one `and` with three clauses).
 */

export type Entity = 'metric' | 'param' | 'tag' | 'attribute' | 'dataset';

export interface Identifier {
  entity: Entity;
  /** For attributes and datasets, the canonical name; otherwise the key exactly as logged. */
  key: string;
}

export type Comparator =
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'LIKE'
  | 'ILIKE'
  | 'IN'
  | 'NOT IN'
  | 'IS NULL'
  | 'IS NOT NULL';

export interface Comparison {
  type: 'comparison';
  left: Identifier;
  op: Comparator;
  value: string | number | (string | number)[] | null;
  /** 1-based position of the identifier in the filter text, counted in Unicode code points. */
  position: number;
}

export interface BoolExpr {
  type: 'and' | 'or';
  clauses: FilterExpr[];
}

export type FilterExpr = Comparison | BoolExpr;

export interface OrderBy {
  key: Identifier;
  ascending: boolean;
}

/**
 * A filter or order_by entry that cannot be parsed. The message is safe to show to users and
 * names the 1-based column and the offending token, e.g.
 * `Invalid comparator '~' at position 14 for metrics.acc: expected one of =, !=, <, <=, >, >=`.
 * Services map it to a ValidationError (MLflow door: INVALID_PARAMETER_VALUE).
 */
export class SearchSyntaxError extends Error {
  readonly position: number;
  readonly token: string;

  constructor(message: string, position: number, token: string) {
    super(message);
    this.name = 'SearchSyntaxError';
    this.position = position;
    this.token = token;
  }
}
