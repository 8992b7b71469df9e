/**
 * Run search on a large experiment, through the `searchRuns` service every door uses.
 *   npm run bench:search            (BENCH_PG_URL overrides postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_RUNS=500000 (default)  BENCH_ITER=30  BENCH_PAGE=100  KEEP_DB=1 keeps the database for EXPLAIN;
 *   BENCH_DB=<name> times the queries again on a kept database, without loading (it is not migrated:
 *   create indexes or statistics added since by hand, or load afresh).
 * Builds BENCH_RUNS runs × 20 params, 10 latest metrics and 5 tags in a scratch database with set-based
 * INSERT … SELECT (deterministic: values are hashes of the run number), rebuilds the indexes, ANALYZEs,
 * then times first pages of several filter/sort shapes, and pages 2 and 50 through page tokens.
 * Prints figures; asserts nothing.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openDb, setDbHandle } from '@/db/client';
import { migrateDb } from '@/db/migrate';
import { systemActor } from '@/lib/auth/actor';
import { searchRuns, type SearchRunsInput } from '@/lib/experiments/search-runs';

const ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RUNS = Number(process.env.BENCH_RUNS ?? 500_000);
const ITER = Number(process.env.BENCH_ITER ?? 30);
const PAGE = Number(process.env.BENCH_PAGE ?? 100);
const TARGET_P95_MS = 150;

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

async function adminQuery(text: string): Promise<void> {
  const c = new Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

/** A value in [0, 1) from a hash of the text: the same on every run of the benchmark. */
const U = (expr: string) => `((hashtext(${expr}) & 2147483647)::float8 / 2147483648)`;

