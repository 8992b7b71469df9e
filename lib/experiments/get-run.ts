import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { runs } from '@/db/schema/tracking';
import { defineService } from '@/lib/services/define-service';
import { getRunRow } from './access';
import { listInputsOfRun } from './datasets';
import { loadRunDetails, toRunViews } from './load-run-details';
import { RunRef, toRunView, type RunView } from './schemas';

/** The run with its params, latest metrics, tags and (unless asked not to) its dataset inputs. */
export async function getRunView(tx: Db, runId: string, opts: { inputs?: boolean } = {}): Promise<RunView> {
  const row = await getRunRow(tx, runId);
  const details = await loadRunDetails(tx, [runId]);
  const inputs = opts.inputs === false ? undefined : await listInputsOfRun(tx, runId);
  return toRunView(row, details.params.get(runId), details.metrics.get(runId), details.tags.get(runId), inputs);
}

/** One run, deleted or not (MLflow's get_run returns both; searches hide deleted ones). */
export const getRun = defineService({
  name: 'runs.get',
  permission: 'read',
  input: RunRef,
  async run({ tx }, input) {
    return getRunView(tx, input.id);
  },
});

/** Nested runs: the active children of a run, oldest first (hyperparameter sweeps under their parent). */
export const listChildRuns = defineService({
  name: 'runs.list_children',
  permission: 'read',
  input: RunRef,
  async run({ tx }, input) {
    await getRunRow(tx, input.id);
    const rows = await tx
      .select()
      .from(runs)
      .where(and(eq(runs.parentRunId, input.id), eq(runs.lifecycleStage, 'active')))
      .orderBy(asc(runs.startTime), asc(runs.id));
    return { parentRunId: input.id, runs: await toRunViews(tx, rows) };
  },
});
