import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { GET as inboxRoute } from '@/app/api/v1/transition-requests/route';
import { getDb } from '@/db/client';
import { makeToken, makeUser } from '@/test/factories';
import { apiRequest, routeContext } from '@/test/http';
import { cancelTransition } from './cancel-transition';
import { decideTransition } from './decide-transition';
import { listTransitionRequests } from './list-transition-requests';
import { requestTransition } from './request-transition';
import { makeModel, makeVersions } from './test-support';

/** Every page of a listing, following next page tokens, as request ids. */
async function allPages(list: (pageToken?: string) => Promise<{ requests: { request: { id: string } }[]; nextPageToken: string | null }>) {
  const ids: string[] = [];
  let token: string | undefined;
  for (let guard = 0; guard < 50; guard++) {
    const page = await list(token);
    ids.push(...page.requests.map((r) => r.request.id));
    if (!page.nextPageToken) return ids;
    token = page.nextPageToken;
  }
  throw new Error('paging did not end');
}

/** `n` versions of a fresh model, each with a pending request for Staging, asked one after another. */
async function pendingRequests(n: number) {
  const scientist = await makeUser('scientist');
  const approver = await makeUser('approver');
  const model = await makeModel(scientist);
  const versions = await makeVersions(scientist, model.name, n);
  const ids: string[] = [];
  for (const v of versions) ids.push((await requestTransition(scientist, { id: v.id, target: 'Staging' })).request.id);
  return { scientist, approver, model, versions, ids };
}

describe('listTransitionRequests order', () => {
  it('lists oldest first by default and newest first with order=newest, each paged without repeats or gaps', async () => {
    const { approver, model, ids } = await pendingRequests(5);
    const oldest = await allPages((pageToken) => listTransitionRequests(approver, { name: model.name, pageSize: 2, pageToken }));
    const newest = await allPages((pageToken) => listTransitionRequests(approver, { name: model.name, order: 'newest', pageSize: 2, pageToken }));
    expect(oldest).toEqual(ids);
    expect(newest).toEqual([...ids].reverse());
  });

  it('pages correctly through requests created within the same millisecond (the cursor keeps microseconds)', async () => {
    const { approver, model, ids } = await pendingRequests(4);
    const db = await getDb();
    // Same millisecond, different microseconds; the last two share the exact instant (the id breaks the tie).
    const instants = ['2026-03-01T10:00:00.123100Z', '2026-03-01T10:00:00.123400Z', '2026-03-01T10:00:00.123900Z', '2026-03-01T10:00:00.123900Z'];
    for (let i = 0; i < ids.length; i++) await db.execute(sql`update transition_requests set created_at = ${instants[i]}::timestamptz where id = ${ids[i]}`);
    const tail = [ids[2], ids[3]].sort();
    const expected = [ids[0], ids[1], ...tail];
    const oldest = await allPages((pageToken) => listTransitionRequests(approver, { name: model.name, pageSize: 1, pageToken }));
    const newest = await allPages((pageToken) => listTransitionRequests(approver, { name: model.name, order: 'newest', pageSize: 1, pageToken }));
    expect(oldest).toEqual(expected);
    expect(newest).toEqual([...expected].reverse());
  });

  it('keeps the newest-first order on a history status (decided requests) and through /api/v1', async () => {
    const { scientist, approver, model, ids } = await pendingRequests(3);
    for (const id of ids) await cancelTransition(scientist, { id });
    const viaService = await listTransitionRequests(approver, { name: model.name, status: 'cancelled', order: 'newest' });
    expect(viaService.requests.map((r) => r.request.id)).toEqual([...ids].reverse());
    const token = (await makeToken(approver, ['read'])).token;
    const res = await inboxRoute(apiRequest('GET', '/transition-requests', { token, query: { name: model.name, status: 'cancelled', order: 'newest', pageSize: '2' } }), routeContext());
    expect(res.status).toBe(200);
    const body = (await res.json()) as { requests: { request: { id: string } }[]; nextPageToken: string | null };
    expect(body.requests.map((r) => r.request.id)).toEqual([ids[2], ids[1]]);
    const next = await inboxRoute(apiRequest('GET', '/transition-requests', { token, query: { name: model.name, status: 'cancelled', order: 'newest', pageSize: '2', pageToken: body.nextPageToken! } }), routeContext());
    expect(((await next.json()) as typeof body).requests.map((r) => r.request.id)).toEqual([ids[0]]);
    const bad = await inboxRoute(apiRequest('GET', '/transition-requests', { token, query: { order: 'sideways' } }), routeContext());
    expect(bad.status).toBe(400);
  });

  it('refuses a forged page token with invalid_page_token instead of failing in the database', async () => {
    const approver = await makeUser('approver');
    const forged = Buffer.from(JSON.stringify({ k: ['not a time', 'not an id'] }), 'utf8').toString('base64url');
    await expect(listTransitionRequests(approver, { pageToken: forged })).rejects.toMatchObject({ kind: 'validation', code: 'invalid_page_token' });
  });
});

describe('listTransitionRequests version filter', () => {
  it('keeps one version’s requests, by versionId or by name and version, in every status', async () => {
    const { scientist, approver, model, versions, ids } = await pendingRequests(3);
    await decideTransition(approver, { id: ids[1], decision: 'reject' });
    const again = (await requestTransition(scientist, { id: versions[1].id, target: 'Production' })).request.id;

    const byId = await listTransitionRequests(approver, { versionId: versions[1].id });
    expect(byId.requests.map((r) => r.request.id)).toEqual([again]);
    expect(byId.requests.every((r) => r.request.versionId === versions[1].id)).toBe(true);
    const rejected = await listTransitionRequests(approver, { name: model.name, version: 2, status: 'rejected' });
    expect(rejected.requests.map((r) => r.request.id)).toEqual([ids[1]]);
    const first = await listTransitionRequests(approver, { name: model.name, version: 1 });
    expect(first.requests.map((r) => r.request.id)).toEqual([ids[0]]);
  });

  it('answers not_found for an unknown version and a validation error for a version without a model name', async () => {
    const { approver, model } = await pendingRequests(1);
    await expect(listTransitionRequests(approver, { name: model.name, version: 9 })).rejects.toMatchObject({ kind: 'not_found' });
    await expect(listTransitionRequests(approver, { versionId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ kind: 'not_found' });
    await expect(listTransitionRequests(approver, { version: 1 })).rejects.toMatchObject({ kind: 'validation' });
  });
});
