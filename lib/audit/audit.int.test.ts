import { cp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { Client } from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { getDb, openDb, rowsOf, type Db, type DbHandle } from '@/db/client';
import { MIGRATIONS_DIR } from '@/db/migrate';
import { auditChain, auditEvents } from '@/db/schema/audit';
import type { Role } from '@/db/schema/identity';
import { encodePageToken } from '@/lib/api/page-token';
import { systemActor, type Actor } from '@/lib/auth/actor';
import { RuleViolationError } from '@/lib/errors';
import { defineService } from '@/lib/services/define-service';
import { createToken } from '@/lib/tokens/create-token';
import { createUser } from '@/lib/users/create-user';
import { updateUser } from '@/lib/users/update-user';
import { makeUser, pgErrorOf, TEST_PASSWORD, uniqueEmail } from '@/test/factories';
import { testDb } from '@/test/integration-setup';
import { TEST_PG_ADMIN_URL } from '@/test/test-database';
import { chainHash, GENESIS_HASH, type AuditEventBody } from './chain';
import { EVENT_JSON_SQL, eventFromJson } from './event-rows';
import { exportAuditEvents } from './export-audit-events';
import { listAuditEvents } from './list-audit-events';
import { recordAudit } from './record-audit';
import { sealAuditChain, startAuditSealLoop } from './seal-audit-chain';
import { verifyAuditChain } from './verify-audit-chain';
import { mostQueriesInFlight } from '@/test/pg-in-flight';

type EventRow = typeof auditEvents.$inferSelect;
type ChainRow = typeof auditChain.$inferSelect;

async function auditCount(): Promise<number> {
  const db = await getDb();
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
  return n;
}

async function allEvents(): Promise<EventRow[]> {
  const db = await getDb();
  return db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
}

async function lastEvent(): Promise<EventRow> {
  const db = await getDb();
  const [row] = await db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
  return row;
}

async function allChain(): Promise<ChainRow[]> {
  const db = await getDb();
  return db.select().from(auditChain).orderBy(asc(auditChain.position));
}

/** The event as the sealer reads it (time and JSON as text), by seq. */
async function sealedBody(seq: number): Promise<AuditEventBody> {
  const db = await getDb();
  const [row] = rowsOf<{ j: string }>(await db.execute(sql.raw(`select ${EVENT_JSON_SQL} as j from audit_events e where e.seq = ${Number(seq)}`)));
  return eventFromJson(row.j)!;
}

/** Appends `n` events through recordAudit, as a service would, each in its own transaction. */
async function appendEvents(actor: Actor, n: number, resourceType = 'test_resource'): Promise<void> {
  const db = await getDb();
  for (let i = 0; i < n; i++) await db.transaction((tx) => recordAudit(tx as unknown as Db, actor, 'test.append', { type: resourceType, id: i }));
}

async function drain<T>(gen: AsyncGenerator<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of gen) out.push(x);
  return out;
}

/**
 * What someone with the database owner's or a superuser's rights can do: switch the append-only
 * triggers off, change rows, switch them on again.
 */
async function tamper(change: (db: Db) => Promise<void>): Promise<void> {
  const db = await getDb();
  await db.execute(sql`alter table audit_events disable trigger user`);
  await db.execute(sql`alter table audit_chain disable trigger user`);
  try {
    await change(db);
  } finally {
    await db.execute(sql`alter table audit_events enable trigger user`);
    await db.execute(sql`alter table audit_chain enable trigger user`);
  }
}

let backups = 0;
/** Runs `fn` and then puts both tables back exactly as they were (the chain is intact for the next test). */
async function withRestore(fn: () => Promise<void>): Promise<void> {
  const db = await getDb();
  const n = ++backups;
  await sealAuditChain({ wait: true });
  await db.execute(sql.raw(`create table audit_events_backup_${n} as select * from audit_events`));
  await db.execute(sql.raw(`create table audit_chain_backup_${n} as select * from audit_chain`));
  try {
    await fn();
  } finally {
    await tamper(async (d) => {
      await d.execute(sql`delete from audit_chain`);
      await d.execute(sql`delete from audit_events`);
      await d.execute(sql.raw(`insert into audit_events select * from audit_events_backup_${n}`));
      await d.execute(sql.raw(`insert into audit_chain select * from audit_chain_backup_${n}`));
    });
    await db.execute(sql.raw(`drop table audit_events_backup_${n}, audit_chain_backup_${n}`));
  }
}

async function verifyAs(actor: Actor) {
  return verifyAuditChain(actor, {});
}

afterEach(() => {
  vi.useRealTimers();
});

