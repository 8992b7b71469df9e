import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const ROLES = ['viewer', 'scientist', 'approver', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').$type<Role>().notNull(),
    disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_unique').on(t.email),
    check('users_email_lowercase', sql`${t.email} = lower(${t.email})`),
    check('users_role_known', sql`${t.role} in ('viewer', 'scientist', 'approver', 'auditor', 'admin')`),
  ],
);

export const TOKEN_SCOPES = ['read', 'write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Public part shown in lists and used for lookup, e.g. `mk_3fa9c01b`. */
    prefix: text('prefix').notNull(),
    /** sha256 of the whole token; the secret itself is shown once and never stored. */
    secretHash: text('secret_hash').notNull(),
    scopes: text('scopes').array().$type<TokenScope[]>().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('api_tokens_prefix_unique').on(t.prefix),
    index('api_tokens_user_idx').on(t.userId),
    check('api_tokens_scopes_known', sql`${t.scopes} <@ array['read', 'write']::text[] and cardinality(${t.scopes}) > 0`),
  ],
);

export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    email: text('email').notNull(),
    ip: text('ip'),
    succeeded: boolean('succeeded').notNull(),
    attemptedAt: timestamp('attempted_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('login_attempts_email_time_idx').on(t.email, t.attemptedAt), index('login_attempts_ip_time_idx').on(t.ip, t.attemptedAt)],
);

export const GRANT_LEVELS = ['READ', 'EDIT', 'MANAGE'] as const;
export type GrantLevel = (typeof GRANT_LEVELS)[number];
export const GRANT_RESOURCE_TYPES = ['experiment', 'registered_model'] as const;
export type GrantResourceType = (typeof GRANT_RESOURCE_TYPES)[number];

/** MLflow-style per-resource permissions that come on top of roles. Owners get MANAGE implicitly. */
export const resourceGrants = pgTable(
  'resource_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    resourceType: text('resource_type').$type<GrantResourceType>().notNull(),
    resourceId: text('resource_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    level: text('level').$type<GrantLevel>().notNull(),
    grantedBy: uuid('granted_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('resource_grants_one_per_user').on(t.resourceType, t.resourceId, t.userId),
    check('resource_grants_level_known', sql`${t.level} in ('READ', 'EDIT', 'MANAGE')`),
    check('resource_grants_type_known', sql`${t.resourceType} in ('experiment', 'registered_model')`),
  ],
);
