import { ValidationError } from '@/lib/errors';

/** Opaque keyset cursors: base64url JSON of the last row's sort key. Callers must treat them as opaque. */
export function encodePageToken(key: unknown[]): string {
  return Buffer.from(JSON.stringify({ k: key }), 'utf8').toString('base64url');
}

export function decodePageToken(token: string | undefined | null, field = 'page_token'): unknown[] | null {
  if (!token) return null;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { k?: unknown };
    if (Array.isArray(parsed.k)) return parsed.k;
  } catch {
    // fall through to the error below
  }
  throw new ValidationError(`${field}: not a page token issued by this server.`, [{ path: field, message: 'invalid page token' }], 'invalid_page_token');
}
