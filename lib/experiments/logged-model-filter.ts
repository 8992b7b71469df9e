import { isKeyword, tokenize, type Token } from '@/lib/search/tokenize';
import { SearchSyntaxError } from '@/lib/search/ast';

/*
 * The filter of `search_logged_models` (mlflow/utils/search_logged_model_utils.py): comparisons joined by
 * AND, on attributes (`name`, `model_id`, `model_type`, `status`, `source_run_id`, `creation_time`,
 * `last_updated_timestamp`, with or without `attributes.`), `params.<key>`, `tags.<key>` and
 * `metrics.<key>` (any point of that metric, as MLflow's store matches it). Pure: text in, comparisons out.
 */

export type LoggedModelAttribute = 'name' | 'model_id' | 'model_type' | 'status' | 'source_run_id' | 'creation_time' | 'last_updated_time';
export type LoggedModelEntity = 'attribute' | 'param' | 'tag' | 'metric';
export type LoggedModelOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE' | 'ILIKE' | 'IN' | 'NOT IN';

export interface LoggedModelComparison {
  entity: LoggedModelEntity;
  key: string;
  op: LoggedModelOp;
  value: string | number | string[];
}

const ATTRIBUTES: Record<string, LoggedModelAttribute> = {
  name: 'name',
  model_id: 'model_id',
  model_type: 'model_type',
  status: 'status',
  source_run_id: 'source_run_id',
  run_id: 'source_run_id',
  creation_time: 'creation_time',
  creation_timestamp: 'creation_time',
  creation_timestamp_ms: 'creation_time',
  last_updated_time: 'last_updated_time',
  last_updated_timestamp: 'last_updated_time',
  last_updated_timestamp_ms: 'last_updated_time',
};
const NUMERIC_ATTRIBUTES = new Set<LoggedModelAttribute>(['creation_time', 'last_updated_time']);
const PREFIXES: Record<string, LoggedModelEntity> = { attributes: 'attribute', attribute: 'attribute', params: 'param', param: 'param', tags: 'tag', tag: 'tag', metrics: 'metric', metric: 'metric' };
const NUMERIC_OPS = new Set(['=', '!=', '<', '<=', '>', '>=']);
const STRING_OPS = new Set(['=', '!=', 'LIKE', 'ILIKE']);

/** An attribute name or alias (also for order_by), or null. */
export function loggedModelAttribute(name: string): LoggedModelAttribute | null {
  return ATTRIBUTES[name] ?? null;
}

function fail(message: string): never {
  throw new SearchSyntaxError(message, 0, '');
}

function identifier(token: Token): { entity: LoggedModelEntity; key: string } {
  if (token.kind !== 'path') fail(`Invalid filter: expected an identifier at '${token.raw}'.`);
  const [first, ...rest] = token.segments;
  const entity = rest.length ? PREFIXES[first.text] : 'attribute';
  if (!entity) fail(`Invalid entity type '${first.text}'. Valid values are attributes, metrics, params and tags.`);
  const key = rest.length ? rest.map((s) => s.text).join('.') : first.text;
  if (entity !== 'attribute') return { entity, key };
  const attribute = loggedModelAttribute(key);
  if (!attribute) fail(`Invalid attribute '${key}'. Valid attributes are ${Object.keys(ATTRIBUTES).join(', ')}.`);
  return { entity, key: attribute };
}

export function parseLoggedModelFilter(text: string | null | undefined): LoggedModelComparison[] {
  if (!text || !text.trim()) return [];
  const tokens = tokenize(text);
  let i = 0;
  const next = () => tokens[i++];
  const out: LoggedModelComparison[] = [];
  for (;;) {
    const id = identifier(next());
    const isNumeric = id.entity === 'metric' || (id.entity === 'attribute' && NUMERIC_ATTRIBUTES.has(id.key as LoggedModelAttribute));
    let opToken = next();
    let op: string;
    if (isKeyword(opToken, 'not')) {
      opToken = next();
      if (!isKeyword(opToken, 'in')) fail(`Invalid filter: expected IN after NOT at '${opToken.raw}'.`);
      op = 'NOT IN';
    } else if (opToken.kind === 'op') op = opToken.raw;
    else if (opToken.kind === 'path' && ['in', 'like', 'ilike'].some((w) => isKeyword(opToken, w))) op = opToken.raw.toUpperCase();
    else fail(`Invalid filter: expected a comparison operator at '${opToken.raw}'.`);
    if (op === 'IN' || op === 'NOT IN') {
      if (isNumeric) fail(`Invalid comparator '${op}' for a numeric field '${id.key}'.`);
      if (next().kind !== 'lparen') fail(`Invalid filter: ${op} takes a parenthesised list of strings.`);
      const values: string[] = [];
      for (;;) {
        const v = next();
        // A trailing comma is fine, as in Python's tuple syntax: ('a',)
        if (v.kind === 'rparen' && values.length) break;
        if (v.kind !== 'string') fail(`Invalid filter: ${op} takes a parenthesised list of strings.`);
        values.push(v.value);
        const sep = next();
        if (sep.kind === 'rparen') break;
        if (sep.kind !== 'comma') fail(`Invalid filter: expected ',' or ')' at '${sep.raw}'.`);
      }
      out.push({ ...id, op, value: values });
    } else {
      const allowed = isNumeric ? NUMERIC_OPS : STRING_OPS;
      if (!allowed.has(op)) fail(`Invalid comparator '${op}' for ${isNumeric ? 'a numeric' : 'a string'} field '${id.key}'.`);
      const v = next();
      if (isNumeric && v.kind !== 'number') fail(`Invalid filter: '${id.key}' is compared with a number, got '${v.raw}'.`);
      if (!isNumeric && v.kind !== 'string') fail(`Invalid filter: '${id.key}' is compared with a quoted string, got '${v.raw}'.`);
      out.push({ ...id, op: op as LoggedModelOp, value: v.kind === 'number' ? v.value : (v as { value: string }).value });
    }
    const joiner = next();
    if (joiner.kind === 'eof') return out;
    if (!isKeyword(joiner, 'and')) fail(`Invalid filter: expected AND at '${joiner.raw}' (clauses are joined with AND).`);
  }
}
