/**
 * Run comparison at scale on a real PostgreSQL server.
 *   npm run bench:compare          (BENCH_PG_URL overrides postgres://postgres@127.0.0.1:5432/postgres)
 * Creates a scratch database, loads it with set-based INSERT … SELECT over unnest/generate_series (the
 * server generates the rows; no per-row round trips), and drops it at the end. Prints figures; asserts nothing.
 *  1. curves: 100 runs × 10,000 steps × 3 metrics (3M history rows, their bucket summaries rebuilt as the
 *     migration does) → getComparisonCurves, the response the browser gets (min/max downsampled from the
 *     summaries, at most 1,000 points per line), full range, zoomed ranges, relative time;
 *     p50/p95 and the bytes of the JSON;
 *     BENCH_LAYOUT=interleaved stores the history step by step across runs (every page holds many runs),
 *     the worst case for reading one run's series;
 *  2. diff table: 1,000 runs × 20 params × 10 metrics → getComparison by run ids and by filter; p50/p95, bytes.
 * BENCH_ONLY=diff|curves times one half; BENCH_ITERATIONS sets the timed calls (20).
 * Targets (issue): curves p95 ≤ 300 ms, diff table p95 ≤ 200 ms.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { sql } from 'drizzle-orm';
import { openDb, setDbHandle, type DbHandle } from '@/db/client';
import { migrateDb } from '@/db/migrate';
import { systemActor, type Actor } from '@/lib/auth/actor';
import { getComparison } from '@/lib/compare/get-comparison';
import { getComparisonCurves } from '@/lib/compare/get-comparison-curves';
import { createExperiment } from '@/lib/experiments/create-experiment';
import { rebuildMetricRollups } from '@/lib/experiments/get-metric-history-rollups';
import { createUser } from '@/lib/users/create-user';

const ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 20);
const WARMUP = 3;
const CURVE_RUNS = 100;
const STEPS = 10_000;
const CURVE_KEYS = ['loss', 'val_loss', 'accuracy'];
const DIFF_RUNS = 1000;
/** `runs` (default): history stored run by run, as logBatch writes a run's batches; `interleaved`: 100 runs logging the same step at once. */
/** `diff` or `curves` runs only that half (`diff` also skips loading the history). */
const ONLY = process.env.BENCH_ONLY ?? '';
const LAYOUT = process.env.BENCH_LAYOUT === 'interleaved' ? 'interleaved' : 'runs';
const PARAMS = 20;
const METRICS = 10;

const runId = (prefix: string, i: number) => `${prefix}${i.toString(16).padStart(32 - prefix.length, '0')}`;

function percentile(sorted: number[], p: number): number {
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx];
}

async function measure<T>(label: string, call: () => Promise<T>): Promise<T> {
  let last: T | undefined;
  for (let i = 0; i < WARMUP; i++) last = await call();
  const ms: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const t = performance.now();
    last = await call();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const bytes = Buffer.byteLength(JSON.stringify(last));
  console.log(`${label.padEnd(52)}${percentile(ms, 50).toFixed(1).padStart(9)}${percentile(ms, 95).toFixed(1).padStart(9)}${(bytes / 1024).toFixed(0).padStart(10)} KiB`);
  return last as T;
}

