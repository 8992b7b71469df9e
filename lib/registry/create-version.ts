import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import { modelVersions, modelVersionTags } from '@/db/schema/registry';
import { recordAudit } from '@/lib/audit/record-audit';
import { addModelVersionTag, getLiveLoggedModelRow } from '@/lib/experiments/logged-model-rows';
import { defineService } from '@/lib/services/define-service';
import { loadModelForWrite } from './access';
import { recordHistory } from './history';
import { CreateVersionInput } from './schemas';
import { loadVersionView } from './views';

/**
 * Registers the next version of a model (EDIT on the model), in stage None. The model row is locked and
 * the number taken as max + 1 inside the transaction, so concurrent creators get 1, 2, 3 … with no gap
 * and no duplicate (langfuse #15923 raced on the same max + 1 without the lock); a deleted version's number
 * is not reused, so history and audit entries keep meaning one version. `runId` links the
 * version to its source run (lineage); without `source`, it defaults to `runs:/<runId>/model`.
 * A version of an MLflow 3 logged model (`loggedModelId`, or a `models:/m-…` source) records the model,
 * takes its source run when no `runId` is given, and is added to the model's `mlflow.modelVersions` tag,
 * as MLflow's server does; an unknown or deleted logged model is refused and nothing is written.
 */
export const createVersion = defineService({
  name: 'registry.create_version',
  permission: 'version.create',
  input: CreateVersionInput,
  async run({ tx, actor }, input) {
    const model = await loadModelForWrite(tx, actor, { name: input.name }, 'version.create');
    const loggedModelId = input.loggedModelId ?? /^models:\/(m-[0-9a-f]{32})\/?$/.exec(input.source ?? '')?.[1];
    const logged = loggedModelId ? await getLiveLoggedModelRow(tx, loggedModelId) : null;
    const runId = input.runId ?? logged?.sourceRunId ?? undefined;
    // The history remembers deleted versions too, so a deleted number is never handed out again (as in MLflow).
    const [{ next }] = rowsOf<{ next: number }>(
      await tx.execute(sql`select greatest(
          (select max(version) from model_versions where model_id = ${model.id}),
          (select max(version) from model_stage_history where model_id = ${model.id}),
          0)::int + 1 as next`),
    );
    const [row] = await tx
      .insert(modelVersions)
      .values({
        modelId: model.id,
        version: Number(next),
        source: input.source ?? (runId ? `runs:/${runId}/model` : null),
        runId: runId ?? null,
        loggedModelId: logged?.id ?? null,
        description: input.description ?? null,
        status: input.status,
        statusMessage: input.statusMessage ?? null,
        intendedUse: input.intendedUse ?? null,
        limitations: input.limitations ?? null,
        trainingData: input.trainingData ?? null,
        evaluationData: input.evaluationData ?? null,
        metricsSummary: input.metricsSummary ?? null,
        ethicalConsiderations: input.ethicalConsiderations ?? null,
        owners: input.owners ?? [],
        createdBy: actor.userId,
      })
      .returning();
    const tags = Object.entries(input.tags ?? {});
    if (tags.length) await tx.insert(modelVersionTags).values(tags.map(([key, value]) => ({ versionId: row.id, key, value })));
    await recordHistory(tx, actor, [{ modelId: model.id, versionId: row.id, version: row.version, kind: 'created', toStage: 'None' }]);
    const view = await loadVersionView(tx, row.id);
    await recordAudit(tx, actor, 'version.create', { type: 'model_version', id: row.id }, { after: view });
    if (logged) {
      const tag = await addModelVersionTag(tx, logged.id, model.name, row.version);
      await recordAudit(tx, actor, 'logged_model.set_tags', { type: 'logged_model', id: logged.id }, { before: { tags: { 'mlflow.modelVersions': tag.before } }, after: { tags: { 'mlflow.modelVersions': tag.after } } });
    }
    return view;
  },
});
