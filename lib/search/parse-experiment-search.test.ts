import { describe, expect, it } from 'vitest';
import { SearchSyntaxError } from './ast';
import { effectiveExperimentOrder, parseExperimentFilter, parseExperimentOrderBy } from './parse-experiment-search';

describe('parseExperimentFilter', () => {
  it('reads name, time and tag comparisons joined with and', () => {
    expect(parseExperimentFilter(`name LIKE 'cv-%' and tags.team = "vision" AND attributes.creation_time >= 1700000000000`)).toEqual([
      { kind: 'attribute', key: 'name', op: 'LIKE', value: 'cv-%' },
      { kind: 'tag', key: 'team', op: '=', value: 'vision' },
      { kind: 'attribute', key: 'creation_time', op: '>=', value: 1_700_000_000_000 },
    ]);
    expect(parseExperimentFilter("attribute.name ilike '%X%'")).toEqual([{ kind: 'attribute', key: 'name', op: 'ILIKE', value: '%X%' }]);
    expect(parseExperimentFilter('tags.`my key` != \'a\'')).toEqual([{ kind: 'tag', key: 'my key', op: '!=', value: 'a' }]);
    expect(parseExperimentFilter("tags.mlflow.note.content = 'n'")).toEqual([{ kind: 'tag', key: 'mlflow.note.content', op: '=', value: 'n' }]);
    expect(parseExperimentFilter('last_update_time < 5')).toEqual([{ kind: 'attribute', key: 'last_update_time', op: '<', value: 5 }]);
    expect(parseExperimentFilter('  ')).toEqual([]);
    expect(parseExperimentFilter(undefined)).toEqual([]);
  });

  it.each([
    [`name > 'a'`, /Invalid comparator '>' at position 6 for name/],
    [`creation_time LIKE '1%'`, /Invalid comparator 'LIKE'/],
    [`tags.team IN ('a')`, /Invalid comparator 'IN'/],
    [`creation_time = '1'`, /Expected a number/],
    [`name = vision`, /Expected a quoted string/],
    [`name = 'a' or name = 'b'`, /and only/],
    [`(name = 'a')`, /Parentheses/],
    [`metrics.acc > 1`, /Invalid entity type 'metrics'/],
    [`experiment_id = '1'`, /Invalid attribute key 'experiment_id'/],
    [`name = 'a' and`, /Expected an identifier/],
    [`name = 'a' name = 'b'`, /expected and or the end/],
  ])('refuses %s', (text, message) => {
    expect(() => parseExperimentFilter(text)).toThrow(SearchSyntaxError);
    expect(() => parseExperimentFilter(text)).toThrow(message);
  });
});

describe('parseExperimentOrderBy and effectiveExperimentOrder', () => {
  it('reads keys with optional direction, ascending by default', () => {
    expect(parseExperimentOrderBy(['name', 'creation_time DESC', 'attribute.last_update_time asc', 'experiment_id DESC'])).toEqual([
      { key: 'name', ascending: true },
      { key: 'creation_time', ascending: false },
      { key: 'last_update_time', ascending: true },
      { key: 'experiment_id', ascending: false },
    ]);
  });

  it.each([
    ['tags.team', /cannot order experiments by a tag/],
    ['name SIDEWAYS', /expected ASC or DESC/],
    ['name ASC DESC', /unexpected 'DESC'/],
    ['run_id', /Invalid attribute key 'run_id'/],
    ['', /Invalid order_by clause ''/],
  ])('refuses %s', (item, message) => {
    expect(() => parseExperimentOrderBy([item])).toThrow(message);
  });

  it('applies MLflow’s default and appends experiment_id DESC as the tie-breaker', () => {
    expect(effectiveExperimentOrder([])).toEqual([
      { key: 'creation_time', ascending: false },
      { key: 'experiment_id', ascending: true },
    ]);
    expect(effectiveExperimentOrder([{ key: 'name', ascending: true }, { key: 'name', ascending: false }])).toEqual([
      { key: 'name', ascending: true },
      { key: 'experiment_id', ascending: false },
    ]);
    expect(effectiveExperimentOrder([{ key: 'experiment_id', ascending: true }])).toEqual([{ key: 'experiment_id', ascending: true }]);
  });
});
