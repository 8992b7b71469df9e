import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { experiments, runs } from '@/db/schema/tracking';
import { recordAudit } from '@/lib/audit/record-audit';
import { RuleViolationError } from '@/lib/errors';
import { defineService } from '@/lib/services/define-service';
import { DEFAULT_EXPERIMENT_ID, loadExperimentForWrite } from './access';
import { loadExperimentView } from './experiment-view';
import { ExperimentRef } from './schemas';

/**
 * Moves an experiment to the trash. As in MLflow, its runs are kept but marked deleted with it, so run
 * searches hide them; each gets the experiment's deletion time as `deleted_time`. Restoring brings back
 * exactly those runs — runs deleted on their own before stay in the trash (MLflow restores all of them,
 * which resurrects runs a user had thrown away). The Default experiment cannot be deleted.
 */
export const deleteExperiment = defineService({
  name: 'experiments.delete',
  permission: 'experiment.delete',
  input: ExperimentRef,
  async run({ tx, actor }, input) {
    if (input.id === DEFAULT_EXPERIMENT_ID) throw new RuleViolationError('default_experiment', 'The Default experiment cannot be deleted.');
    await loadExperimentForWrite(tx, actor, input.id, 'experiment.delete');
    const before = await loadExperimentView(tx, input.id);
    const now = new Date();
    await tx.update(experiments).set({ lifecycleStage: 'deleted', deletedAt: now, updatedAt: now }).where(eq(experiments.id, input.id));
    const marked = await tx
      .update(runs)
      .set({ lifecycleStage: 'deleted', deletedTime: now.getTime() })
      .where(and(eq(runs.experimentId, input.id), eq(runs.lifecycleStage, 'active')))
      .returning({ id: runs.id });
    const after = await loadExperimentView(tx, input.id);
    await recordAudit(tx, actor, 'experiment.delete', { type: 'experiment', id: input.id }, { before, after: { ...after, runsDeleted: marked.length } });
    return after;
  },
});

export const restoreExperiment = defineService({
  name: 'experiments.restore',
  permission: 'experiment.delete',
  input: ExperimentRef,
  async run({ tx, actor }, input) {
    const experiment = await loadExperimentForWrite(tx, actor, input.id, 'experiment.delete', { allowDeleted: true });
    if (experiment.lifecycleStage === 'active') throw new RuleViolationError('not_deleted', `Experiment '${input.id}' is not deleted.`);
    const before = await loadExperimentView(tx, input.id);
    const deletedTime = experiment.deletedAt?.getTime() ?? null;
    const restored =
      deletedTime === null
        ? []
        : await tx
            .update(runs)
            .set({ lifecycleStage: 'active', deletedTime: null })
            .where(and(eq(runs.experimentId, input.id), eq(runs.lifecycleStage, 'deleted'), eq(runs.deletedTime, deletedTime)))
            .returning({ id: runs.id });
    await tx.update(experiments).set({ lifecycleStage: 'active', deletedAt: null, updatedAt: sql`now()` }).where(eq(experiments.id, input.id));
    const after = await loadExperimentView(tx, input.id);
    await recordAudit(tx, actor, 'experiment.restore', { type: 'experiment', id: input.id }, { before, after: { ...after, runsRestored: restored.length } });
    return after;
  },
});
