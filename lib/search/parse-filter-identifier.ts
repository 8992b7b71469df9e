import { SearchSyntaxError, type Comparator, type Entity, type Identifier } from './ast';
import { positionOf, type Token } from './tokenize';

/**
 * The vocabulary shared by the filter parser, the order_by parser and the completion helper:
 * entity prefixes, attribute names and the comparators each kind of identifier accepts.
 * Names, aliases and comparator sets follow MLflow's SearchUtils for runs.
 */

/** Entity prefixes as MLflow accepts them (case-sensitive). The first of each list is the one we suggest. */
export const ENTITY_PREFIXES: Record<Entity, readonly string[]> = {
  metric: ['metrics', 'metric'],
  param: ['params', 'param', 'parameters', 'parameter'],
  tag: ['tags', 'tag'],
  attribute: ['attributes', 'attribute', 'attr', 'run'],
  dataset: ['datasets', 'dataset'],
};

const PREFIX_TO_ENTITY = new Map<string, Entity>(
  (Object.entries(ENTITY_PREFIXES) as [Entity, readonly string[]][]).flatMap(([entity, names]) =>
    names.map((n) => [n, entity] as [string, Entity]),
  ),
);

export const NUMERIC_ATTRIBUTES = ['start_time', 'end_time'] as const;
export const STRING_ATTRIBUTES = ['run_id', 'run_name', 'status', 'user_id', 'artifact_uri'] as const;
export const DATASET_KEYS = ['name', 'digest', 'context'] as const;

/** MLflow's spelled-out aliases, accepted in filters; `created` is accepted in order_by too. */
const ATTRIBUTE_ALIASES: Record<string, string> = {
  created: 'start_time',
  Created: 'start_time',
  'run name': 'run_name',
  'Run name': 'run_name',
  'Run Name': 'run_name',
};
const ORDER_BY_ALIASES = new Set(['created', 'Created']);

const NUMERIC_OPS: readonly Comparator[] = ['=', '!=', '<', '<=', '>', '>='];
const STRING_OPS: readonly Comparator[] = ['=', '!=', 'LIKE', 'ILIKE'];
const LIST_OPS: readonly Comparator[] = ['IN', 'NOT IN'];
const NULL_OPS: readonly Comparator[] = ['IS NULL', 'IS NOT NULL'];

export type ValueKind = 'number' | 'string';

/** What an identifier accepts. `between` is our numeric-range extension. */
export interface IdentifierRules {
  valueKind: ValueKind;
  comparators: readonly Comparator[];
  between: boolean;
}

export function rulesFor(id: Identifier): IdentifierRules {
  switch (id.entity) {
    case 'metric':
      return { valueKind: 'number', comparators: NUMERIC_OPS, between: true };
    case 'param':
    case 'tag':
      return { valueKind: 'string', comparators: [...STRING_OPS, ...LIST_OPS, ...NULL_OPS], between: false };
    case 'dataset':
      return { valueKind: 'string', comparators: [...STRING_OPS, ...LIST_OPS], between: false };
    case 'attribute':
      if ((NUMERIC_ATTRIBUTES as readonly string[]).includes(id.key)) {
        return { valueKind: 'number', comparators: NUMERIC_OPS, between: true };
      }
      return {
        valueKind: 'string',
        comparators: id.key === 'run_id' ? [...STRING_OPS, ...LIST_OPS] : STRING_OPS,
        between: false,
      };
  }
}

export interface ResolvedIdentifier {
  id: Identifier;
  /** The identifier as written, for messages. */
  display: string;
  /** UTF-16 offset of the identifier in the input. */
  start: number;
}

const list = (xs: readonly string[]) => xs.join(', ');

/**
 * Turns a `path` token (or a double-quoted string in identifier position, e.g. `"Run name"`)
 * into an Identifier, or throws a SearchSyntaxError naming the bad part.
 */
