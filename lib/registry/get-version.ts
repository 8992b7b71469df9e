import 'server-only';
import { and, eq } from 'drizzle-orm';
import { modelAliases } from '@/db/schema/registry';
import { NotFoundError } from '@/lib/errors';
import { defineService } from '@/lib/services/define-service';
import { findVersion, getModelByName } from './access';
import { AliasLookup, VersionRef } from './schemas';
import { loadVersionView } from './views';

/** One version with its model card, card completeness, tags and aliases. */
export const getVersion = defineService({
  name: 'registry.get_version',
  permission: 'read',
  input: VersionRef,
  async run({ tx }, input) {
    const { version } = await findVersion(tx, input);
    return loadVersionView(tx, version.id);
  },
});

/** The version an alias points at (MLflow's get_model_version_by_alias). */
export const getVersionByAlias = defineService({
  name: 'registry.get_version_by_alias',
  permission: 'read',
  input: AliasLookup,
  async run({ tx }, input) {
    const model = await getModelByName(tx, input.name);
    const [row] = await tx
      .select({ versionId: modelAliases.versionId })
      .from(modelAliases)
      .where(and(eq(modelAliases.modelId, model.id), eq(modelAliases.alias, input.alias)));
    if (!row) throw new NotFoundError(`Alias of model '${model.name}'`, input.alias);
    return loadVersionView(tx, row.versionId);
  },
});
