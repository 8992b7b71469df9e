import { ConflictError, ValidationError } from '@/lib/errors';

/**
 * Human messages for named constraints. Constraint names state the rule (see db/schema), and
 * each domain adds its own entries here, so a violation found by the database reads the same
 * whichever door the call came through.
 */
const CONSTRAINT_MESSAGES: Record<string, { field?: string; message: string; code?: string }> = {
  users_email_unique: { field: 'email', message: 'A user with this email already exists.', code: 'already_exists' },
  users_email_lowercase: { field: 'email', message: 'Email must be lower case.' },
  users_role_known: { field: 'role', message: 'Unknown role.' },
  api_tokens_prefix_unique: { message: 'Token prefix collision; try again.', code: 'already_exists' },
  api_tokens_scopes_known: { field: 'scopes', message: 'Scopes must be a non-empty subset of read, write.' },
  resource_grants_one_per_user: { field: 'userId', message: 'This user already has a grant on the resource.', code: 'already_exists' },
};

export function registerConstraintMessages(entries: typeof CONSTRAINT_MESSAGES): void {
  Object.assign(CONSTRAINT_MESSAGES, entries);
}

interface PgErrorLike {
  code?: string;
  constraint?: string;
  constraint_name?: string;
  message?: string;
}

function findPgError(e: unknown): PgErrorLike | null {
  let cur: unknown = e;
  for (let depth = 0; cur && depth < 4; depth++) {
    const c = cur as PgErrorLike & { cause?: unknown };
    if (typeof c.code === 'string' && /^[0-9A-Z]{5}$/.test(c.code)) return c;
    cur = c.cause;
  }
  return null;
}

/** Turns a unique/foreign-key/check violation into the domain error; returns null for anything else. */
export function mapDbError(e: unknown): Error | null {
  const pg = findPgError(e);
  if (!pg) return null;
  const name = pg.constraint ?? pg.constraint_name ?? /constraint "([^"]+)"/.exec(pg.message ?? '')?.[1] ?? '';
  const known = CONSTRAINT_MESSAGES[name];
  const field = known?.field ?? name;
  switch (pg.code) {
    case '23505':
      return new ConflictError(known?.code ?? 'already_exists', known?.message ?? `A record with this ${field} already exists.`, { constraint: name });
    case '23503':
      return new ValidationError(known?.message ?? `${field}: refers to a record that does not exist.`, [{ path: field, message: known?.message ?? 'refers to a record that does not exist' }], 'invalid_reference');
    case '22021':
      return new ValidationError('Text must not contain NUL (\\u0000) characters.', [{ path: '(input)', message: 'contains a NUL character' }]);
    case '22003':
      return new ValidationError('A number is out of the range the database can store.', [{ path: '(input)', message: 'number out of range' }]);
    case '23514':
    case '23502':
      return new ValidationError(known?.message ?? `${field}: value not allowed.`, [{ path: field, message: known?.message ?? 'value not allowed' }]);
    default:
      return null;
  }
}
