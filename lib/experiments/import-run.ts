import 'server-only';
import { recordAudit } from '@/lib/audit/record-audit';
import { defineService } from '@/lib/services/define-service';
import { loadExperimentForWrite } from './access';
import './constraints';
import { insertRun } from './create-run';
import { writeInputs } from './datasets';
import { runSummary } from './update-run';
import { toRunViews } from './load-run-details';
import { writeMetrics, writeParams } from './run-writes';
import { ImportRunInput } from './schemas';

/**
 * Records a whole run in one transaction — start, params, up to 1000 metric points, tags, dataset inputs
 * and its final status — with the same rules as the separate calls (EDIT on the experiment, name ↔
 * `mlflow.runName`, key and value limits). Meant for imports from another tracking server and for demo
 * data; more history goes on with logBatch. One audit event, `run.import`, summarises it.
 */
export const importRun = defineService({
  name: 'runs.import',
  permission: 'run.create',
  input: ImportRunInput,
  async run({ tx, actor }, input) {
    const experiment = await loadExperimentForWrite(tx, actor, input.experimentId, 'run.create');
    const terminal = input.status !== 'RUNNING' && input.status !== 'SCHEDULED';
    const startTime = input.startTime ?? Date.now();
    const endTime = input.endTime ?? (terminal ? Math.max(Date.now(), startTime) : null);
    const { row } = await insertRun(tx, actor, experiment, { ...input, startTime }, { status: input.status, endTime });
    await writeParams(tx, row, input.params);
    const metrics = await writeMetrics(tx, row, input.metrics);
    const inputs = await writeInputs(tx, row, input.datasets);
    const [view] = await toRunViews(tx, [row]);
    await recordAudit(
      tx,
      actor,
      'run.import',
      { type: 'run', id: row.id },
      { after: { ...runSummary(view), experimentId: view.experimentId, params: view.params, tags: view.tags, metrics, metricKeys: Object.keys(view.metrics), inputs } },
    );
    return view;
  },
});