describe('append-only triggers', () => {
  it('refuse UPDATE, DELETE and TRUNCATE of audit_events and audit_chain and leave the rows as they were', async () => {
    await makeUser('viewer');
    await sealAuditChain({ wait: true });
    const events = await allEvents();
    const chain = await allChain();
    expect(events.length).toBeGreaterThan(0);
    expect(chain.length).toBe(events.length);
    const db = await getDb();

    expect(await pgErrorOf(db.update(auditEvents).set({ action: 'forged' }).where(eq(auditEvents.seq, events[0].seq)))).toEqual({
      code: '42501',
      message: 'audit_events is append-only: UPDATE refused',
    });
    expect(await pgErrorOf(db.delete(auditEvents).where(eq(auditEvents.seq, events[0].seq)))).toEqual({ code: '42501', message: 'audit_events is append-only: DELETE refused' });
    expect(await pgErrorOf(db.execute(sql`truncate audit_events`))).toEqual({ code: '42501', message: 'audit_events is append-only: TRUNCATE refused' });
    expect(await pgErrorOf(db.update(auditChain).set({ hash: 'f'.repeat(64) }).where(eq(auditChain.position, 1)))).toEqual({
      code: '42501',
      message: 'audit_chain is append-only: UPDATE refused',
    });
    expect(await pgErrorOf(db.delete(auditChain).where(eq(auditChain.position, 1)))).toEqual({ code: '42501', message: 'audit_chain is append-only: DELETE refused' });
    expect(await pgErrorOf(db.execute(sql`truncate audit_chain`))).toEqual({ code: '42501', message: 'audit_chain is append-only: TRUNCATE refused' });

    expect(await allEvents()).toEqual(events);
    expect(await allChain()).toEqual(chain);
  });

  it('lets the seal horizon only move forward', async () => {
    const db = await getDb();
    expect(await pgErrorOf(db.execute(sql`update audit_seal_state set horizon = '1'`))).toEqual({ code: '42501', message: 'audit_seal_state only moves forward: UPDATE refused' });
    expect(await pgErrorOf(db.execute(sql`delete from audit_seal_state`))).toEqual({ code: '42501', message: 'audit_seal_state only moves forward: DELETE refused' });
  });
});

describe('recordAudit and the sealer', () => {
  it('writes the event in the change transaction with its txid; a sealing pass links it with hash = sha256(prev_hash || event at its position)', async () => {
    const admin = await makeUser('admin');
    await sealAuditChain({ wait: true });
    const [head] = (await allChain()).slice(-1);
    const created = await createUser(admin, { email: uniqueEmail(), name: 'Linked', role: 'viewer', password: TEST_PASSWORD });
    const event = await lastEvent();
    expect(event).toMatchObject({ action: 'user.create', resourceId: created.id, actorId: admin.userId, actorKind: 'user' });
    expect(BigInt(event.txid)).toBeGreaterThan(1n);
    const db = await getDb();
    expect(await db.select().from(auditChain).where(eq(auditChain.eventSeq, event.seq))).toEqual([]);

    const result = await sealAuditChain({ wait: true });
    expect(result).toMatchObject({ sealed: 1, head: head.position + 1 });
    const [link] = await db.select().from(auditChain).where(eq(auditChain.eventSeq, event.seq));
    expect(link).toMatchObject({ position: head.position + 1, prevHash: head.hash });
    expect(link.hash).toBe(chainHash(head.hash, await sealedBody(event.seq), link.position));
    expect((await allChain())[0]).toMatchObject({ position: 1, prevHash: GENESIS_HASH });
    expect(await sealAuditChain({ wait: true })).toMatchObject({ sealed: 0, head: link.position });
  });

  it('writes no event and no chain row for a failed service call (duplicate createUser)', async () => {
    const admin = await makeUser('admin');
    const email = uniqueEmail('dup');
    await createUser(admin, { email, name: 'First', role: 'viewer', password: TEST_PASSWORD });
    const head = await lastEvent();
    await expect(createUser(admin, { email, name: 'Second', role: 'viewer', password: TEST_PASSWORD })).rejects.toMatchObject({
      code: 'already_exists',
      message: 'A user with this email already exists.',
    });
    expect(await lastEvent()).toEqual(head);
    await sealAuditChain({ wait: true });
    expect(await auditCount()).toBe((await allChain()).length);
  });

  it('rolls the event back with the change when the service fails after recording it', async () => {
    const failing = defineService({
      name: 'test.fails_after_audit',
      permission: 'user.update',
      input: z.object({}),
      async run({ tx, actor }) {
        await recordAudit(tx, actor, 'test.should_vanish', { type: 'test', id: 1 });
        throw new RuleViolationError('test_rule', 'refused after the event was written');
      },
    });
    const admin = await makeUser('admin');
    const head = await lastEvent();
    await expect(failing(admin, {})).rejects.toMatchObject({ code: 'test_rule', kind: 'rule' });
    expect(await lastEvent()).toEqual(head);
    await sealAuditChain({ wait: true });
    const db = await getDb();
    expect(await db.select().from(auditEvents).where(eq(auditEvents.action, 'test.should_vanish'))).toEqual([]);
    expect(await verifyAs(admin)).toMatchObject({ ok: true });
  });

  it('keeps the chain valid for values a jsonb column could change: key order, NaN, Infinity, dates, floats, unicode', async () => {
    const auditor = await makeUser('auditor');
    const db = await getDb();
    const after = {
      z: 1,
      a: { nested: { b: 2, a: 1 }, list: [3, 1, 2] },
      nan: NaN,
      inf: Infinity,
      negInf: -Infinity,
      at: new Date('2026-02-03T04:05:06.789Z'),
      float: 0.1 + 0.2,
      tiny: 1e-7,
      huge: 1e21,
      negZero: -0,
      text: 'é ✓ 🙂 "quoted" \\ back\nslash',
      empty: '',
      nothing: null,
      skipped: undefined,
    };
    const written = await db.transaction((tx) => recordAudit(tx as unknown as Db, auditor, 'test.tricky_values', { type: 'test', id: 'tricky' }, { before: { b: 1, a: [] }, after }));
    const [stored] = await db.select().from(auditEvents).where(eq(auditEvents.seq, written.seq));
    expect(stored.after).toMatchObject({ nan: 'NaN', inf: 'Infinity', negInf: '-Infinity', at: '2026-02-03T04:05:06.789Z', float: 0.30000000000000004, tiny: 1e-7, huge: 1e21, text: after.text });
    expect(stored.after).not.toHaveProperty('skipped');
    expect((await sealedBody(written.seq)).occurredAt).toBe(written.occurredAt);
    expect(await verifyAs(auditor)).toMatchObject({ ok: true, broken: null });
  });
});

