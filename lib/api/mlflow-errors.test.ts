import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, NotFoundError, PayloadTooLargeError, RateLimitedError, RuleViolationError, UnauthenticatedError, ValidationError } from '@/lib/errors';
import { toMlflowError } from './mlflow-errors';

describe('toMlflowError', () => {
  it.each([
    [new ValidationError('key: required'), 400, 'INVALID_PARAMETER_VALUE'],
    [new UnauthenticatedError(), 401, 'UNAUTHENTICATED'],
    [new ForbiddenError('forbidden', 'no'), 403, 'PERMISSION_DENIED'],
    [new NotFoundError('Run', 'abc'), 404, 'RESOURCE_DOES_NOT_EXIST'],
    [new ConflictError('already_exists', 'taken'), 400, 'RESOURCE_ALREADY_EXISTS'],
    [new ConflictError('param_immutable', 'changed'), 400, 'INVALID_PARAMETER_VALUE'],
    [new ConflictError('not_pending', 'busy'), 409, 'RESOURCE_CONFLICT'],
    [new RuleViolationError('run_deleted', 'deleted'), 400, 'INVALID_PARAMETER_VALUE'],
    [new PayloadTooLargeError(10), 400, 'INVALID_PARAMETER_VALUE'],
    [new RateLimitedError('slow down', 900), 429, 'REQUEST_LIMIT_EXCEEDED'],
  ])('maps %o to HTTP %i %s with the message kept', (error, status, code) => {
    const mapped = toMlflowError(error, 'req-1');
    expect(mapped).toMatchObject({ status, body: { error_code: code, message: error.message }, unexpected: false });
  });

  it('adds Retry-After for rate limiting', () => {
    expect(toMlflowError(new RateLimitedError('slow down', 900), null).headers).toEqual({ 'retry-after': '900' });
  });

  it('answers anything unknown with 500 INTERNAL_ERROR and a generic message naming the request id, never the error text', () => {
    const mapped = toMlflowError(new Error('connection string postgres://secret'), 'req-9');
    expect(mapped.status).toBe(500);
    expect(mapped.body.error_code).toBe('INTERNAL_ERROR');
    expect(mapped.body.message).toContain('req-9');
    expect(mapped.body.message).not.toContain('secret');
    expect(mapped.unexpected).toBe(true);
  });
});
