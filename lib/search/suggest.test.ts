import { describe, expect, it } from 'vitest';
import { suggest, type KnownKeys } from './suggest';

const keys: KnownKeys = {
  metrics: ['accuracy', 'val_loss', 'loss', 'f1 score'],
  params: ['lr', 'optimizer', 'model.type'],
  tags: ['mlflow.runName', 'team', 'release-channel'],
};

/** `|` marks the cursor. */
function at(withCursor: string) {
  const cursor = withCursor.indexOf('|');
  const text = withCursor.replace('|', '');
  return { text, result: suggest(text, cursor, keys) };
}
const labels = (withCursor: string) => at(withCursor).result.items.map((i) => i.label);
const inserts = (withCursor: string) => at(withCursor).result.items.map((i) => i.insert);

describe('suggest', () => {
  it('offers entity prefixes on an empty box', () => {
    expect(labels('|')).toEqual(['metrics.', 'params.', 'tags.', 'attributes.', 'datasets.']);
    expect(at('|').result).toMatchObject({ from: 0, to: 0 });
  });

  it('filters entity prefixes by what is typed and replaces the typed word', () => {
    expect(labels('me|')).toEqual(['metrics.']);
    expect(at('me|').result).toMatchObject({ from: 0, to: 2 });
    expect(labels('PA|')).toEqual(['params.']);
  });

  it('offers fully qualified keys when a bare key is typed', () => {
    expect(labels('los|')).toEqual(['metrics.loss']);
    expect(labels('t|')).toEqual(['tags.', 'tags.team']);
  });

  it('lists the keys of an entity after its prefix and dot, prefix matches first', () => {
    expect(labels('metrics.|')).toEqual(['metrics.accuracy', 'metrics.val_loss', 'metrics.loss', 'metrics.f1 score']);
    expect(labels('metrics.lo|')).toEqual(['metrics.loss', 'metrics.val_loss']);
    expect(at('metrics.lo|').result).toMatchObject({ from: 0, to: 10 });
  });

  it('wraps keys that need quoting in backticks and keeps dotted names bare', () => {
    expect(inserts('metrics.f|')).toEqual(['metrics.`f1 score`']);
    expect(inserts('tags.rel|')).toEqual(['tags.`release-channel`']);
    expect(inserts('tags.ml|')).toEqual(['tags.mlflow.runName']);
    expect(inserts('params.model|')).toEqual(['params.model.type']);
  });

  it('continues a half-typed backticked key', () => {
    expect(inserts('metrics.`f1 s|')).toEqual(['metrics.`f1 score`']);
  });

  it('accepts alternate entity prefixes as typed', () => {
    expect(labels('param.o|')).toEqual(['param.optimizer', 'param.model.type']);
    expect(labels('attributes.st|')).toEqual(['attributes.status', 'attributes.start_time']);
    expect(labels('datasets.|')).toEqual(['datasets.name', 'datasets.digest', 'datasets.context']);
    expect(labels('nope.|')).toEqual([]);
  });

  it('replaces the whole word when the cursor is inside it', () => {
    const { result } = at('metrics.lo|ss > 1');
    expect(result).toMatchObject({ from: 0, to: 12 });
  });

  it('offers numeric comparators after a metric', () => {
    expect(labels('metrics.loss |')).toEqual(['=', '!=', '<', '<=', '>', '>=', 'BETWEEN']);
  });

  it('offers string comparators, lists and null checks after a param or tag', () => {
    expect(labels('params.lr |')).toEqual(['=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN', 'IS NULL', 'IS NOT NULL']);
    expect(labels('tags.team i|')).toEqual(['ILIKE', 'IN', 'IS NULL', 'IS NOT NULL']);
  });

  it('offers the comparators each attribute accepts', () => {
    expect(labels('attributes.status |')).toEqual(['=', '!=', 'LIKE', 'ILIKE']);
    expect(labels('attributes.run_id |')).toEqual(['=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN']);
    expect(labels('attributes.start_time |')).toEqual(['=', '!=', '<', '<=', '>', '>=', 'BETWEEN']);
  });

  it('completes a half-typed operator', () => {
    expect(labels('metrics.loss <|')).toEqual(['<', '<=']);
    expect(at('metrics.loss <|').result).toMatchObject({ from: 13, to: 14 });
  });

  it('suggests run statuses as values for attributes.status', () => {
    expect(labels("attributes.status = |")).toEqual(["'RUNNING'", "'SCHEDULED'", "'FINISHED'", "'FAILED'", "'KILLED'"]);
  });

  it('offers and / or after a complete comparison, and ) inside parentheses', () => {
    expect(labels('metrics.loss < 1 |')).toEqual(['and', 'or']);
    expect(labels("(params.lr = '0.1' |")).toEqual(['and', 'or', ')']);
    expect(labels('metrics.loss < 1 a|')).toEqual(['and']);
    expect(labels("params.lr IN ('a', 'b') |")).toEqual(['and', 'or']);
    expect(labels('tags.team IS NOT NULL |')).toEqual(['and', 'or']);
  });

  it('starts over after and / or / (', () => {
    expect(labels('metrics.loss < 1 and |')).toContain('params.');
    expect(labels('metrics.loss < 1 or (|')).toContain('tags.');
    expect(labels('metrics.loss < 1 and par|')).toEqual(['params.']);
  });

  it('guides the keywords of IS NULL, NOT IN and BETWEEN', () => {
    expect(labels('tags.team is |')).toEqual(['NULL', 'NOT NULL']);
    expect(labels('tags.team is not |')).toEqual(['NULL']);
    expect(labels('tags.team not |')).toEqual(['IN']);
    expect(labels('metrics.loss between 1 |')).toEqual(['AND']);
    expect(labels('metrics.loss between 1 and 2 |')).toEqual(['and', 'or']);
  });

  it('stays quiet inside a string value, a list or after invalid text', () => {
    expect(labels("params.lr = 'ab|")).toEqual([]);
    expect(labels("params.lr IN ('a', |")).toEqual([]);
    expect(labels('metrics.loss < 1|')).toEqual([]);
    expect(labels('nonsense here |')).toEqual([]);
    expect(labels('metrics.loss ~ 1 |')).toEqual([]);
  });

  it('only reads the text before the cursor to decide the context', () => {
    expect(labels("| and params.lr = 'x'")).toEqual(['metrics.', 'params.', 'tags.', 'attributes.', 'datasets.']);
  });

  it('uses UTF-16 offsets for the replaced span, as a textarea does', () => {
    const { text, result } = at("tags.`😀` = 'x' and me|");
    expect(text.slice(result.from, result.to)).toBe('me');
  });

  it('caps the number of items', () => {
    const many = { metrics: Array.from({ length: 200 }, (_, i) => `m${i}`), params: [], tags: [] };
    expect(suggest('metrics.', 8, many).items).toHaveLength(50);
  });
});
