import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb, getDbHandle, rowsOf } from '@/db/client';
import { listTransitionRequests } from '@/lib/registry/list-transition-requests';
import { DEMO_ACCOUNTS } from './demo-accounts';
import { seedRegistryDemo } from './registry-demo';
import { DEMO_SEED_STEPS, runSeedSteps } from './run-seeds';
import { seedTrackingDemo } from './tracking-demo';

describe('demo.registry seed', () => {
  it('leaves five models with versions in every stage, a past of approvals and rollbacks, and an inbox with an alias move and a stale request', async () => {
    await runSeedSteps(await getDbHandle(), DEMO_SEED_STEPS.filter((s) => s.name === 'demo.accounts'));
    await seedTrackingDemo({ scale: 0.03, anchor: Date.UTC(2026, 0, 1) });
    const summary = await seedRegistryDemo();
    expect(summary.models).toBe(5);

    const db = await getDb();
    const stages = rowsOf<{ stage: string; n: number }>(await db.execute(sql`select stage, count(*)::int as n from model_versions group by stage`));
    expect(Object.fromEntries(stages.map((s) => [s.stage, s.n]))).toMatchObject({ None: expect.any(Number), Staging: expect.any(Number), Production: expect.any(Number), Archived: expect.any(Number) });
    const [counts] = rowsOf<Record<string, number>>(
      await db.execute(sql`select
        (select count(*)::int from registered_models) as models,
        (select count(*)::int from model_versions) as versions,
        (select count(*)::int from model_versions where run_id is not null) as from_runs,
        (select count(*)::int from transition_requests where status = 'applied' and kind = 'stage') as applied,
        (select count(*)::int from transition_requests where status = 'applied' and kind = 'rollback') as rollbacks,
        (select count(*)::int from transition_requests where status = 'rejected') as rejected,
        (select count(*)::int from model_stage_history where emergency) as emergency,
        (select count(*)::int from transition_requests where status = 'pending') as pending`),
    );
    expect(counts).toMatchObject({ models: 5, versions: summary.versions, rollbacks: 1, rejected: 1, pending: summary.pendingRequests });
    expect(counts.from_runs).toBeGreaterThan(10);
    expect(counts.applied).toBeGreaterThanOrEqual(8);
    expect(counts.emergency).toBeGreaterThanOrEqual(1);

    // The approver's inbox, as the page reads it: an alias move, a stale request, one with an approval of two.
    const approverEmail = DEMO_ACCOUNTS.find((a) => a.role === 'approver')!.email;
    const [approver] = rowsOf<{ id: string; role: 'approver'; name: string }>(await db.execute(sql`select id, role, name from users where email = ${approverEmail}`));
    const actor = { kind: 'user' as const, userId: approver.id, email: approverEmail, name: approver.name, role: approver.role, meta: { requestId: 'test', ip: null, userAgent: null } };
    const { requests } = await listTransitionRequests(actor, { status: 'pending', pageSize: 100 });
    expect(requests).toHaveLength(summary.pendingRequests);
    expect(requests.length).toBeGreaterThanOrEqual(5);
    const alias = requests.find((r) => r.request.kind === 'alias');
    expect(alias?.request).toMatchObject({ modelName: 'churn-classifier', target: 'champion', version: 4, holderAtRequest: 2, stale: false });
    expect(alias?.holder?.version).toBe(2);
    const stale = requests.filter((r) => r.request.stale);
    expect(stale.map((r) => `${r.request.modelName} v${r.request.version}`)).toEqual(['feed-ranker v3']);
    expect(requests.some((r) => r.request.approvals.length === 1 && r.request.requiredApprovals === 2)).toBe(true);
  });
});
