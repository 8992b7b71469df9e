import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { registryPolicies } from '@/db/schema/registry';
import { recordAudit } from '@/lib/audit/record-audit';
import { NotFoundError } from '@/lib/errors';
import { defineService } from '@/lib/services/define-service';
import { getModelByName, loadModelForWrite } from './access';
import { effectivePolicy } from './policy';
import { GetPolicyInput, ResetPolicyInput, SetPolicyInput } from './schemas';

/** The effective sign-off rules of a model (or the defaults), per target, with where each comes from. */
export const getRegistryPolicy = defineService({
  name: 'registry.get_policy',
  permission: 'read',
  input: GetPolicyInput,
  async run({ tx }, input) {
    const model = input.name ? await getModelByName(tx, input.name) : null;
    return { modelName: model?.name ?? null, rules: await effectivePolicy(tx, model?.id ?? null) };
  },
});

/**
 * Sets one target's rule for a model, or the default for all models without their own rule. A governance
 * matter (auditor, admin), not the model owner's: an owner could otherwise lower their own bar to 0.
 */
export const setRegistryPolicy = defineService({
  name: 'registry.set_policy',
  permission: 'registry_policy.update',
  input: SetPolicyInput,
  async run({ tx, actor }, input) {
    const model = input.name ? await loadModelForWrite(tx, actor, { name: input.name }, 'registry_policy.update') : null;
    const modelId = model?.id ?? null;
    const beforeRules = await effectivePolicy(tx, modelId);
    const scope = and(modelId ? eq(registryPolicies.modelId, modelId) : isNull(registryPolicies.modelId), eq(registryPolicies.target, input.target));
    const [existing] = await tx.select().from(registryPolicies).where(scope).for('update');
    const values = {
      requiredApprovals: input.requiredApprovals,
      minComplianceScore: input.minComplianceScore ?? existing?.minComplianceScore ?? null,
      gates: input.gates ?? existing?.gates ?? [],
      updatedBy: actor.userId,
      updatedAt: new Date(),
    };
    if (existing) await tx.update(registryPolicies).set(values).where(eq(registryPolicies.id, existing.id));
    else await tx.insert(registryPolicies).values({ modelId, target: input.target, ...values });
    const rules = await effectivePolicy(tx, modelId);
    const pick = (list: typeof rules) => list.find((r) => r.target === input.target);
    await recordAudit(tx, actor, 'registry_policy.update', { type: model ? 'registered_model' : 'registry_policy', id: modelId ?? 'default' }, { before: pick(beforeRules), after: pick(rules) });
    return { modelName: model?.name ?? null, rules };
  },
});

/**
 * Drops a model's own rules (every target), so the default policy (or the built-in one) applies to it again.
 * 404 `policy_not_found` when the model has no rule of its own. Same permission as setting a rule.
 */
export const resetRegistryPolicy = defineService({
  name: 'registry.reset_policy',
  permission: 'registry_policy.update',
  input: ResetPolicyInput,
  async run({ tx, actor }, input) {
    const model = await loadModelForWrite(tx, actor, { name: input.name }, 'registry_policy.update');
    const beforeRules = await effectivePolicy(tx, model.id);
    const dropped = await tx.delete(registryPolicies).where(eq(registryPolicies.modelId, model.id)).returning({ target: registryPolicies.target });
    if (dropped.length === 0) throw new NotFoundError('Own approval policy of model', model.name, 'policy_not_found');
    const rules = await effectivePolicy(tx, model.id);
    const targets = new Set(dropped.map((d) => d.target));
    const pick = (list: typeof rules) => list.filter((r) => targets.has(r.target));
    await recordAudit(tx, actor, 'registry_policy.reset', { type: 'registered_model', id: model.id }, { before: pick(beforeRules), after: pick(rules) });
    return { modelName: model.name, rules };
  },
});
