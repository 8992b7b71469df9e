import { describe, expect, it } from 'vitest';
import { ChainVerifier, GENESIS_HASH, hashEvent, verifyChain, type ChainedEvent, type ChainedEventBody } from './chain';

function body(seq: number, overrides: Partial<ChainedEventBody> = {}): ChainedEventBody {
  return {
    seq,
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)),
    actorId: '11111111-1111-4111-8111-111111111111',
    actorEmail: 'admin@example.test',
    actorKind: 'user',
    tokenId: null,
    action: 'user.update',
    resourceType: 'user',
    resourceId: `user-${seq}`,
    before: { name: `old ${seq}` },
    after: { name: `new ${seq}`, tags: ['a', 'b'] },
    requestId: `req-${seq}`,
    ip: '10.0.0.1',
    userAgent: 'vitest',
    ...overrides,
  };
}

/** A valid chain of n events, as recordAudit would have written it. */
function chain(n: number): ChainedEvent[] {
  const events: ChainedEvent[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const b = body(seq);
    const hash = hashEvent(prev, b);
    events.push({ ...b, prevHash: prev, hash });
    prev = hash;
  }
  return events;
}

function rehash(e: ChainedEvent): ChainedEvent {
  return { ...e, hash: hashEvent(e.prevHash, e) };
}

describe('hashEvent', () => {
  it('is a sha256 hex digest', () => {
    expect(hashEvent(GENESIS_HASH, body(1))).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on the key order of before and after', () => {
    const a = body(1, { after: { a: 1, b: { c: 2, d: 3 } } });
    const b = body(1, { after: { b: { d: 3, c: 2 }, a: 1 } });
    expect(hashEvent(GENESIS_HASH, a)).toBe(hashEvent(GENESIS_HASH, b));
  });

  it('treats a missing before/after as null', () => {
    expect(hashEvent(GENESIS_HASH, body(1, { before: undefined }))).toBe(hashEvent(GENESIS_HASH, body(1, { before: null })));
  });

  it('changes when the previous hash changes', () => {
    expect(hashEvent(GENESIS_HASH, body(1))).not.toBe(hashEvent('f'.repeat(64), body(1)));
  });

  const changes: [keyof ChainedEventBody, unknown][] = [
    ['seq', 2],
    ['id', '00000000-0000-4000-8000-999999999999'],
    ['occurredAt', new Date(Date.UTC(2026, 0, 1, 0, 0, 1, 1))],
    ['actorId', null],
    ['actorEmail', 'mallory@example.test'],
    ['actorKind', 'system'],
    ['tokenId', '22222222-2222-4222-8222-222222222222'],
    ['action', 'user.delete'],
    ['resourceType', 'api_token'],
    ['resourceId', 'user-2'],
    ['before', { name: 'forged' }],
    ['after', { name: 'new 1', tags: ['b', 'a'] }],
    ['requestId', 'req-x'],
    ['ip', '10.0.0.2'],
    ['userAgent', 'curl'],
  ];
  it('covers every field of the event', () => {
    expect(changes.map(([k]) => k).sort()).toEqual(Object.keys(body(1)).sort());
  });
  it.each(changes)('changes when %s changes', (field, value) => {
    expect(hashEvent(GENESIS_HASH, body(1, { [field]: value }))).not.toBe(hashEvent(GENESIS_HASH, body(1)));
  });
});

