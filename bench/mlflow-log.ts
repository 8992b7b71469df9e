/**
 * Logging latency through the MLflow door and through /api/v1, over HTTP, against a production server.
 *   NEXT_DIST_DIR=.next-e2e-mlflow npx next build     (once; scripts/e2e-local.sh mlflow … builds the same folder)
 *   npm run bench:mlflow                              (BENCH_DIST_DIR, BENCH_PG_URL, BENCH_METRIC_CALLS, BENCH_BATCH_CALLS)
 * Starts `next start` from that build on a free port and a scratch PostgreSQL database (dropped at the end),
 * makes a scientist and an API token through the services, then measures sequential calls from one client:
 *   - single `log-metric` calls (MLflow `POST /api/2.0/mlflow/runs/log-metric` vs `POST /api/v1/runs/{id}/metrics`);
 *   - `log-batch` of 1,000 metrics (MLflow `runs/log-batch` vs `POST /api/v1/runs/{id}/batch`).
 * Targets: log-batch(1000) p95 ≤ 50 ms, log-metric p95 ≤ 5 ms. Prints figures; asserts nothing.
 * Beside them, the floors a single call cannot go under on this machine:
 *   - Next alone: a trivial route (GET /api/health), and the same log-metric route without credentials
 *     (401 from the MLflow door before any database work);
 *   - PostgreSQL alone: `select 1`, and one insert committed durably (the WAL flush every write call pays);
 * and, in process (no HTTP), the time of each database statement of `authenticateToken` + `logMetricPoint`
 * — the MLflow log-metric path — so a change can be traced to the statement it saves (BENCH_PHASE_CALLS).
 * BENCH_ASYNC_COMMIT=1 sets `synchronous_commit = off` on the scratch database, to separate disk flushes from the rest.
 * The load average is printed with the figures: on a busy machine they mean little.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import pg, { Client } from 'pg';
import { openDb, setDbHandle } from '@/db/client';
import { systemActor } from '@/lib/auth/actor';
import { authenticateToken } from '@/lib/auth/authenticate';
import { logMetricPoint } from '@/lib/experiments/log-metric';
import { createToken } from '@/lib/tokens/create-token';
import { createUser } from '@/lib/users/create-user';

const ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DIST_DIR = process.env.BENCH_DIST_DIR ?? '.next-e2e-mlflow';
const METRIC_CALLS = Number(process.env.BENCH_METRIC_CALLS ?? 2000);
const BATCH_CALLS = Number(process.env.BENCH_BATCH_CALLS ?? 100);
const PHASE_CALLS = Number(process.env.BENCH_PHASE_CALLS ?? 500);
const WARMUP = 50;
const BATCH_SIZE = 1000;

// Fixed seed: every run logs the same values.
let seed = 0x5eed_1234;
function rand(): number {
  seed = (seed * 1_103_515_245 + 12_345) >>> 0;
  return seed / 2 ** 32;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

async function admin(query: string): Promise<void> {
  const c = new Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}

async function waitReady(base: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      const res = await fetch(`${base}/api/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server not ready after 120 s');
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

interface Figures {
  name: string;
  n: number;
  perSecond: number;
  p50: number;
  p95: number;
  target: number;
}

async function measure(name: string, n: number, target: number, call: (i: number) => Promise<Response>, expectStatus?: number): Promise<Figures> {
  return timeCalls(name, n, target, async (i) => check(await call(i), expectStatus));
}

async function timeCalls(name: string, n: number, target: number, call: (i: number) => Promise<unknown>): Promise<Figures> {
  for (let i = 0; i < WARMUP; i++) await call(-1 - i);
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await call(i);
    times.push(performance.now() - t);
  }
  const total = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { name, n, perSecond: n / total, p50: percentile(times, 50), p95: percentile(times, 95), target };
}

async function check(res: Response, expectStatus?: number): Promise<void> {
  const text = await res.text();
  if (expectStatus !== undefined ? res.status !== expectStatus : res.status >= 300) throw new Error(`HTTP ${res.status}: ${text.slice(0, 300)}`);
}

/**
 * Times every statement node-postgres sends while `fn` runs (keyed by the statement's first words), by
 * wrapping Client#query for the duration. Bench only: it sees this process's pool, not the server's.
 */
