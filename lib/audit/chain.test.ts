import { describe, expect, it } from 'vitest';
import { canonicalChainText, chainHash, chainText, ChainVerifier, GENESIS_HASH, sealHorizon, verifyChain, type AuditEventBody, type ChainEntry } from './chain';

function body(seq: number, overrides: Partial<AuditEventBody> = {}): AuditEventBody {
  return {
    seq,
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
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

/**
 * A valid chain of n entries as the sealer writes it. Event seqs have gaps (every third number is
 * skipped, as a rolled-back change leaves one) and positions are dense.
 */
function chain(n: number): ChainEntry[] {
  const entries: ChainEntry[] = [];
  let prev = GENESIS_HASH;
  for (let position = 1; position <= n; position++) {
    const event = body(position + Math.floor(position / 3));
    const hash = chainHash(prev, event, position);
    entries.push({ position, eventSeq: event.seq, prevHash: prev, hash, event });
    prev = hash;
  }
  return entries;
}

function rehash(e: ChainEntry): ChainEntry {
  return { ...e, hash: chainHash(e.prevHash, e.event!, e.position) };
}

describe('chainText (the fast serialiser) against canonicalJson', () => {
  const tricky: Partial<AuditEventBody>[] = [
    {},
    { before: null, after: null },
    { before: undefined },
    { actorId: null, actorEmail: null, tokenId: '22222222-2222-4222-8222-222222222222', resourceId: null, requestId: null, ip: null, userAgent: null },
    { actorEmail: 'é ✓ 🙂 "quoted" \\ back\nslash\u2028\u0000', userAgent: '</script><!--' },
    { action: '"seq":0,', resourceType: '{"position":1}' },
    { after: { z: 1, a: { nested: { b: 2, a: 1 }, list: [3, 1, { y: 1, x: [] }] }, float: 0.30000000000000004, tiny: 1e-7, huge: 1e21, negZero: -0, s: 'NaN', t: true, n: null } },
    { before: [1, 'two', null, { B: 1, a: 2, _: 3, A: 4 }], after: 'plain text' },
    { before: 42, after: false },
  ];
  it.each(tricky.map((o, i) => [i, o] as const))('gives the reference text for event variant %i', (_i, overrides) => {
    for (const position of [1, 7, 123_456_789]) {
      const e = body(9, overrides);
      expect(chainText(e, position)).toBe(canonicalChainText({ ...e, position }));
    }
  });
});

describe('chainHash', () => {
  it('is a sha256 hex digest of prev_hash followed by the canonical text', async () => {
    const { createHash } = await import('node:crypto');
    const e = body(1);
    expect(chainHash(GENESIS_HASH, e, 1)).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(GENESIS_HASH, e, 1)).toBe(createHash('sha256').update(GENESIS_HASH + canonicalChainText({ ...e, position: 1 })).digest('hex'));
  });

  it('does not depend on the key order of before and after', () => {
    const a = body(1, { after: { a: 1, b: { c: 2, d: 3 } } });
    const b = body(1, { after: { b: { d: 3, c: 2 }, a: 1 } });
    expect(chainHash(GENESIS_HASH, a, 1)).toBe(chainHash(GENESIS_HASH, b, 1));
  });

  it('treats a missing before/after as null', () => {
    expect(chainHash(GENESIS_HASH, body(1, { before: undefined }), 1)).toBe(chainHash(GENESIS_HASH, body(1, { before: null }), 1));
  });

  it('changes when the previous hash or the position changes', () => {
    expect(chainHash(GENESIS_HASH, body(1), 1)).not.toBe(chainHash('f'.repeat(64), body(1), 1));
    expect(chainHash(GENESIS_HASH, body(1), 1)).not.toBe(chainHash(GENESIS_HASH, body(1), 2));
  });

  const changes: [keyof AuditEventBody, unknown][] = [
    ['seq', 2],
    ['id', '00000000-0000-4000-8000-999999999999'],
    ['occurredAt', '2026-01-01T00:00:01.001Z'],
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
    expect(chainHash(GENESIS_HASH, body(1, { [field]: value }), 1)).not.toBe(chainHash(GENESIS_HASH, body(1), 1));
  });
});