export function resolveIdentifier(text: string, token: Token, mode: 'filter' | 'order_by'): ResolvedIdentifier {
  const fail = (message: string, at: number, tok: string): never => {
    throw new SearchSyntaxError(message, positionOf(text, at), tok);
  };
  const pos = (at: number) => positionOf(text, at);

  let segments;
  if (token.kind === 'path') {
    segments = token.segments;
    if (token.trailingDot) {
      fail(
        `Expected a key after '${token.raw}' at position ${pos(token.end)}: quote keys that contain spaces or symbols with backticks, e.g. metrics.\`my key\``,
        token.end,
        text.slice(token.end, token.end + 1),
      );
    }
  } else if (token.kind === 'string' && token.quote === '"') {
    segments = [{ text: token.value, quote: '"' as const, start: token.start }];
  } else {
    const found = token.kind === 'eof' ? 'end of input' : `'${token.raw}'`;
    return fail(
      `Expected an identifier such as metrics.<key>, params.<key>, tags.<key> or attributes.<name> at position ${pos(token.start)}, found ${found}`,
      token.start,
      token.raw,
    );
  }
  const display = text.slice(token.start, token.end);

  if (segments.length === 1) {
    return { id: attributeKey(segments[0].text, segments[0].start), display, start: token.start };
  }

  const [head, ...rest] = segments;
  const entity = head.quote === '"' ? undefined : PREFIX_TO_ENTITY.get(head.text);
  if (!entity) {
    const shown = head.quote ? `${head.quote}${head.text}${head.quote}` : head.text;
    return fail(
      `Invalid entity type '${shown}' at position ${pos(head.start)}: expected one of ${list(
        Object.values(ENTITY_PREFIXES).flat(),
      )}`,
      head.start,
      shown,
    );
  }
  if (rest.length > 1 && rest.some((s) => s.quote)) {
    const quoted = rest.find((s) => s.quote)!;
    fail(
      `Invalid key at position ${pos(rest[0].start)} in '${display}': quote the whole key, e.g. ${head.text}.\`a.b\``,
      quoted.start,
      display,
    );
  }
  const key = rest.map((s) => s.text).join('.');
  const keyStart = rest[0].start;

  if (entity === 'attribute') return { id: attributeKey(key, keyStart), display, start: token.start };
  if (entity === 'dataset') {
    if (mode === 'order_by') {
      fail(`Cannot order by dataset '${display}' at position ${pos(token.start)}: order by metrics, params, tags or attributes`, token.start, display);
    }
    if (!(DATASET_KEYS as readonly string[]).includes(key)) {
      fail(`Invalid dataset key '${key}' at position ${pos(keyStart)}: expected one of ${list(DATASET_KEYS)}`, keyStart, key);
    }
  }
  if (key === '') fail(`Empty key in '${display}' at position ${pos(keyStart)}`, keyStart, display);
  return { id: { entity, key }, display, start: token.start };

  function attributeKey(key: string, at: number): Identifier {
    const valid: readonly string[] = [...STRING_ATTRIBUTES, ...NUMERIC_ATTRIBUTES];
    if (valid.includes(key)) return { entity: 'attribute', key };
    const alias = ATTRIBUTE_ALIASES[key];
    if (alias && (mode === 'filter' || ORDER_BY_ALIASES.has(key))) return { entity: 'attribute', key: alias };
    return fail(
      `Invalid attribute key '${key}' at position ${pos(at)}: expected one of ${list(valid)} (or metrics.<key>, params.<key>, tags.<key>, datasets.<key>)`,
      at,
      key,
    );
  }
}

/** Prints a key the way it must be typed: bare when it is a plain name, otherwise in backticks. */
export function formatKey(key: string): string {
  if (/^[\p{L}_][\p{L}\p{N}\p{M}_$#]*(?:\.[\p{L}_][\p{L}\p{N}\p{M}_$#]*)*$/u.test(key)) return key;
  return '`' + key.replace(/`/g, '``') + '`';
}