describe('verifyAuditChain against tampering', () => {
  it('seals first and reports a valid chain as ok, with every event checked and the head hash', async () => {
    const auditor = await makeUser('auditor');
    await appendEvents(auditor, 3);
    const report = await verifyAs(auditor);
    const chain = await allChain();
    expect(report).toMatchObject({ ok: true, checked: chain.length, total: chain.length, pending: 0, headHash: chain[chain.length - 1].hash, broken: null });
    expect(chain.length).toBe(await auditCount());
  });

  it('reports hash_mismatch at the position of an event whose after JSON was edited', async () => {
    const auditor = await makeUser('auditor');
    await appendEvents(auditor, 5);
    await withRestore(async () => {
      const chain = await allChain();
      const target = chain[chain.length - 3];
      const event = await sealedBody(target.eventSeq);
      await tamper((db) => db.update(auditEvents).set({ after: { forged: true } }).where(eq(auditEvents.seq, target.eventSeq)).then(() => undefined));
      expect(await verifyAs(auditor)).toMatchObject({
        ok: false,
        checked: target.position - 1,
        broken: {
          position: target.position,
          seq: target.eventSeq,
          id: event.id,
          reason: 'hash_mismatch',
          message: `Event #${target.eventSeq} (chain position ${target.position}) was changed after it was recorded: its content no longer matches its hash.`,
        },
      });
    });
    expect(await verifyAs(auditor)).toMatchObject({ ok: true });
  });

  it('reports event_missing at the position of a deleted event', async () => {
    const auditor = await makeUser('auditor');
    await appendEvents(auditor, 5);
    await withRestore(async () => {
      const chain = await allChain();
      const target = chain[chain.length - 2];
      await tamper((db) => db.delete(auditEvents).where(eq(auditEvents.seq, target.eventSeq)).then(() => undefined));
      expect(await verifyAs(auditor)).toMatchObject({
        ok: false,
        checked: target.position - 1,
        broken: { position: target.position, seq: target.eventSeq, id: null, reason: 'event_missing' },
      });
    });
  });

  it('reports unsealed_event for an event inserted outside the writers path, below the sealed horizon', async () => {
    const auditor = await makeUser('auditor');
    await withRestore(async () => {
      const db = await getDb();
      const template = await lastEvent();
      const forgedId = '00000000-0000-4000-8000-0000000f0f0f';
      // A forged row slipped in among old events: an old seq and an old transaction id.
      await tamper(async (d) => {
        const [{ seq }] = rowsOf<{ seq: number }>(await d.execute(sql`select coalesce(max(seq), 0)::int + 1000000 as seq from audit_events`));
        await d.insert(auditEvents).values({ ...template, seq, id: forgedId, action: 'user.delete', txid: '2' });
      });
      const [forged] = await db.select().from(auditEvents).where(eq(auditEvents.id, forgedId));
      const report = await verifyAs(auditor);
      expect(report).toMatchObject({ ok: false, broken: { position: null, seq: forged.seq, id: forgedId, reason: 'unsealed_event' } });
      expect(report.checked).toBe(report.total);
    });
    expect(await verifyAs(auditor)).toMatchObject({ ok: true });
  });

  it('reports position_gap after a deleted middle chain row', async () => {
    const auditor = await makeUser('auditor');
    await appendEvents(auditor, 5);
    await withRestore(async () => {
      const chain = await allChain();
      const target = chain[chain.length - 3];
      const next = chain[chain.length - 2];
      await tamper((db) => db.delete(auditChain).where(eq(auditChain.position, target.position)).then(() => undefined));
      expect(await verifyAs(auditor)).toMatchObject({
        ok: false,
        checked: target.position - 1,
        total: chain.length,
        broken: {
          position: next.position,
          seq: next.eventSeq,
          reason: 'position_gap',
          message: `Expected chain position ${target.position} but found ${next.position}: chain rows are missing or were inserted.`,
        },
      });
    });
  });

  it('reports unsealed_event when the last chain row was deleted', async () => {
    const auditor = await makeUser('auditor');
    await appendEvents(auditor, 2);
    await withRestore(async () => {
      const chain = await allChain();
      const last = chain[chain.length - 1];
      await tamper((db) => db.delete(auditChain).where(eq(auditChain.position, last.position)).then(() => undefined));
      expect(await verifyAs(auditor)).toMatchObject({ ok: false, checked: chain.length - 1, broken: { seq: last.eventSeq, reason: 'unsealed_event' } });
    });
  });

  it('reports broken_link at the next position when an edited event was re-hashed in the chain', async () => {
    const auditor = await makeUser('auditor');
    await appendEvents(auditor, 5);
    await withRestore(async () => {
      const chain = await allChain();
      const target = chain[chain.length - 3];
      const next = chain[chain.length - 2];
      await tamper(async (db) => {
        await db.update(auditEvents).set({ actorEmail: 'mallory@example.test' }).where(eq(auditEvents.seq, target.eventSeq));
        const rehashed = chainHash(target.prevHash, await sealedBody(target.eventSeq), target.position);
        await db.update(auditChain).set({ hash: rehashed }).where(eq(auditChain.position, target.position));
      });
      expect(await verifyAs(auditor)).toMatchObject({ ok: false, checked: target.position, broken: { position: next.position, seq: next.eventSeq, reason: 'broken_link' } });
    });
  });

  it('reports broken_link after a forged, correctly linked chain row inserted in the middle', async () => {
    const auditor = await makeUser('auditor');
    await appendEvents(auditor, 5);
    await withRestore(async () => {
      const chain = await allChain();
      const predecessor = chain[chain.length - 3];
      const displaced = chain[chain.length - 2];
      const forgedSeq = (await lastEvent()).seq + 1000;
      await tamper(async (db) => {
        const template = await lastEvent();
        await db.insert(auditEvents).values({ ...template, seq: forgedSeq, id: '00000000-0000-4000-8000-0000000a0a0a', action: 'user.create' });
        await db.execute(sql`update audit_chain set position = position + 1000000 where position > ${predecessor.position}`);
        await db.execute(sql`update audit_chain set position = position - 999999 where position > 1000000`);
        const position = predecessor.position + 1;
        await db.insert(auditChain).values({ position, eventSeq: forgedSeq, prevHash: predecessor.hash, hash: chainHash(predecessor.hash, await sealedBody(forgedSeq), position) });
      });
      expect(await verifyAs(auditor)).toMatchObject({ ok: false, checked: predecessor.position + 1, broken: { position: predecessor.position + 2, seq: displaced.eventSeq, reason: 'broken_link' } });
    });
  });

  it('leaves the triggers enabled again after the tamper helpers ran', async () => {
    const db = await getDb();
    const triggers = rowsOf<{ tgname: string; tgenabled: string }>(
      await db.execute(sql`select tgname, tgenabled from pg_trigger where tgname in ('audit_events_append_only', 'audit_chain_append_only') order by tgname`),
    );
    expect(triggers).toEqual([
      { tgname: 'audit_chain_append_only', tgenabled: 'O' },
      { tgname: 'audit_events_append_only', tgenabled: 'O' },
    ]);
    expect((await pgErrorOf(db.delete(auditEvents))).code).toBe('42501');
    expect((await pgErrorOf(db.delete(auditChain))).code).toBe('42501');
  });
});

