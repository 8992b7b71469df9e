import 'server-only';
import { eq } from 'drizzle-orm';
import { registeredModels } from '@/db/schema/registry';
import { recordAudit } from '@/lib/audit/record-audit';
import { RuleViolationError } from '@/lib/errors';
import { defineService } from '@/lib/services/define-service';
import { findProductionHolder, loadModelForWrite } from './access';
import { ModelRef, ModelView } from './schemas';
import { loadModelView } from './views';

/**
 * Deletes a model with its versions, aliases, requests and history (MANAGE on it). Refused while a version
 * is in Production: take it out through a transition first, so that the change is signed off. The audit
 * log keeps the model as it was.
 */
export const deleteModel = defineService({
  name: 'registry.delete_model',
  permission: 'model.delete',
  input: ModelRef,
  async run({ tx, actor }, input): Promise<ModelView> {
    const model = await loadModelForWrite(tx, actor, { name: input.name }, 'model.delete');
    const production = await findProductionHolder(tx, model.id);
    if (production) {
      throw new RuleViolationError('model_in_production', `Model '${model.name}' has version ${production.version} in Production; archive it before deleting the model.`, { version: production.version });
    }
    const before = await loadModelView(tx, model.id);
    await tx.delete(registeredModels).where(eq(registeredModels.id, model.id));
    await recordAudit(tx, actor, 'model.delete', { type: 'registered_model', id: model.id }, { before });
    return before;
  },
});
