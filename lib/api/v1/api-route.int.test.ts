import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { GET as exportAuditGET } from '@/app/api/v1/audit/export/route';
import { GET as meGET } from '@/app/api/v1/me/route';
import { DELETE as revokeTokenDELETE } from '@/app/api/v1/tokens/[id]/route';
import { PATCH as updateUserPATCH } from '@/app/api/v1/users/[id]/route';
import { GET as listUsersGET, POST as createUserPOST } from '@/app/api/v1/users/route';
import { getDb } from '@/db/client';
import { auditEvents } from '@/db/schema/audit';
import { users } from '@/db/schema/identity';
import { updateUser } from '@/lib/users/update-user';
import { makeToken, makeUser, TEST_PASSWORD, uniqueEmail } from '@/test/factories';
import { apiRequest, routeContext, sessionCookie, SESSION_COOKIE } from '@/test/http';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function userCount(): Promise<number> {
  const db = await getDb();
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return n;
}

async function adminWithToken(scopes: ('read' | 'write')[] = ['read', 'write']) {
  const admin = await makeUser('admin');
  return { admin, ...(await makeToken(admin, scopes)) };
}

function newUserBody() {
  return { email: uniqueEmail('http'), name: 'Via HTTP', role: 'scientist', password: TEST_PASSWORD };
}

describe('apiRoute: authentication', () => {
  it('answers 401 with the error envelope and a generated request id when no credentials are sent', async () => {
    const before = await userCount();
    const res = await createUserPOST(apiRequest('POST', '/users', { body: newUserBody() }), routeContext());
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'unauthenticated', message: 'Sign in or send a valid API token.' } });
    expect(res.headers.get('x-request-id')).toMatch(UUID_RE);
    expect(await userCount()).toBe(before);
  });

  it('answers 401 invalid_token for a malformed or unknown Bearer token', async () => {
    const malformed = await listUsersGET(apiRequest('GET', '/users', { token: 'hello' }), routeContext());
    expect(malformed.status).toBe(401);
    expect(await malformed.json()).toEqual({ error: { code: 'invalid_token', message: 'The API token is malformed.' } });
    const unknown = await listUsersGET(apiRequest('GET', '/users', { token: `mk_00000000_${'x'.repeat(40)}` }), routeContext());
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toEqual({ error: { code: 'invalid_token', message: 'The API token is not valid.' } });
  });

  it('echoes the caller’s x-request-id', async () => {
    const { token } = await adminWithToken();
    const res = await meGET(apiRequest('GET', '/me', { token, headers: { 'x-request-id': 'trace-abc-123' } }), routeContext());
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('trace-abc-123');
  });
});

describe('apiRoute: authorization', () => {
  it('answers 403 forbidden naming role and permission for a scientist creating a user, and writes nothing', async () => {
    const scientist = await makeUser('scientist');
    const { token } = await makeToken(scientist);
    const before = await userCount();
    const res = await createUserPOST(apiRequest('POST', '/users', { token, body: newUserBody() }), routeContext());
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: 'forbidden', message: "The scientist role may not create users (permission 'user.create')." } });
    expect(res.headers.get('x-request-id')).toMatch(UUID_RE);
    expect(await userCount()).toBe(before);
  });

  it('answers 403 token_scope for a read-only admin token on a write, and 200 on a read', async () => {
    const { token } = await adminWithToken(['read']);
    const write = await createUserPOST(apiRequest('POST', '/users', { token, body: newUserBody() }), routeContext());
    expect(write.status).toBe(403);
    expect(await write.json()).toEqual({ error: { code: 'token_scope', message: "This API token has no 'write' scope; 'user.create' needs it." } });
    const read = await listUsersGET(apiRequest('GET', '/users', { token, query: { pageSize: '1' } }), routeContext());
    expect(read.status).toBe(200);
    expect((await read.json()).users).toHaveLength(1);
  });
});

