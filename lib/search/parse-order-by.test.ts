import { describe, expect, it } from 'vitest';
import { SearchSyntaxError, type Entity, type OrderBy } from './ast';
import { parseOrderBy } from './parse-order-by';

const ob = (entity: Entity, key: string, ascending = true): OrderBy => ({ key: { entity, key }, ascending });

function errorOf(item: string): SearchSyntaxError {
  try {
    parseOrderBy([item]);
  } catch (err) {
    if (err instanceof SearchSyntaxError) return err;
    throw err;
  }
  throw new Error(`expected ${JSON.stringify(item)} to be rejected`);
}

describe('parseOrderBy — MLflow sorting cases', () => {
  it.each<[string, OrderBy]>([
    ['tags.noSuchTag', ob('tag', 'noSuchTag')],
    ['attributes.status', ob('attribute', 'status')],
    ['attributes.start_time', ob('attribute', 'start_time')],
    ['metrics.key1 asc', ob('metric', 'key1')],
    ['metrics."key1"  desc', ob('metric', 'key1', false)],
    ['params.my_param', ob('param', 'my_param')],
    ['params.my_param aSc', ob('param', 'my_param')],
    ['attributes.status  ASC', ob('attribute', 'status')],
    ['attributes.status DESC', ob('attribute', 'status', false)],
    ['params.`my_param` DESC', ob('param', 'my_param', false)],
    ['tags.tag1    DESC', ob('tag', 'tag1', false)],
    ['metrics.`Mean Square Error`', ob('metric', 'Mean Square Error')],
    ['metrics.`Mean Square Error` ASC', ob('metric', 'Mean Square Error')],
    ['metrics.`Mean Square Error` DESC', ob('metric', 'Mean Square Error', false)],
    ['start_time DESC', ob('attribute', 'start_time', false)],
    ['created DESC', ob('attribute', 'start_time', false)],
    ['attribute.end_time', ob('attribute', 'end_time')],
    ['run_name', ob('attribute', 'run_name')],
    ['tags.mlflow.runName desc', ob('tag', 'mlflow.runName', false)],
    ['metrics.精度 DESC', ob('metric', '精度', false)],
  ])('%s', (item, expected) => {
    expect(parseOrderBy([item])).toEqual([expected]);
  });

  it('keeps the order of several entries', () => {
    expect(parseOrderBy(['params.my_param DESC', 'attributes.status   DESC'])).toEqual([
      ob('param', 'my_param', false),
      ob('attribute', 'status', false),
    ]);
  });

  it.each([[undefined], [[]]])('returns [] for %j', (items) => {
    expect(parseOrderBy(items)).toEqual([]);
  });
});

describe('parseOrderBy — MLflow invalid order_by cases', () => {
  it.each<[string, string, number, string]>([
    ['m.acc', "Invalid entity type 'm'", 1, 'm'],
    ['acc', "Invalid attribute key 'acc'", 1, 'acc'],
    ['attri.x', "Invalid entity type 'attri'", 1, 'attri'],
    ['`metrics.A', 'Unterminated quoted name', 1, '`metrics.A'],
    ['`metrics.A`', "Invalid attribute key 'metrics.A'", 1, 'metrics.A'],
    ['attribute.start', "Invalid attribute key 'start'", 11, 'start'],
    ['attribute.experiment_id', "Invalid attribute key 'experiment_id'", 11, 'experiment_id'],
    ['metrics.A != 1', "unexpected '!='", 11, '!='],
    ['params.my_param ', 'unexpected trailing whitespace at position 16', 16, ' '],
    [' params.my_param', 'unexpected whitespace at position 1', 1, ' '],
    ['attribute.run_id ACS', "Invalid ordering key 'ACS' at position 18: expected ASC or DESC", 18, 'ACS'],
    ['attribute.run_id decs', "Invalid ordering key 'decs'", 18, 'decs'],
    ['', 'found an empty entry', 1, ''],
    ['metrics.a DESC ASC', "unexpected 'ASC'", 16, 'ASC'],
    ["datasets.name", 'Cannot order by dataset', 1, 'datasets.name'],
    ['`Run name`', "Invalid attribute key 'Run name'", 1, 'Run name'],
    ['attribute.lifecycle_stage', "Invalid attribute key 'lifecycle_stage'", 11, 'lifecycle_stage'],
  ])('rejects %j', (item, fragment, position, token) => {
    const err = errorOf(item);
    expect(err.message).toContain(`Invalid order_by clause '${item}'`);
    expect(err.message).toContain(fragment);
    expect(err.position).toBe(position);
    expect(err.token).toBe(token);
  });
});
