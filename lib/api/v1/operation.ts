import type { z } from 'zod';
import type { Permission } from '@/lib/auth/permissions';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One /api/v1 endpoint, declared once: the route handler is built from it (`apiRoute`) and the
 * OpenAPI document is generated from it, with the same zod schemas the service validates with.
 */
export interface ApiOperation {
  id: string;
  method: HttpMethod;
  /** OpenAPI path under /api/v1, e.g. `/users/{id}`. */
  path: string;
  summary: string;
  tag: string;
  /** The role permission the door checks before calling the service (which checks it again). */
  permission: Permission;
  /** Query parameters for GET/DELETE, the JSON body otherwise. Path parameters are merged in. */
  input?: z.ZodType;
  output?: z.ZodType;
  /** Success status; 200 unless stated. */
  status?: number;
  /** For streamed or non-JSON answers: the content types produced. */
  produces?: string[];
  /** Largest accepted body in bytes; 1 MiB unless stated. */
  maxBodyBytes?: number;
}

export function operation<T extends ApiOperation>(op: T): T {
  return op;
}
