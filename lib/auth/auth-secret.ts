import 'server-only';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

let cached: string | undefined;

/**
 * The key that signs session cookies. AUTH_SECRET wins; without it (a laptop, the demo) a random key is
 * created once in ./.data so sessions survive restarts. Several instances behind a load balancer must
 * share AUTH_SECRET.
 */
export function authSecret(): string {
  if (cached) return cached;
  if (process.env.AUTH_SECRET) return (cached = process.env.AUTH_SECRET);
  const file = path.join(process.cwd(), '.data', 'auth-secret');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  }
  return (cached = readFileSync(file, 'utf8').trim());
}
