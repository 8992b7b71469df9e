import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { protectedAliases } from '@/db/schema/registry';
import { RuleViolationError } from '@/lib/errors';
import type { ModelRow } from './access';
import { requiredApprovals } from './policy';

export async function isProtectedAlias(tx: Db, modelId: string, alias: string): Promise<boolean> {
  const [row] = await tx
    .select({ alias: protectedAliases.alias })
    .from(protectedAliases)
    .where(and(eq(protectedAliases.modelId, modelId), eq(protectedAliases.alias, alias)));
  return !!row;
}

/** A protected alias moves only through an approved request, unless the model's policy asks for 0 approvals. */
export async function refuseDirectMoveOfProtectedAlias(tx: Db, model: ModelRow, alias: string): Promise<void> {
  if (!(await isProtectedAlias(tx, model.id, alias))) return;
  const needed = await requiredApprovals(tx, model.id, 'alias');
  if (needed > 0) {
    throw new RuleViolationError(
      'alias_protected',
      `Alias '${alias}' of '${model.name}' is protected; request the move (a transition request of kind alias) and have it approved (${needed} approval${needed === 1 ? '' : 's'}).`,
      { alias, requiredApprovals: needed },
    );
  }
}