async function main() {
  const name = `modelkeep_bench_compare_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  let handle: DbHandle | null = null;
  try {
    handle = await openDb({ url: url.toString(), poolSize: 10 });
    await migrateDb(handle);
    setDbHandle(handle);
    const db = handle.db;
    const user = await createUser(systemActor(), { email: 'bench@example.test', name: 'Bench', role: 'viewer', password: 'bench-password-123' });
    const actor: Actor = { kind: 'user', userId: user.id, email: user.email, name: user.name, role: 'viewer', meta: { requestId: null, ip: null, userAgent: 'bench' } };
    const curvesExp = Number((await createExperiment(systemActor(), { name: 'compare-curves' })).id);
    const diffExp = Number((await createExperiment(systemActor(), { name: 'compare-diff' })).id);
    const t0 = 1_760_000_000_000;

    let t = performance.now();
    await db.execute(sql`SELECT setseed(0.42)`);
    const curveIds = Array.from({ length: CURVE_RUNS }, (_, i) => runId('c', i));
    await db.execute(sql`INSERT INTO runs (id, experiment_id, name, status, start_time)
      SELECT id, ${curvesExp}, 'curve-' || ord, 'FINISHED', ${t0}::bigint + ord * 60000 FROM unnest(${sql.param(curveIds)}::text[]) WITH ORDINALITY AS u(id, ord)`);
    // Noisy decaying curves with a rare one-step spike, one point per step and key, one second apart.
    if (ONLY !== 'diff') await db.execute(sql`INSERT INTO metric_history (run_id, key, step, timestamp, value)
      SELECT r.id, k.key, s, ${t0}::bigint + r.ord * 60000 + s * 1000,
        CASE WHEN random() < 0.0005 THEN 10 ELSE exp(-s / 3000.0) * (0.5 + r.ord / 200.0) + random() * 0.05 END
      FROM unnest(${sql.param(curveIds)}::text[]) WITH ORDINALITY AS r(id, ord)
      CROSS JOIN unnest(${sql.param(CURVE_KEYS)}::text[]) AS k(key)
      CROSS JOIN generate_series(0, ${STEPS - 1}) AS s
      ORDER BY ${LAYOUT === 'interleaved' ? sql`s, r.ord, k.key` : sql`r.ord, k.key, s`}`);
    const loadCurves = performance.now() - t;
    // The rows went around writeMetrics, so build their bucket summaries as the migration does for old history.
    t = performance.now();
    if (ONLY !== 'diff') await db.transaction((tx) => rebuildMetricRollups(tx as unknown as typeof db, curveIds));
    const rollupSeconds = (performance.now() - t) / 1000;
    await db.execute(sql`VACUUM ANALYZE metric_history`);
    await db.execute(sql`VACUUM ANALYZE metric_history_rollups`);

    t = performance.now();
    const diffIds = Array.from({ length: DIFF_RUNS }, (_, i) => runId('d', i));
    await db.execute(sql`INSERT INTO runs (id, experiment_id, name, status, start_time)
      SELECT id, ${diffExp}, 'run-' || ord, 'FINISHED', ${t0}::bigint + ord * 1000 FROM unnest(${sql.param(diffIds)}::text[]) WITH ORDINALITY AS u(id, ord)`);
    await db.execute(sql`INSERT INTO params (run_id, experiment_id, key, value)
      SELECT r.id, ${diffExp}, 'param_' || p, CASE WHEN p <= 5 THEN 'same' ELSE (floor(random() * 50))::text END
      FROM unnest(${sql.param(diffIds)}::text[]) AS r(id) CROSS JOIN generate_series(1, ${PARAMS}) AS p`);
    await db.execute(sql`INSERT INTO latest_metrics (run_id, experiment_id, key, value, step, timestamp, min_value, max_value)
      SELECT r.id, ${diffExp}, 'metric_' || m, v, 100, ${t0}, v - 0.1, v + 0.1
      FROM unnest(${sql.param(diffIds)}::text[]) AS r(id) CROSS JOIN generate_series(1, ${METRICS}) AS m CROSS JOIN LATERAL (SELECT random() + m * 0 AS v) x`);
    await db.execute(sql`ANALYZE`);
    const loadDiff = performance.now() - t;

    console.log(`run comparison, PostgreSQL at ${url.host}, ${ITERATIONS} timed calls after ${WARMUP} warm-up`);
    console.log(`history layout: ${LAYOUT}; bucket summaries rebuilt from it in ${rollupSeconds.toFixed(1)} s`);
    console.log(`load: ${ONLY === "diff" ? 0 : (CURVE_RUNS * STEPS * CURVE_KEYS.length).toLocaleString('en-US')} history rows in ${(loadCurves / 1000).toFixed(1)} s; ${DIFF_RUNS} runs × ${PARAMS} params × ${METRICS} metrics in ${(loadDiff / 1000).toFixed(1)} s`);
    console.log('case                                                   p50 ms   p95 ms      JSON');
    if (ONLY !== 'diff') await measureCurves(actor, curveIds);
    if (ONLY !== 'curves') {
      await measure(`diff table: ${DIFF_RUNS} runs by id`, () => getComparison(actor, { runIds: diffIds }));
      await measure(`diff table: ${DIFF_RUNS} runs by filter`, () => getComparison(actor, { experimentIds: [diffExp], filter: "params.param_1 = 'same'" }));
    }
    console.log(`RSS: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
  } finally {
    await handle?.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function measureCurves(actor: Actor, curveIds: string[]) {
  {
    const full = await measure(`curves: ${CURVE_RUNS} runs × ${CURVE_KEYS.length} keys × ${STEPS} steps, 1000 pts/line`, () =>
      getComparisonCurves(actor, { runIds: curveIds, keys: CURVE_KEYS, maxPoints: 1000 }),
    );
    const longest = Math.max(...full.series.map((s) => s.points.length));
    console.log(`  ${full.series.length} lines, longest ${longest} points, ${full.series.reduce((n, s) => n + s.bands.length, 0)} bands`);
    await measure('curves: same, zoomed to steps 4000–4500', () => getComparisonCurves(actor, { runIds: curveIds, keys: CURVE_KEYS, maxPoints: 1000, range: { min: 4000, max: 4500 } }));
    await measure('curves: same, zoomed to steps 2000–3999 (read raw)', () => getComparisonCurves(actor, { runIds: curveIds, keys: CURVE_KEYS, maxPoints: 1000, range: { min: 2000, max: 3999 } }));
    await measure('curves: same, 2000 pts/line', () => getComparisonCurves(actor, { runIds: curveIds, keys: CURVE_KEYS, maxPoints: 2000 }));
    await measure('curves: same, relative time, full range', () => getComparisonCurves(actor, { runIds: curveIds, keys: CURVE_KEYS, maxPoints: 1000, xAxis: 'relative' }));
    await measure('curves: same, relative time, zoomed to 1000–6000 s', () =>
      getComparisonCurves(actor, { runIds: curveIds, keys: CURVE_KEYS, maxPoints: 1000, xAxis: 'relative', range: { min: 1_000_000, max: 6_000_000 } }),
    );
    await measure('curves: 1 key, 100 runs, 1000 pts/line', () => getComparisonCurves(actor, { runIds: curveIds, keys: ['loss'], maxPoints: 1000 }));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
