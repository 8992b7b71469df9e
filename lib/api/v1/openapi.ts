import { z } from 'zod';
import { PERMISSIONS } from '@/lib/auth/permissions';
import type { ApiOperation } from './operation';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[]; allOf?: JsonSchema[] };

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const out = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete out.$schema;
  return out;
}

/** Flattens `allOf` of objects (zod intersections) into one property list. */
function objectProperties(schema: JsonSchema): { properties: Record<string, JsonSchema>; required: Set<string> } {
  const properties: Record<string, JsonSchema> = { ...(schema.properties ?? {}) };
  const required = new Set(schema.required ?? []);
  for (const part of schema.allOf ?? []) {
    const inner = objectProperties(part);
    Object.assign(properties, inner.properties);
    inner.required.forEach((r) => required.add(r));
  }
  return { properties, required };
}

const ErrorEnvelope: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: {}, requestId: { type: ['string', 'null'] } },
    },
  },
};

const ERROR_RESPONSES: Record<string, string> = {
  '400': 'Invalid input; `details` lists each field and what is wrong with it',
  '401': 'No session or API token, or the token is invalid, revoked or expired',
  '403': 'The caller’s role, token scope or resource grant does not allow this',
  '404': 'Not found',
  '409': 'Conflicts with the current state (duplicate, immutable value, stale request)',
  '413': 'Request body too large',
  '422': 'A business rule refused the change',
  '429': 'Too many requests',
};

/** The OpenAPI 3.1 document, generated from the operation list and the services' zod schemas. */
export function buildOpenApiDocument(operations: ApiOperation[], serverUrl = '/api/v1') {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    const parameters: unknown[] = pathParams.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
    let requestBody: unknown;
    if (op.input) {
      const schema = jsonSchema(op.input, 'input');
      if (op.method === 'GET' || op.method === 'DELETE') {
        const { properties, required } = objectProperties(schema);
        for (const [name, prop] of Object.entries(properties)) {
          if (pathParams.includes(name)) continue;
          parameters.push({ name, in: 'query', required: required.has(name), schema: prop, ...(prop.description ? { description: prop.description } : {}) });
        }
      } else {
        const { properties, required } = objectProperties(schema);
        for (const p of pathParams) delete properties[p];
        requestBody = { required: true, content: { 'application/json': { schema: { type: 'object', properties, required: [...required].filter((r) => !pathParams.includes(r)) } } } };
      }
    }
    const okStatus = String(op.status ?? 200);
    const okContent = op.produces
      ? Object.fromEntries(op.produces.map((type) => [type, { schema: { type: 'string' } }]))
      : { 'application/json': { schema: op.output ? jsonSchema(op.output, 'output') : { type: 'object' } } };
    paths[op.path] ??= {};
    paths[op.path][op.method.toLowerCase()] = {
      operationId: op.id,
      summary: op.summary,
      tags: [op.tag],
      description: `Requires the \`${op.permission}\` permission: roles ${PERMISSIONS[op.permission].roles.join(', ')}.`,
      ...(parameters.length ? { parameters } : {}),
      ...(requestBody ? { requestBody } : {}),
      responses: {
        [okStatus]: { description: 'Success', content: okContent },
        ...Object.fromEntries(Object.entries(ERROR_RESPONSES).map(([status, description]) => [status, { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }])),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Modelkeep API', version: '1', description: 'Send `Authorization: Bearer <token>` (create one under API tokens) or a console session cookie.' },
    servers: [{ url: serverUrl }],
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'A personal API token, `mk_…`' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'authjs.session-token' },
      },
      schemas: { Error: ErrorEnvelope },
    },
    paths,
  };
}
