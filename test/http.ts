import { encode } from 'next-auth/jwt';
import { authSecret } from '@/lib/auth/auth-secret';

export const SESSION_COOKIE = 'authjs.session-token';

export interface ApiRequestOptions {
  token?: string;
  cookie?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is, for malformed or oversized bodies. */
  rawBody?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
}

/** A real Request for an /api/v1 route handler, with a Bearer token or a session cookie. */
export function apiRequest(method: string, path: string, opts: ApiRequestOptions = {}): Request {
  const url = new URL(`http://localhost/api/v1${path}`);
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
  const headers = new Headers(opts.headers);
  if (opts.token) headers.set('authorization', `Bearer ${opts.token}`);
  if (opts.cookie) headers.set('cookie', opts.cookie);
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers.set('content-type', 'application/json');
  }
  return new Request(url, { method, headers, body });
}

/** The second argument Next.js passes to a route handler. */
export function routeContext(params: Record<string, string> = {}) {
  return { params: Promise.resolve(params) };
}

/** A session cookie as Auth.js would set it after sign-in: a JWT holding the user id, sealed with the auth secret. */
export async function sessionCookie(userId: string): Promise<string> {
  const jwt = await encode({ token: { sub: userId }, secret: authSecret(), salt: SESSION_COOKIE });
  return `${SESSION_COOKIE}=${jwt}`;
}

/** A real Request for an MLflow door route (`/api/2.0/…`) with a Bearer token: a JSON body, or raw bytes (artifact uploads). */
export function mlflowRequest(method: string, pathAndQuery: string, token: string, opts: { body?: unknown; raw?: BodyInit } = {}): Request {
  const headers = new Headers({ authorization: `Bearer ${token}` });
  let body: BodyInit | undefined = opts.raw;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers.set('content-type', 'application/json');
  }
  return new Request(`http://localhost${pathAndQuery}`, { method, headers, body, ...(opts.raw ? { duplex: 'half' } : {}) } as RequestInit);
}

export type RouteHandler = (request: Request, context?: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

/** Calls a route handler as Next.js would and reads the answer: parsed JSON when it is JSON, else the text. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function callRoute(handler: RouteHandler, request: Request, params: Record<string, string | string[]> = {}): Promise<{ status: number; json: any }> {
  const res = await handler(request, { params: Promise.resolve(params) });
  const text = await res.text();
  return { status: res.status, json: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
}