describe('apiRoute: input', () => {
  it('answers 400 validation_failed naming every bad field', async () => {
    const { token } = await adminWithToken();
    const res = await createUserPOST(apiRequest('POST', '/users', { token, body: { email: 'not-an-email', name: 'X', role: 'overlord', password: 'short' } }), routeContext());
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: 'validation_failed',
        message: 'email: must be a valid email address; role: Invalid option: expected one of "viewer"|"scientist"|"approver"|"auditor"|"admin"; password: must be at least 12 characters',
        details: [
          { path: 'email', message: 'must be a valid email address' },
          { path: 'role', message: 'Invalid option: expected one of "viewer"|"scientist"|"approver"|"auditor"|"admin"' },
          { path: 'password', message: 'must be at least 12 characters' },
        ],
      },
    });
  });

  it('answers 400 invalid_json for a body that is not JSON, or not a JSON object', async () => {
    const { token } = await adminWithToken();
    const broken = await createUserPOST(apiRequest('POST', '/users', { token, rawBody: '{"email": ', headers: { 'content-type': 'application/json' } }), routeContext());
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({ error: { code: 'invalid_json', message: 'body: not valid JSON.', details: [{ path: '(body)', message: 'not valid JSON' }] } });
    const array = await createUserPOST(apiRequest('POST', '/users', { token, body: [newUserBody()] }), routeContext());
    expect(array.status).toBe(400);
    expect(await array.json()).toEqual({ error: { code: 'invalid_json', message: 'body: must be a JSON object.', details: [{ path: '(body)', message: 'must be a JSON object' }] } });
  });

  it('answers 413 for a body over 1 MiB, whether or not Content-Length declares it, and creates nothing', async () => {
    const { token } = await adminWithToken();
    const big = JSON.stringify({ ...newUserBody(), name: 'x'.repeat(1024 * 1024) });
    const before = await userCount();
    const expected = { error: { code: 'payload_too_large', message: 'Request body exceeds the limit of 1048576 bytes.' } };

    const streamed = await createUserPOST(apiRequest('POST', '/users', { token, rawBody: big }), routeContext());
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toEqual(expected);

    const declared = await createUserPOST(apiRequest('POST', '/users', { token, rawBody: big, headers: { 'content-length': String(Buffer.byteLength(big)) } }), routeContext());
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual(expected);
    expect(await userCount()).toBe(before);
  });

  it('answers 400 invalid_page_token for a forged page token in the query', async () => {
    const { token } = await adminWithToken();
    const res = await listUsersGET(apiRequest('GET', '/users', { token, query: { pageToken: 'forged!' } }), routeContext());
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { code: 'invalid_page_token', message: 'page_token: not a page token issued by this server.', details: [{ path: 'page_token', message: 'invalid page token' }] },
    });
  });

  it('takes the id from the path, not from the body', async () => {
    const { token } = await adminWithToken();
    const target = await makeUser('viewer');
    const bystander = await makeUser('viewer');
    const res = await updateUserPATCH(apiRequest('PATCH', `/users/${target.userId}`, { token, body: { id: bystander.userId, name: 'Renamed by path' } }), routeContext({ id: target.userId }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: target.userId, name: 'Renamed by path' });
    const db = await getDb();
    const [b] = await db.select().from(users).where(eq(users.id, bystander.userId));
    expect(b.name).toBe(bystander.name);
  });
});

