import { describe, expect, it } from 'vitest';
import { SearchSyntaxError } from '@/lib/search/ast';
import { parseLoggedModelFilter } from './logged-model-filter';

describe('parseLoggedModelFilter', () => {
  it('reads attributes (with aliases and the attributes. prefix), params, tags and metrics joined by AND', () => {
    expect(parseLoggedModelFilter("name = 'm' AND attributes.creation_timestamp >= 5 and params.lr != '0.1' AND tags.`team x` LIKE 'v%' AND metrics.rmse < 0.5")).toEqual([
      { entity: 'attribute', key: 'name', op: '=', value: 'm' },
      { entity: 'attribute', key: 'creation_time', op: '>=', value: 5 },
      { entity: 'param', key: 'lr', op: '!=', value: '0.1' },
      { entity: 'tag', key: 'team x', op: 'LIKE', value: 'v%' },
      { entity: 'metric', key: 'rmse', op: '<', value: 0.5 },
    ]);
    expect(parseLoggedModelFilter("tags.release IN ('v1.0', 'v1.1') and status not in ('FAILED')")).toEqual([
      { entity: 'tag', key: 'release', op: 'IN', value: ['v1.0', 'v1.1'] },
      { entity: 'attribute', key: 'status', op: 'NOT IN', value: ['FAILED'] },
    ]);
    for (const list of ["('a')", "('a',)", "('a', 'b')"]) expect(parseLoggedModelFilter(`name IN ${list}`)[0].value).toEqual(list === "('a', 'b')" ? ['a', 'b'] : ['a']);
    expect(parseLoggedModelFilter('')).toEqual([]);
    expect(parseLoggedModelFilter(null)).toEqual([]);
  });

  it.each([
    ['name > 1', /Invalid comparator '>' for a string field 'name'/],
    ['metrics.rmse LIKE 1', /Invalid comparator 'LIKE' for a numeric field 'rmse'/],
    ["colour = 'red'", /Invalid attribute 'colour'/],
    ["things.x = 'a'", /Invalid entity type 'things'/],
    ["name = 'a' or name = 'b'", /expected AND/],
    ['creation_time > now', /compared with a number/],
  ])('refuses %s', (text, message) => {
    expect(() => parseLoggedModelFilter(text)).toThrow(SearchSyntaxError);
    expect(() => parseLoggedModelFilter(text)).toThrow(message);
  });
});