async function load(url: string): Promise<{ experimentId: number; seconds: number }> {
  const c = new Client({ connectionString: url });
  await c.connect();
  const started = performance.now();
  const step = async (label: string, text: string) => {
    const t = performance.now();
    await c.query(text);
    console.log(`  ${label.padEnd(44)} ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  try {
    const { rows } = await c.query<{ id: string }>(`insert into experiments (name) values ('bench-search') returning id`);
    const e = Number(rows[0].id);
    // Secondary indexes and primary keys are rebuilt after the load (from their own definitions), and
    // foreign-key triggers are off for this session: a bulk load, not the service's write path.
    const { rows: defs } = await c.query<{ name: string; tbl: string; def: string; con: boolean }>(`
      select i.indexrelid::regclass::text as name, i.indrelid::regclass::text as tbl, pg_get_indexdef(i.indexrelid) as def,
             exists(select 1 from pg_constraint k where k.conindid = i.indexrelid) as con
      from pg_index i where i.indrelid in ('params'::regclass, 'run_tags'::regclass, 'latest_metrics'::regclass, 'runs'::regclass)`);
    const { rows: cons } = await c.query<{ tbl: string; name: string; def: string }>(`
      select conrelid::regclass::text as tbl, conname as name, pg_get_constraintdef(oid) as def from pg_constraint
      where conrelid in ('params'::regclass, 'run_tags'::regclass, 'latest_metrics'::regclass) and contype = 'p'`);
    for (const k of cons) await c.query(`alter table ${k.tbl} drop constraint ${k.name}`);
    for (const d of defs) if (!d.con) await c.query(`drop index ${d.name}`);
    await c.query(`set session_replication_role = replica; set maintenance_work_mem = '512MB'; set synchronous_commit = off`);

    await step(`runs (${RUNS.toLocaleString('en')})`, `
      insert into runs (id, experiment_id, name, status, start_time, end_time, user_name, artifact_uri, lifecycle_stage)
      select md5('run' || i), ${e}, 'run-' || i, (array['FINISHED','FINISHED','FINISHED','FAILED','RUNNING'])[1 + i % 5],
             1700000000000 + (i / 2) * 1000, case when i % 5 = 4 then null else 1700000000000 + (i / 2) * 1000 + (i % 997) * 10 end,
             'user' || (i % 50), 's3://bench/' || md5('run' || i), case when i % 100 = 99 then 'deleted' else 'active' end
      from generate_series(1, ${RUNS}) i`);
    await step('params (20 a run)', `
      insert into params (run_id, experiment_id, key, value)
      select md5('run' || i), ${e}, 'p' || k,
             case k when 0 then (array['adam','sgd','rmsprop','adagrad'])[1 + (hashtext(i || 'opt') & 3)]
                    when 1 then (array['0.1','0.03','0.01','0.003','0.001','0.0003','0.0001','0.00003','0.00001','0.000003'])[1 + (hashtext(i || 'lr') & 2147483647) % 10]
                    else ((hashtext(i || '-' || k) & 2147483647) % 1000)::text end
      from generate_series(1, ${RUNS}) i, generate_series(0, 19) k`);
    await step('latest_metrics (10 a run)', `
      insert into latest_metrics (run_id, experiment_id, key, value, step, timestamp, min_value, max_value)
      select md5('run' || i), ${e}, 'm' || k, v, 100, 1700000000000 + i, v, v
      from (select i, k, case when (hashtext(i || 'nan' || k) & 2147483647) % 10000 = 0 then 'NaN'::float8 else ${U(`i || 'm' || k`)} end as v
            from generate_series(1, ${RUNS}) i, generate_series(0, 9) k) s`);
    await step('run_tags (5 a run)', `
      insert into run_tags (run_id, experiment_id, key, value)
      select md5('run' || i), ${e}, 't' || k,
             case k when 0 then (array['vision','nlp','speech','ranking','infra'])[1 + (hashtext(i || 'team') & 2147483647) % 5]
                    when 1 then 'trial ' || i || ' of sweep ' || (i % 100) else md5(i || 't' || k) end
      from generate_series(1, ${RUNS}) i, generate_series(0, 4) k`);
    await c.query(`set session_replication_role = origin`);
    const t = performance.now();
    for (const k of cons) await c.query(`alter table ${k.tbl} add constraint ${k.name} ${k.def}`);
    for (const d of defs) if (!d.con) await c.query(d.def);
    console.log(`  ${'indexes and primary keys rebuilt'.padEnd(44)} ${((performance.now() - t) / 1000).toFixed(1)} s`);
    await step('ANALYZE', 'analyze');
    return { experimentId: e, seconds: (performance.now() - started) / 1000 };
  } finally {
    await c.end();
  }
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function time(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number; rows: number }> {
  let rows = 0;
  for (let i = 0; i < 3; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < ITER; i++) {
    const t = performance.now();
    const out = (await fn()) as { runs: unknown[] };
    ms.push(performance.now() - t);
    rows = out.runs.length;
  }
  ms.sort((a, b) => a - b);
  return { p50: pct(ms, 50), p95: pct(ms, 95), rows };
}

async function main() {
  const reuse = process.env.BENCH_DB;
  const name = reuse ?? `modelkeep_bench_search_${randomBytes(4).toString('hex')}`;
  if (!reuse) await adminQuery(`create database ${name}`);
  const url = withDatabase(ADMIN_URL, name);
  const handle = await openDb({ url, poolSize: 4 });
  setDbHandle(handle);
  try {
    let experimentId: number;
    if (reuse) {
      const c = new Client({ connectionString: url });
      await c.connect();
      const { rows } = await c.query<{ id: string }>(`select id from experiments where name = 'bench-search'`);
      await c.end();
      experimentId = Number(rows[0].id);
      console.log(`Timing on the kept database ${name}`);
    } else {
      await migrateDb(handle);
      console.log(`Loading ${RUNS.toLocaleString('en')} runs into ${name}`);
      const loaded = await load(url);
      experimentId = loaded.experimentId;
      console.log(`  ${'total load'.padEnd(44)} ${loaded.seconds.toFixed(1)} s\n`);
    }

    const actor = systemActor();
    const base = { experimentIds: [String(experimentId)], maxResults: PAGE };
    const call = (input: Partial<SearchRunsInput>) => () => searchRuns(actor, { ...base, ...input });
    const tokenFor = async (input: Partial<SearchRunsInput>, page: number): Promise<string> => {
      let token: string | undefined;
      for (let p = 1; p < page; p++) token = (await searchRuns(actor, { ...base, ...input, pageToken: token })).nextPageToken ?? undefined;
      if (!token) throw new Error('ran out of pages');
      return token;
    };

    const shapes: [string, Partial<SearchRunsInput>][] = [
      ['default order (start_time DESC)', {}],
      ['metric filter: metrics.m0 > 0.9', { filter: 'metrics.m0 > 0.9' }],
      ["metric + param: m1 < 0.2 and p0 = 'adam'", { filter: "metrics.m1 < 0.2 and params.p0 = 'adam'" }],
      ["selective: m1 < 0.002 and p0 = 'adam'", { filter: "metrics.m1 < 0.002 and params.p0 = 'adam'" }],
      ["tag LIKE: tags.t1 LIKE 'trial 12%'", { filter: "tags.t1 LIKE 'trial 12%'" }],
      ["tag LIKE, many: tags.t1 LIKE 'trial 4%'", { filter: "tags.t1 LIKE 'trial 4%'" }],
      ['order by metrics.m2 DESC', { orderBy: ['metrics.m2 DESC'] }],
      ['order by params.p1 ASC', { orderBy: ['params.p1 ASC'] }],
      ['order by params.p2 DESC (1000 values)', { orderBy: ['params.p2 DESC'] }],
      ["filter + order: p0 = 'sgd', metrics.m3 ASC", { filter: "params.p0 = 'sgd'", orderBy: ['metrics.m3 ASC'] }],
    ];
    const results: [string, Awaited<ReturnType<typeof time>>][] = [];
    for (const [label, input] of shapes) results.push([label, await time(call(input))]);
    for (const [label, input, page] of [
      ['page 2, default order', {}, 2],
      ['page 50, default order', {}, 50],
      ['page 2, order by metrics.m2 DESC', { orderBy: ['metrics.m2 DESC'] }, 2],
      ['page 50, order by metrics.m2 DESC', { orderBy: ['metrics.m2 DESC'] }, 50],
      ['page 50, metric filter m0 > 0.9', { filter: 'metrics.m0 > 0.9' }, 50],
      ['page 50, order by params.p1 ASC', { orderBy: ['params.p1 ASC'] }, 50],
    ] as [string, Partial<SearchRunsInput>, number][]) {
      const pageToken = await tokenFor(input, page);
      results.push([label, await time(call({ ...input, pageToken }))]);
    }

    console.log(`searchRuns, ${PAGE} runs a page (with params, metrics, tags), ${ITER} timed calls each after 3 warm-up calls`);
    console.log(`${'shape'.padEnd(46)} ${'rows'.padStart(5)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)}  target p95 ≤ ${TARGET_P95_MS} ms`);
    for (const [label, r] of results) {
      console.log(`${label.padEnd(46)} ${String(r.rows).padStart(5)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)}  ${r.p95 <= TARGET_P95_MS ? 'ok' : 'MISSED'}`);
    }
    console.log(`\nRSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
  } finally {
    await handle.close();
    if (process.env.KEEP_DB === '1' || reuse) console.log(`kept database ${name} (${url})`);
    else await adminQuery(`drop database if exists ${name} with (force)`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
