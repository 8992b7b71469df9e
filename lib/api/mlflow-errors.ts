import { isAppError, type AppError, type RateLimitedError } from '@/lib/errors';
import { jsonResponse } from './json-response';

/**
 * The MLflow door's error envelope, `{"error_code", "message"}`, with the HTTP statuses MLflow's own
 * server uses (mlflow/exceptions.py ERROR_CODE_TO_HTTP_STATUS). STYLE.md §4.4 is the table; this is the
 * only place it is applied. The Python client retries 429 and 5xx, so refusals that cannot succeed on
 * a retry must stay 4xx.
 */
export type MlflowErrorCode =
  | 'INVALID_PARAMETER_VALUE'
  | 'UNAUTHENTICATED'
  | 'PERMISSION_DENIED'
  | 'RESOURCE_DOES_NOT_EXIST'
  | 'RESOURCE_ALREADY_EXISTS'
  | 'RESOURCE_CONFLICT'
  | 'REQUEST_LIMIT_EXCEEDED'
  | 'ENDPOINT_NOT_FOUND'
  | 'NOT_IMPLEMENTED'
  | 'INTERNAL_ERROR';

export interface MlflowErrorBody {
  error_code: MlflowErrorCode;
  message: string;
}

export interface MlflowErrorResponse {
  status: number;
  body: MlflowErrorBody;
  headers: Record<string, string>;
}

/** Conflict codes that MLflow reports as a bad parameter rather than a conflict (a param logged with another value). */
const CONFLICTS_AS_INVALID_PARAMETER = new Set(['param_immutable']);

function mapAppError(e: AppError): Omit<MlflowErrorResponse, 'headers'> {
  switch (e.kind) {
    case 'validation':
    case 'rule':
    case 'too_large':
      return { status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE', message: e.message } };
    case 'unauthenticated':
      return { status: 401, body: { error_code: 'UNAUTHENTICATED', message: e.message } };
    case 'forbidden':
      return { status: 403, body: { error_code: 'PERMISSION_DENIED', message: e.message } };
    case 'not_found':
      return { status: 404, body: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: e.message } };
    case 'conflict':
      if (e.code === 'already_exists') return { status: 400, body: { error_code: 'RESOURCE_ALREADY_EXISTS', message: e.message } };
      if (CONFLICTS_AS_INVALID_PARAMETER.has(e.code)) return { status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE', message: e.message } };
      return { status: 409, body: { error_code: 'RESOURCE_CONFLICT', message: e.message } };
    case 'rate_limited':
      return { status: 429, body: { error_code: 'REQUEST_LIMIT_EXCEEDED', message: e.message } };
  }
}

/**
 * Any thrown value to MLflow's envelope. Unknown errors get a generic message (their text may hold
 * internals); the caller logs them with the request id.
 */
export function toMlflowError(e: unknown, requestId: string | null): MlflowErrorResponse & { unexpected: boolean } {
  if (isAppError(e)) {
    const headers: Record<string, string> = {};
    if (e.kind === 'rate_limited') headers['retry-after'] = String((e as RateLimitedError).retryAfterSeconds);
    return { ...mapAppError(e), headers, unexpected: false };
  }
  return {
    status: 500,
    body: { error_code: 'INTERNAL_ERROR', message: `Internal error. Quote request id ${requestId ?? '(none)'} when reporting it.` },
    headers: {},
    unexpected: true,
  };
}

/** An answer in MLflow's envelope for the door's own refusals (unknown endpoint, unsupported feature). */
export function mlflowErrorResponse(status: number, error_code: MlflowErrorCode, message: string): Response {
  return jsonResponse({ error_code, message } satisfies MlflowErrorBody, { status });
}