describe('audit chain under concurrent writers', () => {
  it('seals every committed event exactly once, with dense positions, while 8 writers append and the sealer runs', async () => {
    const writers = 8;
    // PGlite runs one statement at a time, so there the writers interleave but never overlap; fewer events keep it quick.
    const perWriter = testDb.driver === 'pg' ? 500 : 200;
    const db = await getDb();
    const actors = await Promise.all(Array.from({ length: writers }, () => makeUser('scientist')));
    await sealAuditChain({ wait: true });
    const startCount = await auditCount();
    const loop = startAuditSealLoop(20);
    let rolledBack = 0;
    try {
      await Promise.all(
        actors.map(async (actor, w) => {
          for (let i = 0; i < perWriter; i++) {
            await db.transaction((tx) => recordAudit(tx as unknown as Db, actor, 'test.concurrent', { type: 'concurrency', id: `${w}-${i}` }, { after: { w, i } }));
            if (i % 50 === 25) {
              // A change that fails after recording its event: neither the event nor a chain row may remain.
              await db
                .transaction(async (tx) => {
                  await recordAudit(tx as unknown as Db, actor, 'test.rolled_back', { type: 'concurrency', id: `${w}-${i}` });
                  throw new Error('roll back');
                })
                .catch(() => (rolledBack += 1));
            }
          }
        }),
      );
    } finally {
      await loop.stop();
    }
    expect(rolledBack).toBe(writers * (perWriter / 50));
    await sealAuditChain({ wait: true });

    const total = startCount + writers * perWriter;
    const [stats] = rowsOf<{ events: number; links: number; min: number; max: number; distinct_events: number; distinct_prev: number; unsealed: number }>(
      await db.execute(sql`select (select count(*)::int from audit_events) as events, count(*)::int as links, min(position)::int as min, max(position)::int as max,
        count(distinct event_seq)::int as distinct_events, count(distinct prev_hash)::int as distinct_prev,
        (select count(*)::int from audit_events e where not exists (select 1 from audit_chain c where c.event_seq = e.seq)) as unsealed
        from audit_chain`),
    );
    expect(stats).toEqual({ events: total, links: total, min: 1, max: total, distinct_events: total, distinct_prev: total, unsealed: 0 });
    const perActor = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from audit_events where action = 'test.concurrent' group by actor_id`));
    expect(perActor.map((r) => r.n)).toEqual(Array(writers).fill(perWriter));
    expect(await db.select().from(auditEvents).where(eq(auditEvents.action, 'test.rolled_back'))).toEqual([]);
    const auditor = await makeUser('auditor');
    expect(await verifyAs(auditor)).toMatchObject({ ok: true, checked: total + 1, total: total + 1, pending: 0, broken: null });
  }, 240_000);

  it.skipIf(testDb?.driver === 'pglite' || process.env.TEST_DB_DRIVER === 'pglite')(
    'seals a transaction that stays open across a sealing pass in a later pass, after it commits (PostgreSQL only: PGlite has one connection, so no transaction can stay open beside another)',
    async () => {
      const auditor = await makeUser('auditor');
      await sealAuditChain({ wait: true });
      // A transaction open in another database of the same server must not hold this chain back.
      const elsewhere = new Client({ connectionString: TEST_PG_ADMIN_URL });
      await elsewhere.connect();
      await elsewhere.query('begin');
      await elsewhere.query('select pg_current_xact_id()');
      const beside = await appendEvents(auditor, 1, 'beside_other_database').then(lastEvent);
      expect(await sealAuditChain({ wait: true })).toMatchObject({ sealed: 1 });
      const db0 = await getDb();
      expect(await db0.select().from(auditChain).where(eq(auditChain.eventSeq, beside.seq))).toHaveLength(1);
      await elsewhere.query('rollback');
      await elsewhere.end();

      const long = new Client({ connectionString: testDb.url! });
      await long.connect();
      try {
        await long.query('begin');
        const [{ seq: longSeq }] = (
          await long.query(`insert into audit_events (occurred_at, actor_kind, action, resource_type) values (now(), 'system', 'test.long_running', 'test') returning seq::int`)
        ).rows as { seq: number }[];
        await appendEvents(auditor, 2, 'after_long');
        const later = await lastEvent();
        expect(later.seq).toBeGreaterThan(longSeq);

        const pass = await sealAuditChain({ wait: true });
        const db = await getDb();
        // The open transaction holds the horizon: neither its event nor the ones committed after it are sealed yet.
        expect(await db.select().from(auditChain).where(eq(auditChain.eventSeq, later.seq))).toEqual([]);
        const during = await verifyAs(auditor);
        // Only committed events are counted: the open transaction's own event is not visible yet.
        expect(during).toMatchObject({ ok: true, total: pass!.head, pending: 2 });

        await long.query('commit');
        await sealAuditChain({ wait: true });
        const sealed = await db.select().from(auditChain).where(sql`${auditChain.eventSeq} in (${longSeq}, ${later.seq})`).orderBy(asc(auditChain.position));
        expect(sealed.map((c) => c.eventSeq)).toEqual([longSeq, later.seq]);
        expect(await verifyAs(auditor)).toMatchObject({ ok: true, pending: 0, broken: null });
      } finally {
        await long.end();
      }
    },
    120_000,
  );
});

describe('verify fetching ahead', () => {
  it('walks a chain longer than two batches with batches requested ahead, never sending a query to a pg client that has not answered the previous one', async () => {
    const db = await getDb();
    await sealAuditChain({ wait: true });
    // 25,000 events (more than two of verify's batches of 10,000), written as plain inserts and sealed like any other.
    await db.execute(sql`insert into audit_events (occurred_at, actor_kind, action, resource_type, resource_id)
      select now(), 'system', 'test.fetch_ahead', 'test', g::text from generate_series(1, 25000) g`);
    await sealAuditChain({ wait: true });
    const [{ n: total }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from audit_chain`));
    expect(total).toBeGreaterThanOrEqual(25_000);

    // Per pg client: how many of its queries were unanswered at once, and any warning Node emitted meanwhile.
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    let mostAtOnce = 0;
    try {
      const auditor = await makeUser('auditor');
      mostAtOnce = await mostQueriesInFlight(async () => {
        expect(await verifyAs(auditor)).toMatchObject({ ok: true, checked: total + 1, total: total + 1, broken: null });
      });
    } finally {
      process.off('warning', onWarning);
    }
    if (testDb.driver === 'pg') expect(mostAtOnce).toBe(1);
    else expect(mostAtOnce).toBe(0); // PGlite: no pg client involved
    expect(warnings.filter((m) => m.includes('already executing a query'))).toEqual([]);
  }, 120_000);
});

