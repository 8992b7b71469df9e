import { SearchSyntaxError } from './ast';
import { isKeyword, positionOf, tokenize, type Token } from './tokenize';

/**
 * Experiment search: MLflow's `filter` and `order_by` for `experiments/search` (SearchExperimentsUtils).
 * Pure; the SQL is built in lib/experiments/list-experiments.ts.
 *
 *   filter      := comparison ("and" comparison)*
 *   comparison  := identifier op value
 *   identifier  := attribute | ("attribute" | "attributes" | "attr") "." attribute | ("tag" | "tags") "." key
 *   attribute   := name | creation_time | last_update_time
 *   order_by    := ("name" | "experiment_id" | "creation_time" | "last_update_time") [ASC | DESC]
 *                  (optionally prefixed with attribute. / attributes.)
 *
 * `name` and tags take a quoted string with = != LIKE ILIKE (LIKE case-sensitive, ILIKE not, `%` and `_`
 * wildcards); the two times take a number of epoch milliseconds with = != < <= > >=. Keys in backticks or
 * double quotes may hold any character: tags.`my key`, tags."team-name". As in MLflow, clauses are joined
 * with `and` only; `or` and parentheses are refused. `attributes.` and `attr.` are accepted where MLflow
 * accepts only `attribute.`.
 */

export type ExperimentStringAttribute = 'name';
export type ExperimentNumericAttribute = 'creation_time' | 'last_update_time';
export type ExperimentOrderKey = 'name' | 'experiment_id' | 'creation_time' | 'last_update_time';
export type ExperimentStringOp = '=' | '!=' | 'LIKE' | 'ILIKE';
export type ExperimentNumericOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type ExperimentComparison =
  | { kind: 'attribute'; key: ExperimentStringAttribute; op: ExperimentStringOp; value: string }
  | { kind: 'attribute'; key: ExperimentNumericAttribute; op: ExperimentNumericOp; value: number }
  | { kind: 'tag'; key: string; op: ExperimentStringOp; value: string };

export interface ExperimentOrderBy {
  key: ExperimentOrderKey;
  ascending: boolean;
}

const ATTRIBUTE_PREFIXES = new Set(['attribute', 'attributes', 'attr']);
const TAG_PREFIXES = new Set(['tag', 'tags']);
const STRING_ATTRIBUTES: readonly string[] = ['name'];
const NUMERIC_ATTRIBUTES: readonly string[] = ['creation_time', 'last_update_time'];
const ORDER_KEYS: readonly string[] = ['name', 'experiment_id', 'creation_time', 'last_update_time'];
const STRING_OPS: readonly string[] = ['=', '!=', 'LIKE', 'ILIKE'];
const NUMERIC_OPS: readonly string[] = ['=', '!=', '<', '<=', '>', '>='];

/** MLflow's default when no order_by is given. */
export const DEFAULT_EXPERIMENT_ORDER: readonly ExperimentOrderBy[] = [
  { key: 'creation_time', ascending: false },
  { key: 'experiment_id', ascending: true },
];

function fail(text: string, message: string, at: number, token: string): never {
  throw new SearchSyntaxError(message, positionOf(text, at), token);
}

function describe(t: Token): string {
  if (t.kind === 'eof') return 'end of input';
  return t.kind === 'string' ? t.raw : `'${t.raw}'`;
}

type Resolved = { kind: 'attribute' | 'tag'; key: string; display: string; start: number };

/** A path token (or a double-quoted name) to an attribute or tag; attribute names checked against `valid`. */
function resolve(text: string, t: Token, valid: readonly string[], what: string): Resolved {
  let segments: { text: string; quote: string | null; start: number }[];
  if (t.kind === 'path' && !t.trailingDot) segments = t.segments;
  else if (t.kind === 'string' && t.quote === '"') segments = [{ text: t.value, quote: '"', start: t.start }];
  else if (t.kind === 'path') return fail(text, `Expected a key after '${t.raw}' at position ${positionOf(text, t.end)}`, t.end, t.raw);
  else return fail(text, `Expected ${what} such as name, creation_time or tags.<key> at position ${positionOf(text, t.start)}, found ${describe(t)}`, t.start, t.raw);
  const display = text.slice(t.start, t.end);
  let kind: 'attribute' | 'tag' = 'attribute';
  let keySegments = segments;
  if (segments.length > 1) {
    const head = segments[0];
    if (head.quote === null && ATTRIBUTE_PREFIXES.has(head.text)) kind = 'attribute';
    else if (head.quote === null && TAG_PREFIXES.has(head.text)) kind = 'tag';
    else {
      return fail(text, `Invalid entity type '${head.text}' at position ${positionOf(text, head.start)}: expected attribute or tags`, head.start, head.text);
    }
    keySegments = segments.slice(1);
  }
  const key = keySegments.map((s) => s.text).join('.');
  const keyStart = keySegments[0].start;
  if (kind === 'tag' && key === '') fail(text, `Empty tag key in '${display}' at position ${positionOf(text, keyStart)}`, keyStart, display);
  if (kind === 'attribute' && !valid.includes(key)) {
    fail(text, `Invalid attribute key '${key}' at position ${positionOf(text, keyStart)}: expected one of ${valid.join(', ')}${what === 'an identifier' ? ' (or tags.<key>)' : ''}`, keyStart, key);
  }
  return { kind, key, display, start: t.start };
}

