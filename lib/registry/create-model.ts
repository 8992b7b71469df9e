import 'server-only';
import { registeredModels, registeredModelTags } from '@/db/schema/registry';
import { recordAudit } from '@/lib/audit/record-audit';
import { defineService } from '@/lib/services/define-service';
import './constraints';
import { CreateModelInput } from './schemas';
import { loadModelView } from './views';

/** Registers a model owned by the caller (owner = MANAGE). The unique index decides between two creators of one name. */
export const createModel = defineService({
  name: 'registry.create_model',
  permission: 'model.create',
  input: CreateModelInput,
  async run({ tx, actor }, input) {
    const [row] = await tx.insert(registeredModels).values({ name: input.name, description: input.description ?? null, ownerId: actor.userId }).returning();
    const tags = Object.entries(input.tags ?? {});
    if (tags.length) await tx.insert(registeredModelTags).values(tags.map(([key, value]) => ({ modelId: row.id, key, value })));
    const view = await loadModelView(tx, row.id);
    await recordAudit(tx, actor, 'model.create', { type: 'registered_model', id: row.id }, { after: view });
    return view;
  },
});
