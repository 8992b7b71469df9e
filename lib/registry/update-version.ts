import 'server-only';
import { and, eq } from 'drizzle-orm';
import { modelVersions, modelVersionTags } from '@/db/schema/registry';
import { recordAudit } from '@/lib/audit/record-audit';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { defineService } from '@/lib/services/define-service';
import { loadVersionForWrite } from './access';
import { DeleteVersionTagInput, MODEL_CARD_FIELDS, SetVersionTagInput, UpdateVersionInput } from './schemas';
import { loadVersionView } from './views';

const EDITABLE = ['description', 'status', 'statusMessage', ...MODEL_CARD_FIELDS] as const;

/**
 * Edits a version's description, registration status or model card (EDIT on the model). Only the fields
 * given change; null clears a text field. The stage is not editable here: it moves through transitions.
 */
export const updateVersion = defineService({
  name: 'registry.update_version',
  permission: 'version.update',
  input: UpdateVersionInput,
  async run({ tx, actor }, input) {
    const changes = Object.fromEntries(EDITABLE.filter((f) => input[f] !== undefined).map((f) => [f, input[f]]));
    if (Object.keys(changes).length === 0) {
      throw new ValidationError(`nothing to change: give one of ${EDITABLE.join(', ')}`, [{ path: '(input)', message: 'nothing to change' }]);
    }
    const { version } = await loadVersionForWrite(tx, actor, input, 'version.update');
    const before = await loadVersionView(tx, version.id);
    await tx
      .update(modelVersions)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(modelVersions.id, version.id));
    const after = await loadVersionView(tx, version.id);
    const pick = (v: typeof before) => ({ description: v.description, status: v.status, statusMessage: v.statusMessage, card: v.card });
    await recordAudit(tx, actor, 'version.update', { type: 'model_version', id: version.id }, { before: pick(before), after: pick(after) });
    return after;
  },
});

export const setVersionTag = defineService({
  name: 'registry.set_version_tag',
  permission: 'version.update',
  input: SetVersionTagInput,
  async run({ tx, actor }, input) {
    const { version } = await loadVersionForWrite(tx, actor, input, 'version.update');
    const [old] = await tx
      .select({ value: modelVersionTags.value })
      .from(modelVersionTags)
      .where(and(eq(modelVersionTags.versionId, version.id), eq(modelVersionTags.key, input.key)));
    await tx
      .insert(modelVersionTags)
      .values({ versionId: version.id, key: input.key, value: input.value })
      .onConflictDoUpdate({ target: [modelVersionTags.versionId, modelVersionTags.key], set: { value: input.value } });
    await tx.update(modelVersions).set({ updatedAt: new Date() }).where(eq(modelVersions.id, version.id));
    const after = await loadVersionView(tx, version.id);
    await recordAudit(tx, actor, 'version.set_tag', { type: 'model_version', id: version.id }, { before: { key: input.key, value: old?.value ?? null }, after: { key: input.key, value: input.value } });
    return after;
  },
});

export const deleteVersionTag = defineService({
  name: 'registry.delete_version_tag',
  permission: 'version.update',
  input: DeleteVersionTagInput,
  async run({ tx, actor }, input) {
    const { model, version } = await loadVersionForWrite(tx, actor, input, 'version.update');
    const [old] = await tx
      .delete(modelVersionTags)
      .where(and(eq(modelVersionTags.versionId, version.id), eq(modelVersionTags.key, input.key)))
      .returning();
    if (!old) throw new NotFoundError(`Tag on ${model.name} v${version.version}`, input.key);
    await tx.update(modelVersions).set({ updatedAt: new Date() }).where(eq(modelVersions.id, version.id));
    const after = await loadVersionView(tx, version.id);
    await recordAudit(tx, actor, 'version.delete_tag', { type: 'model_version', id: version.id }, { before: { key: input.key, value: old.value }, after: { key: input.key, value: null } });
    return after;
  },
});
