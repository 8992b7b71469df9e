import 'server-only';
import { eq } from 'drizzle-orm';
import { runs, type RunStatus } from '@/db/schema/tracking';
import { recordAudit } from '@/lib/audit/record-audit';
import { defineService } from '@/lib/services/define-service';
import { loadRunForWrite } from './access';
import './constraints';
import { toRunViews } from './load-run-details';
import { mirrorColumnsToTags } from './run-writes';
import { toRunView, UpdateRunInput } from './schemas';

const TERMINAL: readonly RunStatus[] = ['FINISHED', 'FAILED', 'KILLED'];

/**
 * Changes a run's status, end time, name or description (EDIT on its experiment; the run must be active).
 * The name and description are mirrored to `mlflow.runName` and `mlflow.note.content`. A run that reaches a
 * terminal status without an end time gets now as its end time (MLflow's client sends it; other callers may not).
 */
export const updateRun = defineService({
  name: 'runs.update',
  permission: 'run.update',
  input: UpdateRunInput,
  async run({ tx, actor }, input) {
    const { run } = await loadRunForWrite(tx, actor, input.id, 'run.update');
    let endTime = input.endTime === undefined ? run.endTime : input.endTime;
    if (input.status && TERMINAL.includes(input.status) && endTime === null) endTime = Math.max(Date.now(), run.startTime);
    const [row] = await tx
      .update(runs)
      .set({
        status: input.status ?? run.status,
        endTime,
        name: input.name ?? run.name,
        description: input.description === undefined ? run.description : input.description,
      })
      .where(eq(runs.id, run.id))
      .returning();
    await mirrorColumnsToTags(tx, run, { name: input.name, description: input.description });
    const [after] = await toRunViews(tx, [row]);
    await recordAudit(tx, actor, 'run.update', { type: 'run', id: run.id }, { before: runSummary(toRunView(run)), after: runSummary(after) });
    return after;
  },
});

/** The run's own fields, without params/metrics/tags, for audit before/after. */
export function runSummary(view: { name: string; status: string; startTime: number; endTime: number | null; description: string | null; lifecycleStage: string; deletedTime?: number | null }) {
  return { name: view.name, status: view.status, startTime: view.startTime, endTime: view.endTime, description: view.description, lifecycleStage: view.lifecycleStage, deletedTime: view.deletedTime ?? null };
}
