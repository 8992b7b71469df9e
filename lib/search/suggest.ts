import type { Comparator, Identifier } from './ast';
import {
  DATASET_KEYS,
  ENTITY_PREFIXES,
  NUMERIC_ATTRIBUTES,
  STRING_ATTRIBUTES,
  formatKey,
  resolveIdentifier,
  rulesFor,
} from './parse-filter-identifier';
import { isKeyword, tokenize, type Token } from './tokenize';

/**
 * Completion candidates for the run filter box. Pure: the caller passes the text, the cursor
 * (a UTF-16 offset, as `selectionStart` gives) and the keys logged in the current experiments.
 * The answer says which span of the text the chosen item replaces (`from`..`to`).
 * It never throws: half-typed or invalid text just yields fewer candidates.
 */

export interface KnownKeys {
  metrics: string[];
  params: string[];
  tags: string[];
}

export type SuggestionKind = 'entity' | 'key' | 'comparator' | 'keyword' | 'value';

export interface Suggestion {
  label: string;
  insert: string;
  kind: SuggestionKind;
}

export interface Suggestions {
  from: number;
  to: number;
  items: Suggestion[];
}

const MAX_ITEMS = 50;
const RUN_STATUSES = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'];
const ENTITY_ORDER = ['metric', 'param', 'tag', 'attribute', 'dataset'] as const;

type State =
  | { at: 'ident' }
  | { at: 'op'; id: Identifier }
  | { at: 'value'; id: Identifier; op: Comparator }
  | { at: 'after' }
  | { at: 'keyword'; words: string[] }
  | { at: 'none' };

