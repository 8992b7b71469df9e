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

/**
 * The page out of `pageSize + 1` rows fetched in keyset order, and the token for the next page made from
 * the last row's sort key (null when this was the last page).
 */
export function keysetPage<T>(rows: T[], pageSize: number, keyOf: (last: T) => unknown[]): { page: T[]; nextPageToken: string | null } {
  const page = rows.slice(0, pageSize);
  return { page, nextPageToken: rows.length > pageSize ? encodePageToken(keyOf(page[page.length - 1])) : null };
}
