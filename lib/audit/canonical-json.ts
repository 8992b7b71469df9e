/**
 * Canonical JSON: object keys sorted by code point at every depth, no whitespace, `undefined`
 * members dropped. Two equal values always give the same text, whatever order their keys were built in,
 * and a value read back from a jsonb column gives the text it was hashed with.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && typeof v !== 'function')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return 'null';
}

/** The JSON value that a jsonb column will hand back: dates as ISO strings, NaN/±Infinity as strings. */
export function toJsonValue(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(
    JSON.stringify(value, (_k, v: unknown) => {
      if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
      if (typeof v === 'bigint') return v.toString();
      return v;
    }),
  );
}

/**
 * canonicalJson for values that came out of JSON.parse (null, booleans, finite numbers, strings, arrays,
 * plain objects): the same text, built with fewer allocations. Anything else goes to canonicalJson.
 * canonicalJson stays the reference; the tests compare the two.
 */
export function canonicalJsonOfParsed(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJsonOfParsed(value[i]);
        return `${out}]`;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype) return canonicalJson(value);
      const obj = value as Record<string, unknown>;
      // Default sort compares UTF-16 code units, the same order canonicalJson's comparator gives.
      const keys = Object.keys(obj).sort();
      let out = '{';
      let first = true;
      for (const k of keys) {
        const v = obj[k];
        if (v === undefined || typeof v === 'function') continue;
        out += `${first ? '' : ','}${JSON.stringify(k)}:${canonicalJsonOfParsed(v)}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      return canonicalJson(value);
  }
}
