import 'server-only';
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import { modelVersions, registeredModels } from '@/db/schema/registry';
import { decodePageToken, encodePageToken } from '@/lib/api/page-token';
import { defineService } from '@/lib/services/define-service';
import { SearchVersionsInput } from './schemas';
import { toVersionViews } from './views';

/**
 * Versions across models, newest registration first, filtered by model name, source run (lineage: "which
 * versions came from this run?") and stage; keyset-paged on (created_at, id). MLflow's search_model_versions
 * filters (`name = …`, `run_id = …`) map onto these fields.
 */
export const searchVersions = defineService({
  name: 'registry.search_versions',
  permission: 'read',
  input: SearchVersionsInput,
  async run({ tx }, input) {
    const after = decodePageToken(input.pageToken);
    const where: (SQL | undefined)[] = [];
    if (input.name) where.push(eq(registeredModels.name, input.name));
    if (input.runId) where.push(eq(modelVersions.runId, input.runId));
    if (input.stage) where.push(eq(modelVersions.stage, input.stage));
    if (after) {
      const at = new Date(String(after[0]));
      where.push(or(lt(modelVersions.createdAt, at), and(eq(modelVersions.createdAt, at), lt(modelVersions.id, String(after[1])))));
    }
    const rows = await tx
      .select({ version: modelVersions, modelName: registeredModels.name })
      .from(modelVersions)
      .innerJoin(registeredModels, eq(registeredModels.id, modelVersions.modelId))
      .where(and(...where))
      .orderBy(desc(modelVersions.createdAt), desc(modelVersions.id))
      .limit(input.pageSize + 1);
    const page = rows.slice(0, input.pageSize);
    const nameOf = new Map(page.map((r) => [r.version.modelId, r.modelName]));
    const last = page[page.length - 1];
    return {
      versions: await toVersionViews(
        tx,
        page.map((r) => r.version),
        (modelId) => nameOf.get(modelId)!,
      ),
      nextPageToken: rows.length > input.pageSize ? encodePageToken([last.version.createdAt.toISOString(), last.version.id]) : null,
    };
  },
});
