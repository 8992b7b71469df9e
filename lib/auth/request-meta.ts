import { randomUUID } from 'node:crypto';
import type { RequestMeta } from './actor';

/** Request id, client IP and user agent from the headers; a request id is made when none came in. */
export function requestMetaFrom(headers: Headers): RequestMeta {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return {
    requestId: headers.get('x-request-id')?.slice(0, 100) || randomUUID(),
    ip: forwarded || headers.get('x-real-ip') || null,
    userAgent: headers.get('user-agent')?.slice(0, 500) ?? null,
  };
}
