import 'server-only';
import type { Actor, RequestMeta } from '@/lib/auth/actor';
import { requestMetaFrom } from '@/lib/auth/request-meta';
import { logger } from '@/lib/observability/logger';
import { observeRequest } from '@/lib/observability/metrics';
import { actorFromMlflowRequest } from './mlflow-auth';
import { toMlflowError } from './mlflow-errors';
import { queryToObject, type MlflowInput } from './mlflow-request';
import { DEFAULT_MAX_BODY_BYTES, readJsonBody } from './v1/api-route';
import { jsonResponse } from './json-response';

/** log-batch at its limits (1000 metrics, 100 params of 6000 characters, 100 tags of 8000) fits well inside. */
export const MLFLOW_MAX_BODY_BYTES = 4 * DEFAULT_MAX_BODY_BYTES;

export interface MlflowContext {
  actor: Actor;
  /** GET: the query string as an object; other methods: the JSON body. Untrusted; adapters read it with mlflow-request helpers. */
  input: MlflowInput;
  params: Record<string, string>;
  request: Request;
  meta: RequestMeta;
}

export interface MlflowRouteOptions {
  /** Route template for metrics and logs; the URL path when absent (give it for dynamic routes). */
  route?: string;
  /** `stream`: leave the body unread for the handler (artifact uploads). */
  body?: 'json' | 'stream';
  maxBodyBytes?: number;
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/**
 * The MLflow door, twin of `apiRoute`: authenticate (Bearer token, or Basic with a token or a password),
 * read the query or JSON body, call the handler, and answer as MLflow's server does — HTTP 200 with a
 * JSON object on success (`{}` when there is nothing to say), `{"error_code", "message"}` with MLflow's
 * status otherwise. Fails closed: no credential, no call. A handler may return a Response (downloads).
 */
export function mlflowRoute(handler: (ctx: MlflowContext) => Promise<unknown>, opts: MlflowRouteOptions = {}) {
  return async (request: Request, context?: RouteContext): Promise<Response> => {
    const started = performance.now();
    const meta = requestMetaFrom(request.headers);
    const url = new URL(request.url);
    const route = opts.route ?? url.pathname;
    let status = 500;
    try {
      const actor = await actorFromMlflowRequest(request, meta);
      const params = Object.fromEntries(Object.entries((await context?.params) ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.join('/') : v]));
      const input =
        request.method === 'GET' || request.method === 'HEAD' || opts.body === 'stream'
          ? queryToObject(url.searchParams)
          : await readJsonBody(request, opts.maxBodyBytes ?? MLFLOW_MAX_BODY_BYTES);
      const result = await handler({ actor, input, params, request, meta });
      if (result instanceof Response) {
        status = result.status;
        result.headers.set('x-request-id', meta.requestId ?? '');
        return result;
      }
      status = 200;
      const body = result !== null && typeof result === 'object' && !Array.isArray(result) ? result : {};
      return jsonResponse(body, { status, headers: { 'x-request-id': meta.requestId ?? '' } });
    } catch (e) {
      const mapped = toMlflowError(e, meta.requestId);
      if (mapped.unexpected) logger.error({ err: e, requestId: meta.requestId, route }, 'unhandled error');
      status = mapped.status;
      return jsonResponse(mapped.body, { status, headers: { ...mapped.headers, 'x-request-id': meta.requestId ?? '' } });
    } finally {
      const seconds = (performance.now() - started) / 1000;
      observeRequest(route, request.method, status, seconds);
      logger.info({ requestId: meta.requestId, method: request.method, route, status, ms: Math.round(seconds * 1000) }, 'request');
    }
  };
}
