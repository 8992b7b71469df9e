import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Token text: `mk_<8 hex>_<40 base62>`. The first part (`mk_<8 hex>`) is the visible prefix used to
 * find the row; the whole text is hashed with sha256 (it has ~240 bits of entropy, so a slow hash adds nothing).
 */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const TOKEN_RE = /^(mk_[0-9a-f]{8})_[0-9A-Za-z]{40}$/;

export function generateTokenSecret(): { token: string; prefix: string; secretHash: string } {
  const prefix = `mk_${randomBytes(4).toString('hex')}`;
  const bytes = randomBytes(40);
  let secret = '';
  for (const b of bytes) secret += ALPHABET[b % ALPHABET.length];
  const token = `${prefix}_${secret}`;
  return { token, prefix, secretHash: hashTokenSecret(token) };
}

export function hashTokenSecret(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function parseTokenPrefix(token: string): string | null {
  return TOKEN_RE.exec(token)?.[1] ?? null;
}

export function tokenMatches(token: string, storedHash: string): boolean {
  const a = Buffer.from(hashTokenSecret(token), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
