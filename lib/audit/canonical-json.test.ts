import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalJsonOfParsed, toJsonValue } from './canonical-json';

describe('canonicalJson', () => {
  it('gives the same text whatever order the keys were built in, at every depth', () => {
    const a = { b: 1, a: { d: [1, { z: true, y: null }], c: 'x' } };
    const b = { a: { c: 'x', d: [1, { y: null, z: true }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"c":"x","d":[1,{"y":null,"z":true}]},"b":1}');
  });

  it('keeps array order, which is meaningful', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
    expect(canonicalJson([2, 1])).toBe('[2,1]');
  });

  it('sorts keys by code point, not by locale', () => {
    expect(canonicalJson({ é: 1, a: 2, B: 3, _: 4, '10': 5, '9': 6 })).toBe('{"10":5,"9":6,"B":3,"_":4,"a":2,"é":1}');
  });

  it('drops undefined and function members but keeps null ones', () => {
    expect(canonicalJson({ a: undefined, b: null, c: () => 1, d: 0 })).toBe('{"b":null,"d":0}');
  });

  it('writes NaN and ±Infinity as null, as JSON.stringify does', () => {
    expect(canonicalJson({ n: NaN, p: Infinity, m: -Infinity })).toBe('{"m":null,"n":null,"p":null}');
  });

  it('writes dates as ISO strings and bigints as strings', () => {
    expect(canonicalJson({ at: new Date('2026-03-01T12:00:00.123Z'), big: 12345678901234567890n })).toBe('{"at":"2026-03-01T12:00:00.123Z","big":"12345678901234567890"}');
  });

  it('escapes strings exactly as JSON.stringify does and has no whitespace', () => {
    const text = 'quote " backslash \\ newline \n tab \t unicode ✓';
    expect(canonicalJson({ 'k y': text })).toBe(`{"k y":${JSON.stringify(text)}}`);
  });

  it('writes null and undefined at the top level as null', () => {
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('tells apart values that differ only in type', () => {
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
    expect(canonicalJson({ a: true })).not.toBe(canonicalJson({ a: 'true' }));
    expect(canonicalJson({ a: null })).not.toBe(canonicalJson({}));
  });
});

describe('toJsonValue', () => {
  it('turns NaN and ±Infinity into strings, so they survive a jsonb round trip and stay distinguishable', () => {
    expect(toJsonValue({ n: NaN, p: Infinity, m: -Infinity, ok: 1.5 })).toEqual({ n: 'NaN', p: 'Infinity', m: '-Infinity', ok: 1.5 });
  });

  it('turns dates into ISO strings, also inside arrays', () => {
    expect(toJsonValue({ at: new Date('2026-03-01T00:00:00.000Z'), list: [new Date(0)] })).toEqual({ at: '2026-03-01T00:00:00.000Z', list: ['1970-01-01T00:00:00.000Z'] });
  });

  it('turns bigints into strings and undefined into null', () => {
    expect(toJsonValue({ big: 2n ** 70n })).toEqual({ big: '1180591620717411303424' });
    expect(toJsonValue(undefined)).toBeNull();
  });

  it('drops undefined members', () => {
    expect(toJsonValue({ a: undefined, b: 1 })).toEqual({ b: 1 });
  });

  it('gives a value whose canonical text is unchanged by a JSON round trip (what a jsonb column does)', () => {
    const value = toJsonValue({ z: [NaN, new Date(1_700_000_000_000), { y: 0.1 + 0.2, x: -0 }], a: 'é', n: null });
    const roundTripped = JSON.parse(JSON.stringify(value));
    expect(canonicalJson(roundTripped)).toBe(canonicalJson(value));
    expect(canonicalJson(value)).toBe('{"a":"é","n":null,"z":["NaN","2023-11-14T22:13:20.000Z",{"x":0,"y":0.30000000000000004}]}');
  });
});

describe('canonicalJsonOfParsed (the fast path the sealer and verifier use)', () => {
  // A fixed-seed generator of JSON values: nested objects with keys in random order, unicode, numbers of every shape.
  let seed = 0x5eed;
  const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32);
  const keys = ['a', 'B', 'b', '_', 'Z', 'aa', 'a b', 'é', 'ü', '😀', '10', '9', '', 'key"q', 'line\nbreak', '\u2028'];
  function value(depth: number): unknown {
    const r = rand();
    if (depth > 3 || r < 0.3) {
      const leaf = [null, true, false, 0, -0, 1e21, 1e-7, 0.1 + 0.2, -12345.678, 2 ** 53, 'text', '', 'é ✓ 🙂 "q" \\', '\u0000\u001f'];
      return leaf[Math.floor(rand() * leaf.length)];
    }
    if (r < 0.6) return Array.from({ length: Math.floor(rand() * 5) }, () => value(depth + 1));
    const obj: Record<string, unknown> = {};
    for (let i = Math.floor(rand() * 6); i > 0; i--) obj[keys[Math.floor(rand() * keys.length)]] = value(depth + 1);
    return obj;
  }

  it('gives the canonicalJson text for 2,000 random values read back from JSON', () => {
    for (let i = 0; i < 2000; i++) {
      const parsed = JSON.parse(JSON.stringify(value(0))) as unknown;
      expect(canonicalJsonOfParsed(parsed)).toBe(canonicalJson(parsed));
    }
  });

  it('falls back to canonicalJson for values JSON.parse never gives', () => {
    const odd = { d: new Date(0), u: undefined, n: NaN, big: 5n, nested: [new Date(1), undefined] };
    expect(canonicalJsonOfParsed(odd)).toBe(canonicalJson(odd));
  });
});
