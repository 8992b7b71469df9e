import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { compileFilter, compareMetricValue } from './compile-filter';
import { parseFilter } from './parse-filter';
import { sql } from 'drizzle-orm';

const dialect = new PgDialect();
const toQuery = (filter: string) => {
  const compiled = compileFilter(parseFilter(filter));
  if (!compiled) throw new Error('no filter');
  return dialect.sqlToQuery(compiled);
};

describe('compileFilter', () => {
  it('compiles no filter to nothing', () => {
    expect(compileFilter(parseFilter(''))).toBeUndefined();
    expect(compileFilter(null)).toBeUndefined();
  });

  it('compares a metric through an EXISTS on latest_metrics, key and value as parameters', () => {
    const q = toQuery('metrics.acc > 0.9');
    expect(q.sql).toBe(
      'EXISTS (SELECT 1 FROM "latest_metrics" "f0" WHERE "f0"."run_id" = "runs"."id" AND "f0"."experiment_id" = "runs"."experiment_id" AND "f0"."key" = $1 AND ("f0"."value" > $2 AND "f0"."value" < \'NaN\'::float8))',
    );
    expect(q.params).toEqual(['acc', 0.9]);
  });

  it('lets a NaN latest value match where MLflow’s stored 0 would (= 0, < 1, >= -1) and not elsewhere', () => {
    const text = (op: '=' | '!=' | '<' | '<=' | '>' | '>=', v: number) => dialect.sqlToQuery(compareMetricValue(sql.raw('v'), op, v)).sql;
    expect(text('=', 0)).toBe('(v = $1 OR v = \'NaN\'::float8)');
    expect(text('=', 1)).toBe('v = $1');
    expect(text('<', 1)).toBe('(v < $1 OR v = \'NaN\'::float8)');
    expect(text('<', 0)).toBe('v < $1');
    expect(text('<=', 0)).toBe('(v <= $1 OR v = \'NaN\'::float8)');
    expect(text('>', -1)).toBe('v > $1');
    expect(text('>', 0)).toBe('(v > $1 AND v < \'NaN\'::float8)');
    expect(text('>=', 0)).toBe('v >= $1');
    expect(text('>=', 0.5)).toBe('(v >= $1 AND v < \'NaN\'::float8)');
    expect(text('!=', 0)).toBe('(v <> $1 AND v <> \'NaN\'::float8)');
    expect(text('!=', 2)).toBe('v <> $1');
  });

  it('compares params and tags as strings and requires the key to exist, also for != and NOT IN', () => {
    const q = toQuery("params.opt != 'adam' and tags.team NOT IN ('a', 'b')");
    expect(q.sql).toBe(
      '(EXISTS (SELECT 1 FROM "params" "f0" WHERE "f0"."run_id" = "runs"."id" AND "f0"."experiment_id" = "runs"."experiment_id" AND "f0"."key" = $1 AND "f0"."value" <> $2)' +
        ' AND EXISTS (SELECT 1 FROM "run_tags" "f1" WHERE "f1"."run_id" = "runs"."id" AND "f1"."experiment_id" = "runs"."experiment_id" AND "f1"."key" = $3 AND "f1"."value" NOT IN ($4, $5)))',
    );
    expect(q.params).toEqual(['opt', 'adam', 'team', 'a', 'b']);
  });

  it('keeps LIKE case-sensitive and ILIKE not, with the pattern as a parameter', () => {
    expect(toQuery("tags.note LIKE '%Big%'").sql).toContain('"f0"."value" LIKE $2');
    expect(toQuery("tags.note ILIKE '%big%'").sql).toContain('"f0"."value" ILIKE $2');
    expect(toQuery("tags.note LIKE '%Big%'").params).toEqual(['note', '%Big%']);
  });

  it('compares attributes on runs columns, run_id IN and user_id as the reported user name', () => {
    const q = toQuery("attributes.run_id IN ('a1', 'b2') and attributes.status = 'FINISHED' and attributes.user_id = 'ann' and attributes.start_time >= 5");
    expect(q.sql).toBe('("runs"."id" IN ($1, $2) AND "runs"."status" = $3 AND "runs"."user_name" = $4 AND "runs"."start_time" >= $5)');
    expect(q.params).toEqual(['a1', 'b2', 'FINISHED', 'ann', 5]);
  });

  it('asks whether the key exists for IS NULL / IS NOT NULL on params and tags', () => {
    expect(toQuery('params.lr IS NULL').sql).toBe(
      'NOT EXISTS (SELECT 1 FROM "params" "f0" WHERE "f0"."run_id" = "runs"."id" AND "f0"."experiment_id" = "runs"."experiment_id" AND "f0"."key" = $1)',
    );
    expect(toQuery('tags.t IS NOT NULL').sql).toMatch(/^EXISTS \(SELECT 1 FROM "run_tags" "f0" WHERE .* AND "f0"."key" = \$1\)$/);
  });

  it('nests or and parentheses as written', () => {
    const q = toQuery("metrics.a < 1 and (params.p = 'x' or tags.t = 'y')");
    expect(q.sql).toMatch(/^\(EXISTS \(.*\) AND \(EXISTS \(SELECT 1 FROM "params" "f1" .*\) OR EXISTS \(SELECT 1 FROM "run_tags" "f2" .*\)\)\)$/);
    expect(q.params).toEqual(['a', 1, 'p', 'x', 't', 'y']);
  });

  it('matches datasets through run_inputs and datasets', () => {
    const q = toQuery("datasets.name = 'iris' and datasets.context = 'training'");
    expect(q.sql).toBe(
      '(EXISTS (SELECT 1 FROM "run_inputs" "f0" JOIN "datasets" "f1" ON "f1"."id" = "f0"."dataset_id" WHERE "f0"."run_id" = "runs"."id" AND "f1"."name" = $1)' +
        ' AND EXISTS (SELECT 1 FROM "run_inputs" "f2" JOIN "datasets" "f3" ON "f3"."id" = "f2"."dataset_id" WHERE "f2"."run_id" = "runs"."id" AND "f2"."context" = $2))',
    );
    expect(q.params).toEqual(['iris', 'training']);
  });

  it('never puts a value into the SQL text, even one that looks like SQL', () => {
    const evil = "x'); DROP TABLE runs; --";
    const q = toQuery(`params.p = "${evil}"`);
    expect(q.sql).not.toContain('DROP');
    expect(q.params).toContain(evil);
  });
});
