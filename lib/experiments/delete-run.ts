import 'server-only';
import { eq } from 'drizzle-orm';
import { runs } from '@/db/schema/tracking';
import { recordAudit } from '@/lib/audit/record-audit';
import { RuleViolationError } from '@/lib/errors';
import { defineService } from '@/lib/services/define-service';
import { loadRunForWrite } from './access';
import { getRunView } from './get-run';
import { RunRef } from './schemas';
import { runSummary } from './update-run';

/** Moves a run to the trash (`deleted_time` = now); its data stays until the experiment's trash is purged. */
export const deleteRun = defineService({
  name: 'runs.delete',
  permission: 'run.delete',
  input: RunRef,
  async run({ tx, actor }, input) {
    const { run, experiment } = await loadRunForWrite(tx, actor, input.id, 'run.delete', { allowDeleted: true });
    if (run.lifecycleStage === 'deleted') throw new RuleViolationError('already_deleted', `Run '${run.id}' is already deleted.`);
    if (experiment.lifecycleStage === 'deleted') throw new RuleViolationError('experiment_deleted', `Experiment '${experiment.id}' is deleted; its runs are already in the trash.`);
    const before = await getRunView(tx, run.id, { inputs: false });
    await tx.update(runs).set({ lifecycleStage: 'deleted', deletedTime: Date.now() }).where(eq(runs.id, run.id));
    const after = await getRunView(tx, run.id, { inputs: false });
    await recordAudit(tx, actor, 'run.delete', { type: 'run', id: run.id }, { before: runSummary(before), after: runSummary(after) });
    return after;
  },
});

/** Brings a run back from the trash; its experiment must be active (restore that first). */
export const restoreRun = defineService({
  name: 'runs.restore',
  permission: 'run.delete',
  input: RunRef,
  async run({ tx, actor }, input) {
    const { run, experiment } = await loadRunForWrite(tx, actor, input.id, 'run.delete', { allowDeleted: true });
    if (experiment.lifecycleStage === 'deleted') throw new RuleViolationError('experiment_deleted', `Experiment '${experiment.id}' is deleted; restore the experiment first.`);
    if (run.lifecycleStage === 'active') throw new RuleViolationError('not_deleted', `Run '${run.id}' is not deleted.`);
    const before = await getRunView(tx, run.id, { inputs: false });
    await tx.update(runs).set({ lifecycleStage: 'active', deletedTime: null }).where(eq(runs.id, run.id));
    const after = await getRunView(tx, run.id, { inputs: false });
    await recordAudit(tx, actor, 'run.restore', { type: 'run', id: run.id }, { before: runSummary(before), after: runSummary(after) });
    return after;
  },
});
