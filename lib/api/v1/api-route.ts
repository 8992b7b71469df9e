import 'server-only';
import { authorize } from '@/lib/auth/authorize';
import type { Actor, RequestMeta } from '@/lib/auth/actor';
import { actorFromRequest } from '@/lib/auth/request-actor';
import { requestMetaFrom } from '@/lib/auth/request-meta';
import { PayloadTooLargeError, UnauthenticatedError, ValidationError } from '@/lib/errors';
import { logger } from '@/lib/observability/logger';
import { observeRequest } from '@/lib/observability/metrics';
import { toHttpError } from '../errors-http';
import type { ApiOperation } from './operation';
import { jsonResponse } from '../json-response';

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface ApiContext {
  actor: Actor;
  /**
   * Query (GET/DELETE) or JSON body, with the path parameters merged in. Untrusted and untyped on
   * purpose: the service parses it with its zod schema and names every bad field.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  input: any;
  params: Record<string, string>;
  request: Request;
  meta: RequestMeta;
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };

function queryObject(url: URL): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    out[key] = all.length > 1 ? all : all[0];
  }
  return out;
}

/** Reads a JSON body without trusting Content-Length, stopping at the limit. */
export async function readJsonBody(request: Request, limit: number): Promise<Record<string, unknown>> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit) throw new PayloadTooLargeError(limit);
  if (!request.body) return {};
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new PayloadTooLargeError(limit);
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ValidationError('body: not valid JSON.', [{ path: '(body)', message: 'not valid JSON' }], 'invalid_json');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ValidationError('body: must be a JSON object.', [{ path: '(body)', message: 'must be a JSON object' }], 'invalid_json');
  }
  return parsed as Record<string, unknown>;
}

/**
 * Builds a /api/v1 route handler that fails closed: no actor → 401, role without the operation's
 * permission → 403, then parse, call, and map errors to the one envelope. Handlers stay a line long.
 */
export function apiRoute(op: ApiOperation, handler: (ctx: ApiContext) => Promise<unknown>) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    const started = performance.now();
    const meta = requestMetaFrom(request.headers);
    let status = 500;
    try {
      const actor = await actorFromRequest(request, meta);
      if (!actor) throw new UnauthenticatedError();
      authorize(actor, op.permission);
      const params = Object.fromEntries(Object.entries((await context?.params) ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.join('/') : v]));
      const raw = op.method === 'GET' || op.method === 'DELETE' ? queryObject(new URL(request.url)) : await readJsonBody(request, op.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
      const result = await handler({ actor, input: { ...raw, ...params }, params, request, meta });
      if (result instanceof Response) {
        status = result.status;
        result.headers.set('x-request-id', meta.requestId ?? '');
        return result;
      }
      status = op.status ?? 200;
      return jsonResponse(result ?? {}, { status, headers: { 'x-request-id': meta.requestId ?? '' } });
    } catch (e) {
      const mapped = toHttpError(e, meta.requestId);
      status = mapped.status;
      return jsonResponse(mapped.body, { status, headers: { ...mapped.headers, 'x-request-id': meta.requestId ?? '' } });
    } finally {
      const seconds = (performance.now() - started) / 1000;
      observeRequest(`/api/v1${op.path}`, op.method, status, seconds);
      logger.info({ requestId: meta.requestId, method: op.method, route: op.path, status, ms: Math.round(seconds * 1000) }, 'request');
    }
  };
}

/** For the few endpoints that must answer without a signed-in caller (health, readiness, metrics). */
export function publicRoute(route: string, handler: (request: Request) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    const started = performance.now();
    let status = 500;
    try {
      const response = await handler(request);
      status = response.status;
      return response;
    } catch (e) {
      const mapped = toHttpError(e, null);
      status = mapped.status;
      return jsonResponse(mapped.body, { status });
    } finally {
      observeRequest(route, request.method, status, (performance.now() - started) / 1000);
    }
  };
}
