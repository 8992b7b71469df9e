import 'server-only';
import { and, eq } from 'drizzle-orm';
import { experiments, experimentTags } from '@/db/schema/tracking';
import { recordAudit } from '@/lib/audit/record-audit';
import { NotFoundError } from '@/lib/errors';
import { defineService } from '@/lib/services/define-service';
import { loadExperimentForWrite } from './access';
import { loadExperimentView } from './experiment-view';
import { DeleteExperimentTagInput, SetExperimentTagInput, UpdateExperimentInput } from './schemas';

/** Renames an experiment or edits its description; needs EDIT on it. Deleted experiments cannot be renamed (MLflow). */
export const updateExperiment = defineService({
  name: 'experiments.update',
  permission: 'experiment.update',
  input: UpdateExperimentInput,
  async run({ tx, actor }, input) {
    await loadExperimentForWrite(tx, actor, input.id, 'experiment.update');
    const before = await loadExperimentView(tx, input.id);
    await tx
      .update(experiments)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        updatedAt: new Date(),
      })
      .where(eq(experiments.id, input.id));
    const after = await loadExperimentView(tx, input.id);
    const action = input.name !== undefined && input.name !== before.name ? 'experiment.rename' : 'experiment.update';
    await recordAudit(tx, actor, action, { type: 'experiment', id: input.id }, { before, after });
    return after;
  },
});

export const setExperimentTag = defineService({
  name: 'experiments.set_tag',
  permission: 'experiment.update',
  input: SetExperimentTagInput,
  async run({ tx, actor }, input) {
    await loadExperimentForWrite(tx, actor, input.id, 'experiment.update');
    const [old] = await tx
      .select({ value: experimentTags.value })
      .from(experimentTags)
      .where(and(eq(experimentTags.experimentId, input.id), eq(experimentTags.key, input.key)));
    await tx
      .insert(experimentTags)
      .values({ experimentId: input.id, key: input.key, value: input.value })
      .onConflictDoUpdate({ target: [experimentTags.experimentId, experimentTags.key], set: { value: input.value } });
    await tx.update(experiments).set({ updatedAt: new Date() }).where(eq(experiments.id, input.id));
    const after = await loadExperimentView(tx, input.id);
    await recordAudit(tx, actor, 'experiment.set_tag', { type: 'experiment', id: input.id }, { before: { key: input.key, value: old?.value ?? null }, after: { key: input.key, value: input.value } });
    return after;
  },
});

export const deleteExperimentTag = defineService({
  name: 'experiments.delete_tag',
  permission: 'experiment.update',
  input: DeleteExperimentTagInput,
  async run({ tx, actor }, input) {
    await loadExperimentForWrite(tx, actor, input.id, 'experiment.update');
    const [old] = await tx
      .delete(experimentTags)
      .where(and(eq(experimentTags.experimentId, input.id), eq(experimentTags.key, input.key)))
      .returning();
    if (!old) throw new NotFoundError(`Tag on experiment ${input.id}`, input.key);
    await tx.update(experiments).set({ updatedAt: new Date() }).where(eq(experiments.id, input.id));
    const after = await loadExperimentView(tx, input.id);
    await recordAudit(tx, actor, 'experiment.delete_tag', { type: 'experiment', id: input.id }, { before: { key: input.key, value: old.value }, after: { key: input.key, value: null } });
    return after;
  },
});
