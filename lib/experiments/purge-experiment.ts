import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { resourceGrants } from '@/db/schema/identity';
import { datasets, experiments, runs } from '@/db/schema/tracking';
import { recordAudit } from '@/lib/audit/record-audit';
import { RuleViolationError } from '@/lib/errors';
import { proxiedStorePath, runArtifactStorePath } from '@/lib/artifacts/artifact-path';
import { loggedModels } from '@/db/schema/logged-models';
import { defineService } from '@/lib/services/define-service';
import { DEFAULT_EXPERIMENT_ID, loadExperimentForWrite } from './access';
import { loadExperimentView } from './experiment-view';
import { ExperimentRef, type PurgeOutput } from './schemas';

/**
 * Removes runs for good: metric history first (it has no foreign key, on purpose, for ingest speed),
 * then the runs, whose params, tags, latest metrics and inputs go by cascade. Child runs of a purged
 * parent keep living with `parent_run_id` cleared by the foreign key.
 */
async function removeRuns(tx: Db, runIds: string[]): Promise<number> {
  if (runIds.length === 0) return 0;
  const history = await tx.execute(sql`delete from metric_history where run_id = any(${sql.param(runIds)}::text[])`);
  await tx.delete(runs).where(inArray(runs.id, runIds));
  return (history as { rowCount?: number; affectedRows?: number }).rowCount ?? (history as { affectedRows?: number }).affectedRows ?? 0;
}

/**
 * Empties an experiment's trash: every deleted run in it is removed permanently. Files cannot take part
 * in a transaction, so the runs' artifact locations are returned and `lib/artifacts/purge-artifacts.ts`
 * removes them once this transaction has committed (a crash in between leaves orphaned files, never a
 * run whose files are gone).
 */
export const purgeExperimentTrash = defineService({
  name: 'experiments.purge_trash',
  permission: 'experiment.purge',
  input: ExperimentRef,
  async run({ tx, actor }, input): Promise<PurgeOutput> {
    await loadExperimentForWrite(tx, actor, input.id, 'experiment.purge', { allowDeleted: true });
    const trashed = await tx
      .select({ id: runs.id, artifactUri: runs.artifactUri })
      .from(runs)
      .where(and(eq(runs.experimentId, input.id), eq(runs.lifecycleStage, 'deleted')))
      .for('update');
    const metricPointsRemoved = await removeRuns(
      tx,
      trashed.map((r) => r.id),
    );
    const result: PurgeOutput = {
      experimentId: String(input.id),
      runsRemoved: trashed.length,
      metricPointsRemoved,
      datasetsRemoved: 0,
      artifactUris: trashed.flatMap((r) => (r.artifactUri ? [r.artifactUri] : [])),
      artifactPaths: trashed.map((r) => runArtifactStorePath({ ...r, experimentId: input.id })),
    };
    await recordAudit(
      tx,
      actor,
      'experiment.purge_trash',
      { type: 'experiment', id: input.id },
      { before: { deletedRunIds: trashed.map((r) => r.id) }, after: { runsRemoved: result.runsRemoved, metricPointsRemoved, artifactUris: result.artifactUris } },
    );
    return result;
  },
});

/**
 * Permanently deletes an experiment that is in the trash, with all its runs, tags, datasets and the
 * grants on it. Its name becomes free again. As above, artifact locations are returned for the caller.
 */
export const purgeExperiment = defineService({
  name: 'experiments.purge',
  permission: 'experiment.purge',
  input: ExperimentRef,
  async run({ tx, actor }, input): Promise<PurgeOutput> {
    if (input.id === DEFAULT_EXPERIMENT_ID) throw new RuleViolationError('default_experiment', 'The Default experiment cannot be purged.');
    const experiment = await loadExperimentForWrite(tx, actor, input.id, 'experiment.purge', { allowDeleted: true });
    if (experiment.lifecycleStage !== 'deleted') {
      throw new RuleViolationError('not_deleted', `Experiment '${input.id}' must be deleted (in the trash) before it can be purged.`);
    }
    const before = await loadExperimentView(tx, input.id);
    const all = await tx.select({ id: runs.id, artifactUri: runs.artifactUri }).from(runs).where(eq(runs.experimentId, input.id)).for('update');
    const [{ n: datasetCount }] = rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from ${datasets} where ${datasets.experimentId} = ${input.id}`));
    const models = await tx.select({ artifactLocation: loggedModels.artifactLocation }).from(loggedModels).where(eq(loggedModels.experimentId, input.id));
    const metricPointsRemoved = await removeRuns(
      tx,
      all.map((r) => r.id),
    );
    await tx.delete(resourceGrants).where(and(eq(resourceGrants.resourceType, 'experiment'), eq(resourceGrants.resourceId, String(input.id))));
    await tx.delete(experiments).where(eq(experiments.id, input.id));
    const result: PurgeOutput = {
      experimentId: String(input.id),
      runsRemoved: all.length,
      metricPointsRemoved,
      datasetsRemoved: Number(datasetCount),
      artifactUris: [...(experiment.artifactLocation ? [experiment.artifactLocation] : []), ...all.flatMap((r) => (r.artifactUri ? [r.artifactUri] : []))],
      // The experiment's own folder holds its runs' and logged models' default locations; those pointed elsewhere are listed too.
      artifactPaths: [
        ...new Set([String(input.id), ...all.map((r) => runArtifactStorePath({ ...r, experimentId: input.id })), ...models.flatMap((m) => proxiedStorePath(m.artifactLocation) ?? [])]),
      ],
    };
    await recordAudit(
      tx,
      actor,
      'experiment.purge',
      { type: 'experiment', id: input.id },
      { before, after: { runsRemoved: result.runsRemoved, metricPointsRemoved, datasetsRemoved: result.datasetsRemoved, artifactUris: result.artifactUris } },
    );
    return result;
  },
});
