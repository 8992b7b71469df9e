import { describe, expect, it } from 'vitest';
import { SearchSyntaxError, type Comparator, type Comparison, type Entity, type FilterExpr } from './ast';
import { parseFilter } from './parse-filter';

const c = (entity: Entity, key: string, op: Comparator, value: Comparison['value'], position = 1): Comparison => ({
  type: 'comparison',
  left: { entity, key },
  op,
  value,
  position,
});
const and = (...clauses: FilterExpr[]): FilterExpr => ({ type: 'and', clauses });
const or = (...clauses: FilterExpr[]): FilterExpr => ({ type: 'or', clauses });

function errorOf(text: string): SearchSyntaxError {
  try {
    parseFilter(text);
  } catch (err) {
    if (err instanceof SearchSyntaxError) return err;
    throw err;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe('parseFilter — MLflow test_filter cases', () => {
  it.each<[string, FilterExpr]>([
    ['metric.acc >= 0.94', c('metric', 'acc', '>=', 0.94)],
    ['metric.acc>=100', c('metric', 'acc', '>=', 100)],
    ["params.m!='tf'", c('param', 'm', '!=', 'tf')],
    ['params."m"!="tf"', c('param', 'm', '!=', 'tf')],
    ['metric."legit name" >= 0.243', c('metric', 'legit name', '>=', 0.243)],
    ['metrics.XYZ = 3', c('metric', 'XYZ', '=', 3)],
    ['params."cat dog" = "pets"', c('param', 'cat dog', '=', 'pets')],
    ['metrics."X-Y-Z" = 3', c('metric', 'X-Y-Z', '=', 3)],
    ['metrics."X//Y#$$@&Z" = 3', c('metric', 'X//Y#$$@&Z', '=', 3)],
    ["params.model = 'LinearRegression'", c('param', 'model', '=', 'LinearRegression')],
    ["metrics.rmse < 1 and params.model_class = 'LR'", and(c('metric', 'rmse', '<', 1), c('param', 'model_class', '=', 'LR', 22))],
    ['`metric`.a >= 0.1', c('metric', 'a', '>=', 0.1)],
    ["tags.version = 'commit-hash'", c('tag', 'version', '=', 'commit-hash')],
    ["`tags`.source_name = 'a notebook'", c('tag', 'source_name', '=', 'a notebook')],
    ['metrics."accuracy.2.0" > 5', c('metric', 'accuracy.2.0', '>', 5)],
    ['metrics.`spacey name` > 5', c('metric', 'spacey name', '>', 5)],
    ['params."p.a.r.a.m" != "a"', c('param', 'p.a.r.a.m', '!=', 'a')],
    ['tags."t.a.g" = "a"', c('tag', 't.a.g', '=', 'a')],
    ["attribute.artifact_uri = '1/23/4'", c('attribute', 'artifact_uri', '=', '1/23/4')],
    ['attribute.start_time >= 1234', c('attribute', 'start_time', '>=', 1234)],
    ["run.status = 'RUNNING'", c('attribute', 'status', '=', 'RUNNING')],
    ["dataset.name = 'my_dataset'", c('dataset', 'name', '=', 'my_dataset')],
    ['tags.version IS NULL', c('tag', 'version', 'IS NULL', null)],
    ['tags.version IS NOT NULL', c('tag', 'version', 'IS NOT NULL', null)],
    ['params.lr IS NULL', c('param', 'lr', 'IS NULL', null)],
    ['params.lr IS NOT NULL', c('param', 'lr', 'IS NOT NULL', null)],
    ["tags.a IS NULL AND params.b = 'val'", and(c('tag', 'a', 'IS NULL', null), c('param', 'b', '=', 'val', 20))],
  ])('%s', (text, expected) => {
    expect(parseFilter(text)).toEqual(expected);
  });

  it.each(['', '   ', '\n\t', null, undefined])('returns null for empty input %j', (text) => {
    expect(parseFilter(text)).toBeNull();
  });
});

describe('parseFilter — MLflow quote trimming and other accepted forms', () => {
  it.each<[string, FilterExpr]>([
    ["params.m = 'LR'", c('param', 'm', '=', 'LR')],
    ['params.m = "LR"', c('param', 'm', '=', 'LR')],
    ['params.m = "L\'Hosp"', c('param', 'm', '=', "L'Hosp")],
    ["params.m = 'L\"Hosp'", c('param', 'm', '=', 'L"Hosp')],
    ["attributes.status = 'FAILED'", c('attribute', 'status', '=', 'FAILED')],
    ["attr.user_id = 'user-id2'", c('attribute', 'user_id', '=', 'user-id2')],
    ["run_name = 'nice-run'", c('attribute', 'run_name', '=', 'nice-run')],
    ["`Run name` LIKE 'a%'", c('attribute', 'run_name', 'LIKE', 'a%')],
    ['"Run Name" = \'x\'', c('attribute', 'run_name', '=', 'x')],
    ["attributes.`run name` ILIKE '%x%'", c('attribute', 'run_name', 'ILIKE', '%x%')],
    ['created >= 5', c('attribute', 'start_time', '>=', 5)],
    ['attributes.Created < 5', c('attribute', 'start_time', '<', 5)],
    ['attribute.end_time != 0', c('attribute', 'end_time', '!=', 0)],
    ["attributes.run_id IN ('a', 'b')", c('attribute', 'run_id', 'IN', ['a', 'b'])],
    ["run_id NOT IN ('a')", c('attribute', 'run_id', 'NOT IN', ['a'])],
    ["datasets.name IN ('name1', 'name2')", c('dataset', 'name', 'IN', ['name1', 'name2'])],
    ["datasets.digest NOT IN ('d1')", c('dataset', 'digest', 'NOT IN', ['d1'])],
    ["datasets.context = 'train'", c('dataset', 'context', '=', 'train')],
    ["parameter.lr = '0.1'", c('param', 'lr', '=', '0.1')],
    ["parameters.lr = '0.1'", c('param', 'lr', '=', '0.1')],
    ["param.lr = '0.1'", c('param', 'lr', '=', '0.1')],
    ["tag.team = 'x'", c('tag', 'team', '=', 'x')],
    ["tags.mlflow.runName = 'x'", c('tag', 'mlflow.runName', '=', 'x')],
    ["params.model like '%Reg%'", c('param', 'model', 'LIKE', '%Reg%')],
    ["params.model Ilike '%reg%'", c('param', 'model', 'ILIKE', '%reg%')],
    ['metrics.loss < -0.5', c('metric', 'loss', '<', -0.5)],
    ['metrics.loss < .5', c('metric', 'loss', '<', 0.5)],
    ['metrics.loss < 1.', c('metric', 'loss', '<', 1)],
    ['metrics.loss < 1e-3', c('metric', 'loss', '<', 0.001)],
    ['metrics.loss < 2.5E3', c('metric', 'loss', '<', 2500)],
    ['metrics.a > 1 AND metrics.b > 2 aNd metrics.c > 3', and(c('metric', 'a', '>', 1), c('metric', 'b', '>', 2, 19), c('metric', 'c', '>', 3, 37))],
  ])('%s', (text, expected) => {
    expect(parseFilter(text)).toEqual(expected);
  });
});

describe('parseFilter — quotes inside strings and keys', () => {
  it.each<[string, FilterExpr]>([
    ["params.m = 'it''s'", c('param', 'm', '=', "it's")],
    ["params.m = 'it\\'s'", c('param', 'm', '=', "it's")],
    ['params.m = "say ""hi"""', c('param', 'm', '=', 'say "hi"')],
    ["params.path = 'C:\\temp'", c('param', 'path', '=', 'C:\\temp')],
    ["params.m = ''", c('param', 'm', '=', '')],
    ["params.`a``b` = 'x'", c('param', 'a`b', '=', 'x')],
    ['params."a""b" = \'x\'', c('param', 'a"b', '=', 'x')],
    ["params.m = 'and or ( ) ;'", c('param', 'm', '=', 'and or ( ) ;')],
    ["params.m = '%_%'", c('param', 'm', '=', '%_%')],
  ])('%s', (text, expected) => {
    expect(parseFilter(text)).toEqual(expected);
  });
});

describe('parseFilter — unicode and whitespace', () => {
  it.each<[string, FilterExpr]>([
    ['metrics.精度 > 0.5', c('metric', '精度', '>', 0.5)],
    ["params.modèle = 'forêt'", c('param', 'modèle', '=', 'forêt')],
    ["tags.`😀 emoji` = '🚀'", c('tag', '😀 emoji', '=', '🚀')],
    ['metrics.acc>0.5', c('metric', 'acc', '>', 0.5)],
    ['  metrics.acc   >   0.5  ', c('metric', 'acc', '>', 0.5, 3)],
    ['metrics.acc\t>\n0.5', c('metric', 'acc', '>', 0.5)],
    ["metrics.a > 1\nand\tparams.b = 'x'", and(c('metric', 'a', '>', 1), c('param', 'b', '=', 'x', 19))],
  ])('%j', (text, expected) => {
    expect(parseFilter(text)).toEqual(expected);
  });

  it('counts positions in code points, so an astral key does not shift later columns', () => {
    const expr = parseFilter("tags.`😀` = 'x' and params.b = 'y'") as { clauses: Comparison[] };
    expect(expr.clauses[1].position).toBe(20);
    expect(errorOf('metrics.`😀` ~ 1').position).toBe(13);
    expect(errorOf('metrics.😀 > 1').message).toContain("Unexpected character '😀' at position 9");
  });
});

describe('parseFilter — extensions', () => {
  it.each<[string, FilterExpr]>([
    ['metrics.a > 1 or metrics.b > 2', or(c('metric', 'a', '>', 1), c('metric', 'b', '>', 2, 18))],
    ['metrics.a > 1 OR metrics.b > 2', or(c('metric', 'a', '>', 1), c('metric', 'b', '>', 2, 18))],
    [
      'metrics.a > 1 or metrics.b > 2 and metrics.c > 3',
      or(c('metric', 'a', '>', 1), and(c('metric', 'b', '>', 2, 18), c('metric', 'c', '>', 3, 36))),
    ],
    [
      'metrics.a > 1 and metrics.b > 2 or metrics.c > 3',
      or(and(c('metric', 'a', '>', 1), c('metric', 'b', '>', 2, 19)), c('metric', 'c', '>', 3, 36)),
    ],
    [
      '(metrics.a > 1 or metrics.b > 2) and metrics.c > 3',
      and(or(c('metric', 'a', '>', 1, 2), c('metric', 'b', '>', 2, 19)), c('metric', 'c', '>', 3, 38)),
    ],
    ["metrics.A > 0.1 AND (params.B = 'LR')", and(c('metric', 'A', '>', 0.1), c('param', 'B', '=', 'LR', 22))],
    ['((metrics.a > 1))', c('metric', 'a', '>', 1, 3)],
    [
      'metrics.a > 1 and (metrics.b > 2 and metrics.c > 3)',
      and(c('metric', 'a', '>', 1), c('metric', 'b', '>', 2, 20), c('metric', 'c', '>', 3, 38)),
    ],
    [
      'metrics.a > 1 or (metrics.b > 2 or metrics.c > 3)',
      or(c('metric', 'a', '>', 1), c('metric', 'b', '>', 2, 19), c('metric', 'c', '>', 3, 36)),
    ],
    ["params.opt IN ('adam', 'sgd')", c('param', 'opt', 'IN', ['adam', 'sgd'])],
    ["params.opt in ('adam')", c('param', 'opt', 'IN', ['adam'])],
    ["tags.env NOT IN ('dev', \"staging\")", c('tag', 'env', 'NOT IN', ['dev', 'staging'])],
    ["tags.env not in('dev')", c('tag', 'env', 'NOT IN', ['dev'])],
    ['metrics.acc BETWEEN 0.8 AND 0.9', and(c('metric', 'acc', '>=', 0.8), c('metric', 'acc', '<=', 0.9))],
    ['metrics.acc between -1 and 1', and(c('metric', 'acc', '>=', -1), c('metric', 'acc', '<=', 1))],
    ['attributes.start_time BETWEEN 100 AND 200', and(c('attribute', 'start_time', '>=', 100), c('attribute', 'start_time', '<=', 200))],
    [
      "metrics.acc BETWEEN 0.8 AND 0.9 AND params.m = 'x'",
      and(c('metric', 'acc', '>=', 0.8), c('metric', 'acc', '<=', 0.9), c('param', 'm', '=', 'x', 37)),
    ],
    [
      'metrics.a > 5 or metrics.acc between 1 and 2',
      or(c('metric', 'a', '>', 5), and(c('metric', 'acc', '>=', 1, 18), c('metric', 'acc', '<=', 2, 18))),
    ],
  ])('%s', (text, expected) => {
    expect(parseFilter(text)).toEqual(expected);
  });
});

describe('parseFilter — MLflow invalid filters', () => {
  // [filter, fragment of our message, 1-based position, offending token]
  it.each<[string, string, number, string]>([
    ['metric.acc >= 0.94; metrics.rmse < 1', "Unexpected ';'", 19, ';'],
    ['m.acc >= 0.94', "Invalid entity type 'm'", 1, 'm'],
    ['acc >= 0.94', "Invalid attribute key 'acc'", 1, 'acc'],
    ["p.model >= 'LR'", "Invalid entity type 'p'", 1, 'p'],
    ['attri.x != 1', "Invalid entity type 'attri'", 1, 'attri'],
    ['a.x != 1', "Invalid entity type 'a'", 1, 'a'],
    ["model >= 'LR'", "Invalid attribute key 'model'", 1, 'model'],
    ["metrics.A > 0.1 NAND params.B = 'LR'", "Unexpected 'NAND'", 17, 'NAND'],
    ['`metrics.A > 0.1', 'Unterminated quoted name', 1, '`metrics.A > 0.1'],
    ['param`.A > 0.1', 'Unterminated quoted name', 6, '`.A > 0.1'],
    ['`dummy.A > 0.1', 'Unterminated quoted name', 1, '`dummy.A > 0.1'],
    ['dummy`.A > 0.1', 'Unterminated quoted name', 6, '`.A > 0.1'],
    ['attribute.start != 1', "Invalid attribute key 'start'", 11, 'start'],
    ['attribute.experiment_id != 1', "Invalid attribute key 'experiment_id'", 11, 'experiment_id'],
    ["attribute.lifecycle_stage = 'ACTIVE'", "Invalid attribute key 'lifecycle_stage'", 11, 'lifecycle_stage'],
    ['attribute.name != 1', "Invalid attribute key 'name'", 11, 'name'],
    ['attribute.time != 1', "Invalid attribute key 'time'", 11, 'time'],
    ["attribute._status != 'RUNNING'", "Invalid attribute key '_status'", 11, '_status'],
    ['attribute.status = true', "Expected a quoted string for attribute.status at position 20, found 'true'", 20, 'true'],
    ["dataset.status = 'true'", "Invalid dataset key 'status'", 9, 'status'],
    ["dataset.profile = 'num_rows: 10'", "Invalid dataset key 'profile'", 9, 'profile'],
    ['metrics.acc IS NULL', 'IS NULL / IS NOT NULL is only supported for params and tags', 13, 'IS NULL'],
    ['attribute.status IS NULL', 'IS NULL / IS NOT NULL is only supported for params and tags', 18, 'IS NULL'],
    // test_error_comparison_clauses
    ["metric.model = 'LR'", 'Expected a number for metric metric.model', 16, "'LR'"],
    ["metric.model = '5'", 'Expected a number for metric metric.model', 16, "'5'"],
    ['params.acc = 5', 'Expected a quoted string for params.acc', 14, '5'],
    ['tags.acc = 5', 'Expected a quoted string for tags.acc', 12, '5'],
    ['metrics.acc != metrics.acc', 'Expected a number for metric metrics.acc', 16, 'metrics.acc'],
    ['1.0 > metrics.acc', 'Expected an identifier', 1, '1.0'],
    ['attribute.status = 1', 'Expected a quoted string for attribute.status', 20, '1'],
    // test_bad_quotes
    ['params.acc = LR', 'quote string values with single or double quotes', 14, 'LR'],
    ['tags.acc = LR', 'quote string values with single or double quotes', 12, 'LR'],
    ['params.acc = `LR`', 'quote string values with single or double quotes', 14, '`LR`'],
    ["params.'acc = LR", 'Unterminated string', 8, "'acc = LR"],
    ["params.acc = 'LR", 'Unterminated string', 14, "'LR"],
    ["params.acc = LR'", 'Unterminated string', 16, "'"],
    ['params.acc = "LR\'', 'Unterminated string', 14, '"LR\''],
    ['tags.acc = "LR\'', 'Unterminated string', 12, '"LR\''],
    ["tags.acc = = 'LR'", "Expected a quoted string for tags.acc at position 12, found '='", 12, '='],
    ["attribute.status IS 'RUNNING'", 'Expected NULL after', 21, "'RUNNING'"],
    // test_invalid_clauses
    ['params.acc LR !=', "Expected a comparator after params.acc at position 12, found 'LR'", 12, 'LR'],
    ['params.acc LR', "Expected a comparator after params.acc at position 12, found 'LR'", 12, 'LR'],
    ['metric.acc !=', 'Expected a number for metric metric.acc at position 14, found end of input', 14, ''],
    ['acc != 1.0', "Invalid attribute key 'acc'", 1, 'acc'],
    ['foo is null', "Invalid attribute key 'foo'", 1, 'foo'],
    ['1=1', 'Expected an identifier', 1, '1'],
    ['1==2', 'Expected an identifier', 1, '1'],
  ])('rejects %s', (text, fragment, position, token) => {
    const err = errorOf(text);
    expect(err.message).toContain(fragment);
    expect(err.message).toContain(`position ${position}`);
    expect(err.position).toBe(position);
    expect(err.token).toBe(token);
  });
});

describe('parseFilter — comparators per entity (MLflow test_bad_comparators)', () => {
  it.each<[string, string[], string, string]>([
    ['metrics', ['~', '~=', '<>', '==', 'LIKE', 'ILIKE', 'IN'], 'abc', '1.0'],
    ['params', ['>', '<', '>=', '<=', '~', 'BETWEEN'], 'abc', "'my-param-value'"],
    ['tags', ['>', '<', '>=', '<=', '~'], 'abc', "'my-tag-value'"],
    ['attributes', ['>', '<', '>=', '<=', '~'], 'status', "'my-tag-value'"],
    ['attributes', ['LIKE', 'ILIKE', 'IN'], 'start_time', '1234'],
    ['datasets', ['>', '<', '>=', '<=', '~'], 'name', "'my-dataset-name'"],
  ])('%s.%s rejects %j', (entity, ops, key, value) => {
    for (const op of ops) {
      const text = `${entity}.${key} ${op} ${value}`;
      const err = errorOf(text);
      const at = entity.length + key.length + 3;
      expect(err.message, text).toMatch(new RegExp(`^Invalid comparator '${op.toUpperCase()}' at position ${at} for ${entity}\\.${key}: `));
      expect(err.position).toBe(at);
    }
  });

  it('names the valid comparators, e.g. for a metric', () => {
    expect(errorOf('metrics.acc ~ 0.5').message).toBe(
      "Invalid comparator '~' at position 13 for metrics.acc: expected one of =, !=, <, <=, >, >=, BETWEEN",
    );
  });

  it('allows IN on run_id only among attributes', () => {
    expect(errorOf("attributes.status IN ('a')").message).toContain('IN / NOT IN on attributes is only supported for run_id');
  });

  it('rejects IS NULL on datasets and numeric attributes', () => {
    expect(errorOf('datasets.name IS NULL').message).toContain('only supported for params and tags');
    expect(errorOf('attributes.end_time IS NOT NULL').message).toContain('only supported for params and tags');
  });
});

describe('parseFilter — structural errors with positions', () => {
  it.each<[string, string, number]>([
    ['metrics.a > 1 and', 'found end of input', 18],
    ['and metrics.a > 1', "Unexpected 'and'", 1],
    ['metrics.a > 1 and and metrics.b > 1', "Unexpected 'and'", 19],
    ['metrics.a > 1 or', 'found end of input', 17],
    ['(metrics.a > 1', "Expected ')' to close the '(' at position 1", 15],
    ['metrics.a > 1)', "Unmatched ')'", 14],
    ['()', "Expected an identifier such as metrics.<key>, params.<key>, tags.<key> or attributes.<name> at position 2, found ')'", 2],
    ['metrics. > 1', "Expected a key after 'metrics.'", 9],
    ['metrics.a > 1 metrics.b > 2', "Unexpected 'metrics.b'", 15],
    ["params.a IN 'x'", "Expected '(' after 'IN'", 13],
    ['params.a IN ()', 'Empty list', 14],
    ["params.a IN ('x' 'y')", "Expected ',' or ')'", 18],
    ["params.a IN ('x',)", 'Expected a quoted string in the list', 18],
    ['params.a IN (1, 2)', 'Expected a quoted string in the list', 14],
    ["params.a NOT LIKE 'x'", "Expected 'in' after 'not'", 14],
    ["params.a = ('x')", "lists need IN or NOT IN", 12],
    ['metrics.a BETWEEN 1 2', "Expected 'and' in BETWEEN", 21],
    ["metrics.a BETWEEN 'x' AND 2", 'Expected a number', 19],
    ['params.a IS NOT 5', 'Expected NULL after', 17],
    ['metrics.a > 1 % 2', "Unexpected character '%'", 15],
    ['"metrics".a > 1', `Invalid entity type '"metrics"'`, 1],
    ['metrics."a".b > 1', 'quote the whole key', 9],
    ['datasets.name = 40', 'Expected a quoted string for datasets.name', 17],
    ["attributes.start_time = 'now'", 'Expected a number for numeric attribute attributes.start_time', 25],
  ])('%s', (text, fragment, position) => {
    const err = errorOf(text);
    expect(err.message).toContain(fragment);
    expect(err.position).toBe(position);
  });

  it('refuses absurd nesting with a syntax error instead of overflowing the stack', () => {
    const text = '('.repeat(1000) + 'metrics.a > 1' + ')'.repeat(1000);
    expect(errorOf(text).message).toContain('nested deeper than 64');
  });

  it('accepts nesting up to the limit', () => {
    const text = '('.repeat(64) + 'metrics.a > 1' + ')'.repeat(64);
    expect(parseFilter(text)).toEqual(c('metric', 'a', '>', 1, 65));
  });

  it('is a SearchSyntaxError carrying name, position and token', () => {
    const err = errorOf('metrics.acc ~ 1');
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('SearchSyntaxError');
    expect([err.position, err.token]).toEqual([13, '~']);
  });
});
