/**
 * Audit trail throughput on a real PostgreSQL server.
 *   npm run bench:audit            (BENCH_PG_URL overrides postgres://postgres@127.0.0.1:5432/postgres)
 * Creates a scratch database, drops it at the end. Prints figures; asserts nothing.
 *  1. appends through `recordAudit`, one transaction per event with a small change beside it, as a service
 *     call makes it, with 1 and 8 writers, while the background sealer runs as in the server (every 500 ms);
 *     the sealing lag is the time from the last commit until the chain covers every event;
 *  2. the same transactions writing the same row into a copy of the table that no sealer reads (the baseline);
 *  3. the time `verifyAuditChain` takes over a chain of 100,000 events (3 runs, p50).
 * Steps 1–2 run with durable commits (the server's default, each commit waits for its WAL flush) and with
 * `synchronous_commit = off` set per transaction, which shows what the audit path costs apart from the disk.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { sql } from 'drizzle-orm';
import { openDb, rowsOf, setDbHandle, type Db, type DbHandle } from '@/db/client';
import { migrateDb } from '@/db/migrate';
import { auditEvents } from '@/db/schema/audit';
import { toJsonValue } from '@/lib/audit/canonical-json';
import { recordAudit } from '@/lib/audit/record-audit';
import { sealAuditChain, startAuditSealLoop } from '@/lib/audit/seal-audit-chain';
import { verifyAuditChain } from '@/lib/audit/verify-audit-chain';
import { systemActor, type Actor } from '@/lib/auth/actor';

const ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const CONCURRENT_WRITERS = 8;
type Mode = 'durable' | 'async';
const EVENTS: Record<Mode, { single: number; concurrent: number }> = {
  durable: { single: Math.round(1000 * SCALE), concurrent: Math.round(2000 * SCALE) },
  async: { single: Math.round(2000 * SCALE), concurrent: Math.round(8000 * SCALE) },
};
const VERIFY_EVENTS = Number(process.env.BENCH_VERIFY ?? 100_000);

// A fixed-seed generator, so every run appends the same payloads.
let seed = 0x2f6b_1a3d;
function rand(): number {
  seed = (seed * 1_103_515_245 + 12_345) >>> 0;
  return seed / 2 ** 32;
}
const ROLES = ['viewer', 'scientist', 'approver', 'auditor', 'admin'] as const;

function userPayload(i: number) {
  const role = ROLES[Math.floor(rand() * ROLES.length)];
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    email: `user-${i}@bench.test`,
    name: `Bench User ${i}`,
    role,
    disabled: rand() < 0.1,
    createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
  };
}

function actorFor(i: number): Actor {
  return {
    kind: 'user',
    userId: `00000000-0000-4000-8000-${String(i % 97).padStart(12, '0')}`,
    email: `admin-${i % 97}@bench.test`,
    name: 'Bench Admin',
    role: 'admin',
    meta: { requestId: `req-${i}`, ip: '10.0.0.1', userAgent: 'bench/1.0' },
  };
}

function change(i: number) {
  const before = userPayload(i);
  return { before, after: { ...before, role: ROLES[(ROLES.indexOf(before.role) + 1) % ROLES.length] } };
}

interface Phase {
  name: string;
  mode: Mode;
  writers: number;
  events: number;
  seconds: number;
  latencies: number[];
  rssMb: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx];
}

let peakRss = 0;
const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

/** Runs `count` calls spread over `writers` concurrent loops, timing each call. */
async function runPhase(name: string, mode: Mode, writers: number, count: number, op: (i: number) => Promise<void>): Promise<Phase> {
  peakRss = process.memoryUsage().rss;
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      for (;;) {
        const i = next++;
        if (i >= count) return;
        const t = performance.now();
        await op(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { name, mode, writers, events: count, seconds, latencies, rssMb: Math.max(peakRss, process.memoryUsage().rss) / 2 ** 20 };
}

async function commitMode(tx: Db, mode: Mode): Promise<void> {
  if (mode === 'async') await tx.execute(sql`set local synchronous_commit = off`);
}

const chainAppend = (db: Db, mode: Mode) => async (i: number) => {
  await db.transaction(async (tx) => {
    await commitMode(tx as unknown as Db, mode);
    await tx.execute(sql`insert into bench_changes (n) values (${i})`);
    await recordAudit(tx as unknown as Db, actorFor(i), 'user.change_role', { type: 'user', id: userPayload(i).id }, change(i));
  });
};

const plainInsert = (db: Db, mode: Mode) => async (i: number) => {
  const { before, after } = change(i);
  const actor = actorFor(i);
  await db.transaction(async (tx) => {
    await commitMode(tx as unknown as Db, mode);
    await tx.execute(sql`insert into bench_changes (n) values (${i})`);
    await tx.execute(sql`insert into bench_plain_events
      (id, occurred_at, actor_id, actor_email, actor_kind, token_id, action, resource_type, resource_id, before, after, request_id, ip, user_agent)
      values (gen_random_uuid(), ${new Date().toISOString()}::timestamptz, ${actor.userId}::uuid, ${actor.email}, ${actor.kind}, null, 'user.change_role', 'user', ${before.id},
              ${JSON.stringify(before)}::jsonb, ${JSON.stringify(after)}::jsonb, ${actor.meta.requestId}, ${actor.meta.ip}, ${actor.meta.userAgent})
      returning seq`);
  });
};

/** Time from now until the chain covers every event recorded so far (the background loop does the sealing). */
async function sealingLag(db: Db): Promise<number> {
  const started = performance.now();
  const [{ n }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from audit_events`));
  for (;;) {
    const [{ head }] = rowsOf<{ head: number }>(await db.execute(sql`select coalesce(max(position), 0)::int as head from audit_chain`));
    if (head >= n) return performance.now() - started;
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Adds events until there are `target` (bulk INSERTs in one transaction each, as recordAudit writes them). */
async function fillEvents(db: Db, target: number): Promise<void> {
  const [{ n }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from audit_events`));
  let have = n;
  while (have < target) {
    const batch: (typeof auditEvents.$inferInsert)[] = [];
    for (let k = 0; k < 1000 && have < target; k++) {
      have += 1;
      const actor = actorFor(have);
      const { before, after } = change(have);
      batch.push({
        id: crypto.randomUUID(),
        occurredAt: new Date(),
        actorId: actor.userId,
        actorEmail: actor.email,
        actorKind: actor.kind,
        tokenId: null,
        action: 'user.change_role',
        resourceType: 'user',
        resourceId: before.id,
        before: toJsonValue(before),
        after: toJsonValue(after),
        requestId: actor.meta.requestId,
        ip: actor.meta.ip,
        userAgent: actor.meta.userAgent,
      });
    }
    await db.insert(auditEvents).values(batch);
  }
}

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

function printTable(rows: string[][]): void {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  console.log(line(rows[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows.slice(1)) console.log(line(r));
}

async function admin(query: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const name = `modelkeep_bench_${randomBytes(4).toString('hex')}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  await admin(`create database ${name}`);
  let handle: DbHandle | null = null;
  let sealer: { stop(): Promise<void> } | null = null;
  try {
    handle = await openDb({ url: url.toString(), poolSize: CONCURRENT_WRITERS + 3 });
    await migrateDb(handle);
    setDbHandle(handle);
    const db = handle.db;
    await db.execute(sql`create table bench_plain_events (like audit_events including all)`);
    await db.execute(sql`create table bench_changes (id bigint generated always as identity primary key, n int not null, at timestamptz not null default now())`);
    const info = rowsOf<{ v: string; sc: string }>(await db.execute(sql`select version() as v, current_setting('synchronous_commit') as sc`))[0];
    console.log(`${info.v.split(' on ')[0]}, synchronous_commit=${info.sc}; node ${process.version}; database ${name}\n`);

    // The server's background sealer, as instrumentation.ts starts it.
    sealer = startAuditSealLoop(500);

    // Warm the pool, the JIT and the caches on both paths before measuring.
    await runPhase('warm-up', 'async', 4, 200, chainAppend(db, 'async'));
    await runPhase('warm-up', 'async', 4, 200, plainInsert(db, 'async'));
    await sealingLag(db);

    const phases: [Phase, Phase, number][] = [];
    for (const mode of ['durable', 'async'] as const) {
      for (const writers of [1, CONCURRENT_WRITERS]) {
        const events = writers === 1 ? EVENTS[mode].single : EVENTS[mode].concurrent;
        const chain = await runPhase('recordAudit + sealer', mode, writers, events, chainAppend(db, mode));
        const lag = await sealingLag(db);
        const plain = await runPhase('plain INSERT (no chain)', mode, writers, events, plainInsert(db, mode));
        phases.push([chain, plain, lag]);
      }
    }

    console.log('Appends — one transaction per event, with a one-row change beside it; the sealer runs every 500 ms');
    const rows = [['path', 'commit', 'writers', 'events', 'events/s', 'p50 ms', 'p95 ms', 'sealing lag ms', 'peak RSS MB', 'audit/plain']];
    for (const [chain, plain, lag] of phases) {
      for (const p of [chain, plain]) {
        const rate = p.events / p.seconds;
        const ratio = p === chain ? `${fmt((rate / (plain.events / plain.seconds)) * 100)} %` : '';
        rows.push([p.name, p.mode, String(p.writers), fmt(p.events), fmt(rate), fmt(percentile(p.latencies, 50), 2), fmt(percentile(p.latencies, 95), 2), p === chain ? fmt(lag) : '', fmt(p.rssMb), ratio]);
      }
    }
    printTable(rows);
    for (const [chain] of phases.filter(([c]) => c.writers === CONCURRENT_WRITERS)) {
      const rate = chain.events / chain.seconds;
      console.log(`target ≥ 2,000 events/s with ${CONCURRENT_WRITERS} writers, ${chain.mode} commits: ${rate >= 2000 ? 'met' : 'MISSED'} (${fmt(rate)} events/s)`);
    }
    console.log('');

    await sealer.stop();
    sealer = null;
    await fillEvents(db, VERIFY_EVENTS);
    const sealStarted = performance.now();
    const sealed = await sealAuditChain({ wait: true });
    const sealMs = performance.now() - sealStarted;
    console.log(`Sealing a backlog of ${fmt(sealed?.sealed ?? 0)} events in one pass: ${fmt(sealMs)} ms (${fmt((sealed?.sealed ?? 0) / (sealMs / 1000))} events/s)\n`);
    await db.execute(sql`vacuum analyze audit_events`);
    await db.execute(sql`vacuum analyze audit_chain`);
    const runs: { ms: number; cpuMs: number; checked: number; ok: boolean; rssMb: number }[] = [];
    for (let r = 0; r < 3; r++) {
      peakRss = process.memoryUsage().rss;
      const started = performance.now();
      const cpu = process.cpuUsage();
      const report = await verifyAuditChain(systemActor(), {});
      const used = process.cpuUsage(cpu);
      runs.push({ ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, checked: report.checked, ok: report.ok, rssMb: Math.max(peakRss, process.memoryUsage().rss) / 2 ** 20 });
    }
    console.log(`Verify — verifyAuditChain over the whole chain (a sealing pass, then the walk; 3 runs)`);
    // Node's own CPU time (fetch parsing, JSON, hashing) shows the client's share apart from the machine's load.
    const vrows = [['run', 'events', 'result', 'ms', 'node CPU ms', 'events/s', 'peak RSS MB']];
    runs.forEach((v, i) => vrows.push([String(i + 1), fmt(v.checked), v.ok ? 'OK' : 'BROKEN', fmt(v.ms), fmt(v.cpuMs), fmt(v.checked / (v.ms / 1000)), fmt(v.rssMb)]));
    printTable(vrows);
    const p50 = [...runs.map((v) => v.ms)].sort((a, b) => a - b)[1];
    console.log(`target: verify ${fmt(runs[0].checked)} events ≤ 3 s: ${p50 <= 3000 ? 'met' : 'MISSED'} (p50 ${fmt(p50 / 1000, 2)} s)`);
  } finally {
    clearInterval(rssTimer);
    await sealer?.stop();
    await handle?.close();
    await admin(`drop database if exists ${name} with (force)`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
