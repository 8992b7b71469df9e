import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@/db/schema/identity';
import { PERMISSIONS } from '@/lib/auth/permissions';
import type { HttpMethod } from '@/lib/api/v1/operation';
import { API_OPERATIONS } from '@/lib/api/v1/operations';
import { makeToken, makeUser } from './factories';
import { apiRequest, routeContext } from './http';

/*
 * Every /api/v1 route × every role, derived from the route files, the operation list and the permission
 * table, so a route added later is covered without touching this file. The door must refuse before the
 * service is reached: no credentials → 401, a role without the permission → 403, a role with it → past
 * both (the empty input then fails validation or finds nothing, which is fine, but never a 5xx).
 */

const API_DIR = path.join(process.cwd(), 'app', 'api', 'v1');
const HTTP_METHODS: HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** Routes under /api/v1 that answer without credentials on purpose. */
const PUBLIC_V1_ROUTES = new Set(['GET /openapi.json']);
const DUMMY_ID = '00000000-0000-4000-8000-000000000000';

type Handler = (request: Request, context: ReturnType<typeof routeContext>) => Promise<Response>;

interface RouteExport {
  file: string;
  method: HttpMethod;
  path: string;
  handler: Handler;
}

/** `app/api/v1/users/[id]/route.ts` → `/users/{id}`; route groups `(x)` vanish, catch-alls become one parameter. */
function openApiPath(file: string): string {
  const segments = path.relative(API_DIR, path.dirname(file)).split(path.sep).filter(Boolean);
  const parts = segments
    .filter((s) => !/^\(.*\)$/.test(s))
    .map((s) => {
      const m = /^\[{1,2}(?:\.\.\.)?([^\]]+)\]{1,2}$/.exec(s);
      return m ? `{${m[1]}}` : s;
    });
  return `/${parts.join('/')}`;
}

const routeFiles = (readdirSync(API_DIR, { recursive: true }) as string[])
  .filter((f) => path.basename(f) === 'route.ts')
  .map((f) => path.join(API_DIR, f))
  .sort();

const routes: RouteExport[] = [];
for (const file of routeFiles) {
  const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
  for (const method of HTTP_METHODS) {
    if (typeof mod[method] === 'function') routes.push({ file: path.relative(process.cwd(), file), method, path: openApiPath(file), handler: mod[method] as Handler });
  }
}

const key = (method: string, p: string) => `${method} ${p}`;
const operationByKey = new Map(API_OPERATIONS.map((op) => [key(op.method, op.path), op]));
const protectedRoutes = routes.filter((r) => !PUBLIC_V1_ROUTES.has(key(r.method, r.path)));

function call(route: RouteExport, auth: { token?: string } = {}): Promise<Response> {
  const params = Object.fromEntries([...route.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], DUMMY_ID]));
  const concretePath = route.path.replace(/\{(\w+)\}/g, DUMMY_ID);
  const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : {};
  return route.handler(apiRequest(route.method, concretePath, { ...auth, body }), routeContext(params));
}

async function outcome(res: Response): Promise<{ status: number; code: string | null }> {
  const isJson = res.headers.get('content-type')?.includes('application/json');
  const body = isJson ? ((await res.json()) as { error?: { code?: string } }) : null;
  if (!isJson) await res.body?.cancel();
  return { status: res.status, code: body?.error?.code ?? null };
}

describe('route ↔ operation mapping', () => {
  it('finds the /api/v1 route files', () => {
    expect(routeFiles.length).toBeGreaterThan(0);
    expect(protectedRoutes.length).toBeGreaterThan(0);
  });

  it('declares an operation in API_OPERATIONS for every exported handler', () => {
    const missing = protectedRoutes.filter((r) => !operationByKey.has(key(r.method, r.path))).map((r) => `${r.file}: ${r.method} (${r.path})`);
    expect(missing, 'route handlers without an operation').toEqual([]);
  });

  it('has a route handler for every operation in API_OPERATIONS', () => {
    const served = new Set(routes.map((r) => key(r.method, r.path)));
    const orphans = API_OPERATIONS.filter((op) => !served.has(key(op.method, op.path))).map((op) => `${op.id}: ${op.method} ${op.path}`);
    expect(orphans, 'operations without a route handler').toEqual([]);
  });

  it('answers the public routes without credentials', async () => {
    const publicRoutes = routes.filter((r) => PUBLIC_V1_ROUTES.has(key(r.method, r.path)));
    expect(publicRoutes.map((r) => key(r.method, r.path)).sort()).toEqual([...PUBLIC_V1_ROUTES].sort());
    for (const r of publicRoutes) expect((await outcome(await call(r))).status).toBe(200);
  });
});

describe('authorization matrix', () => {
  const tokens = {} as Record<Role, { write: string; read: string }>;

  beforeAll(async () => {
    for (const role of ROLES) {
      const user = await makeUser(role);
      tokens[role] = { write: (await makeToken(user, ['read', 'write'])).token, read: (await makeToken(user, ['read'])).token };
    }
  });

  const cases = protectedRoutes.flatMap((r) => {
    const op = operationByKey.get(key(r.method, r.path));
    return op ? [{ name: `${r.method} ${r.path}`, route: r, op }] : [];
  });

  it.each(cases)('$name refuses a request without credentials with 401', async ({ route }) => {
    expect(await outcome(await call(route))).toEqual({ status: 401, code: 'unauthenticated' });
  });

  const roleCases = cases.flatMap((c) => ROLES.map((role) => ({ ...c, role, allowed: (PERMISSIONS[c.op.permission].roles as readonly Role[]).includes(role) })));

  it.each(roleCases)('$name as $role (allowed: $allowed)', async ({ route, op, role, allowed }) => {
    const withWrite = await outcome(await call(route, { token: tokens[role].write }));
    if (!allowed) {
      expect(withWrite, `${role} lacks '${op.permission}'`).toEqual({ status: 403, code: 'forbidden' });
      return;
    }
    expect([401, 403], `${role} holds '${op.permission}' but got ${JSON.stringify(withWrite)}`).not.toContain(withWrite.status);
    expect(withWrite.status, `${role}: server error ${JSON.stringify(withWrite)}`).toBeLessThan(500);

    const withRead = await outcome(await call(route, { token: tokens[role].read }));
    if (PERMISSIONS[op.permission].write) {
      expect(withRead, `read-only token on the write '${op.permission}'`).toEqual({ status: 403, code: 'token_scope' });
    } else {
      expect([401, 403], `read-only token on the read '${op.permission}' got ${JSON.stringify(withRead)}`).not.toContain(withRead.status);
    }
  });
});