async function statementTimes(fn: () => Promise<void>): Promise<Map<string, number[]>> {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const times = new Map<string, number[]>();
  proto.query = function (this: unknown, ...args: unknown[]) {
    const q = args[0] as string | { text?: string };
    const text = (typeof q === 'string' ? q : (q?.text ?? '')).replace(/\s+/g, ' ').trim().slice(0, 48);
    const started = performance.now();
    const record = () => times.set(text, [...(times.get(text) ?? []), performance.now() - started]);
    // Pool#query calls Client#query with a callback; drizzle's transactions await the promise form.
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const callback = args[last] as (...r: unknown[]) => unknown;
      args[last] = (...r: unknown[]) => {
        record();
        return callback(...r);
      };
    }
    const result = original.apply(this, args);
    if (result instanceof Promise) void result.then(record, () => undefined);
    return result;
  };
  try {
    await fn();
  } finally {
    proto.query = original;
  }
  return times;
}

async function main() {
  if (!existsSync(path.join(DIST_DIR, 'BUILD_ID'))) {
    console.error(`No production build in ${DIST_DIR}. Build one first: NEXT_DIST_DIR=${DIST_DIR} npx next build`);
    process.exit(1);
  }
  const dbName = `modelkeep_bench_mlflow_${randomBytes(4).toString('hex')}`;
  const dbUrl = withDatabase(ADMIN_URL, dbName);
  const artifacts = mkdtempSync(path.join(tmpdir(), 'bench-mlflow-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  await admin(`create database ${dbName}`);
  // BENCH_ASYNC_COMMIT=1: commits stop waiting for the WAL flush, which shows how much of a call is the disk.
  if (process.env.BENCH_ASYNC_COMMIT === '1') await admin(`alter database ${dbName} set synchronous_commit = off`);
  const server = spawn(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(port), '-H', '127.0.0.1'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NODE_OPTIONS: '',
      NEXT_DIST_DIR: DIST_DIR,
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: dbUrl,
      ARTIFACTS_DIR: artifacts,
      AUTH_SECRET: 'bench-only-secret-0123456789abcdef0123456789',
      MODELKEEP_ADMIN_EMAIL: 'bench-admin@modelkeep.local',
      MODELKEEP_ADMIN_PASSWORD: 'bench-admin-password',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    // Its own process group, so that stopping the bench stops `next start` and the server it forks.
    detached: true,
  });
  const stopServer = () => {
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.once('SIGINT', () => {
    stopServer();
    process.exit(130);
  });
  const handle = await openDb({ url: dbUrl, poolSize: 2 });
  try {
    await waitReady(base, server);
    setDbHandle(handle);
    const user = await createUser(systemActor(), { email: `bench-${randomBytes(3).toString('hex')}@bench.test`, name: 'Bench Scientist', role: 'scientist', password: randomBytes(12).toString('hex') });
    const actor = { kind: 'user' as const, userId: user.id, email: user.email, name: user.name, role: 'scientist' as const, meta: { requestId: null, ip: null, userAgent: 'bench' } };
    const { token } = await createToken(actor, { name: 'bench', scopes: ['read', 'write'] });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const post = (p: string, body: unknown) => fetch(`${base}${p}`, { method: 'POST', headers, body: JSON.stringify(body) });

    const exp = (await (await post('/api/2.0/mlflow/experiments/create', { name: `bench-${Date.now()}` })).json()) as { experiment_id: string };
    const newRun = async () => ((await (await post('/api/2.0/mlflow/runs/create', { experiment_id: exp.experiment_id, start_time: Date.now(), tags: [] })).json()) as { run: { info: { run_id: string } } }).run.info.run_id;
    const [runA, runB, runC, runD] = [await newRun(), await newRun(), await newRun(), await newRun()];
    const t0 = Date.now();
    const batch = (i: number) => Array.from({ length: BATCH_SIZE }, (_, j) => ({ key: `m${j % 10}`, value: rand(), timestamp: t0 + i, step: i * 100 + Math.floor(j / 10) }));

    const load = () => loadavg().map((l) => l.toFixed(2)).join(', ');
    const loadBefore = load();
    const results: Figures[] = [];
    const floors: Figures[] = [];
    const probe = new Client({ connectionString: dbUrl });
    await probe.connect();
    try {
      await probe.query('create table bench_commit_probe (i int)');
      floors.push(await timeCalls('PostgreSQL select 1', METRIC_CALLS, 5, () => probe.query('select 1')));
      floors.push(await timeCalls('PostgreSQL insert + commit', METRIC_CALLS, 5, (i) => probe.query('insert into bench_commit_probe values ($1)', [i])));
    } finally {
      await probe.end();
    }
    floors.push(await measure('Next route, GET /api/health', METRIC_CALLS, 5, () => fetch(`${base}/api/health`)));
    floors.push(
      await measure('HTTP door, no credentials', METRIC_CALLS, 5, (i) =>
        fetch(`${base}/api/2.0/mlflow/runs/log-metric`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ run_id: runA, key: 'loss', value: 1, timestamp: t0 + i, step: i }) }),
      401),
    );
    results.push(await measure('MLflow  log-metric', METRIC_CALLS, 5, (i) => post('/api/2.0/mlflow/runs/log-metric', { run_id: runA, run_uuid: runA, key: 'loss', value: rand(), timestamp: t0 + i, step: i })));
    results.push(await measure('/api/v1 log metric', METRIC_CALLS, 5, (i) => post(`/api/v1/runs/${runB}/metrics`, { key: 'loss', value: rand(), timestamp: t0 + i, step: i })));
    results.push(await measure(`MLflow  log-batch (${BATCH_SIZE})`, BATCH_CALLS, 50, (i) => post('/api/2.0/mlflow/runs/log-batch', { run_id: runC, metrics: batch(i), params: [], tags: [] })));
    results.push(await measure(`/api/v1 batch (${BATCH_SIZE})`, BATCH_CALLS, 50, (i) => post(`/api/v1/runs/${runD}/batch`, { metrics: batch(i), params: [], tags: [] })));

    // In process: the statements of the MLflow log-metric path, each timed (no HTTP, same database).
    const runE = await newRun();
    const meta = { requestId: 'bench', ip: '127.0.0.1', userAgent: 'bench' };
    const totals: number[] = [];
    const phases = await statementTimes(async () => {
      for (let i = 0; i < PHASE_CALLS; i++) {
        const t = performance.now();
        const tokenActor = await authenticateToken(token, meta);
        await logMetricPoint(tokenActor, { id: runE, key: 'loss', value: rand(), step: i, timestamp: t0 + i });
        totals.push(performance.now() - t);
      }
    });
    const loadAfter = load();

    const pad = (s: string, n: number) => s.padEnd(n);
    const num = (v: number, d = 1) => v.toFixed(d).padStart(9);
    const commits = process.env.BENCH_ASYNC_COMMIT === '1' ? 'synchronous_commit = off' : 'durable commits';
    console.log(`\nmlflow-log bench — ${base}, build ${DIST_DIR}, PostgreSQL ${dbName} (${commits}), sequential calls from one client, ${WARMUP} warm-up calls each`);
    console.log(`load average (1, 5, 15 min): ${loadBefore} before, ${loadAfter} after\n`);
    console.log(`${pad('operation', 28)}${'n'.padStart(6)}${'calls/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}   target p95`);
    for (const r of results) {
      console.log(`${pad(r.name, 28)}${String(r.n).padStart(6)}${num(r.perSecond, 0)}${num(r.p50, 2)}${num(r.p95, 2)}   ≤ ${r.target} ms ${r.p95 <= r.target ? 'met' : 'NOT met'}`);
    }
    console.log(`\nmetric points per second through log-batch: MLflow ${Math.round(results[2].perSecond * BATCH_SIZE)}, /api/v1 ${Math.round(results[3].perSecond * BATCH_SIZE)}`);
    console.log(`\nfloors (what one log-metric call cannot go under here)\n${pad('', 28)}${'n'.padStart(6)}${'calls/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}`);
    for (const r of floors) console.log(`${pad(r.name, 28)}${String(r.n).padStart(6)}${num(r.perSecond, 0)}${num(r.p50, 2)}${num(r.p95, 2)}`);
    totals.sort((a, b) => a - b);
    console.log(`\nin process, authenticateToken + logMetricPoint: p50 ${percentile(totals, 50).toFixed(2)} ms, p95 ${percentile(totals, 95).toFixed(2)} ms over ${PHASE_CALLS} calls; per statement:`);
    for (const [text, times] of phases) {
      times.sort((a, b) => a - b);
      console.log(`  ${String(times.length).padStart(6)} × p50 ${percentile(times, 50).toFixed(3).padStart(7)} ms  p95 ${percentile(times, 95).toFixed(3).padStart(7)} ms   ${text}`);
    }
  } finally {
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      stopServer();
      await exited;
    }
    await handle.close();
    await admin(`drop database if exists ${dbName} with (force)`);
    rmSync(artifacts, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
