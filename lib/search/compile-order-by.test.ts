import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { SearchSyntaxError } from './ast';
import { compileOrderBy, isValidTermValue, keysetAfter, orderBySql } from './compile-order-by';
import { parseOrderBy } from './parse-order-by';

const dialect = new PgDialect();
const plan = (...items: string[]) => compileOrderBy(parseOrderBy(items));

describe('compileOrderBy', () => {
  it('orders by start_time DESC NULLS LAST then run id by default, exactly the runs index order', () => {
    const [phase] = plan().phases;
    expect(dialect.sqlToQuery(orderBySql(phase.terms)).sql).toBe('"runs"."start_time" DESC NULLS LAST, "runs"."id" ASC');
  });

  it('walks latest_metrics for a metric: numbers, then NaN, then runs without the metric', () => {
    const { phases } = plan('metrics.acc DESC');
    expect(phases.map((p) => p.name)).toEqual(['values', 'nan', 'missing']);
    const [values, nan, missing] = phases.map((p) => ({
      join: p.join && dialect.sqlToQuery(p.join),
      where: p.where && dialect.sqlToQuery(p.where),
      order: dialect.sqlToQuery(orderBySql(p.terms)).sql,
    }));
    expect(values.join?.sql).toBe('JOIN "latest_metrics" "sk" ON "sk"."run_id" = "runs"."id" AND "sk"."experiment_id" = "runs"."experiment_id" AND "sk"."key" = $1');
    expect(values.join?.params).toEqual(['acc']);
    expect(values.where?.sql).toBe('"sk"."value" < \'NaN\'::float8');
    expect(values.order).toBe('"sk"."value" DESC, "runs"."start_time" DESC NULLS LAST, "runs"."id" ASC');
    expect(nan.where?.sql).toBe('"sk"."value" = \'NaN\'::float8');
    expect(nan.order).toBe('"runs"."start_time" DESC NULLS LAST, "runs"."id" ASC');
    expect(missing.join).toBeUndefined();
    expect(missing.where?.sql).toBe('NOT EXISTS (SELECT 1 FROM "latest_metrics" "mk" WHERE "mk"."run_id" = "runs"."id" AND "mk"."key" = $1)');
  });

  it('walks params as strings, then runs without the param', () => {
    const { phases } = plan('params.lr');
    expect(phases.map((p) => p.name)).toEqual(['values', 'missing']);
    expect(dialect.sqlToQuery(orderBySql(phases[0].terms)).sql).toBe('"sk"."value" ASC, "runs"."start_time" DESC NULLS LAST, "runs"."id" ASC');
    expect(phases[0].terms[0].type).toBe('text');
  });

  it('lets a param’s distinct values be walked in order, from a bound and beyond a value', () => {
    const [asc] = plan('params.lr').phases;
    const first = dialect.sqlToQuery(asc.walk!.next(sql`7`, undefined, sql`'0.1'`));
    expect(first.sql).toBe('(SELECT "wk"."value" FROM "params" "wk" WHERE "wk"."experiment_id" = 7 AND "wk"."key" = $1 AND "wk"."value" >= \'0.1\' ORDER BY "wk"."value" ASC LIMIT 1)');
    const [desc] = plan('tags.team DESC').phases;
    const next = dialect.sqlToQuery(desc.walk!.next(sql`7`, sql`wv.v`, undefined));
    expect(next.sql).toBe('(SELECT "wk"."value" FROM "run_tags" "wk" WHERE "wk"."experiment_id" = 7 AND "wk"."key" = $1 AND "wk"."value" < wv.v ORDER BY "wk"."value" DESC LIMIT 1)');
    expect(plan('metrics.acc').phases.some((p) => p.walk)).toBe(false);
  });

  it('splits a nullable attribute into values and NULLs, and drops the redundant tie-break', () => {
    const { phases } = plan('attributes.end_time DESC');
    expect(phases.map((p) => p.name)).toEqual(['values', 'missing']);
    expect(dialect.sqlToQuery(phases[0].where!).sql).toBe('"runs"."end_time" IS NOT NULL');
    expect(dialect.sqlToQuery(orderBySql(plan('attributes.start_time ASC').phases[0].terms)).sql).toBe('"runs"."start_time" ASC NULLS FIRST, "runs"."id" ASC');
  });

  it('sorts later metric keys as number < NaN < missing through lookups on the primary key', () => {
    const [values] = plan('params.p', 'metrics.m DESC').phases;
    expect(dialect.sqlToQuery(orderBySql(values.terms)).sql).toBe(
      '"sk"."value" ASC, (SELECT "o1"."value" = \'NaN\'::float8 FROM "latest_metrics" "o1" WHERE "o1"."run_id" = "runs"."id" AND "o1"."key" = $1) ASC NULLS LAST, ' +
        '(SELECT "o1"."value" FROM "latest_metrics" "o1" WHERE "o1"."run_id" = "runs"."id" AND "o1"."key" = $2) DESC NULLS LAST, "runs"."start_time" DESC NULLS LAST, "runs"."id" ASC',
    );
  });

  it('refuses the same key twice', () => {
    expect(() => plan('metrics.a', 'metrics.a DESC')).toThrow(SearchSyntaxError);
  });
});

describe('keysetAfter', () => {
  it('bounds the first term for the index and breaks ties term by term, with values as typed parameters', () => {
    const [phase] = plan().phases;
    const q = dialect.sqlToQuery(keysetAfter(phase.terms, ['1700', 'abc']));
    expect(q.sql).toBe(
      '("runs"."start_time" <= $1::bigint AND ("runs"."start_time" < $2::bigint OR ("runs"."start_time" = $3::bigint AND ("runs"."id" > $4::text OR ("runs"."id" = $5::text AND FALSE)))))',
    );
    expect(q.params).toEqual(['1700', '1700', '1700', 'abc', 'abc']);
  });

  it('treats NULL as after every value (NULLS LAST)', () => {
    const [values] = plan('params.p', 'params.q').phases;
    const q = dialect.sqlToQuery(keysetAfter(values.terms, ['a', null, '5', 'id1']));
    expect(q.sql).toContain('("sk"."value" = $3::text AND ((SELECT "o1"."value" FROM "params" "o1" WHERE "o1"."run_id" = "runs"."id" AND "o1"."key" = $4) IS NULL AND');
    const q2 = dialect.sqlToQuery(keysetAfter(values.terms, ['a', 'x', '5', 'id1']));
    expect(q2.sql).toContain('> $5::text OR (SELECT "o1"."value" FROM "params" "o1" WHERE "o1"."run_id" = "runs"."id" AND "o1"."key" = $6) IS NULL)');
  });

  it('checks token values against the term types', () => {
    const [values] = plan('metrics.m').phases;
    expect(isValidTermValue(values.terms[0], '0.25')).toBe(true);
    expect(isValidTermValue(values.terms[0], '-Infinity')).toBe(true);
    expect(isValidTermValue(values.terms[0], "1; drop")).toBe(false);
    expect(isValidTermValue(values.terms[0], null)).toBe(false);
    expect(isValidTermValue(values.terms[1], '12.5')).toBe(false);
    expect(isValidTermValue(values.terms[1], 17)).toBe(false);
  });
});