describe('apiRoute: results', () => {
  it('answers 201 with the created user, stores it, and audits it with the request id, token actor, IP and user agent', async () => {
    const { admin, id: tokenId, token } = await adminWithToken();
    const body = newUserBody();
    const res = await createUserPOST(
      apiRequest('POST', '/users', { token, body, headers: { 'x-request-id': 'req-contract-201', 'x-forwarded-for': '203.0.113.9, 10.0.0.1', 'user-agent': 'contract-test/1.0' } }),
      routeContext(),
    );
    expect(res.status).toBe(201);
    expect(res.headers.get('x-request-id')).toBe('req-contract-201');
    const created = await res.json();
    expect(created).toEqual({ id: expect.stringMatching(UUID_RE), email: body.email, name: body.name, role: 'scientist', disabled: false, disabledAt: null, createdAt: expect.any(String) });

    const db = await getDb();
    const [row] = await db.select().from(users).where(eq(users.id, created.id));
    expect(row).toMatchObject({ email: body.email, role: 'scientist', disabledAt: null });
    const [event] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, 'user.create'), eq(auditEvents.resourceId, created.id)));
    expect(event).toMatchObject({
      actorKind: 'token',
      actorId: admin.userId,
      actorEmail: admin.email,
      tokenId,
      requestId: 'req-contract-201',
      ip: '203.0.113.9',
      userAgent: 'contract-test/1.0',
      after: created,
    });
  });

  it('answers 404 not_found for an unknown user and 409 already_exists for a duplicate email', async () => {
    const { token } = await adminWithToken();
    const missing = '00000000-0000-4000-8000-000000000404';
    const notFound = await updateUserPATCH(apiRequest('PATCH', `/users/${missing}`, { token, body: { name: 'Ghost' } }), routeContext({ id: missing }));
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toEqual({ error: { code: 'not_found', message: `User '${missing}' was not found.` } });

    const body = newUserBody();
    expect((await createUserPOST(apiRequest('POST', '/users', { token, body }), routeContext())).status).toBe(201);
    const dup = await createUserPOST(apiRequest('POST', '/users', { token, body }), routeContext());
    expect(dup.status).toBe(409);
    expect(await dup.json()).toEqual({ error: { code: 'already_exists', message: 'A user with this email already exists.', details: { constraint: 'users_email_unique' } } });
  });

  it('revokes a token through DELETE /tokens/{id}, after which the token gets 401', async () => {
    const user = await makeUser('viewer');
    const { id, token } = await makeToken(user);
    const res = await revokeTokenDELETE(apiRequest('DELETE', `/tokens/${id}`, { token }), routeContext({ id }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, status: 'revoked' });
    const after = await meGET(apiRequest('GET', '/me', { token }), routeContext());
    expect(after.status).toBe(401);
    expect(await after.json()).toEqual({ error: { code: 'invalid_token', message: 'The API token was revoked.' } });
  });

  it('streams the audit export as CSV to an auditor, and refuses a viewer with the JSON envelope', async () => {
    const auditor = await makeUser('auditor');
    const { token } = await makeToken(auditor, ['read']);
    const res = await exportAuditGET(apiRequest('GET', '/audit/export', { token, query: { format: 'csv' } }), routeContext());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('x-request-id')).toMatch(UUID_RE);
    const lines = (await res.text()).split('\r\n');
    expect(lines[0]).toBe('seq,id,occurredAt,actorEmail,actorKind,actorId,tokenId,action,resourceType,resourceId,before,after,requestId,ip,userAgent,position,prevHash,hash');
    expect(lines.length).toBeGreaterThan(2);

    const viewer = await makeUser('viewer');
    const { token: viewerToken } = await makeToken(viewer, ['read']);
    const refused = await exportAuditGET(apiRequest('GET', '/audit/export', { token: viewerToken }), routeContext());
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: { code: 'forbidden', message: "The viewer role may not export the audit log as CSV or JSON Lines (permission 'audit.export')." } });
  });
});

describe('apiRoute: session cookie', () => {
  it('accepts a signed session cookie as the user, with actor kind user', async () => {
    const user = await makeUser('approver');
    const res = await meGET(apiRequest('GET', '/me', { cookie: await sessionCookie(user.userId) }), routeContext());
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ userId: user.userId, email: user.email, role: 'approver', actorKind: 'user', tokenId: null, scopes: null });
  });

  it('answers 401 to a disabled user’s cookie at once', async () => {
    const admin = await makeUser('admin');
    const user = await makeUser('scientist');
    const cookie = await sessionCookie(user.userId);
    expect((await meGET(apiRequest('GET', '/me', { cookie }), routeContext())).status).toBe(200);
    await updateUser(admin, { id: user.userId, disabled: true });
    const res = await meGET(apiRequest('GET', '/me', { cookie }), routeContext());
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'unauthenticated', message: 'Sign in or send a valid API token.' } });
  });

  it('answers 401 to a cookie that was not sealed with this server’s secret', async () => {
    const user = await makeUser('viewer');
    const forged = (await sessionCookie(user.userId)).replace(/=(.{10})/, (_m, head: string) => `=${head.split('').reverse().join('')}`);
    const res = await meGET(apiRequest('GET', '/me', { cookie: forged }), routeContext());
    expect(res.status).toBe(401);
    const garbage = await meGET(apiRequest('GET', '/me', { cookie: `${SESSION_COOKIE}=not-a-jwt` }), routeContext());
    expect(garbage.status).toBe(401);
  });

  it('lets a bad Bearer token win over a good cookie: 401 invalid_token', async () => {
    const user = await makeUser('viewer');
    const res = await meGET(apiRequest('GET', '/me', { cookie: await sessionCookie(user.userId), token: 'mk_bad' }), routeContext());
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'invalid_token', message: 'The API token is malformed.' } });
  });
});