/** A fresh database on the test driver, migrated with the migrations in `dir` only. */
async function legacyDatabase(dir: string): Promise<{ handle: DbHandle; drop(): Promise<void> }> {
  if (testDb.driver === 'pglite') {
    const handle = await openDb({ pgliteDir: null });
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(handle.db as never, { migrationsFolder: dir });
    return { handle, drop: () => handle.close() };
  }
  const name = `modelkeep_test_legacy_${process.pid}_${Date.now()}`;
  const admin = async (q: string) => {
    const c = new Client({ connectionString: TEST_PG_ADMIN_URL });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const handle = await openDb({ url: url.toString(), poolSize: 4 });
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  await migrate(handle.db as never, { migrationsFolder: dir });
  return {
    handle,
    async drop() {
      await handle.close();
      await admin(`drop database if exists ${name} with (force)`);
    },
  };
}

describe('migration of an existing chain', () => {
  it('keeps existing events and re-seals them in seq order on the first pass', async () => {
    // A database migrated up to the previous chain layout, with events in it, then upgraded.
    const { migrateDb } = await import('@/db/migrate');
    const dir = path.join(tmpdir(), `modelkeep-migrations-${process.pid}-${Date.now()}`);
    await cp(MIGRATIONS_DIR, dir, { recursive: true });
    const journalPath = path.join(dir, 'meta', '_journal.json');
    const journal = JSON.parse(await readFile(journalPath, 'utf8')) as { entries: { tag: string }[] };
    const upTo = journal.entries.findIndex((e) => e.tag === '0007_audit_chain');
    await writeFile(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, upTo) }));
    const old = await legacyDatabase(dir);
    try {
      const odb = old.handle.db;
      for (let seq = 1; seq <= 3; seq++) {
        await odb.execute(sql`insert into audit_events (seq, occurred_at, actor_kind, action, resource_type, resource_id, after, prev_hash, hash)
          values (${seq}, ${new Date(Date.UTC(2026, 0, seq)).toISOString()}::timestamptz, 'system', 'legacy.event', 'test', ${String(seq)}, ${JSON.stringify({ n: seq })}::jsonb, ${'a'.repeat(64)}, ${String(seq).repeat(64)})`);
      }
      await migrateDb(old.handle);
      const { setDbHandle } = await import('@/db/client');
      setDbHandle(old.handle);
      try {
        expect(await sealAuditChain({ wait: true })).toMatchObject({ sealed: 3, head: 3 });
        const chain = await old.handle.db.select().from(auditChain).orderBy(asc(auditChain.position));
        expect(chain.map((c) => [c.position, c.eventSeq])).toEqual([
          [1, 1],
          [2, 2],
          [3, 3],
        ]);
        const events = await old.handle.db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
        expect(events.map((e) => [e.seq, e.action, e.after, e.occurredAt.toISOString()])).toEqual([1, 2, 3].map((n) => [n, 'legacy.event', { n }, new Date(Date.UTC(2026, 0, n)).toISOString()]));
        expect(await verifyAuditChain(systemActor(), {})).toMatchObject({ ok: true, checked: 3, total: 3 });
        // New events continue after the existing seqs.
        await old.handle.db.transaction((tx) => recordAudit(tx as unknown as Db, systemActor(), 'test.after_upgrade', { type: 'test', id: 4 }));
        expect((await old.handle.db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1))[0].seq).toBe(4);
      } finally {
        setDbHandle(testDb.handle);
      }
    } finally {
      await old.drop();
    }
    // Two extra databases, each migrated from scratch: slow on PGlite and on a loaded machine.
  }, 240_000);
});

