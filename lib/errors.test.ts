import { describe, expect, it } from 'vitest';
import { toHttpError } from './api/errors-http';
import { isAppError, NotFoundError, RateLimitedError } from './errors';

/** What an error from a second bundled copy of lib/errors looks like to this copy: same brand, other class. */
function foreignCopyOf(e: NotFoundError | RateLimitedError): Error {
  const clone = Object.assign(new Error(e.message), { kind: e.kind, code: e.code, details: e.details, [Symbol.for('modelkeep.app-error')]: true });
  if (e instanceof RateLimitedError) Object.assign(clone, { retryAfterSeconds: e.retryAfterSeconds });
  return clone;
}

describe('isAppError', () => {
  it('recognises errors of this copy and of another bundled copy, but not plain errors', () => {
    expect(isAppError(new NotFoundError('Run', 'abc'))).toBe(true);
    expect(isAppError(foreignCopyOf(new NotFoundError('Run', 'abc')))).toBe(true);
    expect(isAppError(new Error('boom'))).toBe(false);
    expect(isAppError({ kind: 'not_found' })).toBe(false);
  });

  it('maps an error from another copy to its status instead of a 500', () => {
    expect(toHttpError(foreignCopyOf(new NotFoundError('Artifact', 'a/b.txt')), 'req-1')).toEqual({
      status: 404,
      body: { error: { code: 'not_found', message: "Artifact 'a/b.txt' was not found." } },
      headers: {},
    });
    expect(toHttpError(foreignCopyOf(new RateLimitedError('Slow down.', 60)), 'req-2')).toMatchObject({ status: 429, headers: { 'retry-after': '60' } });
  });
});
