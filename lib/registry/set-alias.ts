import 'server-only';
import { recordAudit } from '@/lib/audit/record-audit';
import { defineService } from '@/lib/services/define-service';
import { loadModelForWrite, lockVersion } from './access';
import { refuseDirectMoveOfProtectedAlias, isProtectedAlias } from './alias-rules';
import { moveAlias } from './apply-transition';
import { SetAliasInput } from './schemas';

/**
 * Points an alias at a version of the model (EDIT on it), creating or moving it. A protected alias is
 * refused with `alias_protected` unless the policy asks for 0 approvals; use requestTransition (kind alias).
 */
export const setAlias = defineService({
  name: 'registry.set_alias',
  permission: 'model.update',
  input: SetAliasInput,
  async run({ tx, actor }, input) {
    const model = await loadModelForWrite(tx, actor, { name: input.name }, 'model.update');
    const version = await lockVersion(tx, { modelId: model.id, version: input.version }, `${model.name} v${input.version}`);
    await refuseDirectMoveOfProtectedAlias(tx, model, input.alias);
    const move = await moveAlias(tx, actor, model, version, input.alias);
    await recordAudit(tx, actor, 'alias.set', { type: 'registered_model', id: model.id }, { before: { alias: input.alias, version: move.from }, after: { alias: input.alias, version: move.to } });
    return { modelName: model.name, alias: input.alias, version: move.to, protected: await isProtectedAlias(tx, model.id, input.alias) };
  },
});
