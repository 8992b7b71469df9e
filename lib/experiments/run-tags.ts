import 'server-only';
import { and, eq } from 'drizzle-orm';
import { runs, runTags } from '@/db/schema/tracking';
import { recordAudit } from '@/lib/audit/record-audit';
import { NotFoundError, RuleViolationError } from '@/lib/errors';
import type { z } from 'zod';
import { defineService, validationErrorFrom, type ServiceContext } from '@/lib/services/define-service';
import { loadRunForWrite } from './access';
import './constraints';
import { columnClearedByTagDelete, writeTags } from './run-writes';
import { DeleteRunTagInput, SetRunTagInput, SYSTEM_TAGS } from './schemas';

/**
 * The body of `setRunTag`, for services that set a tag inside their own transaction (the log-model
 * history): the same input rules, run lock, write and audit event.
 */
export async function setRunTagInTx({ tx, actor }: ServiceContext, raw: z.input<typeof SetRunTagInput>) {
  const parsed = SetRunTagInput.safeParse(raw);
  if (!parsed.success) throw validationErrorFrom(parsed.error);
  const input = parsed.data;
  const { run } = await loadRunForWrite(tx, actor, input.id, 'run.update');
  const before = await writeTags(tx, run, [{ key: input.key, value: input.value }]);
  const result = { runId: run.id, key: input.key, value: input.value };
  await recordAudit(tx, actor, 'run.set_tag', { type: 'run', id: run.id }, { before: { key: input.key, value: before.get(input.key) ?? null }, after: result });
  return result;
}

/** Sets one tag; a system tag (`mlflow.runName`, …) also changes the run column it mirrors. */
export const setRunTag = defineService({
  name: 'runs.set_tag',
  permission: 'run.update',
  input: SetRunTagInput,
  run: (ctx, input) => setRunTagInTx(ctx, input),
});

/** Deletes one tag; deleting a system tag clears its column, except the run name, which every run has. */
export const deleteRunTag = defineService({
  name: 'runs.delete_tag',
  permission: 'run.update',
  input: DeleteRunTagInput,
  async run({ tx, actor }, input) {
    const { run } = await loadRunForWrite(tx, actor, input.id, 'run.update');
    if (input.key === SYSTEM_TAGS.runName) {
      throw new RuleViolationError('system_tag', `${SYSTEM_TAGS.runName} mirrors the run name and cannot be deleted; rename the run instead.`);
    }
    const [old] = await tx
      .delete(runTags)
      .where(and(eq(runTags.runId, run.id), eq(runTags.key, input.key)))
      .returning();
    if (!old) throw new NotFoundError(`Tag on run ${run.id}`, input.key);
    const column = columnClearedByTagDelete(input.key);
    if (column) await tx.update(runs).set({ [column]: null }).where(eq(runs.id, run.id));
    const result = { runId: run.id, key: input.key, value: null };
    await recordAudit(tx, actor, 'run.delete_tag', { type: 'run', id: run.id }, { before: { key: input.key, value: old.value }, after: result });
    return result;
  },
});
