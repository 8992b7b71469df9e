/**
 * One class per meaning. Services throw these; each door (REST, MLflow API, server action, page)
 * maps them once. Messages are written to be shown to the caller: they name the field or the rule.
 */
export interface FieldIssue {
  path: string;
  message: string;
}

/** A brand shared by every copy of this module (Symbol.for is process-wide). */
const APP_ERROR = Symbol.for('modelkeep.app-error');

export abstract class AppError extends Error {
  readonly [APP_ERROR] = true;
  abstract readonly kind: 'validation' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'rule' | 'too_large' | 'rate_limited';
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  readonly kind = 'validation';
  constructor(message: string, readonly issues: FieldIssue[] = [], code = 'validation_failed') {
    super(code, message, issues);
  }
}

export class UnauthenticatedError extends AppError {
  readonly kind = 'unauthenticated';
  constructor(message = 'Sign in or send a valid API token.', code = 'unauthenticated') {
    super(code, message);
  }
}

export class ForbiddenError extends AppError {
  readonly kind = 'forbidden';
  constructor(code: string, message: string) {
    super(code, message);
  }
}

export class NotFoundError extends AppError {
  readonly kind = 'not_found';
  constructor(resource: string, id: string | number, code = 'not_found') {
    super(code, `${resource} '${id}' was not found.`);
  }
}

export class ConflictError extends AppError {
  readonly kind = 'conflict';
  constructor(code: string, message: string, details?: unknown) {
    super(code, message, details);
  }
}

export class RuleViolationError extends AppError {
  readonly kind = 'rule';
  constructor(code: string, message: string, details?: unknown) {
    super(code, message, details);
  }
}

export class PayloadTooLargeError extends AppError {
  readonly kind = 'too_large';
  constructor(limitBytes: number) {
    super('payload_too_large', `Request body exceeds the limit of ${limitBytes} bytes.`);
  }
}

export class RateLimitedError extends AppError {
  readonly kind = 'rate_limited';
  constructor(message: string, readonly retryAfterSeconds: number) {
    super('rate_limited', message);
  }
}

/**
 * Also recognises an AppError made by another copy of this module: a production build can hold several
 * (route handlers and server actions are bundled apart) while objects shared on globalThis, such as the
 * database handle, cross between them. Doors therefore test `kind`, never `instanceof` a subclass.
 */
export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError || (typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[APP_ERROR] === true);
}