describe('listAuditEvents', () => {
  // Each scenario's events sit at fixed instants on a day of its own in 2031, so the time filters
  // see only that scenario's events.
  let day = 0;

  async function scenario() {
    const T0 = Date.UTC(2031, 0, 1 + day++, 9, 0, 0);
    const at = (i: number) => new Date(T0 + i * 60_000);
    const admin = await makeUser('admin');
    vi.setSystemTime(at(0));
    const subject = await createUser(admin, { email: uniqueEmail('subject'), name: 'Subject', role: 'viewer', password: TEST_PASSWORD });
    vi.setSystemTime(at(1));
    await updateUser(admin, { id: subject.id, name: 'Renamed' });
    vi.setSystemTime(at(2));
    await updateUser(admin, { id: subject.id, role: 'approver' });
    vi.setSystemTime(at(3));
    const token = await createToken(admin, { name: 'audit filter token' });
    vi.setSystemTime(at(4));
    await updateUser(admin, { id: subject.id, disabled: true });
    vi.useRealTimers();
    return { admin, subject, token, at, actorNeedle: admin.email.slice(6, 14).toUpperCase() };
  }

  it('filters by actor substring (case-insensitive), newest first', async () => {
    const { admin, actorNeedle } = await scenario();
    const { events, nextPageToken } = await listAuditEvents(admin, { actor: actorNeedle });
    expect(events.map((e) => e.action)).toEqual(['user.disable', 'token.create', 'user.change_role', 'user.update', 'user.create']);
    expect(events.map((e) => e.actorEmail)).toEqual(Array(5).fill(admin.email));
    expect(nextPageToken).toBeNull();
  });

  it('treats LIKE wildcards in the actor filter as plain text', async () => {
    const { admin } = await scenario();
    expect((await listAuditEvents(admin, { actor: '%' })).events).toEqual([]);
    expect((await listAuditEvents(admin, { actor: '_' })).events).toEqual([]);
  });

  it('filters by exact action, and by a prefix ending in . or *', async () => {
    const { admin, actorNeedle } = await scenario();
    const actions = async (action: string) => (await listAuditEvents(admin, { actor: actorNeedle, action })).events.map((e) => e.action);
    expect(await actions('user.update')).toEqual(['user.update']);
    expect(await actions('user.')).toEqual(['user.disable', 'user.change_role', 'user.update', 'user.create']);
    expect(await actions('user*')).toEqual(['user.disable', 'user.change_role', 'user.update', 'user.create']);
    expect(await actions('user')).toEqual([]);
    expect(await actions('token.')).toEqual(['token.create']);
  });

  it('filters by resource type and id', async () => {
    const { admin, subject, token } = await scenario();
    const byResource = await listAuditEvents(admin, { resourceType: 'user', resourceId: subject.id });
    expect(byResource.events.map((e) => e.action)).toEqual(['user.disable', 'user.change_role', 'user.update', 'user.create']);
    expect(byResource.events.map((e) => e.resourceId)).toEqual(Array(4).fill(subject.id));
    const byToken = await listAuditEvents(admin, { resourceType: 'api_token', resourceId: token.id });
    expect(byToken.events).toHaveLength(1);
    expect(byToken.events[0]).toMatchObject({ action: 'token.create', resourceType: 'api_token', resourceId: token.id, actorId: admin.userId });
  });

  it('filters by time: from is inclusive, to is exclusive', async () => {
    const { admin, subject, at } = await scenario();
    const { events } = await listAuditEvents(admin, { from: at(1).toISOString(), to: at(3).toISOString() });
    expect(events.map((e) => [e.action, e.resourceId, e.occurredAt])).toEqual([
      ['user.change_role', subject.id, at(2).toISOString()],
      ['user.update', subject.id, at(1).toISOString()],
    ]);
  });

  it('pages through a filter with opaque tokens, without gaps or repeats', async () => {
    const { admin, actorNeedle } = await scenario();
    const seen: number[] = [];
    let pageToken: string | undefined;
    const sizes: number[] = [];
    for (;;) {
      const page = await listAuditEvents(admin, { actor: actorNeedle, pageSize: 2, pageToken });
      sizes.push(page.events.length);
      seen.push(...page.events.map((e) => e.seq));
      if (!page.nextPageToken) break;
      pageToken = page.nextPageToken;
    }
    expect(sizes).toEqual([2, 2, 1]);
    const all = (await listAuditEvents(admin, { actor: actorNeedle })).events.map((e) => e.seq);
    expect(seen).toEqual(all);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
  });

  it('rejects a reversed time range, a bad date and a forged page token, naming the field', async () => {
    const admin = await makeUser('admin');
    await expect(listAuditEvents(admin, { from: '2031-01-02', to: '2031-01-01' })).rejects.toMatchObject({
      code: 'validation_failed',
      message: 'to: must be after from',
      issues: [{ path: 'to', message: 'must be after from' }],
    });
    await expect(listAuditEvents(admin, { from: 'yesterday-ish' })).rejects.toMatchObject({ code: 'validation_failed', issues: [{ path: 'from' }] });
    await expect(listAuditEvents(admin, { pageToken: 'not-a-token!' })).rejects.toMatchObject({ code: 'invalid_page_token' });
    await expect(listAuditEvents(admin, { pageToken: encodePageToken(['not-a-seq']) })).rejects.toMatchObject({ code: 'invalid_page_token' });
  });
});

