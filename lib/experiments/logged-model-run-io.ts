import 'server-only';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf, type Db } from '@/db/client';
import { loggedModels, runModelInputs } from '@/db/schema/logged-models';
import { recordAudit } from '@/lib/audit/record-audit';
import { defineService } from '@/lib/services/define-service';
import { loadRunForWrite } from './access';
import './constraints';
import { writeInputs } from './datasets';
import { getRunView } from './get-run';
import { loggedModelNotFound } from './logged-model-rows';
import { LoggedModelId } from './logged-model-schemas';
import { MAX_DATASETS_PER_CALL, RunDatasetInput, RunId, RunRef, type RunView } from './schemas';

/*
 * The logged models a run used and produced, as MLflow 3 shows them on a run: `inputs.model_inputs`
 * ([{model_id}], from `runs/log-inputs` with `models`) and `outputs.model_outputs` ([{model_id, step}],
 * from `runs/outputs`). Links stay when a model is deleted (MLflow keeps them too) and go when it is purged.
 */

export interface RunModelIo {
  modelInputs: { modelId: string }[];
  modelOutputs: { modelId: string; step: number }[];
}

/** The model inputs and outputs of the given runs, two statements whatever their number. */
export async function loadRunModelIo(tx: Db, runIds: string[]): Promise<Map<string, RunModelIo>> {
  const out = new Map<string, RunModelIo>(runIds.map((id) => [id, { modelInputs: [], modelOutputs: [] }]));
  if (runIds.length === 0) return out;
  const ids = sql.param(runIds);
  const inputs = rowsOf<{ run_id: string; model_id: string }>(await tx.execute(sql`select run_id, model_id from run_model_inputs where run_id = any(${ids}::text[]) order by run_id, model_id`));
  const outputs = rowsOf<{ run_id: string; model_id: string; step: number | string }>(
    await tx.execute(sql`select run_id, model_id, step from run_model_outputs where run_id = any(${ids}::text[]) order by run_id, step, model_id`),
  );
  for (const r of inputs) out.get(r.run_id)?.modelInputs.push({ modelId: r.model_id });
  for (const r of outputs) out.get(r.run_id)?.modelOutputs.push({ modelId: r.model_id, step: Number(r.step) });
  return out;
}

/** One run, as getRun reads it, with its model inputs and outputs, in one transaction. */
export const getRunWithModels = defineService({
  name: 'runs.get_with_models',
  permission: 'read',
  input: RunRef,
  async run({ tx }, input): Promise<{ run: RunView; models: RunModelIo }> {
    const run = await getRunView(tx, input.id);
    return { run, models: (await loadRunModelIo(tx, [run.id])).get(run.id)! };
  },
});

/** Model inputs and outputs of a page of runs (runs/search). */
export const listRunModelIo = defineService({
  name: 'runs.list_model_io',
  permission: 'read',
  input: z.object({ runIds: z.array(RunId).max(50_000) }),
  async run({ tx }, input): Promise<Map<string, RunModelIo>> {
    return loadRunModelIo(tx, input.runIds);
  },
});

export const LogRunInputsWithModelsInput = z.object({
  id: RunId,
  datasets: z.array(RunDatasetInput).max(MAX_DATASETS_PER_CALL, `at most ${MAX_DATASETS_PER_CALL} datasets per call`).default([]),
  models: z
    .array(z.object({ modelId: LoggedModelId }))
    .max(100, 'at most 100 models per call')
    .default([]),
});

/**
 * `runs/log-inputs` with logged models (MLflow 3, e.g. a model loaded inside a run), with or without
 * datasets: one transaction, one `run.log_inputs` audit event. Every model must exist and be live;
 * a model the run already used is not added twice.
 */
export const logRunInputsWithModels = defineService({
  name: 'runs.log_inputs_with_models',
  permission: 'run.update',
  input: LogRunInputsWithModelsInput,
  async run({ tx, actor }, input) {
    const { run } = await loadRunForWrite(tx, actor, input.id, 'run.update');
    const wanted = [...new Set(input.models.map((m) => m.modelId))];
    if (wanted.length) {
      const found = await tx
        .select({ id: loggedModels.id })
        .from(loggedModels)
        .where(and(inArray(loggedModels.id, wanted), eq(loggedModels.lifecycleStage, 'active')));
      const have = new Set(found.map((r) => r.id));
      const absent = wanted.find((id) => !have.has(id));
      if (absent) throw loggedModelNotFound(absent);
    }
    const added = await writeInputs(tx, run, input.datasets);
    const addedModels = wanted.length
      ? await tx
          .insert(runModelInputs)
          .values(wanted.map((modelId) => ({ runId: run.id, modelId })))
          .onConflictDoNothing()
          .returning({ modelId: runModelInputs.modelId })
      : [];
    await recordAudit(tx, actor, 'run.log_inputs', { type: 'run', id: run.id }, {
      after: { added, alreadyLogged: input.datasets.length - added.length, models: addedModels.map((m) => m.modelId).sort(), modelsAlreadyLogged: wanted.length - addedModels.length },
    });
    const inputs = await tx.select({ modelId: runModelInputs.modelId }).from(runModelInputs).where(eq(runModelInputs.runId, run.id)).orderBy(asc(runModelInputs.modelId));
    return { runId: run.id, datasets: added, modelInputs: inputs };
  },
});
