import 'server-only';
import { and, eq, isNull, or } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { POLICY_TARGETS, registryPolicies, type PolicyTarget } from '@/db/schema/registry';
import type { PolicyView } from './schemas';

/** Used when neither the model nor the default policy has a row for the target. */
export const BUILT_IN_APPROVALS: Record<PolicyTarget, number> = { None: 0, Staging: 1, Production: 1, Archived: 0, alias: 1 };

/**
 * The effective rule per target for a model: its own row, else the default row (model_id null), else the
 * built-in count. `minComplianceScore` and `gates` are returned for the governance gate that will read them.
 */
export async function effectivePolicy(tx: Db, modelId: string | null): Promise<PolicyView['rules']> {
  const rows = await tx
    .select()
    .from(registryPolicies)
    .where(modelId ? or(eq(registryPolicies.modelId, modelId), isNull(registryPolicies.modelId)) : isNull(registryPolicies.modelId));
  return POLICY_TARGETS.map((target) => {
    const own = modelId ? rows.find((r) => r.modelId === modelId && r.target === target) : undefined;
    const dflt = rows.find((r) => r.modelId === null && r.target === target);
    const row = own ?? dflt;
    if (!row) return { target, requiredApprovals: BUILT_IN_APPROVALS[target], minComplianceScore: null, gates: [], source: 'built-in' as const };
    return { target, requiredApprovals: row.requiredApprovals, minComplianceScore: row.minComplianceScore, gates: row.gates, source: own ? ('model' as const) : ('default' as const) };
  });
}

/** How many approvals moving a version into `target` (a stage, or 'alias' for a protected alias) needs. */
export async function requiredApprovals(tx: Db, modelId: string, target: PolicyTarget): Promise<number> {
  const rows = await tx
    .select({ modelId: registryPolicies.modelId, requiredApprovals: registryPolicies.requiredApprovals })
    .from(registryPolicies)
    .where(and(eq(registryPolicies.target, target), or(eq(registryPolicies.modelId, modelId), isNull(registryPolicies.modelId))));
  const row = rows.find((r) => r.modelId === modelId) ?? rows.find((r) => r.modelId === null);
  return row ? row.requiredApprovals : BUILT_IN_APPROVALS[target];
}
