import { describe, expect, it } from 'vitest';
import { DELETE as resetPolicyRoute, GET as getPolicyRoute } from '@/app/api/v1/models/[name]/policy/route';
import { makeToken, makeUser } from '@/test/factories';
import { apiRequest, routeContext } from '@/test/http';
import { getRegistryPolicy, resetRegistryPolicy, setRegistryPolicy } from './registry-policy';
import { requestTransition } from './request-transition';
import { auditActions, makeModel, makeVersions, registryCounts } from './test-support';

type Rule = { target: string; requiredApprovals: number; source: string };
const ruleOf = (rules: Rule[], target: string) => rules.find((r) => r.target === target)!;

describe('resetRegistryPolicy', () => {
  it('drops the model’s own rules so the default applies again, audited as registry_policy.reset with before and after', async () => {
    const admin = await makeUser('admin');
    const scientist = await makeUser('scientist');
    const model = await makeModel(scientist);
    const [v1] = await makeVersions(scientist, model.name, 1);
    const defaults = (await getRegistryPolicy(admin, {})).rules as Rule[];
    await setRegistryPolicy(admin, { name: model.name, target: 'Production', requiredApprovals: 3 });
    await setRegistryPolicy(admin, { name: model.name, target: 'Staging', requiredApprovals: 0 });
    expect(ruleOf((await getRegistryPolicy(admin, { name: model.name })).rules, 'Production')).toMatchObject({ requiredApprovals: 3, source: 'model' });

    const out = await resetRegistryPolicy(admin, { name: model.name });
    expect(out.modelName).toBe(model.name);
    expect(out.rules.filter((r) => r.source === 'model')).toEqual([]);
    for (const target of ['Staging', 'Production']) expect(ruleOf(out.rules, target).requiredApprovals).toBe(ruleOf(defaults, target).requiredApprovals);
    expect(await getRegistryPolicy(admin, { name: model.name })).toEqual(out);

    // A new request now needs the default number of approvals, not the model's old 3.
    const { request } = await requestTransition(scientist, { id: v1.id, target: 'Production' });
    expect(request.requiredApprovals).toBe(ruleOf(defaults, 'Production').requiredApprovals);

    const events = (await auditActions('registered_model', model.id)).filter((e) => e.action.startsWith('registry_policy.'));
    expect(events.map((e) => e.action)).toEqual(['registry_policy.update', 'registry_policy.update', 'registry_policy.reset']);
    const reset = events[2] as { before: Rule[]; after: Rule[]; actor_id: string | null };
    expect(reset.actor_id).toBe(admin.userId);
    expect(reset.before.map((r) => [r.target, r.requiredApprovals, r.source]).sort()).toEqual([
      ['Production', 3, 'model'],
      ['Staging', 0, 'model'],
    ]);
    expect(reset.after.every((r) => r.source !== 'model')).toBe(true);
  });

  it('answers policy_not_found (not_found) when the model has no rule of its own, and writes nothing', async () => {
    const admin = await makeUser('admin');
    const model = await makeModel(admin);
    const before = await registryCounts();
    await expect(resetRegistryPolicy(admin, { name: model.name })).rejects.toMatchObject({ kind: 'not_found', code: 'policy_not_found' });
    await expect(resetRegistryPolicy(admin, { name: `no-such-model-${Date.now()}` })).rejects.toMatchObject({ kind: 'not_found' });
    expect(await registryCounts()).toEqual(before);
  });

  it('refuses the model’s owner without registry_policy.update (a scientist), keeping the rule', async () => {
    const admin = await makeUser('admin');
    const owner = await makeUser('scientist');
    const model = await makeModel(owner);
    await setRegistryPolicy(admin, { name: model.name, target: 'Production', requiredApprovals: 2 });
    await expect(resetRegistryPolicy(owner, { name: model.name })).rejects.toMatchObject({ kind: 'forbidden' });
    expect(ruleOf((await getRegistryPolicy(owner, { name: model.name })).rules, 'Production')).toMatchObject({ requiredApprovals: 2, source: 'model' });
    // An auditor holds registry_policy.update too.
    await expect(resetRegistryPolicy(await makeUser('auditor'), { name: model.name })).resolves.toMatchObject({ modelName: model.name });
  });

  it('DELETE /api/v1/models/{name}/policy answers 200 with the effective rules, then 404 policy_not_found; 403 for a scientist', async () => {
    const admin = await makeUser('admin');
    const model = await makeModel(admin);
    await setRegistryPolicy(admin, { name: model.name, target: 'alias', requiredApprovals: 2 });
    const name = encodeURIComponent(model.name);
    const scientistToken = (await makeToken(await makeUser('scientist'), ['read', 'write'])).token;
    const refused = await resetPolicyRoute(apiRequest('DELETE', `/models/${name}/policy`, { token: scientistToken }), routeContext({ name: model.name }));
    expect(refused.status).toBe(403);

    const token = (await makeToken(admin, ['read', 'write'])).token;
    const res = await resetPolicyRoute(apiRequest('DELETE', `/models/${name}/policy`, { token }), routeContext({ name: model.name }));
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as { modelName: string; rules: Rule[] };
    expect(body.modelName).toBe(model.name);
    expect(ruleOf(body.rules, 'alias').source).not.toBe('model');
    const got = await getPolicyRoute(apiRequest('GET', `/models/${name}/policy`, { token }), routeContext({ name: model.name }));
    expect(await got.json()).toEqual(body);

    const again = await resetPolicyRoute(apiRequest('DELETE', `/models/${name}/policy`, { token }), routeContext({ name: model.name }));
    expect(again.status).toBe(404);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('policy_not_found');
  });
});
