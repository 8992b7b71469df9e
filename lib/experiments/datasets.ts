import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { datasets, runInputs } from '@/db/schema/tracking';
import { recordAudit } from '@/lib/audit/record-audit';
import { defineService } from '@/lib/services/define-service';
import type { z } from 'zod';
import { getExperimentRow, getRunRow, loadRunForWrite, type RunRow } from './access';
import { ExperimentRef, LogInputsInput, RunRef, type DatasetInputView, type DatasetView, type RunDatasetInput } from './schemas';

type DatasetRow = typeof datasets.$inferSelect;

function toDatasetView(row: DatasetRow): DatasetView {
  return {
    id: row.id,
    experimentId: String(row.experimentId),
    name: row.name,
    digest: row.digest,
    sourceType: row.sourceType,
    source: row.source,
    schema: row.schema ?? null,
    profile: row.profile ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A run's dataset inputs, in one statement. */
export async function listInputsOfRun(tx: Db, runId: string): Promise<DatasetInputView[]> {
  const rows = await tx
    .select({ dataset: datasets, context: runInputs.context, tags: runInputs.tags })
    .from(runInputs)
    .innerJoin(datasets, eq(datasets.id, runInputs.datasetId))
    .where(eq(runInputs.runId, runId))
    .orderBy(asc(datasets.name), asc(datasets.digest));
  return rows.map((r) => ({ dataset: toDatasetView(r.dataset), context: r.context, tags: r.tags ?? {} }));
}

/**
 * Records the datasets a run used (training, evaluation, …). Datasets are identified per experiment by
 * (name, digest), as in MLflow: logging the same one again, from this run or another, reuses its row
 * (its stored schema and profile are kept). A dataset logged twice to the same run keeps its first context.
 * Two statements whatever the number of datasets. Returns what was new for this run, for the audit event.
 */
export async function writeInputs(tx: Db, run: RunRow, list: z.output<typeof RunDatasetInput>[]): Promise<{ name: string; digest: string; context: string | null }[]> {
  if (list.length === 0) return [];
  const keyOf = (d: { name: string; digest: string }) => `${d.name}\u0000${d.digest}`;
  const entries = [...new Map(list.map((d) => [keyOf(d.dataset), d])).values()];
  const rows = await tx
    .insert(datasets)
    .values(
      entries.map(({ dataset }) => ({
        experimentId: run.experimentId,
        name: dataset.name,
        digest: dataset.digest,
        sourceType: dataset.sourceType,
        source: dataset.source,
        schema: dataset.schema ?? null,
        profile: dataset.profile ?? null,
      })),
    )
    // A no-op update so that RETURNING yields existing rows as well as new ones.
    .onConflictDoUpdate({ target: [datasets.experimentId, datasets.name, datasets.digest], set: { digest: sql`${datasets.digest}` } })
    .returning({ id: datasets.id, name: datasets.name, digest: datasets.digest });
  const idOf = new Map(rows.map((r) => [keyOf(r), r.id]));
  const added = await tx
    .insert(runInputs)
    .values(entries.map((d) => ({ runId: run.id, datasetId: idOf.get(keyOf(d.dataset))!, context: d.context ?? null, tags: d.tags ?? {} })))
    .onConflictDoNothing()
    .returning({ datasetId: runInputs.datasetId });
  const addedIds = new Set(added.map((a) => a.datasetId));
  return entries.filter((d) => addedIds.has(idOf.get(keyOf(d.dataset))!)).map((d) => ({ name: d.dataset.name, digest: d.dataset.digest, context: d.context ?? null }));
}

export const logInputs = defineService({
  name: 'runs.log_inputs',
  permission: 'run.update',
  input: LogInputsInput,
  async run({ tx, actor }, input) {
    const { run } = await loadRunForWrite(tx, actor, input.id, 'run.update');
    const added = await writeInputs(tx, run, input.datasets);
    const inputs = await listInputsOfRun(tx, run.id);
    await recordAudit(tx, actor, 'run.log_inputs', { type: 'run', id: run.id }, { after: { added, alreadyLogged: input.datasets.length - added.length } });
    return { runId: run.id, inputs };
  },
});

export const listRunInputs = defineService({
  name: 'runs.list_inputs',
  permission: 'read',
  input: RunRef,
  async run({ tx }, input) {
    await getRunRow(tx, input.id);
    return { runId: input.id, inputs: await listInputsOfRun(tx, input.id) };
  },
});

export const listExperimentDatasets = defineService({
  name: 'experiments.list_datasets',
  permission: 'read',
  input: ExperimentRef,
  async run({ tx }, input) {
    await getExperimentRow(tx, input.id);
    const rows = await tx.select().from(datasets).where(eq(datasets.experimentId, input.id)).orderBy(asc(datasets.name), asc(datasets.createdAt));
    return { experimentId: String(input.id), datasets: rows.map(toDatasetView) };
  },
});
