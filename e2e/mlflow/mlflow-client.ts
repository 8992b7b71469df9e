import { randomBytes } from 'node:crypto';
import { expect, request as playwrightRequest, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { adminApi, createUser, signInViaApi, type Role } from '../fixtures/auth';

/*
 * Speaks to /api/2.0 the way MLflow's Python client does (mlflow/utils/rest_utils.py call_endpoint):
 * GET endpoints get the request message as query parameters (`requests` repeats a key for list values),
 * everything else a JSON body; credentials in `Authorization`; a call succeeds only on HTTP 200 with a
 * JSON object (verify_rest_response), which `ok()` asserts every time.
 */

export interface MlflowUser {
  id: string;
  email: string;
  password: string;
  token: string;
}

/** A new user with the role and a read+write API token, made through /api/v1 as a person would. */
export async function makeMlflowUser(role: Role): Promise<MlflowUser> {
  const admin = await adminApi();
  const user = await createUser(admin, role);
  await admin.dispose();
  const ctx = await playwrightRequest.newContext({ baseURL: test.info().project.use.baseURL });
  await signInViaApi(ctx, user.email, user.password);
  const res = await ctx.post('/api/v1/tokens', { data: { name: `mlflow ${randomBytes(3).toString('hex')}`, scopes: ['read', 'write'] } });
  expect(res.status(), await res.text()).toBe(201);
  const { token } = (await res.json()) as { token: string };
  await ctx.dispose();
  return { id: user.id, email: user.email, password: user.password, token };
}

export const bearer = (token: string) => `Bearer ${token}`;
export const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

/** A query string as `requests` encodes a params dict: list values become repeated keys, None values are dropped. */
export function queryString(params: Record<string, unknown>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null) continue;
    for (const item of Array.isArray(v) ? v : [v]) q.append(k, String(item));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

export interface MlflowAnswer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

async function answer(res: APIResponse): Promise<MlflowAnswer> {
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status(), json };
}

export class MlflowClient {
  constructor(
    private readonly request: APIRequestContext,
    private readonly authorization: string | null,
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { ...(this.authorization ? { authorization: this.authorization } : {}), ...extra };
  }

  /** GET /api/2.0<endpoint>?<params> */
  async get(endpoint: string, params: Record<string, unknown> = {}): Promise<MlflowAnswer> {
    return answer(await this.request.get(`/api/2.0${endpoint}${queryString(params)}`, { headers: this.headers() }));
  }

  /** POST (or another method) with the message as a JSON body. */
  async send(method: 'POST' | 'PATCH' | 'DELETE', endpoint: string, body: unknown): Promise<MlflowAnswer> {
    return answer(await this.request.fetch(`/api/2.0${endpoint}`, { method, headers: this.headers({ 'content-type': 'application/json' }), data: JSON.stringify(body) }));
  }

  post(endpoint: string, body: unknown): Promise<MlflowAnswer> {
    return this.send('POST', endpoint, body);
  }

  /** Raw request for the artifact proxy (PUT bytes, GET bytes, DELETE). */
  raw(method: 'GET' | 'PUT' | 'DELETE', endpoint: string, data?: Buffer | string, contentType = 'application/octet-stream'): Promise<APIResponse> {
    return this.request.fetch(`/api/2.0${endpoint}`, { method, headers: this.headers(data === undefined ? {} : { 'content-type': contentType }), ...(data === undefined ? {} : { data }) });
  }

  /** A call the client would accept: HTTP 200 and a JSON object. */
  async ok(p: Promise<MlflowAnswer>): Promise<MlflowAnswer['json']> {
    const a = await p;
    expect(a.status, JSON.stringify(a.json)).toBe(200);
    expect(typeof a.json === 'object' && a.json !== null && !Array.isArray(a.json), `a JSON object, got ${JSON.stringify(a.json)}`).toBe(true);
    return a.json;
  }
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** MLflow's client stamps metrics and runs with the current time in ms. */
export const nowMs = () => Date.now();
