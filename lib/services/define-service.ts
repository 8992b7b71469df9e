import 'server-only';
import type { z } from 'zod';
import { getDb, type Db } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/authorize';
import type { Permission } from '@/lib/auth/permissions';
import { ValidationError, type FieldIssue } from '@/lib/errors';
import { mapDbError } from './db-errors';

export interface ServiceContext {
  /** The transaction every read and write of the call goes through. */
  tx: Db;
  actor: Actor;
}

export interface ServiceDefinition<S extends z.ZodType, O> {
  /** `domain.operation`, used in logs and the coverage test. */
  name: string;
  /** The role permission checked before anything else; resource rights are checked inside `run`. */
  permission: Permission;
  input: S;
  run(ctx: ServiceContext, input: z.output<S>): Promise<O>;
}

export type Service<S extends z.ZodType, O> = ((actor: Actor, input: z.input<S>) => Promise<O>) & {
  readonly serviceName: string;
  readonly permission: Permission;
  readonly input: S;
};

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(input)', message: i.message }));
}

export function validationErrorFrom(error: z.ZodError): ValidationError {
  const issues = zodIssues(error);
  return new ValidationError(issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
}

/** Every service defined, for the coverage test. */
export const SERVICE_REGISTRY: Service<z.ZodType, unknown>[] = [];

/**
 * The one shape of a service call: authorize the role, validate the input, run in one transaction
 * (the audit event is written inside it by `run`), and translate constraint violations into domain errors.
 * The caller is trusted for nothing but the Actor, which a door resolved from a session or token.
 */
export function defineService<S extends z.ZodType, O>(def: ServiceDefinition<S, O>): Service<S, O> {
  const call = async (actor: Actor, raw: z.input<S>): Promise<O> => {
    authorize(actor, def.permission);
    const parsed = def.input.safeParse(raw ?? {});
    if (!parsed.success) throw validationErrorFrom(parsed.error);
    const db = await getDb();
    try {
      return await db.transaction((tx) => def.run({ tx: tx as unknown as Db, actor }, parsed.data));
    } catch (e) {
      throw mapDbError(e) ?? e;
    }
  };
  const service = Object.assign(call, { serviceName: def.name, permission: def.permission, input: def.input });
  SERVICE_REGISTRY.push(service as unknown as Service<z.ZodType, unknown>);
  return service;
}