describe('verifyChain', () => {
  it('accepts a valid chain (event seqs with gaps) and counts every entry', () => {
    expect(verifyChain(chain(10))).toEqual({ ok: true, checked: 10, broken: null });
  });

  it('accepts an empty chain', () => {
    expect(verifyChain([])).toEqual({ ok: true, checked: 0, broken: null });
  });

  it('detects an edited event by hash_mismatch at its position', () => {
    const entries = chain(6);
    entries[3] = { ...entries[3], event: { ...entries[3].event!, after: { name: 'forged' } } };
    expect(verifyChain(entries)).toEqual({
      ok: false,
      checked: 3,
      broken: {
        position: 4,
        seq: entries[3].eventSeq,
        id: entries[3].event!.id,
        reason: 'hash_mismatch',
        message: `Event #${entries[3].eventSeq} (chain position 4) was changed after it was recorded: its content no longer matches its hash.`,
      },
    });
  });

  it('detects a deleted event (its chain row remains) by event_missing', () => {
    const entries = chain(6);
    entries[2] = { ...entries[2], event: null };
    expect(verifyChain(entries)).toEqual({
      ok: false,
      checked: 2,
      broken: {
        position: 3,
        seq: entries[2].eventSeq,
        id: null,
        reason: 'event_missing',
        message: `Event #${entries[2].eventSeq}, sealed at chain position 3, is gone: it was deleted after it was recorded.`,
      },
    });
  });

  it('detects an edited event whose chain row was re-hashed by broken_link at the next position', () => {
    const entries = chain(6);
    entries[3] = rehash({ ...entries[3], event: { ...entries[3].event!, actorEmail: 'mallory@example.test' } });
    expect(verifyChain(entries)).toMatchObject({ ok: false, checked: 4, broken: { position: 5, seq: entries[4].eventSeq, reason: 'broken_link' } });
  });

  it('detects a deleted chain row by position_gap at the row after it', () => {
    const entries = chain(6);
    entries.splice(2, 1);
    expect(verifyChain(entries)).toMatchObject({
      ok: false,
      checked: 2,
      broken: { position: 4, reason: 'position_gap', message: 'Expected chain position 3 but found 4: chain rows are missing or were inserted.' },
    });
  });

  it('detects a deleted chain row whose successors were renumbered by broken_link', () => {
    const entries = chain(6);
    entries.splice(2, 1);
    const renumbered = entries.map((e, i) => (i >= 2 ? { ...e, position: i + 1 } : e));
    expect(verifyChain(renumbered)).toMatchObject({ ok: false, checked: 2, broken: { position: 3, seq: entries[2].eventSeq, reason: 'broken_link' } });
  });

  it('detects a correctly linked forged row inserted in the middle by broken_link at the row after it', () => {
    const entries = chain(5);
    const forgedEvent = body(99, { id: '00000000-0000-4000-8000-0000000000ff', action: 'user.create' });
    const forged = rehash({ position: 3, eventSeq: 99, prevHash: entries[1].hash, hash: '', event: forgedEvent });
    const tampered = [...entries.slice(0, 2), forged, ...entries.slice(2).map((e) => ({ ...e, position: e.position + 1 }))];
    expect(verifyChain(tampered)).toMatchObject({ ok: false, checked: 3, broken: { position: 4, seq: entries[2].eventSeq, reason: 'broken_link' } });
  });

  it('detects swapped rows', () => {
    const entries = chain(4);
    [entries[1], entries[2]] = [entries[2], entries[1]];
    expect(verifyChain(entries)).toMatchObject({ ok: false, checked: 1, broken: { position: 3, reason: 'position_gap' } });
  });

  it('detects a chain row pointed at another event', () => {
    const entries = chain(4);
    entries[2] = { ...entries[2], eventSeq: entries[3].eventSeq, event: entries[3].event };
    expect(verifyChain(entries)).toMatchObject({ ok: false, checked: 2, broken: { position: 3, reason: 'hash_mismatch' } });
  });

  it('reports only the first break', () => {
    const entries = chain(6);
    entries[1] = { ...entries[1], event: { ...entries[1].event!, action: 'forged' } };
    entries[4] = { ...entries[4], event: { ...entries[4].event!, action: 'forged' } };
    expect(verifyChain(entries).broken).toMatchObject({ position: 2, reason: 'hash_mismatch' });
  });
});

describe('ChainVerifier', () => {
  it('verifies entry by entry across batches, keeps the head hash and keeps reporting the first break', () => {
    const entries = chain(5);
    entries[3] = { ...entries[3], event: { ...entries[3].event!, ip: '6.6.6.6' } };
    const verifier = new ChainVerifier();
    expect(entries.slice(0, 3).map((e) => verifier.push(e))).toEqual([null, null, null]);
    expect(verifier.headHash).toBe(entries[2].hash);
    const first = verifier.push(entries[3]);
    expect(first).toMatchObject({ position: 4, reason: 'hash_mismatch' });
    expect(verifier.push(entries[4])).toBe(first);
    expect(verifier.checked).toBe(3);
    expect(verifier.broken).toBe(first);
  });
});

describe('sealHorizon', () => {
  it('is the snapshot xmax when no transaction of this database is in progress', () => {
    expect(sealHorizon('1000', [], [])).toBe('1000');
    expect(sealHorizon('1000', ['900', '950'], [])).toBe('1000');
  });

  it('is the oldest in-progress transaction of this database, ignoring those of other databases', () => {
    expect(sealHorizon('1000', ['900', '950', '990'], ['950', '990'])).toBe('950');
  });

  it('matches 64-bit ids to the 32-bit ids pg_stat_activity shows, past a wraparound epoch', () => {
    const epoch = 3n << 32n;
    expect(sealHorizon(String(epoch + 20n), [String(epoch + 5n), String(epoch - 2n)], ['5', String(2 ** 32 - 2)])).toBe(String(epoch - 2n));
  });
});
