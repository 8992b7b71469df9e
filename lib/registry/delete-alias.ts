import 'server-only';
import { and, eq } from 'drizzle-orm';
import { modelAliases, modelVersions, registeredModels } from '@/db/schema/registry';
import { recordAudit } from '@/lib/audit/record-audit';
import { NotFoundError } from '@/lib/errors';
import { defineService } from '@/lib/services/define-service';
import { loadModelForWrite } from './access';
import { isProtectedAlias, refuseDirectMoveOfProtectedAlias } from './alias-rules';
import { recordHistory } from './history';
import { AliasRef } from './schemas';

/** Removes an alias (EDIT on the model); a protected alias needs its policy to ask for 0 approvals. Its protection stays. */
export const deleteAlias = defineService({
  name: 'registry.delete_alias',
  permission: 'model.update',
  input: AliasRef,
  async run({ tx, actor }, input) {
    const model = await loadModelForWrite(tx, actor, { name: input.name }, 'model.update');
    const [old] = await tx
      .select({ versionId: modelAliases.versionId, version: modelVersions.version })
      .from(modelAliases)
      .innerJoin(modelVersions, eq(modelVersions.id, modelAliases.versionId))
      .where(and(eq(modelAliases.modelId, model.id), eq(modelAliases.alias, input.alias)));
    if (!old) throw new NotFoundError(`Alias of model '${model.name}'`, input.alias);
    await refuseDirectMoveOfProtectedAlias(tx, model, input.alias);
    await tx.delete(modelAliases).where(and(eq(modelAliases.modelId, model.id), eq(modelAliases.alias, input.alias)));
    await tx.update(registeredModels).set({ updatedAt: new Date() }).where(eq(registeredModels.id, model.id));
    await recordHistory(tx, actor, [{ modelId: model.id, versionId: old.versionId, version: null, kind: 'alias', alias: input.alias, previousVersion: old.version }]);
    await recordAudit(tx, actor, 'alias.delete', { type: 'registered_model', id: model.id }, { before: { alias: input.alias, version: old.version }, after: { alias: input.alias, version: null } });
    return { modelName: model.name, alias: input.alias, version: null, protected: await isProtectedAlias(tx, model.id, input.alias) };
  },
});