/** Parses an experiment filter; empty text → no clauses. Throws SearchSyntaxError naming the position. */
export function parseExperimentFilter(text: string | null | undefined): ExperimentComparison[] {
  if (text == null || text.trim() === '') return [];
  const tokens = tokenize(text);
  let i = 0;
  const next = () => {
    const t = tokens[i];
    if (t.kind !== 'eof') i++;
    return t;
  };
  const out: ExperimentComparison[] = [];
  for (;;) {
    const identTok = next();
    if (identTok.kind === 'lparen') fail(text, `Parentheses are not supported in experiment filters (position ${positionOf(text, identTok.start)}): join comparisons with and`, identTok.start, '(');
    const ident = resolve(text, identTok, [...STRING_ATTRIBUTES, ...NUMERIC_ATTRIBUTES], 'an identifier');
    const numeric = ident.kind === 'attribute' && NUMERIC_ATTRIBUTES.includes(ident.key);
    const allowed = numeric ? NUMERIC_OPS : STRING_OPS;
    const opTok = next();
    const op = opTok.kind === 'op' ? opTok.raw : isKeyword(opTok, 'like') || isKeyword(opTok, 'ilike') ? opTok.raw.toUpperCase() : null;
    if (op === null || !allowed.includes(op)) {
      fail(text, `Invalid comparator ${describe(opTok)} at position ${positionOf(text, opTok.start)} for ${ident.display}: expected one of ${allowed.join(', ')}`, opTok.start, opTok.raw);
    }
    const valueTok = next();
    if (numeric) {
      if (valueTok.kind !== 'number') fail(text, `Expected a number (epoch milliseconds) for ${ident.display} at position ${positionOf(text, valueTok.start)}, found ${describe(valueTok)}`, valueTok.start, valueTok.raw);
      out.push({ kind: 'attribute', key: ident.key as ExperimentNumericAttribute, op: op as ExperimentNumericOp, value: (valueTok as Extract<Token, { kind: 'number' }>).value });
    } else {
      if (valueTok.kind !== 'string') {
        fail(text, `Expected a quoted string for ${ident.display} at position ${positionOf(text, valueTok.start)}, found ${describe(valueTok)} (quote string values, e.g. 'my-value')`, valueTok.start, valueTok.raw);
      }
      const value = (valueTok as Extract<Token, { kind: 'string' }>).value;
      out.push(ident.kind === 'tag' ? { kind: 'tag', key: ident.key, op: op as ExperimentStringOp, value } : { kind: 'attribute', key: 'name', op: op as ExperimentStringOp, value });
    }
    const sep = next();
    if (sep.kind === 'eof') return out;
    if (!isKeyword(sep, 'and')) {
      const hint = isKeyword(sep, 'or') ? ': experiment filters join comparisons with and only' : ': expected and or the end of the filter';
      fail(text, `Unexpected ${describe(sep)} at position ${positionOf(text, sep.start)}${hint}`, sep.start, sep.raw);
    }
  }
}

/** Parses order_by entries (`name`, `experiment_id`, `creation_time`, `last_update_time`, each ASC or DESC; ascending by default). */
export function parseExperimentOrderBy(items: readonly string[] | undefined): ExperimentOrderBy[] {
  return (items ?? []).map((item) => {
    const wrap = (e: unknown): never => {
      if (e instanceof SearchSyntaxError) throw new SearchSyntaxError(`Invalid order_by clause '${item}': ${e.message}`, e.position, e.token);
      throw e;
    };
    try {
      if (item.trim() === '') fail(item, 'expected name, experiment_id, creation_time or last_update_time', 0, '');
      const [first, second, third] = tokenize(item);
      const ident = resolve(item, first, ORDER_KEYS, 'an order_by key');
      if (ident.kind === 'tag') fail(item, `cannot order experiments by a tag (position ${positionOf(item, first.start)}): order by ${ORDER_KEYS.join(', ')}`, first.start, ident.display);
      if (second.kind === 'eof') return { key: ident.key as ExperimentOrderKey, ascending: true };
      if (!isKeyword(second, 'asc') && !isKeyword(second, 'desc')) {
        fail(item, `Invalid ordering key ${describe(second)} at position ${positionOf(item, second.start)}: expected ASC or DESC`, second.start, second.raw);
      }
      if (third.kind !== 'eof') fail(item, `unexpected ${describe(third)} at position ${positionOf(item, third.start)} after ${second.raw}`, third.start, third.raw);
      return { key: ident.key as ExperimentOrderKey, ascending: isKeyword(second, 'asc') };
    } catch (e) {
      return wrap(e);
    }
  });
}

/**
 * The order actually applied: the parsed entries (or MLflow's default, creation_time DESC then
 * experiment_id ASC), a repeated key dropped after its first use, and experiment_id DESC appended as the
 * tie-breaker when no entry names it, as MLflow's SQL store does.
 */
export function effectiveExperimentOrder(orderBy: readonly ExperimentOrderBy[]): ExperimentOrderBy[] {
  const source = orderBy.length ? orderBy : DEFAULT_EXPERIMENT_ORDER;
  const seen = new Set<string>();
  const out: ExperimentOrderBy[] = [];
  for (const o of source) {
    if (seen.has(o.key)) continue;
    seen.add(o.key);
    out.push(o);
  }
  if (!seen.has('experiment_id')) out.push({ key: 'experiment_id', ascending: false });
  return out;
}
