import 'server-only';
import { recordAudit } from '@/lib/audit/record-audit';
import { defineService } from '@/lib/services/define-service';
import { loadRunForWrite } from './access';
import './constraints';
import { writeParams } from './run-writes';
import { LogParamInput } from './schemas';

/** Logs one param. Same value again: accepted, nothing changes. Another value: ConflictError `param_immutable`. */
export const logParam = defineService({
  name: 'runs.log_param',
  permission: 'run.update',
  input: LogParamInput,
  async run({ tx, actor }, input) {
    const { run } = await loadRunForWrite(tx, actor, input.id, 'run.update');
    const { written } = await writeParams(tx, run, [{ key: input.key, value: input.value }]);
    const result = { runId: run.id, key: input.key, value: input.value };
    if (written > 0) await recordAudit(tx, actor, 'run.log_param', { type: 'run', id: run.id }, { before: { key: input.key, value: null }, after: result });
    return result;
  },
});
