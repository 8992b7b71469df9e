import 'server-only';
import { and, eq } from 'drizzle-orm';
import { registeredModels, registeredModelTags } from '@/db/schema/registry';
import { recordAudit } from '@/lib/audit/record-audit';
import { NotFoundError } from '@/lib/errors';
import { defineService } from '@/lib/services/define-service';
import { loadModelForWrite } from './access';
import { DeleteModelTagInput, SetModelTagInput, UpdateModelInput } from './schemas';
import { loadModelView } from './views';

/** Edits a model's markdown description (EDIT on it); null clears it. */
export const updateModel = defineService({
  name: 'registry.update_model',
  permission: 'model.update',
  input: UpdateModelInput,
  async run({ tx, actor }, input) {
    const model = await loadModelForWrite(tx, actor, { name: input.name }, 'model.update');
    await tx.update(registeredModels).set({ description: input.description, updatedAt: new Date() }).where(eq(registeredModels.id, model.id));
    const after = await loadModelView(tx, model.id);
    await recordAudit(tx, actor, 'model.update', { type: 'registered_model', id: model.id }, { before: { description: model.description }, after: { description: after.description } });
    return after;
  },
});

export const setModelTag = defineService({
  name: 'registry.set_model_tag',
  permission: 'model.update',
  input: SetModelTagInput,
  async run({ tx, actor }, input) {
    const model = await loadModelForWrite(tx, actor, { name: input.name }, 'model.update');
    const [old] = await tx
      .select({ value: registeredModelTags.value })
      .from(registeredModelTags)
      .where(and(eq(registeredModelTags.modelId, model.id), eq(registeredModelTags.key, input.key)));
    await tx
      .insert(registeredModelTags)
      .values({ modelId: model.id, key: input.key, value: input.value })
      .onConflictDoUpdate({ target: [registeredModelTags.modelId, registeredModelTags.key], set: { value: input.value } });
    await tx.update(registeredModels).set({ updatedAt: new Date() }).where(eq(registeredModels.id, model.id));
    const after = await loadModelView(tx, model.id);
    await recordAudit(tx, actor, 'model.set_tag', { type: 'registered_model', id: model.id }, { before: { key: input.key, value: old?.value ?? null }, after: { key: input.key, value: input.value } });
    return after;
  },
});

export const deleteModelTag = defineService({
  name: 'registry.delete_model_tag',
  permission: 'model.update',
  input: DeleteModelTagInput,
  async run({ tx, actor }, input) {
    const model = await loadModelForWrite(tx, actor, { name: input.name }, 'model.update');
    const [old] = await tx
      .delete(registeredModelTags)
      .where(and(eq(registeredModelTags.modelId, model.id), eq(registeredModelTags.key, input.key)))
      .returning();
    if (!old) throw new NotFoundError(`Tag on model '${model.name}'`, input.key);
    await tx.update(registeredModels).set({ updatedAt: new Date() }).where(eq(registeredModels.id, model.id));
    const after = await loadModelView(tx, model.id);
    await recordAudit(tx, actor, 'model.delete_tag', { type: 'registered_model', id: model.id }, { before: { key: input.key, value: old.value }, after: { key: input.key, value: null } });
    return after;
  },
});
