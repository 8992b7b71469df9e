import 'server-only';
import { eq } from 'drizzle-orm';
import { registeredModels } from '@/db/schema/registry';
import { recordAudit } from '@/lib/audit/record-audit';
import { defineService } from '@/lib/services/define-service';
import { loadModelForWrite } from './access';
import { RenameModelInput } from './schemas';
import { loadModelView } from './views';

/** Renames a model (EDIT on it). Versions, aliases, requests and history follow by id; the unique index refuses a taken name. */
export const renameModel = defineService({
  name: 'registry.rename_model',
  permission: 'model.update',
  input: RenameModelInput,
  async run({ tx, actor }, input) {
    const model = await loadModelForWrite(tx, actor, { name: input.name }, 'model.update');
    await tx.update(registeredModels).set({ name: input.newName, updatedAt: new Date() }).where(eq(registeredModels.id, model.id));
    const after = await loadModelView(tx, model.id);
    await recordAudit(tx, actor, 'model.rename', { type: 'registered_model', id: model.id }, { before: { name: model.name }, after: { name: after.name } });
    return after;
  },
});