export function suggest(text: string, cursor: number, keys: KnownKeys): Suggestions {
  const before = text.slice(0, cursor);
  const tokens = tokenize(before, { lenient: true }).filter((t) => t.kind !== 'eof');
  const last = tokens[tokens.length - 1];
  const touching = last !== undefined && last.end === cursor;

  let partial: Token | undefined;
  if (touching && (last.kind === 'path' || last.kind === 'op' || (last.kind === 'error' && !/^['"]/.test(last.raw)))) {
    partial = last;
  } else if (touching && last.kind !== 'lparen' && last.kind !== 'rparen' && last.kind !== 'comma') {
    return { from: cursor, to: cursor, items: [] };
  }
  const context = partial ? tokens.slice(0, -1) : tokens;
  const { state, openParens } = stateAfter(before, context);
  const from = partial ? partial.start : cursor;
  const to = partial && partial.kind !== 'op' ? cursor + (/^[\p{L}\p{N}\p{M}_$#.]*/u.exec(text.slice(cursor))?.[0].length ?? 0) : cursor;
  const typed = partial ? partial.raw : '';

  let items: Suggestion[] = [];
  switch (state.at) {
    case 'ident':
      items = identifierItems(typed, keys);
      break;
    case 'op':
      items = comparatorItems(state.id).filter((s) => startsWith(s.label, typed));
      break;
    case 'value':
      if (state.id.entity === 'attribute' && state.id.key === 'status' && !partial) {
        items = RUN_STATUSES.map((s) => ({ label: `'${s}'`, insert: `'${s}'`, kind: 'value' }));
      }
      break;
    case 'after': {
      const words = ['and', 'or', ...(openParens > 0 ? [')'] : [])];
      items = words.filter((w) => startsWith(w, typed)).map((w) => ({ label: w, insert: w, kind: 'keyword' }));
      break;
    }
    case 'keyword':
      items = state.words.filter((w) => startsWith(w, typed)).map((w) => ({ label: w, insert: w, kind: 'keyword' }));
      break;
  }
  return { from, to, items: items.slice(0, MAX_ITEMS) };
}

function startsWith(label: string, typed: string): boolean {
  return label.toLowerCase().startsWith(typed.toLowerCase());
}

/** Walks the complete tokens before the cursor and says what may come next. */
function stateAfter(text: string, tokens: Token[]): { state: State; openParens: number } {
  let state: State = { at: 'ident' };
  let openParens = 0;
  let pending: { id: Identifier; op: Comparator } | undefined;
  let listing = false;
  for (const t of tokens) {
    if (listing) {
      if (t.kind === 'rparen') {
        listing = false;
        state = { at: 'after' };
      }
      continue;
    }
    const kw = (w: string) => isKeyword(t, w);
    switch (state.at) {
      case 'ident':
        if (t.kind === 'lparen') openParens++;
        else state = identifierState(text, t);
        break;
      case 'op':
        if (t.kind === 'op') {
          const valid = (rulesFor(state.id).comparators as readonly string[]).includes(t.raw);
          state = valid ? { at: 'value', id: state.id, op: t.raw as Comparator } : { at: 'none' };
        }
        else if (kw('like') || kw('ilike')) state = { at: 'value', id: state.id, op: t.raw.toUpperCase() as Comparator };
        else if (kw('in')) state = { at: 'value', id: state.id, op: 'IN' };
        else if (kw('not')) state = { at: 'keyword', words: ['IN'] };
        else if (kw('is')) state = { at: 'keyword', words: ['NULL', 'NOT NULL'] };
        else if (kw('between')) {
          pending = { id: state.id, op: '>=' };
          state = { at: 'value', id: state.id, op: '>=' };
        } else state = { at: 'none' };
        break;
      case 'value':
        if (t.kind === 'lparen' && (state.op === 'IN' || state.op === 'NOT IN')) listing = true;
        else if (t.kind === 'string' || t.kind === 'number') {
          state = pending ? { at: 'keyword', words: ['AND'] } : { at: 'after' };
        } else state = { at: 'none' };
        break;
      case 'keyword':
        if (kw('in')) state = { at: 'value', id: { entity: 'param', key: '' }, op: 'IN' };
        else if (kw('null')) state = { at: 'after' };
        else if (kw('not') && state.words.includes('NOT NULL')) state = { at: 'keyword', words: ['NULL'] };
        else if (kw('and') && pending) {
          state = { at: 'value', id: pending.id, op: '<=' };
          pending = undefined;
        } else state = { at: 'none' };
        break;
      case 'after':
        if (kw('and') || kw('or')) state = { at: 'ident' };
        else if (t.kind === 'rparen' && openParens > 0) openParens--;
        else state = { at: 'none' };
        break;
      case 'none':
        break;
    }
  }
  return { state: listing ? { at: 'none' } : state, openParens };
}

function identifierState(text: string, t: Token): State {
  try {
    return { at: 'op', id: resolveIdentifier(text, t, 'filter').id };
  } catch {
    return { at: 'none' };
  }
}

function comparatorItems(id: Identifier): Suggestion[] {
  const rules = rulesFor(id);
  const labels: string[] = [...rules.comparators, ...(rules.between ? ['BETWEEN'] : [])];
  return labels.map((label) => ({ label, insert: label, kind: 'comparator' }));
}

function keysOf(entity: (typeof ENTITY_ORDER)[number], keys: KnownKeys): readonly string[] {
  switch (entity) {
    case 'metric':
      return keys.metrics;
    case 'param':
      return keys.params;
    case 'tag':
      return keys.tags;
    case 'attribute':
      return [...STRING_ATTRIBUTES, ...NUMERIC_ATTRIBUTES];
    case 'dataset':
      return DATASET_KEYS;
  }
}

/** Entity prefixes, or keys once a prefix and a dot are typed; keys starting with the typed text first. */
function identifierItems(typed: string, keys: KnownKeys): Suggestion[] {
  const dot = /^`?([\p{L}_]+)`?\.(.*)$/u.exec(typed);
  const entityOf = (prefix: string) => ENTITY_ORDER.find((e) => ENTITY_PREFIXES[e].includes(prefix));
  const keyItems = (prefix: string, entity: (typeof ENTITY_ORDER)[number], partialKey: string) => {
    const wanted = partialKey.replace(/^[`"]/, '').replace(/[`"]$/, '').toLowerCase();
    const all = [...new Set(keysOf(entity, keys))];
    const first = all.filter((k) => k.toLowerCase().startsWith(wanted));
    const then = all.filter((k) => !k.toLowerCase().startsWith(wanted) && k.toLowerCase().includes(wanted));
    return [...first, ...then].map<Suggestion>((k) => ({ label: `${prefix}.${k}`, insert: `${prefix}.${formatKey(k)}`, kind: 'key' }));
  };

  if (dot) {
    const entity = entityOf(dot[1]);
    return entity ? keyItems(dot[1], entity, dot[2]) : [];
  }
  const entities = ENTITY_ORDER.map((e) => ENTITY_PREFIXES[e][0])
    .filter((p) => startsWith(p, typed))
    .map<Suggestion>((p) => ({ label: `${p}.`, insert: `${p}.`, kind: 'entity' }));
  if (typed === '') return entities;
  const direct = ENTITY_ORDER.flatMap((e) =>
    keysOf(e, keys)
      .filter((k) => startsWith(k, typed))
      .map<Suggestion>((k) => ({ label: `${ENTITY_PREFIXES[e][0]}.${k}`, insert: `${ENTITY_PREFIXES[e][0]}.${formatKey(k)}`, kind: 'key' })),
  );
  return [...entities, ...direct];
}
