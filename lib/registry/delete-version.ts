import 'server-only';
import { and, eq } from 'drizzle-orm';
import { modelAliases, modelVersions, transitionRequests } from '@/db/schema/registry';
import { recordAudit } from '@/lib/audit/record-audit';
import { RuleViolationError } from '@/lib/errors';
import { defineService } from '@/lib/services/define-service';
import { loadVersionForWrite } from './access';
import { recordHistory } from './history';
import { VersionRef, VersionView } from './schemas';
import { loadVersionView } from './views';

/**
 * Deletes a version (MANAGE on the model). Refused in Production. Its aliases go with it (each removal is
 * recorded in the history) and its pending requests are cancelled first, so the inbox never shows a
 * request for a version that no longer exists; the history keeps the version number.
 */
export const deleteVersion = defineService({
  name: 'registry.delete_version',
  permission: 'version.delete',
  input: VersionRef,
  async run({ tx, actor }, input): Promise<VersionView> {
    const { model, version } = await loadVersionForWrite(tx, actor, input, 'version.delete');
    if (version.stage === 'Production') {
      throw new RuleViolationError('version_in_production', `${model.name} v${version.version} is in Production; move another version in or archive it first.`);
    }
    const before = await loadVersionView(tx, version.id);
    const aliases = await tx.select({ alias: modelAliases.alias }).from(modelAliases).where(eq(modelAliases.versionId, version.id));
    await tx
      .update(transitionRequests)
      .set({ status: 'cancelled', decidedAt: new Date(), decidedBy: actor.userId })
      .where(and(eq(transitionRequests.versionId, version.id), eq(transitionRequests.status, 'pending')));
    await recordHistory(tx, actor, [
      ...aliases.map((a) => ({ modelId: model.id, versionId: version.id, version: null, kind: 'alias' as const, alias: a.alias, previousVersion: version.version })),
      { modelId: model.id, versionId: version.id, version: version.version, kind: 'deleted', fromStage: version.stage },
    ]);
    await tx.delete(modelVersions).where(eq(modelVersions.id, version.id));
    await recordAudit(tx, actor, 'version.delete', { type: 'model_version', id: version.id }, { before });
    return before;
  },
});
