import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { GET as openApiGET } from '@/app/api/v1/openapi.json/route';
import { PERMISSIONS } from '@/lib/auth/permissions';
import { buildOpenApiDocument } from './openapi';
import type { ApiOperation } from './operation';
import { API_OPERATIONS } from './operations';

interface Parameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: Record<string, unknown>;
}
interface OperationObject {
  operationId: string;
  tags: string[];
  summary: string;
  description: string;
  parameters?: Parameter[];
  requestBody?: { required: boolean; content: Record<string, { schema: { type: string; properties: Record<string, unknown>; required: string[] } }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Record<string, unknown> }> }>;
}

const doc = buildOpenApiDocument(API_OPERATIONS);
const paths = doc.paths as Record<string, Record<string, OperationObject>>;

function opObject(method: string, path: string): OperationObject {
  const found = paths[path]?.[method.toLowerCase()];
  if (!found) throw new Error(`${method} ${path} is missing from the document`);
  return found;
}

const pathParams = (op: ApiOperation) => [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
const isQueryStyle = (op: ApiOperation) => op.method === 'GET' || op.method === 'DELETE';

/** The fields of an input schema as zod sees them (objects, intersections, pipes), read from zod itself. */
function zodFields(schema: z.ZodType): Map<string, z.ZodType> {
  const def = (schema as unknown as { _zod: { def: { type: string; shape?: Record<string, z.ZodType>; left?: z.ZodType; right?: z.ZodType; in?: z.ZodType } } })._zod.def;
  if (def.type === 'object') return new Map(Object.entries(def.shape!));
  if (def.type === 'intersection') return new Map([...zodFields(def.left!), ...zodFields(def.right!)]);
  if (def.type === 'pipe') return zodFields(def.in!);
  throw new Error(`unexpected input schema type ${def.type}`);
}

/** Documented inputs other than path parameters: query parameters, or body properties. */
function documentedInputs(op: ApiOperation): { names: string[]; required: string[] } {
  const o = opObject(op.method, op.path);
  if (isQueryStyle(op)) {
    const query = (o.parameters ?? []).filter((p) => p.in === 'query');
    return { names: query.map((p) => p.name).sort(), required: query.filter((p) => p.required).map((p) => p.name).sort() };
  }
  const schema = o.requestBody?.content['application/json'].schema;
  return { names: Object.keys(schema?.properties ?? {}).sort(), required: [...(schema?.required ?? [])].sort() };
}

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 with bearer and cookie security and the error envelope', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: '/api/v1' }]);
    expect(doc.security).toEqual([{ bearerAuth: [] }, { sessionCookie: [] }]);
    expect(doc.components.securitySchemes).toEqual({
      bearerAuth: { type: 'http', scheme: 'bearer', description: expect.any(String) },
      sessionCookie: { type: 'apiKey', in: 'cookie', name: 'authjs.session-token' },
    });
    expect(doc.components.schemas.Error).toMatchObject({ required: ['error'], properties: { error: { required: ['code', 'message'] } } });
  });

  it('has operations to describe, with unique operation ids', () => {
    expect(API_OPERATIONS.length).toBeGreaterThan(0);
    const ids = API_OPERATIONS.map((op) => op.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('lists exactly the operations, each under its path and method', () => {
    const documented = Object.entries(paths).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`));
    expect(documented.sort()).toEqual(API_OPERATIONS.map((op) => `${op.method} ${op.path}`).sort());
  });

  it.each(API_OPERATIONS.map((op) => [op.id, op] as const))('%s: operationId, tag, permission, success and error responses', (_id, op) => {
    const o = opObject(op.method, op.path);
    expect(o).toMatchObject({ operationId: op.id, tags: [op.tag], summary: op.summary });
    expect(o.description).toBe(`Requires the \`${op.permission}\` permission: roles ${PERMISSIONS[op.permission].roles.join(', ')}.`);
    const ok = String(op.status ?? 200);
    expect(Object.keys(o.responses).sort()).toEqual([ok, '400', '401', '403', '404', '409', '413', '422', '429'].sort());
    expect(o.responses['401'].content).toEqual({ 'application/json': { schema: { $ref: '#/components/schemas/Error' } } });
    if (op.produces) expect(Object.keys(o.responses[ok].content ?? {})).toEqual(op.produces);
    else expect(Object.keys(o.responses[ok].content ?? {})).toEqual(['application/json']);
  });

  it.each(API_OPERATIONS.map((op) => [op.id, op] as const))('%s: declares every path parameter as a required string', (_id, op) => {
    const declared = (opObject(op.method, op.path).parameters ?? []).filter((p) => p.in === 'path');
    expect(declared).toEqual(pathParams(op).map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })));
  });

  const withInput = API_OPERATIONS.filter((op) => op.input);
  it.each(withInput.map((op) => [op.id, op] as const))('%s: documents the fields of its zod input schema, and every field zod requires as required', (_id, op) => {
    const fields = zodFields(op.input!);
    const params = pathParams(op);
    const expectedNames = [...fields.keys()].filter((k) => !params.includes(k)).sort();
    const { names, required } = documentedInputs(op);
    expect(names).toEqual(expectedNames);
    const mustHave = expectedNames.filter((k) => !fields.get(k)!.safeParse(undefined).success);
    expect(required).toEqual(expect.arrayContaining(mustHave));
    expect(required.every((r) => names.includes(r))).toBe(true);
    if (!isQueryStyle(op)) expect(opObject(op.method, op.path).requestBody?.required).toBe(true);
  });

  it('POST /users requires email, name, role and password in a JSON body', () => {
    const body = opObject('POST', '/users').requestBody!.content['application/json'].schema;
    expect([...body.required].sort()).toEqual(['email', 'name', 'password', 'role']);
    expect(body.properties.role).toMatchObject({ enum: ['viewer', 'scientist', 'approver', 'auditor', 'admin'] });
    expect(body.properties.password).toMatchObject({ type: 'string', minLength: 12 });
    expect(opObject('POST', '/users').responses['201']).toBeDefined();
  });

  it('PATCH /users/{id} takes id from the path only, and nothing else is required', () => {
    const o = opObject('PATCH', '/users/{id}');
    expect(documentedInputs(API_OPERATIONS.find((op) => op.id === 'updateUser')!)).toEqual({ names: ['disabled', 'name', 'role'], required: [] });
    expect(o.parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]);
  });

  it('GET /audit/events documents the filter and paging as optional query parameters', () => {
    const query = opObject('GET', '/audit/events').parameters!.filter((p) => p.in === 'query');
    expect(query.map((p) => [p.name, p.required])).toEqual([
      ['actor', false],
      ['action', false],
      ['resourceType', false],
      ['resourceId', false],
      ['from', false],
      ['to', false],
      ['pageSize', false],
      ['pageToken', false],
    ]);
    expect(query.find((p) => p.name === 'pageSize')!.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 500, default: 50 });
  });

  it('DELETE /tokens/{id} has the id as a path parameter, not a query parameter', () => {
    expect(opObject('DELETE', '/tokens/{id}').parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]);
  });

  it('GET /audit/export produces CSV and JSON Lines', () => {
    expect(Object.keys(opObject('GET', '/audit/export').responses['200'].content!)).toEqual(['text/csv', 'application/x-ndjson']);
  });

  it('is served, without credentials, at /api/v1/openapi.json', async () => {
    const res = await openApiGET(new Request('http://localhost/api/v1/openapi.json'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(doc)));
  });
});
