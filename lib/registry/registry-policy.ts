import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { registryPolicies } from '@/db/schema/registry';
import { recordAudit } from '@/lib/audit/record-audit';
import { defineService } from '@/lib/services/define-service';
import { getModelByName, loadModelForWrite } from './access';
import { effectivePolicy } from './policy';
import { GetPolicyInput, SetPolicyInput } from './schemas';

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
