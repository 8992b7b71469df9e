/**
 * Logging latency through the MLflow door and through /api/v1, over HTTP, against a production server.
 *   NEXT_DIST_DIR=.next-e2e-mlflow npx next build     (once; scripts/e2e-local.sh mlflow … builds the same folder)
 *   npm run bench:mlflow                              (BENCH_DIST_DIR, BENCH_PG_URL, BENCH_METRIC_CALLS, BENCH_BATCH_CALLS)
 * Starts `next start` from that build on a free port and a scratch PostgreSQL database (dropped at the end),
 * makes a scientist and an API token through the services, then measures sequential calls from one client:
 *   - single `log-metric` calls (MLflow `POST /api/2.0/mlflow/runs/log-metric` vs `POST /api/v1/runs/{id}/metrics`);
 *   - `log-batch` of 1,000 metrics (MLflow `runs/log-batch` vs `POST /api/v1/runs/{id}/batch`).
 * Targets: log-batch(1000) p95 ≤ 50 ms, log-metric p95 ≤ 5 ms. Prints figures; asserts nothing.
 * BENCH_ASYNC_COMMIT=1 sets `synchronous_commit = off` on the scratch database, to separate disk flushes from the rest.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { openDb, setDbHandle } from '@/db/client';
import { systemActor } from '@/lib/auth/actor';
import { createToken } from '@/lib/tokens/create-token';
import { createUser } from '@/lib/users/create-user';

const ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DIST_DIR = process.env.BENCH_DIST_DIR ?? '.next-e2e-mlflow';
const METRIC_CALLS = Number(process.env.BENCH_METRIC_CALLS ?? 2000);
const BATCH_CALLS = Number(process.env.BENCH_BATCH_CALLS ?? 100);
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

async function measure(name: string, n: number, target: number, call: (i: number) => Promise<Response>): Promise<Figures> {
  for (let i = 0; i < WARMUP; i++) await check(await call(-1 - i));
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await call(i);
    await check(res);
    times.push(performance.now() - t);
  }
  const total = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { name, n, perSecond: n / total, p50: percentile(times, 50), p95: percentile(times, 95), target };
}

async function check(res: Response): Promise<void> {
  const text = await res.text();
  if (res.status >= 300) throw new Error(`HTTP ${res.status}: ${text.slice(0, 300)}`);
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

    const results: Figures[] = [];
    results.push(await measure('MLflow  log-metric', METRIC_CALLS, 5, (i) => post('/api/2.0/mlflow/runs/log-metric', { run_id: runA, run_uuid: runA, key: 'loss', value: rand(), timestamp: t0 + i, step: i })));
    results.push(await measure('/api/v1 log metric', METRIC_CALLS, 5, (i) => post(`/api/v1/runs/${runB}/metrics`, { key: 'loss', value: rand(), timestamp: t0 + i, step: i })));
    results.push(await measure(`MLflow  log-batch (${BATCH_SIZE})`, BATCH_CALLS, 50, (i) => post('/api/2.0/mlflow/runs/log-batch', { run_id: runC, metrics: batch(i), params: [], tags: [] })));
    results.push(await measure(`/api/v1 batch (${BATCH_SIZE})`, BATCH_CALLS, 50, (i) => post(`/api/v1/runs/${runD}/batch`, { metrics: batch(i), params: [], tags: [] })));

    const pad = (s: string, n: number) => s.padEnd(n);
    const num = (v: number, d = 1) => v.toFixed(d).padStart(9);
    const commits = process.env.BENCH_ASYNC_COMMIT === '1' ? 'synchronous_commit = off' : 'durable commits';
    console.log(`\nmlflow-log bench — ${base}, build ${DIST_DIR}, PostgreSQL ${dbName} (${commits}), sequential calls from one client, ${WARMUP} warm-up calls each\n`);
    console.log(`${pad('operation', 26)}${'n'.padStart(6)}${'calls/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}   target p95`);
    for (const r of results) {
      console.log(`${pad(r.name, 26)}${String(r.n).padStart(6)}${num(r.perSecond, 0)}${num(r.p50, 2)}${num(r.p95, 2)}   ≤ ${r.target} ms ${r.p95 <= r.target ? 'met' : 'NOT met'}`);
    }
    console.log(`\nmetric points per second through log-batch: MLflow ${Math.round(results[2].perSecond * BATCH_SIZE)}, /api/v1 ${Math.round(results[3].perSecond * BATCH_SIZE)}`);
  } finally {
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
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
