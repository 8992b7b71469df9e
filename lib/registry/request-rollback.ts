import 'server-only';
import { defineService } from '@/lib/services/define-service';
import { loadModelForWrite } from './access';
import { openRequest } from './open-request';
import { rollbackTarget } from './rollback-target';
import { RequestRollbackInput } from './schemas';

/**
 * Asks to roll Production back to version k (default: the previous Production holder, from the history).
 * It is a request of kind `rollback` on the ordinary approval path, with the Production policy's count;
 * the current holder is archived when it is applied.
 */
export const requestRollback = defineService({
  name: 'registry.request_rollback',
  permission: 'transition.request',
  input: RequestRollbackInput,
  async run({ tx, actor }, input) {
    const model = await loadModelForWrite(tx, actor, { name: input.name }, 'transition.request');
    const version = await rollbackTarget(tx, model, input.version);
    return openRequest(tx, actor, model, version, { kind: 'rollback', target: 'Production', comment: input.comment });
  },
});
