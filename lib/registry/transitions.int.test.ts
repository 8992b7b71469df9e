import { describe, expect, it } from 'vitest';
import { POST as decideRoute } from '@/app/api/v1/transition-requests/[id]/decisions/route';
import { logBatch } from '@/lib/experiments/log-batch';
import { makeExperiment, makeRun } from '@/lib/experiments/test-support';
import { verifyAuditChain } from '@/lib/audit/verify-audit-chain';
import { makeToken, makeUser } from '@/test/factories';
import { apiRequest, routeContext } from '@/test/http';
import { cancelTransition } from './cancel-transition';
import { createVersion } from './create-version';
import { decideTransition } from './decide-transition';
import { getModel } from './get-model';
import { listTransitionRequests } from './list-transition-requests';
import { setRegistryPolicy } from './registry-policy';
import { requestTransition } from './request-transition';
import { auditActions, makeModel, makeVersions, registryCounts, requestStatus, stagesOf } from './test-support';

async function team() {
  return { scientist: await makeUser('scientist'), approver: await makeUser('approver'), approver2: await makeUser('approver'), admin: await makeUser('admin') };
}

describe('requestTransition', () => {
  it('files a pending request for Staging with the policy’s count and records transition.request', async () => {
    const { scientist } = await team();
    const model = await makeModel(scientist);
    const [v1] = await makeVersions(scientist, model.name, 1);
    const out = await requestTransition(scientist, { name: model.name, version: 1, target: 'Staging', comment: 'looks good' });
    expect(out.applied).toBe(false);
    expect(out.request).toMatchObject({ kind: 'stage', target: 'Staging', status: 'pending', requiredApprovals: 1, approvals: [], stale: false, stageAtRequest: 'None', archiveExisting: false });
    expect(out.request.requestedBy).toMatchObject({ id: scientist.userId });
    expect(await stagesOf(model.name)).toEqual({ 1: 'None' });
    expect((await auditActions('model_version', v1.id)).map((e) => e.action)).toEqual(['version.create', 'transition.request']);
  });

  it('applies a move to Archived at once (0 approvals by default) and records transition.apply', async () => {
    const { scientist } = await team();
    const model = await makeModel(scientist);
    const [v1] = await makeVersions(scientist, model.name, 1);
    const out = await requestTransition(scientist, { id: v1.id, target: 'Archived' });
    expect(out).toMatchObject({ applied: true, request: { status: 'applied' } });
    expect(await stagesOf(model.name)).toEqual({ 1: 'Archived' });
    expect((await auditActions('model_version', v1.id)).map((e) => e.action)).toEqual(['version.create', 'transition.request', 'transition.apply']);
  });

  it('refuses a second pending request for the same target with already_pending', async () => {
    const { scientist } = await team();
    const model = await makeModel(scientist);
    const [v1] = await makeVersions(scientist, model.name, 1);
    await requestTransition(scientist, { id: v1.id, target: 'Production' });
    await expect(requestTransition(scientist, { id: v1.id, target: 'Production' })).rejects.toMatchObject({ code: 'already_pending' });
  });

  it('refuses archiveExisting=false while another version is in Production with production_occupied', async () => {
    const { scientist, approver } = await team();
    const model = await makeModel(scientist);
    const [v1, v2] = await makeVersions(scientist, model.name, 2);
    const { request } = await requestTransition(scientist, { id: v1.id, target: 'Production' });
    await decideTransition(approver, { id: request.id, decision: 'approve' });
    await expect(requestTransition(scientist, { id: v2.id, target: 'Production', archiveExisting: false })).rejects.toMatchObject({ code: 'production_occupied' });
  });

  it('refuses a viewer and an approver (transition.request is scientist/admin)', async () => {
    const { scientist, approver } = await team();
    const model = await makeModel(scientist);
    const [v1] = await makeVersions(scientist, model.name, 1);
    await expect(requestTransition(await makeUser('viewer'), { id: v1.id, target: 'Staging' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(requestTransition(approver, { id: v1.id, target: 'Staging' })).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('decideTransition', () => {
  it('rejects the requester deciding their own request with four_eyes, whatever their role, and writes nothing', async () => {
    const { admin } = await team();
    const model = await makeModel(admin);
    const [v1] = await makeVersions(admin, model.name, 1);
    const { request } = await requestTransition(admin, { id: v1.id, target: 'Production' });
    const before = await registryCounts();
    await expect(decideTransition(admin, { id: request.id, decision: 'approve' })).rejects.toMatchObject({
      code: 'four_eyes',
      message: 'You made this request; someone else must approve or reject it (four-eyes rule).',
    });
    expect(await registryCounts()).toEqual(before);
    expect(await requestStatus(request.id)).toBe('pending');
    expect(await stagesOf(model.name)).toEqual({ 1: 'None' });
  });

  it('refuses self-approval through POST /api/v1/transition-requests/{id}/decisions with 403 four_eyes and no state change', async () => {
    const { admin } = await team();
    const model = await makeModel(admin);
    const [v1] = await makeVersions(admin, model.name, 1);
    const { request } = await requestTransition(admin, { id: v1.id, target: 'Production' });
    const { token } = await makeToken(admin);
    const before = await registryCounts();
    const res = await decideRoute(apiRequest('POST', `/transition-requests/${request.id}/decisions`, { token, body: { decision: 'approve' } }), routeContext({ id: request.id }));
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: 'four_eyes', message: 'You made this request; someone else must approve or reject it (four-eyes rule).' } });
    expect(await registryCounts()).toEqual(before);
    expect(await stagesOf(model.name)).toEqual({ 1: 'None' });
  });

  it('lets another approver approve over HTTP: 200, applied, version in Production', async () => {
    const { scientist, approver } = await team();
    const model = await makeModel(scientist);
    const [v1] = await makeVersions(scientist, model.name, 1);
    const { request } = await requestTransition(scientist, { id: v1.id, target: 'Production' });
    const { token } = await makeToken(approver);
    const res = await decideRoute(apiRequest('POST', `/transition-requests/${request.id}/decisions`, { token, body: { decision: 'approve', comment: 'ok' } }), routeContext({ id: request.id }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ applied: true, request: { status: 'applied', approvals: [{ decision: 'approve', comment: 'ok', approver: { id: approver.userId } }] } });
    expect(await stagesOf(model.name)).toEqual({ 1: 'Production' });
  });

  it('refuses a scientist (transition.decide is approver/admin) with forbidden', async () => {
    const { scientist } = await team();
    const other = await makeUser('scientist');
    const model = await makeModel(scientist);
    const [v1] = await makeVersions(scientist, model.name, 1);
    const { request } = await requestTransition(scientist, { id: v1.id, target: 'Staging' });
    await expect(decideTransition(other, { id: request.id, decision: 'approve' })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('refuses to approve a stale request (the version’s stage changed since) with stale_request and writes nothing', async () => {
    const { scientist, approver } = await team();
    const model = await makeModel(scientist);
    const [v1] = await makeVersions(scientist, model.name, 1);
    const { request } = await requestTransition(scientist, { id: v1.id, target: 'Production' });
    await requestTransition(scientist, { id: v1.id, target: 'Archived' });
    const before = await registryCounts();
    await expect(decideTransition(approver, { id: request.id, decision: 'approve' })).rejects.toMatchObject({ code: 'stale_request' });
    expect(await registryCounts()).toEqual(before);
    const [inbox] = (await listTransitionRequests(approver, { name: model.name })).requests;
    expect(inbox.request).toMatchObject({ id: request.id, stale: true });
    await expect(decideTransition(approver, { id: request.id, decision: 'reject', comment: 'stale' })).resolves.toMatchObject({ applied: false, request: { status: 'rejected' } });
  });

  it('treats a request as stale when Production changed hands since it was made', async () => {
    const { scientist, approver } = await team();
    const model = await makeModel(scientist);
    const [v1, v2] = await makeVersions(scientist, model.name, 2);
    const r1 = await requestTransition(scientist, { id: v1.id, target: 'Production' });
    const r2 = await requestTransition(scientist, { id: v2.id, target: 'Production' });
    await decideTransition(approver, { id: r1.request.id, decision: 'approve' });
    await expect(decideTransition(approver, { id: r2.request.id, decision: 'approve' })).rejects.toMatchObject({ code: 'stale_request' });
  });

  it('with a policy of 2 approvals: the first approval leaves it pending, a repeat by the same approver is refused, the second applies', async () => {
    const { scientist, approver, approver2, admin } = await team();
    const model = await makeModel(scientist);
    await setRegistryPolicy(admin, { name: model.name, target: 'Production', requiredApprovals: 2 });
    const [v1] = await makeVersions(scientist, model.name, 1);
    const { request } = await requestTransition(scientist, { id: v1.id, target: 'Production' });
    expect(request.requiredApprovals).toBe(2);
    const first = await decideTransition(approver, { id: request.id, decision: 'approve' });
    expect(first).toMatchObject({ applied: false, request: { status: 'pending', approvals: [{ approver: { id: approver.userId } }] } });
    expect(await stagesOf(model.name)).toEqual({ 1: 'None' });
    await expect(decideTransition(approver, { id: request.id, decision: 'approve' })).rejects.toMatchObject({ code: 'already_decided' });
    const second = await decideTransition(approver2, { id: request.id, decision: 'approve' });
    expect(second).toMatchObject({ applied: true, request: { status: 'applied' } });
    expect(second.request.approvals).toHaveLength(2);
    expect(await stagesOf(model.name)).toEqual({ 1: 'Production' });
    const actions = (await auditActions('model_version', v1.id)).map((e) => e.action);
    expect(actions).toEqual(['version.create', 'transition.request', 'transition.approve', 'transition.approve', 'transition.apply']);
    await expect(decideTransition(approver2, { id: request.id, decision: 'approve' })).rejects.toMatchObject({ code: 'not_pending' });
  });

  it('archives the previous Production holder in the same transaction when archiveExisting is true (all siblings checked)', async () => {
    const { scientist, approver } = await team();
    const model = await makeModel(scientist);
    const [v1, v2, v3] = await makeVersions(scientist, model.name, 3);
    await decideTransition(approver, { id: (await requestTransition(scientist, { id: v1.id, target: 'Production' })).request.id, decision: 'approve' });
    await decideTransition(approver, { id: (await requestTransition(scientist, { id: v2.id, target: 'Staging' })).request.id, decision: 'approve' });
    expect(await stagesOf(model.name)).toEqual({ 1: 'Production', 2: 'Staging', 3: 'None' });
    const { request } = await requestTransition(scientist, { id: v3.id, target: 'Production', archiveExisting: true });
    await decideTransition(approver, { id: request.id, decision: 'approve' });
    expect(await stagesOf(model.name)).toEqual({ 1: 'Archived', 2: 'Staging', 3: 'Production' });
    const apply = (await auditActions('model_version', v3.id)).find((e) => e.action === 'transition.apply');
    expect(apply?.before).toMatchObject({ versions: [{ version: 1, stage: 'Production' }, { version: 3, stage: 'None' }] });
    expect(apply?.after).toMatchObject({ versions: [{ version: 1, stage: 'Archived' }, { version: 3, stage: 'Production' }] });
    const m = await getModel(scientist, { name: model.name });
    expect(m).toMatchObject({ production: { version: 3 }, staging: [{ version: 2 }], pendingRequests: 0 });
  });

  it('archives the other Staging versions when promoting to Staging with archiveExisting', async () => {
    const { scientist, approver } = await team();
    const model = await makeModel(scientist);
    const [v1, v2] = await makeVersions(scientist, model.name, 2);
    await decideTransition(approver, { id: (await requestTransition(scientist, { id: v1.id, target: 'Staging' })).request.id, decision: 'approve' });
    await decideTransition(approver, { id: (await requestTransition(scientist, { id: v2.id, target: 'Staging', archiveExisting: true })).request.id, decision: 'approve' });
    expect(await stagesOf(model.name)).toEqual({ 1: 'Archived', 2: 'Staging' });
  });

  it('records each step in the audit chain, linked to its predecessor', async () => {
    const { scientist, approver } = await team();
    const model = await makeModel(scientist);
    const [v1] = await makeVersions(scientist, model.name, 1);
    const { request } = await requestTransition(scientist, { id: v1.id, target: 'Staging' });
    await decideTransition(approver, { id: request.id, decision: 'approve' });
    const events = await auditActions('model_version', v1.id);
    expect(events.map((e) => [e.action, e.actor_id])).toEqual([
      ['version.create', scientist.userId],
      ['transition.request', scientist.userId],
      ['transition.approve', approver.userId],
      ['transition.apply', approver.userId],
    ]);
    expect(Number(events[3].seq)).toBe(Number(events[2].seq) + 1);
    expect(events[3].prev_hash).toBe(events[2].hash);
    expect(await verifyAuditChain(await makeUser('auditor'), {})).toMatchObject({ ok: true });
  });
});

describe('concurrent decisions', () => {
  it('two approvers approving one request at once: exactly one applies it, the other gets not_pending', async () => {
    const { scientist, approver, approver2 } = await team();
    const model = await makeModel(scientist);
    const [v1] = await makeVersions(scientist, model.name, 1);
    const { request } = await requestTransition(scientist, { id: v1.id, target: 'Production' });
    const results = await Promise.allSettled([approver, approver2].map((a) => decideTransition(a, { id: request.id, decision: 'approve' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const losers = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(losers.map((r) => (r.reason as { code: string }).code)).toEqual(['not_pending']);
    expect(await stagesOf(model.name)).toEqual({ 1: 'Production' });
  });

  it('two Production requests approved at once: one version wins, the other request is refused as stale, never two Productions', async () => {
    const { scientist, approver, approver2 } = await team();
    const model = await makeModel(scientist);
    const [v1, v2] = await makeVersions(scientist, model.name, 2);
    const r1 = await requestTransition(scientist, { id: v1.id, target: 'Production' });
    const r2 = await requestTransition(scientist, { id: v2.id, target: 'Production' });
    const results = await Promise.allSettled([
      decideTransition(approver, { id: r1.request.id, decision: 'approve' }),
      decideTransition(approver2, { id: r2.request.id, decision: 'approve' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => (r.reason as { code: string }).code)).toEqual(['stale_request']);
    expect(Object.values(await stagesOf(model.name)).filter((s) => s === 'Production')).toHaveLength(1);
  });
});

describe('cancelTransition', () => {
  it('lets the requester cancel, refuses anyone else with not_requester, and records transition.cancel', async () => {
    const { scientist, approver } = await team();
    const model = await makeModel(scientist);
    const [v1] = await makeVersions(scientist, model.name, 1);
    const { request } = await requestTransition(scientist, { id: v1.id, target: 'Staging' });
    await expect(cancelTransition(approver, { id: request.id })).rejects.toMatchObject({ code: 'not_requester' });
    await expect(cancelTransition(scientist, { id: request.id })).resolves.toMatchObject({ status: 'cancelled' });
    await expect(decideTransition(approver, { id: request.id, decision: 'approve' })).rejects.toMatchObject({ code: 'not_pending' });
    expect((await auditActions('model_version', v1.id)).map((e) => e.action)).toContain('transition.cancel');
  });
});

describe('listTransitionRequests (approver inbox)', () => {
  it('compares the candidate with the Production holder: metrics with differences, changed params first, card completeness', async () => {
    const { scientist, approver } = await team();
    const exp = await makeExperiment(scientist);
    const runA = await makeRun(scientist, exp.id);
    const runB = await makeRun(scientist, exp.id);
    await logBatch(scientist, { id: runA.id, metrics: [{ key: 'auc', value: 0.8, timestamp: 1 }], params: [{ key: 'lr', value: '0.1' }, { key: 'depth', value: '6' }] });
    await logBatch(scientist, { id: runB.id, metrics: [{ key: 'auc', value: 0.85, timestamp: 1 }], params: [{ key: 'lr', value: '0.05' }, { key: 'depth', value: '6' }] });
    const model = await makeModel(scientist);
    const v1 = await createVersion(scientist, { name: model.name, runId: runA.id });
    const v2 = await createVersion(scientist, { name: model.name, runId: runB.id, intendedUse: 'x', limitations: 'y' });
    await decideTransition(approver, { id: (await requestTransition(scientist, { id: v1.id, target: 'Production' })).request.id, decision: 'approve' });
    const { request } = await requestTransition(scientist, { id: v2.id, target: 'Production' });
    const inbox = await listTransitionRequests(approver, { name: model.name, decidable: true });
    expect(inbox.requests).toHaveLength(1);
    const item = inbox.requests[0];
    expect(item.request).toMatchObject({ id: request.id, holderAtRequest: 1, version: 2, stale: false });
    expect(item.candidate).toMatchObject({ version: 2, cardCompleteness: { filled: 2, total: 7 } });
    expect(item.holder).toMatchObject({ version: 1, stage: 'Production' });
    expect(item.metrics).toHaveLength(1);
    expect(item.metrics[0]).toMatchObject({ key: 'auc', candidate: 0.85, holder: 0.8 });
    expect(item.metrics[0].difference).toBeCloseTo(0.05, 10);
    expect(item.params).toEqual([
      { key: 'lr', candidate: '0.05', holder: '0.1', changed: true },
      { key: 'depth', candidate: '6', holder: '6', changed: false },
    ]);
    expect((await listTransitionRequests(scientist, { name: model.name, decidable: true })).requests).toEqual([]);
  });
});
