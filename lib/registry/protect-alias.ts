import 'server-only';
import { and, eq } from 'drizzle-orm';
import { modelAliases, modelVersions, protectedAliases } from '@/db/schema/registry';
import { recordAudit } from '@/lib/audit/record-audit';
import { NotFoundError } from '@/lib/errors';
import { defineService } from '@/lib/services/define-service';
import type { Db } from '@/db/client';
import { loadModelForWrite } from './access';
import { AliasRef } from './schemas';

async function aliasVersion(tx: Db, modelId: string, alias: string): Promise<number | null> {
  const [row] = await tx
    .select({ version: modelVersions.version })
    .from(modelAliases)
    .innerJoin(modelVersions, eq(modelVersions.id, modelAliases.versionId))
    .where(and(eq(modelAliases.modelId, modelId), eq(modelAliases.alias, alias)));
  return row?.version ?? null;
}

/** Protects an alias (MANAGE on the model), assigned or not yet: from now on it moves only through approved requests. Idempotent. */
export const protectAlias = defineService({
  name: 'registry.protect_alias',
  permission: 'alias.protect',
  input: AliasRef,
  async run({ tx, actor }, input) {
    const model = await loadModelForWrite(tx, actor, { name: input.name }, 'alias.protect');
    const inserted = await tx.insert(protectedAliases).values({ modelId: model.id, alias: input.alias, protectedBy: actor.userId }).onConflictDoNothing().returning();
    if (inserted.length) await recordAudit(tx, actor, 'alias.protect', { type: 'registered_model', id: model.id }, { before: { alias: input.alias, protected: false }, after: { alias: input.alias, protected: true } });
    return { modelName: model.name, alias: input.alias, version: await aliasVersion(tx, model.id, input.alias), protected: true };
  },
});

/** Lifts an alias's protection (MANAGE on the model). */
export const unprotectAlias = defineService({
  name: 'registry.unprotect_alias',
  permission: 'alias.protect',
  input: AliasRef,
  async run({ tx, actor }, input) {
    const model = await loadModelForWrite(tx, actor, { name: input.name }, 'alias.protect');
    const removed = await tx
      .delete(protectedAliases)
      .where(and(eq(protectedAliases.modelId, model.id), eq(protectedAliases.alias, input.alias)))
      .returning();
    if (!removed.length) throw new NotFoundError(`Protected alias of model '${model.name}'`, input.alias);
    await recordAudit(tx, actor, 'alias.unprotect', { type: 'registered_model', id: model.id }, { before: { alias: input.alias, protected: true }, after: { alias: input.alias, protected: false } });
    return { modelName: model.name, alias: input.alias, version: await aliasVersion(tx, model.id, input.alias), protected: false };
  },
});