describe('exportAuditEvents', () => {
  it('yields every matching row newest first across batches, capped at the head when the export began', async () => {
    const auditor = await makeUser('auditor');
    const db = await getDb();
    const n = 2100;
    await db.transaction(async (tx) => {
      for (let i = 0; i < n; i++) await recordAudit(tx as unknown as Db, auditor, 'test.export', { type: 'export_test', id: i });
    });

    const gen = exportAuditEvents(auditor, { resourceType: 'export_test' });
    const first = await gen.next();
    expect(first.done).toBe(false);
    // Appended after the export began: must not appear, even in later batches.
    await appendEvents(auditor, 3, 'export_test');
    const rest = await drain(gen);
    const rows = [first.value!, ...rest];

    expect(rows).toHaveLength(n);
    expect(rows.every((r) => r.resourceType === 'export_test' && r.action === 'test.export')).toBe(true);
    const seqs = rows.map((r) => r.seq);
    expect(new Set(seqs).size).toBe(n);
    expect([...seqs].sort((a, b) => b - a)).toEqual(seqs);
    expect(rows.map((r) => r.resourceId)).toEqual(Array.from({ length: n }, (_, i) => String(n - 1 - i)));

    const [exportEvent] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, 'audit.export'), eq(auditEvents.actorId, auditor.userId)));
    expect(exportEvent).toMatchObject({ actorKind: 'user', resourceType: 'audit_log', resourceId: null });
    expect(exportEvent.after).toMatchObject({ format: 'jsonl', filter: { resourceType: 'export_test' }, upToSeq: exportEvent.seq - 1 });
  });

  it('does not include its own audit.export event, recorded as it begins', async () => {
    const auditor = await makeUser('auditor');
    const head = await lastEvent();
    const count = await auditCount();
    const rows = await drain(exportAuditEvents(auditor, { format: 'csv' }));
    expect(rows[0].seq).toBe(head.seq);
    expect(rows).toHaveLength(count);
    expect(rows[rows.length - 1].seq).toBe(1);
    // Sealed before the export began: every row carries its place in the chain, newest first.
    const positions = rows.map((r) => r.position);
    expect(positions.every((p) => p !== null)).toBe(true);
    expect(rows.every((r) => typeof r.hash === 'string' && typeof r.prevHash === 'string')).toBe(true);
    expect(new Set(positions).size).toBe(count);
    expect(await lastEvent()).toMatchObject({ seq: head.seq + 1, action: 'audit.export', actorId: auditor.userId });
  });
});

