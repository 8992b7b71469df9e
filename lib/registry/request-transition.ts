import 'server-only';
import { defineService } from '@/lib/services/define-service';
import { loadVersionForWrite } from './access';
import { openRequest } from './open-request';
import { RequestTransitionInput } from './schemas';

/**
 * Asks to move a version into a stage (kind `stage`) or to point an alias at it (kind `alias`). The request
 * waits for the approvals the model's policy asks for; with 0 it is applied at once (`applied: true`).
 * Refusals: `no_change`, `version_not_ready`, `production_occupied` (archiveExisting false), `already_pending`.
 */
export const requestTransition = defineService({
  name: 'registry.request_transition',
  permission: 'transition.request',
  input: RequestTransitionInput,
  async run({ tx, actor }, input) {
    const { model, version } = await loadVersionForWrite(tx, actor, input, 'transition.request');
    return openRequest(tx, actor, model, version, { kind: input.kind, target: input.target, archiveExisting: input.archiveExisting, comment: input.comment });
  },
});
