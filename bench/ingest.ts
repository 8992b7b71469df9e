/**
 * Metric ingest throughput on a real PostgreSQL server.
 *   npm run bench:ingest           (BENCH_PG_URL overrides postgres://postgres@127.0.0.1:5432/postgres)
 * Creates a scratch database, drops it at the end. Prints figures; asserts nothing.
 *  1. `logBatch` — the service every door uses: authorization, run lock, history insert, latest-metric
 *     upsert and the audit event, one transaction per batch of 1000 metric points;
 *  2. the same rows as plain multi-row INSERTs (5 parameters a row) into metric_history, one per batch,
 *     no transaction wrapper, no latest metrics, no audit — the floor the service is measured against.
 * Both run with one writer and with BENCH_WRITERS (default 4) writers on separate runs, interleaved with
 * the same fixed-seed data. Commits are durable (the server's default).
 */
import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { openDb, setDbHandle, type DbHandle } from '@/db/client';
import { migrateDb } from '@/db/migrate';
import type { Actor } from '@/lib/auth/actor';
import { createExperiment } from '@/lib/experiments/create-experiment';
import { createRun } from '@/lib/experiments/create-run';
import { logBatch } from '@/lib/experiments/log-batch';
import { createUser } from '@/lib/users/create-user';
import { systemActor } from '@/lib/auth/actor';
import { seededRandom } from '@/lib/stats/seeded-random';

const ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BATCH = 1000;
const BATCHES = Number(process.env.BENCH_BATCHES ?? 300);
const WARMUP = 20;
const WRITERS = Number(process.env.BENCH_WRITERS ?? 4);
const KEYS = ['loss', 'val_loss', 'accuracy', 'val_accuracy', 'auc', 'precision', 'recall', 'f1', 'lr', 'grad_norm'];

interface Point {
  key: string;
  value: number;
  step: number;
  timestamp: number;
}

/** Batch `b` of a run: 100 consecutive steps × 10 keys. */
function makeBatch(rand: () => number, b: number): Point[] {
  const out: Point[] = [];
  const t0 = 1_760_000_000_000 + b * 100_000;
  for (let s = 0; s < BATCH / KEYS.length; s++) {
    const step = b * (BATCH / KEYS.length) + s;
    for (const key of KEYS) out.push({ key, value: Math.exp(-step / 5000) + rand() * 0.01, step, timestamp: t0 + s * 10 });
  }
  return out;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx];
}

let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

interface Result {
  points: number;
  seconds: number;
  latencies: number[];
}

/** Runs `writers` loops, each sending its share of batches one after another; returns rate and per-batch latency. */
async function drive(writers: number, batches: number, send: (writer: number, b: number, rows: Point[]) => Promise<void>): Promise<Result> {
  const latencies: number[] = [];
  const data = Array.from({ length: writers }, (_, w) => {
    const rand = seededRandom(42 + w);
    return Array.from({ length: Math.ceil(batches / writers) }, (_, b) => makeBatch(rand, b));
  });
  const started = performance.now();
  await Promise.all(
    data.map(async (list, w) => {
      for (let b = 0; b < list.length; b++) {
        const t = performance.now();
        await send(w, b, list[b]);
        latencies.push(performance.now() - t);
        if (b % 20 === 0) sampleRss();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { points: data.reduce((n, l) => n + l.length * BATCH, 0), seconds, latencies: latencies.sort((a, b) => a - b) };
}

function rawInsertSql(rows: number): string {
  const values: string[] = [];
  for (let i = 0; i < rows; i++) values.push(`($${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}, $${i * 5 + 4}, $${i * 5 + 5})`);
  return `insert into metric_history (run_id, key, step, timestamp, value) values ${values.join(', ')}`;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function main() {
  const name = `modelkeep_bench_ingest_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  let handle: DbHandle | null = null;
  const raw = new Pool({ connectionString: url.toString(), max: WRITERS });
  // Dropping the scratch database terminates its sessions; a closing pool may still hear about it.
  raw.on('error', () => undefined);
  try {
    handle = await openDb({ url: url.toString(), poolSize: WRITERS + 2 });
    await migrateDb(handle);
    setDbHandle(handle);

    const user = await createUser(systemActor(), { email: 'bench@example.test', name: 'Bench', role: 'scientist', password: 'bench-password-123' });
    const actor: Actor = { kind: 'user', userId: user.id, email: user.email, name: user.name, role: 'scientist', meta: { requestId: null, ip: null, userAgent: 'bench' } };
    const experiment = await createExperiment(actor, { name: 'ingest-bench' });
    const newRuns = async (n: number) => Promise.all(Array.from({ length: n }, () => createRun(actor, { experimentId: experiment.id }).then((r) => r.id)));
    const rawSql = rawInsertSql(BATCH);
    const rawParams = (runId: string, rows: Point[]) => rows.flatMap((p) => [runId, p.key, p.step, p.timestamp, p.value]);

    const viaService = async (writers: number, batches: number) => {
      const ids = await newRuns(writers);
      return drive(writers, batches, (w, _b, rows) => logBatch(actor, { id: ids[w], metrics: rows }).then(() => undefined));
    };
    const viaRaw = async (writers: number, batches: number) => {
      const ids = await newRuns(writers);
      return drive(writers, batches, (w, _b, rows) => raw.query(rawSql, rawParams(ids[w], rows)).then(() => undefined));
    };

    await viaService(1, WARMUP);
    await viaRaw(1, WARMUP);

    console.log(`metric ingest, batches of ${BATCH} points, ${BATCHES} batches per case, PostgreSQL at ${url.host}`);
    console.log('case                          writers   points/s    p50 ms   p95 ms');
    const rows: [string, number, Result][] = [];
    for (const writers of [1, WRITERS]) {
      // Interleave so that neither side gets a warmer cache or an emptier WAL.
      const service = await viaService(writers, BATCHES);
      const plain = await viaRaw(writers, BATCHES);
      rows.push(['logBatch service', writers, service], ['plain multi-row INSERT', writers, plain]);
      for (const [label, r] of [
        ['logBatch service', service],
        ['plain multi-row INSERT', plain],
      ] as const) {
        console.log(`${label.padEnd(30)}${String(writers).padStart(7)}${fmt(r.points / r.seconds).padStart(11)}${percentile(r.latencies, 50).toFixed(1).padStart(10)}${percentile(r.latencies, 95).toFixed(1).padStart(9)}`);
      }
      console.log(`  service / raw at ${writers} writer(s): ${((service.points / service.seconds / (plain.points / plain.seconds)) * 100).toFixed(0)}%`);
    }
    sampleRss();
    console.log(`RSS: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB now, ${(peakRss / 2 ** 20).toFixed(0)} MiB peak`);
  } finally {
    await raw.end();
    await handle?.close();
    // pg's Pool.end() resolves before its sockets have closed; let them go before the forced drop.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