describe('verifyChain', () => {
  it('accepts a valid chain and counts every event', () => {
    expect(verifyChain(chain(10))).toEqual({ ok: true, checked: 10, broken: null });
  });

  it('accepts an empty chain', () => {
    expect(verifyChain([])).toEqual({ ok: true, checked: 0, broken: null });
  });

  it('starts from the all-zero genesis hash', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    expect(chain(1)[0].prevHash).toBe(GENESIS_HASH);
  });

  it('refuses a first event that does not link to genesis with broken_link at #1', () => {
    const [first] = chain(1);
    const forged = rehash({ ...first, prevHash: 'a'.repeat(64) });
    expect(verifyChain([forged])).toMatchObject({ ok: false, checked: 0, broken: { seq: 1, id: first.id, reason: 'broken_link' } });
  });

  it('refuses a chain that does not start at #1 with sequence_gap (the head was deleted)', () => {
    const events = chain(5).slice(1);
    expect(verifyChain(events)).toEqual({
      ok: false,
      checked: 0,
      broken: { seq: 2, id: events[0].id, reason: 'sequence_gap', message: 'Expected event #1 but found #2: events are missing or were inserted.' },
    });
  });

  it('detects an edited event by hash_mismatch at that event', () => {
    const events = chain(6);
    events[3] = { ...events[3], after: { name: 'forged', tags: ['a', 'b'] } };
    expect(verifyChain(events)).toEqual({
      ok: false,
      checked: 3,
      broken: { seq: 4, id: events[3].id, reason: 'hash_mismatch', message: 'Event #4 was changed after it was recorded: its content no longer matches its hash.' },
    });
  });

  it('detects an edited event whose hash was recomputed by broken_link at the next event', () => {
    const events = chain(6);
    events[3] = rehash({ ...events[3], actorEmail: 'mallory@example.test' });
    expect(verifyChain(events)).toEqual({
      ok: false,
      checked: 4,
      broken: { seq: 5, id: events[4].id, reason: 'broken_link', message: 'Event #5 does not link to the event before it: a row was inserted, deleted or re-hashed.' },
    });
  });

  it('detects a deleted middle event by sequence_gap at the event after it', () => {
    const events = chain(6);
    events.splice(2, 1);
    expect(verifyChain(events)).toMatchObject({ ok: false, checked: 2, broken: { seq: 4, reason: 'sequence_gap', message: 'Expected event #3 but found #4: events are missing or were inserted.' } });
  });

  it('detects a deleted event whose successors were renumbered by broken_link', () => {
    const events = chain(6);
    events.splice(2, 1);
    const renumbered = events.map((e, i) => (i >= 2 ? { ...e, seq: i + 1 } : e));
    expect(verifyChain(renumbered)).toMatchObject({ ok: false, checked: 2, broken: { seq: 3, id: events[2].id, reason: 'broken_link' } });
  });

  it('detects an inserted event with a duplicate seq by sequence_gap', () => {
    const events = chain(4);
    const forged = rehash({ ...body(3, { action: 'user.create' }), prevHash: events[1].hash, hash: '' });
    events.splice(3, 0, forged);
    expect(verifyChain(events)).toMatchObject({ ok: false, checked: 3, broken: { seq: 3, reason: 'sequence_gap' } });
  });

  it('detects a correctly linked forged event inserted in the middle by broken_link at the event after it', () => {
    const events = chain(5);
    const forged = rehash({ ...body(3, { id: '00000000-0000-4000-8000-0000000000ff', action: 'user.create' }), prevHash: events[1].hash, hash: '' });
    const tampered = [...events.slice(0, 2), forged, ...events.slice(2).map((e) => ({ ...e, seq: e.seq + 1 }))];
    expect(verifyChain(tampered)).toMatchObject({ ok: false, checked: 3, broken: { seq: 4, id: events[2].id, reason: 'broken_link' } });
  });

  it('detects swapped events', () => {
    const events = chain(4);
    [events[1], events[2]] = [events[2], events[1]];
    expect(verifyChain(events)).toMatchObject({ ok: false, checked: 1, broken: { seq: 3, reason: 'sequence_gap' } });
  });

  it('reports only the first break', () => {
    const events = chain(6);
    events[1] = { ...events[1], action: 'forged' };
    events[4] = { ...events[4], action: 'forged' };
    expect(verifyChain(events).broken).toMatchObject({ seq: 2, reason: 'hash_mismatch' });
  });
});

describe('ChainVerifier', () => {
  it('verifies event by event across batches and keeps reporting the first break', () => {
    const events = chain(5);
    events[3] = { ...events[3], ip: '6.6.6.6' };
    const verifier = new ChainVerifier();
    expect(events.slice(0, 3).map((e) => verifier.push(e))).toEqual([null, null, null]);
    const first = verifier.push(events[3]);
    expect(first).toMatchObject({ seq: 4, reason: 'hash_mismatch' });
    expect(verifier.push(events[4])).toBe(first);
    expect(verifier.checked).toBe(3);
    expect(verifier.broken).toBe(first);
  });
});
