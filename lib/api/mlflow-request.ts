import { ValidationError } from '@/lib/errors';

/*
 * Reading MLflow requests. GET endpoints take a query string (repeated fields as repeated keys, or the
 * older `experiment_ids[]=…` / `experiment_ids[0]=…` spellings); the rest take a JSON body. Protobuf's JSON
 * may carry int64 fields as numbers or as strings ("1700000000000"), and enums as names or numbers.
 * These helpers only read shapes and name MLflow's fields in their messages; the services validate values.
 */

export type MlflowInput = Record<string, unknown>;

/** A query string as an object; a key given more than once (or with `[]`/`[n]`) becomes an array. */
export function queryToObject(search: URLSearchParams): MlflowInput {
  const out: Record<string, unknown> = {};
  for (const [rawKey, value] of search) {
    const bracket = /^(.*?)\[\d*\]$/.exec(rawKey);
    const key = bracket ? bracket[1] : rawKey;
    const prev = out[key];
    if (prev === undefined) out[key] = bracket ? [value] : value;
    else out[key] = Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

function invalid(field: string, message: string): ValidationError {
  return new ValidationError(`Invalid value for parameter '${field}': ${message}`, [{ path: field, message }]);
}

export function missing(field: string): ValidationError {
  return new ValidationError(`Missing value for required parameter '${field}'.`, [{ path: field, message: 'required' }]);
}

/** The first present of the given fields (MLflow sends `run_id` and the deprecated `run_uuid` side by side). */
export function firstOf(input: MlflowInput, ...fields: string[]): unknown {
  for (const f of fields) if (input[f] !== undefined && input[f] !== null && input[f] !== '') return input[f];
  return undefined;
}

export function optionalString(input: MlflowInput, field: string): string | undefined {
  const v = input[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw invalid(field, 'must be a string');
}

export function requiredString(input: MlflowInput, field: string, ...aliases: string[]): string {
  const v = firstOf(input, field, ...aliases);
  if (v === undefined) throw missing(field);
  return optionalString({ [field]: v }, field)!;
}

/** An int64 field: a JSON number or a string of digits. */
export function optionalInt(input: MlflowInput, field: string): number | undefined {
  const v = input[field];
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n)) throw invalid(field, 'must be an integer');
  return n;
}

/** A repeated field: an array, or a single value sent once in a query string. */
export function optionalList(input: MlflowInput, field: string): unknown[] | undefined {
  const v = input[field];
  if (v === undefined || v === null) return undefined;
  return Array.isArray(v) ? v : [v];
}

export function stringList(input: MlflowInput, field: string): string[] {
  return (optionalList(input, field) ?? []).map((v, i) => {
    if (typeof v === 'string') return v;
    if (typeof v === 'number') return String(v);
    throw invalid(`${field}[${i}]`, 'must be a string');
  });
}

/** `[{key, value}]` as protobuf sends tags and params; a key without a value is the empty string, as protobuf defaults it. */
export function keyValueList(input: MlflowInput, field: string): { key: string; value: string }[] {
  return (optionalList(input, field) ?? []).map((item, i) => {
    if (typeof item !== 'object' || item === null) throw invalid(`${field}[${i}]`, 'must be an object with key and value');
    const o = item as Record<string, unknown>;
    if (o.key === undefined || o.key === null) throw missing(`${field}[${i}].key`);
    return { key: String(o.key), value: o.value === undefined || o.value === null ? '' : String(o.value) };
  });
}

export const VIEW_TYPES = { ACTIVE_ONLY: 'active', DELETED_ONLY: 'deleted', ALL: 'all' } as const;
const VIEW_TYPE_NUMBERS: Record<string, keyof typeof VIEW_TYPES> = { '1': 'ACTIVE_ONLY', '2': 'DELETED_ONLY', '3': 'ALL' };

/** MLflow's ViewType enum (name or number) to the services' `active | deleted | all`; absent means active only. */
export function viewType(input: MlflowInput, field: string): 'active' | 'deleted' | 'all' {
  const v = input[field];
  if (v === undefined || v === null || v === '') return 'active';
  const name = VIEW_TYPE_NUMBERS[String(v)] ?? String(v).toUpperCase();
  if (!(name in VIEW_TYPES)) throw invalid(field, 'must be ACTIVE_ONLY, DELETED_ONLY or ALL');
  return VIEW_TYPES[name as keyof typeof VIEW_TYPES];
}
