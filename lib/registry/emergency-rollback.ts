import 'server-only';
import { recordAudit } from '@/lib/audit/record-audit';
import { defineService } from '@/lib/services/define-service';
import { loadModelForWrite } from './access';
import { moveVersionToStage } from './apply-transition';
import { rollbackTarget } from './rollback-target';
import { EmergencyRollbackInput } from './schemas';
import { loadModelView } from './views';

/**
 * Admin-only: puts version k (default the previous Production holder) back in Production at once, without
 * approval, archiving the current holder. A reason is required; the history marks the moves as emergency
 * and the audit log records `transition.emergency_rollback`. Pending requests that expected the old
 * holder become stale.
 */
export const emergencyRollback = defineService({
  name: 'registry.emergency_rollback',
  permission: 'rollback.emergency',
  input: EmergencyRollbackInput,
  async run({ tx, actor }, input) {
    const model = await loadModelForWrite(tx, actor, { name: input.name }, 'rollback.emergency');
    const version = await rollbackTarget(tx, model, input.version);
    const moves = await moveVersionToStage(tx, actor, model, version, 'Production', { archiveExisting: true, emergency: true, reason: input.reason });
    await recordAudit(
      tx,
      actor,
      'transition.emergency_rollback',
      { type: 'model_version', id: version.id },
      {
        before: { model: model.name, versions: moves.map((m) => ({ version: m.version, stage: m.from })) },
        after: { model: model.name, reason: input.reason, versions: moves.map((m) => ({ version: m.version, stage: m.to })) },
      },
    );
    return { model: await loadModelView(tx, model.id), archived: moves.filter((m) => m.to === 'Archived').map((m) => m.version), restored: version.version };
  },
});