describe('audit.read and audit.export by role', () => {
  it.each(['viewer', 'scientist', 'approver'] as Role[])('refuses a %s listing, verifying and exporting with forbidden, writing no event', async (role) => {
    const actor = await makeUser(role);
    const before = await auditCount();
    await expect(listAuditEvents(actor, {})).rejects.toMatchObject({
      code: 'forbidden',
      message: `The ${role} role may not read the audit log and verify its chain (permission 'audit.read').`,
    });
    await expect(verifyAuditChain(actor, {})).rejects.toMatchObject({ code: 'forbidden' });
    await expect(exportAuditEvents(actor, {}).next()).rejects.toMatchObject({
      code: 'forbidden',
      message: `The ${role} role may not export the audit log as CSV or JSON Lines (permission 'audit.export').`,
    });
    expect(await auditCount()).toBe(before);
  });

  it.each(['auditor', 'admin'] as Role[])('lets an %s list, verify and export', async (role) => {
    const actor = await makeUser(role);
    const listed = await listAuditEvents(actor, { pageSize: 1 });
    expect(listed.events).toHaveLength(1);
    expect(await verifyAuditChain(actor, {})).toMatchObject({ ok: true });
    const exported = await exportAuditEvents(actor, {}).next();
    expect(exported.done).toBe(false);
  });

  it('lets the system actor read the log', async () => {
    await makeUser('viewer');
    expect((await listAuditEvents(systemActor(), { pageSize: 1 })).events).toHaveLength(1);
  });
});
