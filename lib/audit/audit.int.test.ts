import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { getDb, rowsOf, type Db } from '@/db/client';
import { auditEvents } from '@/db/schema/audit';
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
import { GENESIS_HASH, hashEvent } from './chain';
import { exportAuditEvents } from './export-audit-events';
import { listAuditEvents } from './list-audit-events';
import { recordAudit } from './record-audit';
import { verifyAuditChain } from './verify-audit-chain';

type AuditRow = typeof auditEvents.$inferSelect;

async function auditCount(): Promise<number> {
  const db = await getDb();
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
  return n;
}

async function allEvents(): Promise<AuditRow[]> {
  const db = await getDb();
  return db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
}

async function lastEvent(): Promise<AuditRow> {
  const db = await getDb();
  const [row] = await db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
  return row;
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
 * trigger off, change rows, switch it on again. The original rows are put back afterwards, so the
 * chain is intact for the next test.
 */
async function tamper(change: (db: Db) => Promise<void>): Promise<void> {
  const db = await getDb();
  await db.execute(sql`alter table audit_events disable trigger user`);
  try {
    await change(db);
  } finally {
    await db.execute(sql`alter table audit_events enable trigger user`);
  }
}

async function restore(rows: AuditRow[]): Promise<void> {
  await tamper(async (db) => {
    await db.delete(auditEvents);
    for (let i = 0; i < rows.length; i += 500) await db.insert(auditEvents).values(rows.slice(i, i + 500));
  });
}

async function verifyAs(actor: Actor) {
  return verifyAuditChain(actor, {});
}

afterEach(() => {
  vi.useRealTimers();
});

describe('audit_events append-only trigger', () => {
  it('refuses UPDATE, DELETE and TRUNCATE through the application connection and leaves the rows as they were', async () => {
    await makeUser('viewer');
    const before = await allEvents();
    expect(before.length).toBeGreaterThan(0);
    const db = await getDb();

    expect(await pgErrorOf(db.update(auditEvents).set({ action: 'forged' }).where(eq(auditEvents.seq, 1)))).toEqual({
      code: '42501',
      message: 'audit_events is append-only: UPDATE refused',
    });
    expect(await pgErrorOf(db.delete(auditEvents).where(eq(auditEvents.seq, 1)))).toEqual({ code: '42501', message: 'audit_events is append-only: DELETE refused' });
    expect(await pgErrorOf(db.execute(sql`truncate audit_events`))).toEqual({ code: '42501', message: 'audit_events is append-only: TRUNCATE refused' });

    expect(await allEvents()).toEqual(before);
  });
});

describe('recordAudit inside a service transaction', () => {
  it('links each event to the one before it with hash = sha256(prev_hash || event)', async () => {
    const admin = await makeUser('admin');
    const previous = await lastEvent();
    const created = await createUser(admin, { email: uniqueEmail(), name: 'Linked', role: 'viewer', password: TEST_PASSWORD });
    const event = await lastEvent();
    expect(event).toMatchObject({ seq: previous.seq + 1, prevHash: previous.hash, action: 'user.create', resourceId: created.id, actorId: admin.userId, actorKind: 'user' });
    expect(event.hash).toBe(hashEvent(event.prevHash, event));
    const [first] = await allEvents();
    expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
  });

  it('writes no event for a failed service call (duplicate createUser), and the next event takes the next seq', async () => {
    const admin = await makeUser('admin');
    const email = uniqueEmail('dup');
    await createUser(admin, { email, name: 'First', role: 'viewer', password: TEST_PASSWORD });
    const head = await lastEvent();
    await expect(createUser(admin, { email, name: 'Second', role: 'viewer', password: TEST_PASSWORD })).rejects.toMatchObject({
      code: 'already_exists',
      message: 'A user with this email already exists.',
    });
    expect(await lastEvent()).toEqual(head);
    await createUser(admin, { email: uniqueEmail(), name: 'Third', role: 'viewer', password: TEST_PASSWORD });
    expect(await lastEvent()).toMatchObject({ seq: head.seq + 1, prevHash: head.hash });
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
    const db = await getDb();
    expect(await db.select().from(auditEvents).where(eq(auditEvents.action, 'test.should_vanish'))).toEqual([]);
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
    expect(stored.hash).toBe(hashEvent(stored.prevHash, stored));
    expect(await verifyAs(auditor)).toMatchObject({ ok: true, broken: null });
  });
});

describe('verifyAuditChain against tampering', () => {
  it('reports a valid chain as ok, with every event checked and the head hash', async () => {
    const auditor = await makeUser('auditor');
    const head = await lastEvent();
    const report = await verifyAs(auditor);
    expect(report).toMatchObject({ ok: true, checked: head.seq, total: head.seq, headHash: head.hash, broken: null });
  });

  it('reports hash_mismatch at the seq of a row whose after JSON was edited', async () => {
    const auditor = await makeUser('auditor');
    await appendEvents(auditor, 5);
    const rows = await allEvents();
    const target = rows[rows.length - 3];
    try {
      await tamper((db) => db.update(auditEvents).set({ after: { forged: true } }).where(eq(auditEvents.seq, target.seq)).then(() => undefined));
      const report = await verifyAs(auditor);
      expect(report).toMatchObject({
        ok: false,
        checked: target.seq - 1,
        broken: { seq: target.seq, id: target.id, reason: 'hash_mismatch', message: `Event #${target.seq} was changed after it was recorded: its content no longer matches its hash.` },
      });
    } finally {
      await restore(rows);
    }
    expect(await verifyAs(auditor)).toMatchObject({ ok: true });
  });

  it('reports broken_link at the next seq when the edited row was re-hashed', async () => {
    const auditor = await makeUser('auditor');
    await appendEvents(auditor, 5);
    const rows = await allEvents();
    const target = rows[rows.length - 3];
    const next = rows[rows.length - 2];
    try {
      const edited = { ...target, actorEmail: 'mallory@example.test' };
      await tamper((db) =>
        db
          .update(auditEvents)
          .set({ actorEmail: edited.actorEmail, hash: hashEvent(edited.prevHash, edited) })
          .where(eq(auditEvents.seq, target.seq))
          .then(() => undefined),
      );
      expect(await verifyAs(auditor)).toMatchObject({ ok: false, checked: target.seq, broken: { seq: next.seq, id: next.id, reason: 'broken_link' } });
    } finally {
      await restore(rows);
    }
  });

  it('reports sequence_gap after a deleted middle row', async () => {
    const auditor = await makeUser('auditor');
    await appendEvents(auditor, 5);
    const rows = await allEvents();
    const target = rows[rows.length - 3];
    const next = rows[rows.length - 2];
    try {
      await tamper((db) => db.delete(auditEvents).where(eq(auditEvents.seq, target.seq)).then(() => undefined));
      expect(await verifyAs(auditor)).toMatchObject({
        ok: false,
        checked: target.seq - 1,
        total: rows.length - 1,
        broken: { seq: next.seq, id: next.id, reason: 'sequence_gap', message: `Expected event #${target.seq} but found #${next.seq}: events are missing or were inserted.` },
      });
    } finally {
      await restore(rows);
    }
  });

  it('reports broken_link after a deleted middle row whose successors were renumbered', async () => {
    const auditor = await makeUser('auditor');
    await appendEvents(auditor, 5);
    const rows = await allEvents();
    const target = rows[rows.length - 3];
    const next = rows[rows.length - 2];
    try {
      await tamper(async (db) => {
        await db.delete(auditEvents).where(eq(auditEvents.seq, target.seq));
        await db.execute(sql`update audit_events set seq = seq + 1000000 where seq > ${target.seq}`);
        await db.execute(sql`update audit_events set seq = seq - 1000001 where seq > 1000000`);
      });
      expect(await verifyAs(auditor)).toMatchObject({ ok: false, checked: target.seq - 1, broken: { seq: target.seq, id: next.id, reason: 'broken_link' } });
    } finally {
      await restore(rows);
    }
  });

  it('detects a forged row inserted in the middle with a correct link to its predecessor', async () => {
    const auditor = await makeUser('auditor');
    await appendEvents(auditor, 5);
    const rows = await allEvents();
    const predecessor = rows[rows.length - 3];
    const displaced = rows[rows.length - 2];
    try {
      await tamper(async (db) => {
        await db.execute(sql`update audit_events set seq = seq + 1000000 where seq > ${predecessor.seq}`);
        await db.execute(sql`update audit_events set seq = seq - 999999 where seq > 1000000`);
        const body = { ...displaced, seq: predecessor.seq + 1, id: '00000000-0000-4000-8000-0000000f0f0f', action: 'user.create', resourceId: 'forged' };
        await db.insert(auditEvents).values({ ...body, prevHash: predecessor.hash, hash: hashEvent(predecessor.hash, body) });
      });
      expect(await verifyAs(auditor)).toMatchObject({ ok: false, checked: predecessor.seq + 1, broken: { seq: predecessor.seq + 2, id: displaced.id, reason: 'broken_link' } });
    } finally {
      await restore(rows);
    }
  });

  it('detects a forged row appended after the head that does not link to it', async () => {
    const auditor = await makeUser('auditor');
    const rows = await allEvents();
    const head = rows[rows.length - 1];
    const body = { ...head, seq: head.seq + 1, id: '00000000-0000-4000-8000-00000000f00d', action: 'user.delete' };
    const prevHash = rows[rows.length - 2].hash;
    try {
      await tamper((db) => db.insert(auditEvents).values({ ...body, prevHash, hash: hashEvent(prevHash, body) }).then(() => undefined));
      expect(await verifyAs(auditor)).toMatchObject({ ok: false, checked: head.seq, broken: { seq: head.seq + 1, reason: 'broken_link' } });
    } finally {
      await restore(rows);
    }
    expect(await verifyAs(auditor)).toMatchObject({ ok: true, headHash: (await lastEvent()).hash });
  });

  it('leaves the trigger enabled again after the tamper helpers ran', async () => {
    const db = await getDb();
    const [trigger] = rowsOf<{ tgenabled: string }>(await db.execute(sql`select tgenabled from pg_trigger where tgname = 'audit_events_append_only'`));
    expect(trigger.tgenabled).toBe('O');
    expect((await pgErrorOf(db.delete(auditEvents))).code).toBe('42501');
  });
});

describe('audit chain under concurrent writers', () => {
  it('keeps seq dense and the chain valid with 8 writers appending at once', async () => {
    const writers = 8;
    // PGlite runs one statement at a time, so there the writers interleave but never overlap; fewer events keep it quick.
    const perWriter = testDb.driver === 'pg' ? 500 : 200;
    const db = await getDb();
    const actors = await Promise.all(Array.from({ length: writers }, () => makeUser('scientist')));
    const startCount = await auditCount();

    await Promise.all(
      actors.map(async (actor, w) => {
        for (let i = 0; i < perWriter; i++) {
          await db.transaction((tx) => recordAudit(tx as unknown as Db, actor, 'test.concurrent', { type: 'concurrency', id: `${w}-${i}` }, { after: { w, i } }));
        }
      }),
    );

    const total = startCount + writers * perWriter;
    const [stats] = rowsOf<{ n: number; min: number; max: number; distinct_hashes: number }>(
      await db.execute(sql`select count(*)::int as n, min(seq)::int as min, max(seq)::int as max, count(distinct prev_hash)::int as distinct_hashes from audit_events`),
    );
    expect(stats).toEqual({ n: total, min: 1, max: total, distinct_hashes: total });
    const perActor = rowsOf<{ actor_id: string; n: number }>(
      await db.execute(sql`select actor_id, count(*)::int as n from audit_events where action = 'test.concurrent' group by actor_id`),
    );
    expect(perActor.map((r) => r.n)).toEqual(Array(writers).fill(perWriter));
    const auditor = await makeUser('auditor');
    expect(await verifyAs(auditor)).toMatchObject({ ok: true, checked: total + 1, total: total + 1, broken: null });
  });
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
    const rows = await drain(exportAuditEvents(auditor, { format: 'csv' }));
    expect(rows[0].seq).toBe(head.seq);
    expect(rows).toHaveLength(head.seq);
    expect(rows[rows.length - 1].seq).toBe(1);
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
