import { isAppError, type AppError, type RateLimitedError } from '@/lib/errors';
import { logger } from '@/lib/observability/logger';

const STATUS: Record<AppError['kind'], number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rule: 422,
  too_large: 413,
  rate_limited: 429,
};

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown; requestId?: string | null };
}

/** The /api/v1 error envelope. Unknown errors are logged and answered with a generic 500 and the request id. */
export function toHttpError(e: unknown, requestId: string | null): { status: number; body: ErrorBody; headers: Record<string, string> } {
  if (isAppError(e)) {
    const headers: Record<string, string> = {};
    if (e.kind === 'rate_limited') headers['retry-after'] = String((e as RateLimitedError).retryAfterSeconds);
    return { status: STATUS[e.kind], body: { error: { code: e.code, message: e.message, ...(e.details === undefined ? {} : { details: e.details }) } }, headers };
  }
  logger.error({ err: e, requestId }, 'unhandled error');
  return { status: 500, body: { error: { code: 'internal', message: 'Internal error. Quote the request id when reporting it.', requestId } }, headers: {} };
}
